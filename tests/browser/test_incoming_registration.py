"""A real Chromium: the clerk registers a paper document with its scan and finds it in the incoming register."""

import re

import pytest

from chinhquyenso.core.demo.accounts import DEMO_PASSWORD
from chinhquyenso.documents.models import IncomingDocument
from chinhquyenso.documents.seed import ensure_document_types

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}


@pytest.mark.parametrize("size", SIZES)
def test_the_clerk_registers_an_incoming_paper_document(browser, live_server, demo, size, tmp_path):
    ensure_document_types()
    context = browser.new_context(viewport=SIZES[size], locale="vi-VN")
    page = context.new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("vanthu")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")

    page.get_by_role("link", name="Văn bản đến").click()
    page.get_by_role("link", name="Vào sổ văn bản giấy").click()
    page.get_by_label("Loại văn bản").select_option("cong-van")
    page.get_by_label(re.compile(r"^Cơ quan ban hành")).fill("Sở Nội vụ tỉnh Thanh Hóa")
    page.get_by_label("Số", exact=True).fill("45")
    page.get_by_label("Ký hiệu").fill("SNV-CCVC")
    page.get_by_label("Ngày ban hành").fill("2026-01-05")
    page.get_by_label("Trích yếu").fill("Về việc rà soát vị trí việc làm năm 2026")
    scan = tmp_path / "cong-van-45.pdf"
    scan.write_bytes(b"%PDF-1.4\n% scan of the paper document\n")
    page.get_by_label("Bản quét").set_input_files(str(scan))
    page.get_by_role("button", name="Vào sổ").click()

    assert "Đã vào sổ với số đến 1." in page.get_by_role("status").first.inner_text()
    assert page.get_by_test_id("number-notation").inner_text() == "45/SNV-CCVC"
    assert page.get_by_test_id("status").inner_text() == "Đã vào sổ"
    assert page.get_by_role("link", name="cong-van-45.pdf").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    page.screenshot(path=str(tmp_path / f"incoming-{size}.png"), full_page=True)

    page.get_by_role("link", name="Văn bản đến").first.click()
    register = page.get_by_test_id("incoming-register")
    assert "Về việc rà soát vị trí việc làm năm 2026" in register.inner_text()
    page.get_by_role("searchbox").fill("ra soat vi tri viec lam")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url(lambda url: "q=ra" in url)
    rows = page.get_by_test_id("incoming-register")
    rows.get_by_text("45/SNV-CCVC").wait_for()
    page.get_by_role("searchbox").fill("khong co van ban nay")
    page.get_by_role("button", name="Lọc").click()
    rows.get_by_text("Không có văn bản.").wait_for()
    stored = IncomingDocument.objects.get()
    assert (stored.arrival_number, stored.files.get().name) == (1, "cong-van-45.pdf")
    context.close()
