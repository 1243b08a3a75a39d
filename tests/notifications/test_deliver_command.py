"""`chinhquyenso notify deliver`: one run, or a loop that keeps sending what becomes due."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from chinhquyenso.core.management.commands import notify as command
from chinhquyenso.core.models import Notification
from chinhquyenso.core.notifications import notification_send
from chinhquyenso.core.notifications.adapters.fakes import FakeSmsGateway
from tests.notifications.conftest import OTP

pytestmark = pytest.mark.django_db


def _queue(n: int) -> None:
    for i in range(n):
        notification_send(channel="sms", to=f"09123456{i:02d}", template="otp_code", context=OTP)


def test_one_run_sends_at_most_the_limit_and_reports(by_command):
    _queue(3)
    out = StringIO()
    call_command("notify", "deliver", "--limit", "2", stdout=out)
    assert out.getvalue().strip() == "notify deliver: 2 sent, 0 to retry later, 0 failed."
    assert Notification.objects.filter(status="pending").count() == 1


def test_the_loop_picks_up_messages_queued_while_it_runs(by_command, monkeypatch):
    _queue(1)
    naps = []

    def nap(seconds):
        naps.append(seconds)
        if len(naps) == 1:
            _queue(2)  # arrives while the loop sleeps
        else:
            raise KeyboardInterrupt

    monkeypatch.setattr(command.time, "sleep", nap)
    out = StringIO()
    call_command("notify", "deliver", "--loop", "--interval", "3", stdout=out)
    assert naps == [3, 3]
    assert len(FakeSmsGateway.messages()) == 3
    assert out.getvalue().splitlines() == [
        "notify deliver: 1 sent, 0 to retry later, 0 failed.",
        "notify deliver: 2 sent, 0 to retry later, 0 failed.",
    ]
