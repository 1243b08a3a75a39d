"""Orders whose callback never came: the sweep asks the gateway, pays, fails or expires them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command

from chinhquyenso.payments.fake_gateway import fake_open_order, fake_settle
from chinhquyenso.payments.gateway.base import GatewayUnreachable
from chinhquyenso.payments.gateway.fake import FakePaymentGateway
from chinhquyenso.payments.models import CallbackOutcome, Payment, PaymentMessage, PaymentStatus
from chinhquyenso.payments.services import payment_expire_stale, payment_start
from tests.payments.conftest import query_of

pytestmark = pytest.mark.django_db

RETURN = "http://testserver/thanh-toan/ket-qua/"


@pytest.fixture
def now(time_machine):
    time_machine.move_to("2026-03-02 09:00 +07:00", tick=False)
    return time_machine


def _started(citizen, dossier):
    payment, url = payment_start(actor=citizen, dossier=dossier, return_url=RETURN)
    return payment, query_of(url)


def test_an_order_the_gateway_never_saw_expires(citizen, online_dossier, now):
    payment, _ = _started(citizen, online_dossier())
    assert payment_expire_stale()["checked"] == 0  # not yet past its time
    now.shift(timedelta(minutes=16))
    assert payment_expire_stale() == {
        "checked": 1, "succeeded": 0, "failed": 0, "expired": 1, "pending": 0, "unreachable": 0
    }  # fmt: skip
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.EXPIRED


def test_a_timed_out_payment_is_found_paid_by_the_sweep(citizen, online_dossier, now):
    payment, params = _started(citizen, online_dossier())
    fake_open_order(params)
    fake_settle(payment.order_ref, "timeout")  # money taken, no callback
    now.shift(timedelta(minutes=16))
    out = call_command_output("payments", "reconcile")
    assert "đã kiểm tra 1, đã thanh toán 1, không thành công 0, hết hạn 0" in out
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert payment.dossier.events.filter(action="pay_online").count() == 1


def test_an_open_order_at_the_gateway_waits_for_the_grace_period(citizen, online_dossier, now):
    payment, params = _started(citizen, online_dossier())
    fake_open_order(params)  # the citizen is on the gateway's page, nothing decided
    now.shift(timedelta(minutes=16))
    assert payment_expire_stale()["pending"] == 1
    now.shift(timedelta(minutes=10))
    assert payment_expire_stale()["expired"] == 1


def test_an_unreachable_gateway_expires_nothing(citizen, online_dossier, now, monkeypatch):
    payment, _ = _started(citizen, online_dossier())

    def down(self, body, headers):
        raise GatewayUnreachable("connection refused")

    monkeypatch.setattr(FakePaymentGateway, "_send_query", down)
    now.shift(timedelta(hours=2))
    assert payment_expire_stale()["unreachable"] == 1
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    assert PaymentMessage.objects.get().outcome == CallbackOutcome.UNREACHABLE


def test_a_new_start_after_a_timeout_asks_the_gateway_first_and_never_charges_twice(citizen, online_dossier, now):
    from chinhquyenso.payments.errors import AlreadyPaid

    dossier = online_dossier()
    payment, params = _started(citizen, dossier)
    fake_open_order(params)
    fake_settle(payment.order_ref, "timeout")
    now.shift(timedelta(minutes=16))
    with pytest.raises(AlreadyPaid):
        payment_start(actor=citizen, dossier=dossier, return_url=RETURN)
    assert Payment.objects.get().status == PaymentStatus.SUCCEEDED


def call_command_output(*args) -> str:
    import io

    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_forged_query_answers_are_refused(citizen, online_dossier, now, monkeypatch):
    payment, params = _started(citizen, online_dossier())
    fake_open_order(params)
    fake_settle(payment.order_ref, "timeout")
    original = FakePaymentGateway._send_query

    def forged(self, body, headers):
        status, answer, answer_headers = original(self, body, headers)
        return status, answer, {**answer_headers, "X-Signature": "0" * 64}

    monkeypatch.setattr(FakePaymentGateway, "_send_query", forged)
    now.shift(timedelta(minutes=16))
    assert payment_expire_stale()["pending"] == 1
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    assert PaymentMessage.objects.get().outcome == CallbackOutcome.SIGNATURE_INVALID
