from __future__ import annotations

import pytest

from chinhquyenso.core.notifications.adapters.fakes import FakeSmsGateway, FakeZaloOA
from chinhquyenso.core.notifications.worker import notifications_wait_idle


@pytest.fixture(autouse=True)
def _fakes_start_empty():
    FakeSmsGateway.reset()
    FakeZaloOA.reset()
    yield
    notifications_wait_idle(5)  # nothing of this test is still being sent when the next one starts
    FakeSmsGateway.reset()
    FakeZaloOA.reset()


@pytest.fixture
def by_command(settings):
    """Only `notify deliver` sends: the test decides when each attempt happens."""
    settings.NOTIFY_DELIVERY = "command"
    return settings


OTP = {"code": "482913", "minutes": 5}
