"""The callback endpoint: forged, replayed, mismatched and contradicting callbacks are refused and logged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from chinhquyenso.core.models import AuditEvent
from chinhquyenso.payments.gateway import contract as c
from chinhquyenso.payments.models import CallbackOutcome, Payment, PaymentMessage, PaymentStatus
from chinhquyenso.payments.services import payment_start

pytestmark = pytest.mark.django_db

RETURN = "http://testserver/thanh-toan/ket-qua/"


@pytest.fixture
def pending(citizen, online_dossier):
    payment, _url = payment_start(actor=citizen, dossier=online_dossier(), return_url=RETURN)
    return payment


def body_for(payment, *, amount=None, result="00", txn="GL000000000001", sent_at=None, event="ev-1") -> bytes:
    return c.encode_body(
        {
            "merchant": settings.PAYMENT_MERCHANT_CODE,
            "order_ref": payment.order_ref,
            "amount": str(payment.total_vnd if amount is None else amount),
            "result_code": result,
            "message": "",
            "transaction_no": txn if result == "00" else "",
            "paid_at": c.format_time(timezone.now()) if result == "00" else "",
            "sent_at": c.format_time(sent_at or timezone.now()),
            "event_id": event,
        }
    )


def post(client, body: bytes, secret: str | None = None):
    signature = c.sign(secret or settings.PAYMENT_SECRET, body)
    return client.post("/thanh-toan/ipn/", body, content_type="application/json", headers={"X-Signature": signature})


def test_a_signed_callback_pays_and_is_acknowledged(client, pending):
    response = post(client, body_for(pending))
    assert response.status_code == 200 and response.json()["result_code"] == "00"
    pending.refresh_from_db()
    assert pending.status == PaymentStatus.SUCCEEDED and pending.transaction_no == "GL000000000001"


def test_forged_signature_is_refused_and_logged(client, pending):
    body = body_for(pending)
    response = post(client, body, secret="someone-else-s-secret-1234")
    assert response.status_code == 403 and response.json()["result_code"] == "97"
    pending.refresh_from_db()
    assert pending.status == PaymentStatus.PENDING
    log = PaymentMessage.objects.get()
    assert not log.signature_valid and log.outcome == CallbackOutcome.SIGNATURE_INVALID
    assert bytes(log.body) == body and log.http_status == 403
    assert AuditEvent.objects.filter(action="payment.callback_refused").exists()


def test_a_tampered_body_with_the_original_signature_is_refused(client, pending):
    body = body_for(pending)
    signature = c.sign(settings.PAYMENT_SECRET, body)
    tampered = body.replace(b'"amount":"100000"', b'"amount":"1000000"')
    response = client.post(
        "/thanh-toan/ipn/", tampered, content_type="application/json", headers={"X-Signature": signature}
    )
    assert response.status_code == 403
    assert Payment.objects.get().status == PaymentStatus.PENDING


def test_missing_signature_is_refused(client, pending):
    response = client.post("/thanh-toan/ipn/", body_for(pending), content_type="application/json")
    assert response.status_code == 403 and PaymentMessage.objects.get().outcome == "signature_invalid"


def test_replay_of_an_old_callback_is_refused(client, pending):
    old = body_for(pending, sent_at=timezone.now() - timedelta(hours=1))
    response = post(client, old)
    assert response.status_code == 400 and response.json() == {
        "result_code": "98",
        "code": "message_stale",
        "message": "Thông điệp được ký quá lâu (có thể bị gửi lại): từ chối.",
    }
    log = PaymentMessage.objects.get()
    assert log.signature_valid and log.outcome == CallbackOutcome.STALE
    assert Payment.objects.get().status == PaymentStatus.PENDING


def test_replaying_a_success_after_the_window_is_refused_even_though_it_was_once_valid(client, pending, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    body = body_for(pending)
    assert post(client, body).status_code == 200
    time_machine.shift(timedelta(minutes=10))
    assert post(client, body).status_code == 400
    outcomes = list(PaymentMessage.objects.order_by("id").values_list("outcome", flat=True))
    assert outcomes == [CallbackOutcome.APPLIED, CallbackOutcome.STALE]


def test_amount_mismatch_is_refused(client, pending):
    response = post(client, body_for(pending, amount=1_000))
    assert response.status_code == 422 and response.json()["result_code"] == "04"
    assert Payment.objects.get().status == PaymentStatus.PENDING
    assert PaymentMessage.objects.get().outcome == CallbackOutcome.AMOUNT_MISMATCH
    assert not pending.dossier.events.filter(action="pay_online").exists()


@pytest.mark.parametrize("amount", ["100000.0", "1e5", "+100000", "100.000", "0100000", "-100000", ""])
def test_amounts_that_are_not_whole_digits_are_malformed(client, pending, amount):
    body = body_for(pending).replace(b'"amount":"100000"', b'"amount":"' + amount.encode() + b'"')
    response = post(client, body)
    assert response.status_code == 400 and response.json()["result_code"] == "99"
    assert Payment.objects.get().status == PaymentStatus.PENDING


def test_a_number_where_the_contract_wants_a_string_is_malformed(client, pending):
    body = body_for(pending).replace(b'"amount":"100000"', b'"amount":100000')
    assert post(client, body).status_code == 400


def test_unknown_order_is_refused(client, pending):
    body = body_for(pending).replace(pending.order_ref.encode(), b"TTNOSUCHORDER")
    response = post(client, body)
    assert response.status_code == 404 and response.json()["result_code"] == "01"
    assert PaymentMessage.objects.get().order_ref == "TTNOSUCHORDER"


def test_a_different_callback_for_a_finished_payment_is_refused(client, pending):
    assert post(client, body_for(pending)).status_code == 200
    # The same order, now said to have failed, or paid under another transaction number: refused.
    assert post(client, body_for(pending, result="51", event="ev-2")).status_code == 409
    assert post(client, body_for(pending, txn="GL999999999999", event="ev-3")).status_code == 409
    pending.refresh_from_db()
    assert pending.status == PaymentStatus.SUCCEEDED and pending.transaction_no == "GL000000000001"
    assert pending.dossier.events.filter(action="pay_online").count() == 1


def test_a_failure_then_its_repeat(client, pending):
    assert post(client, body_for(pending, result="51")).status_code == 200
    assert post(client, body_for(pending, result="51")).status_code == 200
    pending.refresh_from_db()
    assert pending.status == PaymentStatus.FAILED
    assert list(PaymentMessage.objects.order_by("id").values_list("outcome", flat=True)) == ["applied", "duplicate"]


def test_the_endpoint_takes_only_post(client):
    assert client.get("/thanh-toan/ipn/").status_code == 405
