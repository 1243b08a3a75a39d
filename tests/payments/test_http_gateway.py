"""The HTTP adapter against the fake's status API over a real socket, and callbacks racing each other."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from chinhquyenso.payments.fake_gateway import callback_body, fake_open_order
from chinhquyenso.payments.gateway import contract as c
from chinhquyenso.payments.gateway.base import GatewayConfig, GatewayUnreachable
from chinhquyenso.payments.gateway.http import HttpPaymentGateway
from chinhquyenso.payments.models import FakeGatewayOrder, Payment, PaymentStatus
from chinhquyenso.payments.services import payment_callback, payment_query, payment_start
from tests.payments.conftest import query_of

RETURN = "http://testserver/thanh-toan/ket-qua/"


@pytest.mark.django_db(transaction=True)
def test_http_gateway_queries_the_fake_over_http(live_server, citizen, online_dossier):
    payment, url = payment_start(actor=citizen, dossier=online_dossier(), return_url=RETURN)
    fake_open_order(query_of(url))
    FakeGatewayOrder.objects.filter(order_ref=payment.order_ref).update(
        state="succeeded", result_code="00", transaction_no="GL123456789012", paid_at=timezone.now()
    )
    base = live_server.url + "/thanh-toan/cong-gia-lap/"
    # The HTTP adapter, as production uses it, against the fake's status API served on a real socket.
    real = HttpPaymentGateway(
        GatewayConfig(settings.PAYMENT_MERCHANT_CODE, settings.PAYMENT_SECRET, base, base + "truy-van/", 5)
    )
    answer, signature = real.send_query(payment.order_ref, now=timezone.now())
    outcome = real.verify_query_answer(payment.order_ref, answer, signature)
    assert (outcome.state, outcome.amount_vnd, outcome.transaction_no) == ("succeeded", 100_000, "GL123456789012")
    # A query signed with the wrong secret is refused by the gateway.
    wrong = HttpPaymentGateway(GatewayConfig(settings.PAYMENT_MERCHANT_CODE, "w" * 20, base, base + "truy-van/", 5))
    with pytest.raises(GatewayUnreachable, match="HTTP 403"):
        wrong.send_query(payment.order_ref, now=timezone.now())
    # Through the service (fake adapter, same answer), the payment is settled once.
    assert payment_query(payment=payment).status == PaymentStatus.SUCCEEDED


@pytest.mark.django_db(transaction=True)
def test_http_gateway_down_is_reported_as_unreachable(citizen):
    gateway = HttpPaymentGateway(GatewayConfig("M", "x" * 20, "http://127.0.0.1:9/", "http://127.0.0.1:9/q", 2))
    with pytest.raises(GatewayUnreachable):
        gateway.send_query("TTX", now=timezone.now())


@pytest.mark.django_db(transaction=True)
def test_two_identical_callbacks_at_once_pay_once(citizen, online_dossier):
    payment, url = payment_start(actor=citizen, dossier=online_dossier(), return_url=RETURN)
    fake_open_order(query_of(url))
    order = FakeGatewayOrder.objects.get()
    order.state, order.result_code, order.transaction_no, order.paid_at = "succeeded", "00", "GL1", timezone.now()
    order.save()
    body = callback_body(order, event_id="same")
    headers = {"X-Signature": c.sign(settings.PAYMENT_SECRET, body)}
    barrier, results = threading.Barrier(2), []

    def deliver():
        try:
            barrier.wait()
            results.append(payment_callback(body=body, headers=headers).status)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["succeeded", "succeeded"]
    payment = Payment.objects.get()
    assert payment.dossier.events.filter(action="pay_online").count() == 1
    assert sorted(payment.messages.values_list("outcome", flat=True)) == ["applied", "duplicate"]
    assert timedelta(0) <= timezone.now() - payment.finished_at < timedelta(minutes=1)
