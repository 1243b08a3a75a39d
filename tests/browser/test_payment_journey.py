"""A citizen pays a dossier's fees through the fake gateway in a real Chromium at phone size."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.test import Client

from chinhquyenso.payments.models import Payment, PaymentStatus
from tests.payments.conftest import catalog, citizen, online_dossier  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _shot(page, tmp_path: Path, name: str) -> None:
    # CQS_SCREENSHOTS_DIR=docs/screenshots keeps them for the documentation; otherwise they go to tmp_path.
    folder = Path(os.environ.get("CQS_SCREENSHOTS_DIR") or tmp_path)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def test_citizen_pays_on_a_phone(browser, live_server, citizen, online_dossier, tmp_path):  # noqa: F811
    dossier = online_dossier()
    session = Client()
    session.force_login(citizen)
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    context.add_cookies([{"name": "sessionid", "value": session.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()

    page.goto(f"{live_server.url}/thanh-toan/ho-so/{dossier.code}/")
    assert page.get_by_role("heading", name="Thanh toán phí, lệ phí").is_visible()
    assert page.get_by_test_id("payment-total").inner_text() == "100.000\u00a0đ"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _shot(page, tmp_path, "payments-fees-phone")

    page.get_by_role("button", name="Thanh toán trực tuyến 100.000\u00a0đ").click()
    page.wait_for_url("**/thanh-toan/cong-gia-lap/**")
    assert "không phải cổng thật" in page.get_by_role("note").inner_text()
    assert page.get_by_test_id("fake-amount").inner_text() == "100.000\u00a0đ"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _shot(page, tmp_path, "payments-fake-gateway-phone")

    page.get_by_role("button", name="Thanh toán thành công").click()
    page.wait_for_url("**/thanh-toan/ket-qua/**")
    assert page.get_by_test_id("payment-result").inner_text() == "Thanh toán thành công: 100.000\u00a0đ."
    assert page.get_by_test_id("payment-due").inner_text() == "0\u00a0đ"
    _shot(page, tmp_path, "payments-result-phone")
    assert Payment.objects.get().status == PaymentStatus.SUCCEEDED
    context.close()
