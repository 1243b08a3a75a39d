"""The citizen pays through the fake gateway: success, failure, time-out then query, double callback."""

from __future__ import annotations

import subprocess
from datetime import timedelta

import pytest

from chinhquyenso.core.notifications import Notification
from chinhquyenso.dossiers.models import Dossier
from chinhquyenso.dossiers.services.transitions import dossier_act
from chinhquyenso.dvcqg.models import OutboxItem
from chinhquyenso.payments.models import CallbackOutcome, FakeGatewayOrder, Payment, PaymentMessage, PaymentStatus
from chinhquyenso.payments.selectors import dossier_payment_summary
from tests.payments.conftest import pay_through_fake

pytestmark = pytest.mark.django_db


def test_pay_page_lists_the_fees_that_apply_online_with_a_total(client, citizen, online_dossier):
    dossier = online_dossier()
    client.force_login(citizen)
    html = client.get(f"/thanh-toan/ho-so/{dossier.code}/").content.decode()
    assert "Thanh toán phí, lệ phí" in html
    assert "Phí công bố nội dung đăng ký doanh nghiệp" in html
    # The 50.000 đ line is for paper dossiers only ("nộp hồ sơ giấy"): not due online.
    assert "nộp hồ sơ giấy" not in html
    assert "100.000\u00a0đ" in html and "Thanh toán trực tuyến 100.000\u00a0đ" in html


def test_success(client, citizen, online_dossier):
    dossier = online_dossier()
    client.force_login(citizen)
    page = pay_through_fake(client, dossier, "success")
    html = page.content.decode()
    assert page.status_code == 200 and "Thanh toán thành công: 100.000\u00a0đ." in html
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.SUCCEEDED and payment.transaction_no.startswith("GL")
    assert dossier_payment_summary(dossier) == (0, 100_000, True, payment)
    event = dossier.events.get(action="pay_online")
    assert event.action_label == "Đã thanh toán trực tuyến" and event.actor_name == "Nguyễn Văn An"
    assert event.data["order_ref"] == payment.order_ref and event.data["amount_vnd"] == 100_000
    callback = PaymentMessage.objects.get(kind="callback")
    assert callback.signature_valid and callback.outcome == CallbackOutcome.APPLIED and callback.http_status == 200
    again = client.get(f"/thanh-toan/ho-so/{dossier.code}/").content.decode()
    assert "Đã thanh toán trực tuyến: 100.000\u00a0đ. Không còn khoản nào phải nộp." in again
    # Paying again is refused: nothing is due any more.
    assert client.post(f"/thanh-toan/ho-so/{dossier.code}/").status_code == 409
    # The payer is told by e-mail, in Vietnamese, with the amount.
    mail = Notification.objects.get(template="payment_received")
    assert mail.reference == payment.order_ref and "100.000" in mail.body and dossier.code in mail.body


def test_receipt_pdf_for_a_paid_order(client, citizen, online_dossier):
    dossier = online_dossier()
    client.force_login(citizen)
    pay_through_fake(client, dossier, "success")
    payment = Payment.objects.get()
    pdf = client.get(f"/thanh-toan/bien-lai/{payment.order_ref}/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True).stdout.decode()
    assert "XÁC NHẬN THANH TOÁN TRỰC TUYẾN" in text and payment.transaction_no in text
    words = " ".join(text.replace("\u00a0", " ").split())
    assert "Phí công bố nội dung đăng ký doanh nghiệp" in words, words
    assert "Tổng cộng" in words and "Phòng Đăng ký kinh doanh 100.000 đ 100.000 đ" in words, words


def test_failure_leaves_the_fee_due_and_a_new_attempt_possible(client, citizen, online_dossier):
    dossier = online_dossier()
    client.force_login(citizen)
    html = pay_through_fake(client, dossier, "failure").content.decode()
    assert "Thanh toán không thành công" in html
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.FAILED and payment.result_code == "51"
    assert dossier_payment_summary(dossier)[:3] == (100_000, 0, False)
    assert not dossier.events.filter(action="pay_online").exists()
    # A new attempt gets a new order reference.
    second = client.post(f"/thanh-toan/ho-so/{dossier.code}/")
    assert second.status_code == 302 and payment.order_ref not in second["Location"]


def test_timeout_then_the_status_query_settles_it(client, citizen, online_dossier, time_machine):
    dossier = online_dossier()
    client.force_login(citizen)
    time_machine.move_to("2026-03-02 09:00 +07:00", tick=False)
    page = pay_through_fake(client, dossier, "timeout")
    html = page.content.decode()
    # No callback came, and the gateway still calls it pending: the page says so and offers to check again.
    assert "Cổng thanh toán chưa xác nhận" in html and "Kiểm tra lại" in html
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.PENDING
    assert not PaymentMessage.objects.filter(kind="callback").exists()
    assert PaymentMessage.objects.filter(kind="query", outcome="pending").count() == 1
    # Paying again meanwhile reuses the same order, never a second one.
    assert client.post(f"/thanh-toan/ho-so/{dossier.code}/").status_code == 302
    assert Payment.objects.count() == 1

    time_machine.shift(timedelta(seconds=31))
    again = client.get(page.request["PATH_INFO"] + "?" + page.request["QUERY_STRING"])
    assert "Thanh toán thành công: 100.000\u00a0đ." in again.content.decode()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert dossier.events.filter(action="pay_online").count() == 1


def test_double_callback_pays_once_and_both_are_acknowledged(client, citizen, online_dossier):
    dossier = online_dossier()
    client.force_login(citizen)
    html = pay_through_fake(client, dossier, "double").content.decode()
    assert "Thanh toán thành công" in html
    order = FakeGatewayOrder.objects.get()
    assert [d["status"] for d in order.deliveries] == [200, 200]
    assert [d["answer"]["result_code"] for d in order.deliveries] == ["00", "00"]
    outcomes = list(PaymentMessage.objects.filter(kind="callback").order_by("id").values_list("outcome", flat=True))
    assert outcomes == [CallbackOutcome.APPLIED, CallbackOutcome.DUPLICATE]
    assert dossier.events.filter(action="pay_online").count() == 1
    assert dossier_payment_summary(dossier)[:3] == (0, 100_000, True)


def test_paying_what_the_officer_requested_resumes_the_dossier(
    client, citizen, online_dossier, officer, specialist, clock
):
    dossier = online_dossier()
    dossier_act(actor=officer, code=dossier.code, action="receive")
    Dossier.objects.filter(pk=dossier.pk).update(state="processing")
    dossier_act(
        actor=specialist, code=dossier.code, action="request_payment", amount_vnd=50_000, content="Phí thẩm định"
    )
    due_before = Dossier.objects.get(pk=dossier.pk).due_at
    client.force_login(citizen)
    page = client.get(f"/thanh-toan/ho-so/{dossier.code}/").content.decode()
    assert "Phí thẩm định" in page and "150.000\u00a0đ" in page
    clock.shift(timedelta(hours=2))
    client.force_login(citizen)  # two idle hours end the session
    pay_through_fake(client, dossier, "success")
    dossier.refresh_from_db()
    assert dossier.state == "processing" and dossier.paused_at is None
    assert dossier.due_at > due_before  # the wait for payment did not eat the agency's time
    event = dossier.events.get(action="pay_online")
    assert (event.from_state, event.to_state) == ("waiting_payment", "processing")
    # The national portal learns the new state and that the fees were paid online.
    latest = OutboxItem.objects.filter(kind="dossier").order_by("-id").first()
    assert latest.payload["DuocThanhToanTrucTuyen"] == "1"
