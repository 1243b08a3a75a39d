"""A citizen on a phone signs in through the in-platform FakeVNeID and lands on the account page."""

import pytest

from chinhquyenso.identity import oidc

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def test_citizen_signs_in_with_vneid_on_a_phone(browser, live_server, tmp_path):
    oidc.cache_clear()
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{live_server.url}/tai-khoan/ho-so/")
    assert "/tai-khoan/dang-nhap/" in page.url
    assert page.get_by_role("heading", name="Đăng nhập công dân").is_visible()
    assert page.get_by_label("Số điện thoại hoặc e-mail").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(tmp_path / "dang-nhap.png"), full_page=True)

    page.get_by_role("link", name="Đăng nhập bằng tài khoản định danh điện tử VNeID").click()
    page.wait_for_url("**/tai-khoan/fake-vneid/authorize?**")
    assert "MÔI TRƯỜNG THỬ NGHIỆM" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_label("Lê Thị Bình").check()
    page.get_by_role("button", name="Đồng ý và đăng nhập").click()

    page.wait_for_url(f"{live_server.url}/tai-khoan/ho-so/")
    assert page.get_by_test_id("auth-method").inner_text() == "Đăng nhập bằng VNeID."
    assert page.get_by_label("Họ và tên").input_value() == "Lê Thị Bình"
    assert page.get_by_label("Số định danh cá nhân (12 chữ số)").input_value() == "038185004321"
    assert page.get_by_label("Ngày sinh").input_value() == "1985-11-03"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(tmp_path / "ho-so.png"), full_page=True)
    context.close()
