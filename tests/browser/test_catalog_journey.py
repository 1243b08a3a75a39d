"""A real Chromium: an officer finds a procedure by name, typed without diacritics, and opens it."""

import pytest

from chinhquyenso.catalog.demo.loader import ensure_demo_catalog
from chinhquyenso.core.demo.accounts import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}


@pytest.mark.parametrize("size", SIZES)
def test_officer_finds_a_procedure_by_name_and_opens_it(browser, live_server, demo, size, tmp_path):
    ensure_demo_catalog()
    context = browser.new_context(viewport=SIZES[size], locale="vi-VN")
    page = context.new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("motcua")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")

    page.get_by_role("link", name="Thủ tục hành chính").click()
    page.wait_for_url(f"{live_server.url}/thu-tuc/")
    page.get_by_label("Tìm theo mã hoặc tên thủ tục").fill("dang ky khai sinh")
    page.get_by_role("button", name="Tìm", exact=True).click()
    page.wait_for_url("**/thu-tuc/?q=dang+ky+khai+sinh*")
    assert "Tìm thấy" in page.get_by_test_id("result-count").inner_text()
    page.screenshot(path=str(tmp_path / f"list-{size}.png"), full_page=True)

    page.get_by_role("link", name="Thủ tục đăng ký khai sinh", exact=True).click()
    page.wait_for_url(f"{live_server.url}/thu-tuc/1.001193/")
    assert page.get_by_role("heading", level=1).inner_text() == "Thủ tục đăng ký khai sinh"
    assert "15:00" in page.get_by_test_id("time-limit").inner_text()
    assert page.get_by_test_id("components").get_by_text("Giấy chứng sinh", exact=False).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    page.screenshot(path=str(tmp_path / f"detail-{size}.png"), full_page=True)
    context.close()
