"""The system administrator's list of recent notifications: state, attempts, errors, Excel, send again."""

from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import load_workbook

from chinhquyenso.core.models import AuditEvent, Notification, User
from chinhquyenso.core.notifications import notification_send
from chinhquyenso.core.notifications.delivery import notifications_deliver
from tests.notifications.conftest import OTP

pytestmark = pytest.mark.django_db
URL = "/he-thong/thong-bao/"


@pytest.fixture
def outbox(demo, by_command):
    by_command.SMS_API_KEY = "wrong-key"
    by_command.NOTIFY_MAX_ATTEMPTS = 1
    notification_send(channel="email", to="an.nguyen@example.vn", template="otp_code", context=OTP, reference="R-1")
    failed = notification_send(channel="sms", to="0912345678", template="otp_code", context=OTP, reference="R-2")
    notifications_deliver()
    failed.refresh_from_db()
    return failed


def test_the_administrator_sees_status_attempts_and_error(client, outbox):
    client.force_login(User.objects.get(username="admin"))
    page = client.get(URL).content.decode()
    assert "an.nguyen@example.vn" in page and "+84912345678" in page
    assert "Thất bại" in page and "unauthorized" in page and "gave up after 1 attempts" in page
    assert "Mã xác thực Cổng dịch vụ công: ••••••" in page and OTP["code"] not in page  # codes stay secret
    only_failed = client.get(URL, {"status": "failed"}).content.decode()
    assert "+84912345678" in only_failed and "an.nguyen@example.vn" not in only_failed
    by_phone = client.get(URL, {"q": "0912 345 678"}).content.decode()
    assert "+84912345678" in by_phone and "an.nguyen@example.vn" not in by_phone


def test_the_excel_export_has_one_row_per_message(client, outbox):
    client.force_login(User.objects.get(username="admin"))
    response = client.get(URL, {"format": "xlsx"})
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Thời điểm tạo", "Kênh gửi", "Người nhận")
    assert {(r[2], r[5]) for r in rows[1:]} == {("an.nguyen@example.vn", "Đã gửi"), ("+84912345678", "Thất bại")}


def test_other_staff_may_not_see_it(client, outbox):
    client.force_login(User.objects.get(username="motcua"))
    assert client.get(URL).status_code == 403
    assert client.post(f"{URL}{outbox.pk}/gui-lai/").status_code == 403


def test_a_failed_message_can_be_sent_again_and_is_audited(client, outbox, by_command):
    client.force_login(User.objects.get(username="admin"))
    by_command.SMS_API_KEY = "fake-sms-key"
    response = client.post(f"{URL}{outbox.pk}/gui-lai/", follow=True)
    assert "Thông báo đã được đưa lại vào hàng đợi." in response.content.decode()
    outbox.refresh_from_db()
    assert (outbox.status, outbox.attempts) == ("pending", 0)
    assert AuditEvent.objects.filter(action="notification.retry", object_id=str(outbox.pk)).exists()
    notifications_deliver()
    outbox.refresh_from_db()
    assert outbox.status == "sent"
    again = client.post(f"{URL}{outbox.pk}/gui-lai/", follow=True).content.decode()
    assert "Chỉ gửi lại được thông báo đã thất bại." in again
    assert Notification.objects.count() == 2  # sending again re-used the row
