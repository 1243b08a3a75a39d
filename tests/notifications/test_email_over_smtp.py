"""E-mail through a real SMTP server on a loopback port: what arrives, when, and what happens when it is down."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from chinhquyenso.core.models import Notification
from chinhquyenso.core.notifications import notification_send
from chinhquyenso.core.notifications.delivery import notifications_deliver
from chinhquyenso.core.notifications.worker import notifications_wait_idle
from tests.notifications.conftest import OTP

pytestmark = pytest.mark.django_db(transaction=True)


def _send_otp(to="an.nguyen@example.vn", **kwargs) -> Notification:
    with transaction.atomic():
        return notification_send(channel="email", to=to, template="otp_code", context=OTP, **kwargs)


def test_the_citizen_receives_the_vietnamese_message_after_commit(smtp_server):
    row = _send_otp(reference="otp-login")
    mail = smtp_server.wait_for(1)[0]
    assert mail.to == ["an.nguyen@example.vn"]
    assert mail.sender == "khong-tra-loi@chinhquyenso.local"
    assert mail.subject == "Mã xác thực Cổng dịch vụ công: 482913"
    assert "Mã xác thực của bạn là: 482913" in mail.text
    assert "hiệu lực trong 5 phút" in mail.text
    assert notifications_wait_idle()
    row.refresh_from_db()
    assert row.status == "sent" and row.attempts == 1 and row.sent_at is not None
    assert row.provider_message_id == mail.message_id


def test_a_rolled_back_transaction_sends_nothing(smtp_server):
    with pytest.raises(RuntimeError), transaction.atomic():
        notification_send(channel="email", to="an.nguyen@example.vn", template="otp_code", context=OTP)
        raise RuntimeError("the caller's action failed")
    assert notifications_wait_idle()
    assert Notification.objects.count() == 0
    with pytest.raises(AssertionError):
        smtp_server.wait_for(1, timeout=0.5)


def test_the_request_does_not_wait_for_a_slow_mail_server(smtp_server):
    smtp_server.delay = 1.5
    started = timezone.now()
    _send_otp()
    assert (timezone.now() - started).total_seconds() < 1.0
    smtp_server.wait_for(1, timeout=10)


def test_mail_server_down_keeps_the_message_and_the_worker_sends_it_when_it_is_back(smtp_server, settings):
    settings.NOTIFY_RETRY_BASE_SECONDS = 1
    smtp_server.stop()
    row = _send_otp()
    assert notifications_wait_idle()
    row.refresh_from_db()
    assert row.status == "pending" and row.attempts >= 1
    assert row.last_error.startswith("smtp_unreachable")
    assert row.next_attempt_at > row.updated_at
    smtp_server.start()
    smtp_server.wait_for(1, timeout=15)
    assert notifications_wait_idle()
    row.refresh_from_db()
    assert row.status == "sent" and row.attempts >= 2 and row.last_error == ""


def test_a_temporary_refusal_is_retried_with_doubling_back_off(smtp_server, by_command):
    by_command.NOTIFY_RETRY_BASE_SECONDS = 60
    smtp_server.fail_next(2)
    row = _send_otp()
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        notifications_deliver()
        row.refresh_from_db()
        assert (row.status, row.attempts) == ("pending", 1) and row.last_error.startswith("smtp_451")
        assert row.next_attempt_at == start + timedelta(seconds=60)
        assert notifications_deliver().processed == 0  # not due yet
        clock.shift(timedelta(seconds=61))
        notifications_deliver()
        row.refresh_from_db()
        assert row.attempts == 2 and row.next_attempt_at == start + timedelta(seconds=61 + 120)
        clock.shift(timedelta(seconds=121))
        call_command("notify", "deliver")
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("sent", 3)
    assert len(smtp_server.wait_for(1)) == 1


def test_an_unknown_mailbox_fails_at_once(smtp_server, by_command):
    smtp_server.refuse("khong.ton.tai@example.vn")
    row = _send_otp(to="khong.ton.tai@example.vn")
    summary = notifications_deliver()
    row.refresh_from_db()
    assert summary.failed == 1
    assert (row.status, row.attempts) == ("failed", 1) and row.last_error.startswith("smtp_550")


def test_gives_up_after_the_maximum_attempts(smtp_server, by_command):
    by_command.NOTIFY_MAX_ATTEMPTS = 3
    smtp_server.stop()
    row = _send_otp()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(3):
            notifications_deliver()
            clock.shift(timedelta(hours=7))
        assert notifications_deliver().processed == 0  # failed rows are left alone
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("failed", 3)
    assert "gave up after 3 attempts" in row.last_error


def test_two_deliverers_never_send_a_message_twice(smtp_server, by_command):
    import threading

    smtp_server.delay = 0.02
    rows = [_send_otp(to=f"cong.dan{i}@example.vn") for i in range(16)]
    barrier = threading.Barrier(2)
    summaries = []

    def run():
        from django.db import connection

        barrier.wait()
        try:
            summaries.append(notifications_deliver())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    received = smtp_server.wait_for(16)
    assert sorted(m.to[0] for m in received) == sorted(r.recipient for r in rows)
    assert len({m.message_id for m in received}) == 16
    assert sum(s.sent for s in summaries) == 16
    assert all(s.sent > 0 for s in summaries)  # both took part
    assert set(Notification.objects.values_list("status", "attempts")) == {("sent", 1)}
