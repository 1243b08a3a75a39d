"""The return page never trusts the browser; the fake gateway enforces the contract like a real one."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.test import override_settings

from chinhquyenso.payments.gateway import contract as c
from chinhquyenso.payments.models import Payment, PaymentStatus
from tests.payments.conftest import query_of

pytestmark = pytest.mark.django_db


def _start(client, citizen, dossier) -> dict:
    client.force_login(citizen)
    return query_of(client.post(f"/thanh-toan/ho-so/{dossier.code}/")["Location"])


def test_a_browser_claiming_success_is_not_believed(client, citizen, online_dossier, settings):
    params = _start(client, citizen, online_dossier())
    # Correctly signed "00" (as if copied from somewhere), but the gateway never took the money.
    claim = c.sign_params(
        settings.PAYMENT_SECRET,
        {"merchant": params["merchant"], "order_ref": params["order_ref"], "amount": params["amount"],
         "result_code": "00", "transaction_no": "GL1", "paid_at": "20260302090000"},
    )  # fmt: skip
    html = client.get("/thanh-toan/ket-qua/?" + urlencode(claim)).content.decode()
    assert "Cổng thanh toán chưa xác nhận" in html
    assert Payment.objects.get().status == PaymentStatus.PENDING


def test_tampered_return_parameters_are_refused(client, citizen, online_dossier, settings):
    params = _start(client, citizen, online_dossier())
    claim = c.sign_params(
        settings.PAYMENT_SECRET,
        {"merchant": params["merchant"], "order_ref": params["order_ref"], "amount": params["amount"],
         "result_code": "51", "transaction_no": "", "paid_at": ""},
    )  # fmt: skip
    claim["result_code"] = "00"
    response = client.get("/thanh-toan/ket-qua/?" + urlencode(claim))
    assert response.status_code == 400
    assert "Đường dẫn trở về từ cổng thanh toán không hợp lệ." in response.content.decode()


def test_someone_else_s_return_link_shows_nothing(client, citizen, stranger, online_dossier, settings):
    params = _start(client, citizen, online_dossier())
    claim = c.sign_params(
        settings.PAYMENT_SECRET,
        {"merchant": params["merchant"], "order_ref": params["order_ref"], "amount": params["amount"],
         "result_code": "01", "transaction_no": "", "paid_at": ""},
    )  # fmt: skip
    client.force_login(stranger)
    assert client.get("/thanh-toan/ket-qua/?" + urlencode(claim)).status_code == 404


def test_the_fake_shows_its_warning_and_the_amount(client, citizen, online_dossier):
    params = _start(client, citizen, online_dossier())
    html = client.get("/thanh-toan/cong-gia-lap/?" + urlencode(params)).content.decode()
    assert "Cổng thanh toán giả lập — không phải cổng thật" in html and "100.000\u00a0đ" in html
    for button in ("Thanh toán thành công", "Thất bại", "Không phản hồi", "Gọi lại hai lần"):
        assert button in html


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"amount": "1000"}, "Chữ ký của đơn hàng không hợp lệ"),
        ({"signature": "f" * 64}, "Chữ ký của đơn hàng không hợp lệ"),
    ],
)
def test_the_fake_refuses_a_tampered_order(client, citizen, online_dossier, change, message):
    params = {**_start(client, citizen, online_dossier()), **change}
    response = client.get("/thanh-toan/cong-gia-lap/?" + urlencode(params))
    assert response.status_code == 400 and message in response.content.decode()


def test_the_fake_refuses_an_expired_order(client, citizen, online_dossier, time_machine):
    time_machine.move_to("2026-03-02 09:00 +07:00", tick=False)
    params = _start(client, citizen, online_dossier())
    time_machine.move_to("2026-03-02 09:20 +07:00", tick=False)
    response = client.get("/thanh-toan/cong-gia-lap/?" + urlencode(params))
    assert response.status_code == 400 and "hết thời hạn" in response.content.decode()


def test_the_fake_is_not_served_with_a_real_gateway(client):
    with override_settings(PAYMENT_GATEWAY="http"):
        assert client.get("/thanh-toan/cong-gia-lap/").status_code == 404
        assert (
            client.post("/thanh-toan/cong-gia-lap/truy-van/", b"{}", content_type="application/json").status_code == 404
        )


def test_a_half_configured_real_gateway_is_a_system_check_error():
    from chinhquyenso.payments.checks import payment_settings_check

    with override_settings(PAYMENT_GATEWAY="http", PAYMENT_GATEWAY_URL="https://pay.example/", PAYMENT_QUERY_URL=None):
        [error] = payment_settings_check()
    assert error.id == "payments.E001" and "CQS_PAYMENT_QUERY_URL" in error.msg
    with override_settings(PAYMENT_GATEWAY="fake", PROFILE="production"):
        [error] = payment_settings_check()
    assert "fake" in error.msg
