"""A real Chromium logs in at phone and desktop sizes and sees the shell in Vietnamese."""

import pytest

from chinhquyenso.core.demo.accounts import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}


@pytest.mark.parametrize("size", SIZES)
def test_officer_logs_in_and_sees_the_agency(browser, live_server, demo, size, tmp_path):
    context = browser.new_context(viewport=SIZES[size], locale="vi-VN")
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    assert "/dang-nhap/" in page.url
    assert page.get_by_role("heading", name="Đăng nhập").is_visible()

    page.get_by_label("Tên đăng nhập").fill("motcua")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    assert "Sai tên đăng nhập hoặc mật khẩu" in page.get_by_test_id("login-error").inner_text()

    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_test_id("agency-name").inner_text() == "Ủy ban nhân dân xã Thọ Xuân"
    assert page.get_by_test_id("home-agency").is_visible()
    # Nothing wider than the screen: the shell fits a phone.
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= SIZES[size]["width"]
    page.screenshot(path=str(tmp_path / f"home-{size}.png"), full_page=True)

    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(f"{live_server.url}/dang-nhap/")
    context.close()
