"""Starting a payment: only the dossier's citizen, only what is due, one open order at a time."""

from __future__ import annotations

import pytest

from chinhquyenso.core.errors import NotFound
from chinhquyenso.core.models import AuditEvent
from chinhquyenso.dossiers.models import Dossier
from chinhquyenso.payments import errors
from chinhquyenso.payments.models import Payment, PaymentStatus
from chinhquyenso.payments.obligations import outstanding_lines
from chinhquyenso.payments.services import payment_start
from tests.payments.conftest import FREE, query_of

pytestmark = pytest.mark.django_db

RETURN = "http://testserver/thanh-toan/ket-qua/"


def test_start_returns_a_signed_redirect_to_the_gateway(citizen, online_dossier):
    dossier = online_dossier()
    payment, url = payment_start(actor=citizen, dossier=dossier, return_url=RETURN)
    params = query_of(url)
    assert url.startswith("/thanh-toan/cong-gia-lap/?")
    assert params["amount"] == "100000" and params["order_ref"] == payment.order_ref and len(params["signature"]) == 64
    assert payment.total_vnd == 100_000 and [line.code for line in payment.lines.all()] == ["PHI-DN-01"]
    assert payment.order_ref.startswith("TT") and len(payment.order_ref) == 26
    assert AuditEvent.objects.filter(action="payment.start", object_id=str(payment.pk)).exists()


def test_order_references_are_unguessable(citizen, online_dossier):
    refs = {payment_start(actor=citizen, dossier=online_dossier(), return_url=RETURN)[0].order_ref for _ in range(5)}
    assert len(refs) == 5 and not any(ref[2:].isdigit() for ref in refs)


def test_a_stranger_cannot_pay_someone_else_s_dossier(client, stranger, online_dossier):
    dossier = online_dossier()
    with pytest.raises(NotFound):
        payment_start(actor=stranger, dossier=dossier, return_url=RETURN)
    client.force_login(stranger)
    assert client.get(f"/thanh-toan/ho-so/{dossier.code}/").status_code == 404
    assert client.post(f"/thanh-toan/ho-so/{dossier.code}/").status_code == 404
    assert not Payment.objects.exists()


def test_staff_cannot_pay_for_the_citizen(officer, online_dossier):
    with pytest.raises(NotFound):
        payment_start(actor=officer, dossier=online_dossier(), return_url=RETURN)


def test_anonymous_visitors_are_sent_to_log_in(client, online_dossier):
    response = client.get(f"/thanh-toan/ho-so/{online_dossier().code}/")
    assert response.status_code == 302 and "next=/thanh-toan/ho-so/" in response["Location"]


def test_nothing_due_is_refused_with_409(client, citizen, online_dossier):
    dossier = online_dossier(FREE)
    with pytest.raises(errors.NothingDue) as caught:
        payment_start(actor=citizen, dossier=dossier, return_url=RETURN)
    assert caught.value.status == 409
    client.force_login(citizen)
    page = client.get(f"/thanh-toan/ho-so/{dossier.code}/").content.decode()
    assert "Hồ sơ này không có khoản phí, lệ phí nào phải nộp." in page and "pay-button" not in page


def test_pressing_pay_twice_reuses_the_open_order(citizen, online_dossier):
    dossier = online_dossier()
    first, _ = payment_start(actor=citizen, dossier=dossier, return_url=RETURN)
    second, _ = payment_start(actor=citizen, dossier=dossier, return_url=RETURN)
    assert first.pk == second.pk and Payment.objects.count() == 1


def test_a_new_obligation_cancels_the_open_order_and_asks_for_everything(citizen, online_dossier, specialist, officer):
    from chinhquyenso.dossiers.services.transitions import dossier_act

    dossier = online_dossier()
    first, _ = payment_start(actor=citizen, dossier=dossier, return_url=RETURN)
    dossier_act(actor=officer, code=dossier.code, action="receive")
    Dossier.objects.filter(pk=dossier.pk).update(state="processing")
    dossier_act(actor=specialist, code=dossier.code, action="request_payment", amount_vnd=20_000, content="Phí in")
    second, _ = payment_start(actor=citizen, dossier=dossier, return_url=RETURN)
    first.refresh_from_db()
    assert first.status == PaymentStatus.CANCELLED and second.total_vnd == 120_000


def test_a_closed_dossier_takes_no_payment(citizen, online_dossier):
    dossier = online_dossier()
    Dossier.objects.filter(pk=dossier.pk).update(state="withdrawn")
    with pytest.raises(errors.DossierClosed):
        payment_start(actor=citizen, dossier=dossier, return_url=RETURN)


@pytest.mark.parametrize("url", ["https://evil.example/steal", "/thanh-toan/ket-qua/", "javascript:alert(1)"])
def test_the_return_address_must_be_on_this_platform(citizen, online_dossier, url):
    with pytest.raises(errors.ReturnUrlRefused) as caught:
        payment_start(actor=citizen, dossier=online_dossier(), return_url=url)
    assert caught.value.status == 422 and not Payment.objects.exists()


def test_fee_lines_follow_the_submission_channel(citizen, online_dossier, catalog):
    online = online_dossier("1.004222")  # permanent residence: 20.000 đ at the counter, 10.000 đ online
    assert [(line.code, line.amount_vnd) for line in outstanding_lines(online)] == [("LP-CU-TT-02", 10_000)]
    Dossier.objects.filter(pk=online.pk).update(channel="counter")
    counter = Dossier.objects.get(pk=online.pk)
    assert [(line.code, line.amount_vnd) for line in outstanding_lines(counter)] == [("LP-CU-TT-01", 20_000)]


def test_an_officer_confirming_payment_by_other_means_settles_the_request(citizen, online_dossier, officer, specialist):
    from chinhquyenso.dossiers.services.transitions import dossier_act

    dossier = online_dossier()
    dossier_act(actor=officer, code=dossier.code, action="receive")
    Dossier.objects.filter(pk=dossier.pk).update(state="processing")
    dossier_act(actor=specialist, code=dossier.code, action="request_payment", amount_vnd=20_000, content="Phí in")
    assert sum(line.amount_vnd for line in outstanding_lines(dossier)) == 120_000
    dossier_act(actor=specialist, code=dossier.code, action="confirm_payment")
    assert sum(line.amount_vnd for line in outstanding_lines(dossier)) == 100_000
