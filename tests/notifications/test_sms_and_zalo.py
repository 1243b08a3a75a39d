"""SMS and Zalo through their fakes, which enforce the providers' contracts and record what would be sent."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from chinhquyenso.core.errors import ValidationFailed
from chinhquyenso.core.models import Notification
from chinhquyenso.core.notifications import notification_send
from chinhquyenso.core.notifications.adapters import DeliveryError
from chinhquyenso.core.notifications.adapters.fakes import FakeSmsGateway, FakeZaloOA
from chinhquyenso.core.notifications.adapters.sms import SmsAdapter
from chinhquyenso.core.notifications.delivery import notifications_deliver
from chinhquyenso.core.notifications.worker import notifications_wait_idle
from tests.notifications.conftest import OTP

PAYMENT = {"code": "000.01.27.H56-260302-0001", "amount": 150000, "name": "Nguyễn Văn An"}


@pytest.mark.django_db(transaction=True)
def test_the_fake_gateway_records_the_sms_sent_in_the_background():
    with transaction.atomic():
        row = notification_send(channel="sms", to="0912 345 678", template="otp_code", context=OTP)
    assert row.recipient == "+84912345678"
    assert notifications_wait_idle()
    [sms] = FakeSmsGateway.messages(to="+84912345678")
    assert sms.text == "Mã xác thực 482913, hiệu lực 5 phút. Không cung cấp mã cho bất kỳ ai."
    assert sms.payload["to"] == "84912345678" and sms.payload["encoding"] == "ucs2"
    row.refresh_from_db()
    assert row.status == "sent" and row.provider_message_id == sms.message_id


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["12345", "0212345678", "+1 202 555 0100", "091234567"])
def test_a_number_that_cannot_receive_sms_is_refused_and_nothing_is_written(bad):
    with pytest.raises(ValidationFailed) as caught:
        notification_send(channel="sms", to=bad, template="otp_code", context=OTP)
    assert set(caught.value.fields) == {"to"}
    assert Notification.objects.count() == 0


@pytest.mark.django_db
def test_a_bad_e_mail_address_or_channel_is_refused():
    with pytest.raises(ValidationFailed) as caught:
        notification_send(channel="email", to="an.nguyen@", template="otp_code", context=OTP)
    assert set(caught.value.fields) == {"to"}
    with pytest.raises(ValidationFailed) as caught:
        notification_send(channel="fax", to="0912345678", template="otp_code", context=OTP)
    assert set(caught.value.fields) == {"channel"}


@pytest.mark.django_db
def test_gateway_outage_is_retried_then_sent(by_command):
    FakeSmsGateway.fail_next(2)
    row = notification_send(channel="sms", to="+84987654321", template="payment_received", context=PAYMENT)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(3):
            notifications_deliver()
            clock.shift(timedelta(hours=1))
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("sent", 3)
    [sms] = FakeSmsGateway.messages()
    assert sms.text == "Đã nhận 150.000 đồng cho hồ sơ 000.01.27.H56-260302-0001. Xin cảm ơn."


@pytest.mark.django_db
def test_a_wrong_api_key_keeps_the_message_until_the_key_is_fixed(by_command):
    by_command.SMS_API_KEY = "wrong-key"
    row = notification_send(channel="sms", to="0987654321", template="otp_code", context=OTP)
    notifications_deliver()
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("pending", 1) and row.last_error.startswith("unauthorized")
    by_command.SMS_API_KEY = FakeSmsGateway.API_KEY
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        notifications_deliver()
    row.refresh_from_db()
    assert row.status == "sent" and len(FakeSmsGateway.messages()) == 1


@pytest.mark.django_db
def test_a_refused_message_fails_at_once(by_command):
    FakeSmsGateway.fail_next(1, status=400, code="invalid_phone")
    row = notification_send(channel="sms", to="0987654321", template="otp_code", context=OTP)
    assert notifications_deliver().failed == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("failed", 1) and row.last_error.startswith("invalid_phone")


class _Row:
    def __init__(self, body: str, pk: int = 7):
        self.pk, self.recipient, self.body, self.template = pk, "+84912345678", body, "otp_code"


@pytest.mark.django_db
def test_the_gateway_refuses_an_sms_longer_than_three_parts():
    adapter = SmsAdapter(FakeSmsGateway(api_key=FakeSmsGateway.API_KEY))
    with pytest.raises(DeliveryError) as caught:
        adapter.send(_Row("Thông báo " * 21))  # 210 UCS-2 characters: 4 parts of 67
    assert caught.value.code == "text_too_long" and not caught.value.retryable
    assert adapter.send(_Row("Thông báo " * 20, pk=8))  # 200 characters: 3 parts
    assert FakeSmsGateway.messages()[0].payload["client_ref"] == "cqs-8"


def test_a_resent_sms_after_a_crash_counts_as_sent_once():
    adapter = SmsAdapter(FakeSmsGateway(api_key=FakeSmsGateway.API_KEY))
    first = adapter.send(_Row("Hồ sơ đã có kết quả."))
    again = adapter.send(_Row("Hồ sơ đã có kết quả."))  # same row: same client_ref
    assert first == again and len(FakeSmsGateway.messages()) == 1


@pytest.mark.django_db(transaction=True)
def test_zalo_sends_the_approved_template_with_its_parameters():
    with transaction.atomic():
        row = notification_send(channel="zalo", to="0987654321", template="payment_received", context=PAYMENT)
    assert notifications_wait_idle()
    [zns] = FakeZaloOA.messages(to="+84987654321")
    assert zns.payload["template_id"] == "fake-payment_received"
    assert zns.payload["template_data"] == {
        "code": "000.01.27.H56-260302-0001",
        "amount": "150000",
        "name": "Nguyễn Văn An",
    }
    row.refresh_from_db()
    assert row.status == "sent" and row.provider_message_id == zns.message_id


@pytest.mark.django_db
def test_zalo_without_an_approved_template_fails_and_an_expired_token_is_retried(by_command):
    by_command.ZALO_TEMPLATE_IDS = ["otp_code=fake-otp_code"]
    no_template = notification_send(channel="zalo", to="0987654321", template="payment_received", context=PAYMENT)
    notifications_deliver()
    no_template.refresh_from_db()
    assert no_template.status == "failed" and no_template.last_error.startswith("no_zns_template")

    by_command.ZALO_ACCESS_TOKEN = "expired"
    otp = notification_send(channel="zalo", to="0987654321", template="otp_code", context=OTP)
    notifications_deliver()
    otp.refresh_from_db()
    assert (otp.status, otp.attempts) == ("pending", 1) and otp.last_error.startswith("invalid_access_token")
    assert FakeZaloOA.messages() == []
