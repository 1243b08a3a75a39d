"""Bad or missing portal settings give a clear error naming the variable, before anything is sent."""

import pytest
from django.core import checks
from django.core.management import call_command
from django.core.management.base import CommandError

from chinhquyenso.dvcqg.models import OutboxItem, OutboxStatus
from tests.dvcqg.conftest import enqueue, make_snapshot

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DVCQG_CREATE_URL", None, "CQS_DVCQG_CREATE_URL is not set"),
        ("DVCQG_UPDATE_URL", "dvcqg.gov.vn/cap-nhat", "CQS_DVCQG_UPDATE_URL must be an http:// or https:// URL"),
        ("DVCQG_HISTORY_URL", "ftp://dvcqg.gov.vn/x", "CQS_DVCQG_HISTORY_URL must be an http:// or https:// URL"),
        ("DVCQG_TOKEN", "", "CQS_DVCQG_TOKEN is not set"),
        ("DVCQG_TIMEOUT_SECONDS", 0, "CQS_DVCQG_TIMEOUT_SECONDS must be a positive number"),
        ("DVCQG_MAX_ATTEMPTS", 0, "CQS_DVCQG_MAX_ATTEMPTS must be a positive integer"),
        ("DVCQG_RETRY_BASE_SECONDS", -5, "CQS_DVCQG_RETRY_BASE_SECONDS must be a positive number"),
    ],
)
def test_the_sync_command_refuses_bad_settings_and_sends_nothing(portal, settings, name, value, message):
    setattr(settings, name, value)
    (item,) = enqueue(make_snapshot())
    with pytest.raises(CommandError, match=message) as caught:
        call_command("sync", "dvcqg")
    assert caught.value.returncode == 2
    assert portal.requests == []
    item.refresh_from_db()
    assert (item.status, item.attempts) == (OutboxStatus.PENDING, 0)
    assert OutboxItem.objects.count() == 1


def test_a_half_configured_portal_is_reported_by_the_system_check(settings):
    settings.DVCQG_CREATE_URL = "https://dichvucong.gov.vn/api/them-moi"
    settings.DVCQG_UPDATE_URL = None
    errors = [e for e in checks.run_checks() if e.id == "dvcqg.E001"]
    assert len(errors) == 1 and "CQS_DVCQG_UPDATE_URL" in errors[0].msg


def test_an_unconfigured_portal_is_not_an_error(settings):
    for name in ("DVCQG_CREATE_URL", "DVCQG_UPDATE_URL", "DVCQG_HISTORY_URL", "DVCQG_TOKEN"):
        setattr(settings, name, None)
    assert not [e for e in checks.run_checks() if e.id == "dvcqg.E001"]


def test_limit_must_be_a_positive_number():
    with pytest.raises(CommandError):
        call_command("sync", "dvcqg", "--limit", "0")
