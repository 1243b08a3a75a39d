"""A citizen on a phone finds a procedure without typing accents, fills the e-form, uploads two files, submits,
and finds the dossier in "Hồ sơ của tôi"."""

from __future__ import annotations

import pytest

from chinhquyenso.core.models import AccountKind, User
from chinhquyenso.dossiers.models import Dossier, DossierFile
from tests.browser.portal_pages import citizen_context, fits_the_screen
from tests.portal.conftest import image_bytes, pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_catalog(demo):
    from chinhquyenso.catalog.demo.loader import ensure_demo_catalog

    ensure_demo_catalog()
    return demo


def test_a_citizen_submits_online_with_two_uploads(browser, live_server, demo_catalog, tmp_path):
    base = live_server.url
    citizen = User.objects.create(
        username="0912345678", kind=AccountKind.CITIZEN, full_name="Nguyễn Văn An", phone="0912345678"
    )
    original = tmp_path / "bang-tot-nghiep.pdf"
    original.write_bytes(pdf_bytes(2))
    photo = tmp_path / "ban-chup.png"
    photo.write_bytes(image_bytes("PNG", (600, 800)))
    context = citizen_context(browser, base, citizen, auth_method="otp")
    page = context.new_page()

    page.goto(f"{base}/dich-vu-cong/")
    page.get_by_label("Tên hoặc mã thủ tục").fill("chung thuc ban sao")
    page.get_by_label("Tên hoặc mã thủ tục").press("Enter")
    page.get_by_role("link", name="Chứng thực bản sao từ bản chính").first.click()
    assert "2.000815" in page.url and fits_the_screen(page)
    page.get_by_label("Cơ quan tiếp nhận hồ sơ").select_option(label="Ủy ban nhân dân xã Thọ Xuân")
    page.get_by_role("button", name="Nộp hồ sơ trực tuyến").click()

    # The e-form: the account's name and phone are already there.
    assert page.get_by_label("Họ và tên người yêu cầu").input_value() == "Nguyễn Văn An"
    assert page.get_by_label("Số điện thoại liên hệ").input_value() == "0912345678"
    page.get_by_label("Số định danh cá nhân (CCCD) của người yêu cầu").fill("038090001234")
    page.get_by_label("Tên giấy tờ, văn bản cần chứng thực").fill("Bằng tốt nghiệp đại học")
    page.get_by_label("Số trang của bản chính").fill("0")
    page.get_by_label("Số bản sao đề nghị chứng thực").fill("3")
    page.get_by_role("button", name="Tiếp tục: đính kèm giấy tờ").click()
    assert "Tối thiểu 1." in page.locator("#e-so_trang_ban_chinh").inner_text()  # checked on the server
    page.get_by_label("Số trang của bản chính").fill("2")
    page.get_by_role("button", name="Tiếp tục: đính kèm giấy tờ").click()
    page.wait_for_url("**/giay-to/")
    assert fits_the_screen(page)

    page.locator("#file_0").set_input_files(str(original))
    page.locator("#file_1").set_input_files(str(photo))
    page.get_by_role("button", name="Tải lên các tệp đã chọn").click()
    assert page.get_by_test_id("file-0").inner_text() == "bang-tot-nghiep.pdf"
    assert page.get_by_test_id("file-1").inner_text() == "ban-chup.png"
    page.get_by_role("link", name="Tiếp tục: kiểm tra và nộp").click()
    page.get_by_role("button", name="Nộp hồ sơ", exact=True).click()
    page.wait_for_url("**/da-nop/")
    code = page.get_by_test_id("dossier-code").inner_text()
    assert fits_the_screen(page)

    page.get_by_role("link", name="Hồ sơ của tôi").first.click()
    row = page.locator(f"[data-code='{code}']")
    assert "Chứng thực bản sao từ bản chính" in row.inner_text() and "Mới đăng ký" in row.inner_text()
    row.get_by_role("link").click()
    assert page.get_by_test_id("state").inner_text() == "Mới đăng ký"
    assert "Mới đăng ký" in page.get_by_test_id("timeline").inner_text()

    dossier = Dossier.objects.get(code=code)
    assert (dossier.state, dossier.channel, dossier.submitter_auth) == ("submitted", "online", "otp")
    stored = DossierFile.objects.filter(dossier=dossier).order_by("component_position")
    assert [(f.component_position, f.content_type) for f in stored] == [(0, "application/pdf"), (1, "image/png")]
    context.close()
