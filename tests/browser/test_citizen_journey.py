"""Issue 6's whole journey at phone size in a real Chromium: a citizen finds a fee-bearing procedure, signs in
through VNeID (the in-platform test provider), fills the e-form, uploads two files, submits and pays through the
fake gateway; officers receive it and ask for a supplement; the citizen sends it; the dossier is decided, its
signed result attached and returned; the citizen downloads the result, sees its signature is valid, and rates.
The e-mails along the way are read from a real SMTP server."""

from __future__ import annotations

import subprocess

import pytest
from django.conf import settings

from chinhquyenso.core.demo.accounts import DEMO_PASSWORD
from chinhquyenso.dossiers.models import Dossier, DossierRating
from chinhquyenso.identity import oidc
from chinhquyenso.identity.demo import ensure_demo_citizen
from chinhquyenso.signing.pki import pki_init
from tests.browser.portal_pages import PHONE, fits_the_screen
from tests.browser.test_dossier_journey import act, log_in, log_out, state
from tests.portal.conftest import image_bytes, pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "nguyenvanan@example.vn"  # the demo citizen's address
LOG_IN_TO_SUBMIT = "Đăng nhập để nộp hồ sơ trực tuyến"


@pytest.fixture
def world(demo):
    from chinhquyenso.catalog.demo.loader import ensure_demo_catalog

    ensure_demo_catalog()
    ensure_demo_citizen(DEMO_PASSWORD)
    pki_init(settings.PKI_DIR, settings.PKI_PASSWORD or "")  # the agencies sign their results
    oidc.cache_clear()
    return demo


def _subjects(smtp_server, count: int) -> list[str]:
    return [mail.subject for mail in smtp_server.wait_for(count, to=EMAIL, timeout=20)]


def test_a_citizen_goes_from_search_to_rating_on_a_phone(browser, live_server, world, smtp_server, tmp_path):
    base = live_server.url
    original = tmp_path / "bang-tot-nghiep.pdf"
    original.write_bytes(pdf_bytes(2))
    photo = tmp_path / "ban-chup.png"
    photo.write_bytes(image_bytes("PNG", (600, 800)))
    citizen = browser.new_context(viewport=PHONE, locale="vi-VN")
    page = citizen.new_page()

    # Find the procedure without accents, choose the commune, and sign in through VNeID on the way.
    page.goto(f"{base}/dich-vu-cong/")
    page.get_by_label("Tên hoặc mã thủ tục").fill("chung thuc ban sao")
    page.get_by_label("Tên hoặc mã thủ tục").press("Enter")
    page.get_by_role("link", name="Chứng thực bản sao từ bản chính").first.click()
    assert "2.000815" in page.url and fits_the_screen(page)
    page.get_by_role("link", name=LOG_IN_TO_SUBMIT).click()
    page.wait_for_url("**/tai-khoan/dang-nhap/**")
    page.get_by_role("link", name="Đăng nhập bằng tài khoản định danh điện tử VNeID").click()
    page.wait_for_url("**/tai-khoan/fake-vneid/authorize?**")
    page.get_by_label("Nguyễn Văn An").check()
    page.get_by_role("button", name="Đồng ý và đăng nhập").click()
    page.wait_for_url(f"{base}/dich-vu-cong/thu-tuc/2.000815/")  # back where the citizen was
    page.get_by_label("Cơ quan tiếp nhận hồ sơ").select_option(label="Ủy ban nhân dân xã Thọ Xuân")
    page.get_by_role("button", name="Nộp hồ sơ trực tuyến").click()

    # The e-form, pre-filled from the identity the provider vouched for.
    assert page.get_by_label("Họ và tên người yêu cầu").input_value() == "Nguyễn Văn An"
    assert page.get_by_label("Số định danh cá nhân (CCCD) của người yêu cầu").input_value() == "038090001234"
    page.get_by_label("Tên giấy tờ, văn bản cần chứng thực").fill("Bằng tốt nghiệp đại học")
    page.get_by_label("Số trang của bản chính").fill("2")
    page.get_by_label("Số bản sao đề nghị chứng thực").fill("3")
    page.get_by_role("button", name="Tiếp tục: đính kèm giấy tờ").click()
    page.wait_for_url("**/giay-to/")
    page.locator("#file_0").set_input_files(str(original))
    page.locator("#file_1").set_input_files(str(photo))
    page.get_by_role("button", name="Tải lên các tệp đã chọn").click()
    page.get_by_role("link", name="Tiếp tục: kiểm tra và nộp").click()
    page.get_by_role("button", name="Nộp hồ sơ", exact=True).click()
    page.wait_for_url("**/da-nop/")
    code = page.get_by_test_id("dossier-code").inner_text()
    dossier = Dossier.objects.get(code=code)
    assert (dossier.state, dossier.channel, dossier.submitter_auth) == ("submitted", "online", "vneid")
    assert any(code in subject for subject in _subjects(smtp_server, 1))

    # Pay the fee through the fake gateway.
    page.get_by_test_id("pay-link").click()
    page.get_by_role("button", name="Thanh toán trực tuyến 2.000\u00a0đ").click()
    page.wait_for_url("**/thanh-toan/cong-gia-lap/**")
    page.get_by_role("button", name="Thanh toán thành công").click()
    page.wait_for_url("**/thanh-toan/ket-qua/**")
    assert page.get_by_test_id("payment-result").inner_text() == "Thanh toán thành công: 2.000\u00a0đ."
    assert len(_subjects(smtp_server, 2)) == 2  # the payment is confirmed by e-mail

    # The one-stop officer receives it and asks, after assignment, for one more document.
    staff = browser.new_context(viewport=PHONE, locale="vi-VN")
    desk = staff.new_page()
    log_in(desk, base, "motcua")
    desk.goto(f"{base}/ho-so/{code}/")
    act(desk, "Tiếp nhận")
    assert state(desk) == "Đã tiếp nhận"
    act(desk, "Phân công xử lý", assignee="Lê Văn Hùng")
    act(desk, "Yêu cầu bổ sung", items="Bản chụp trang cuối của bằng", reason="Thiếu trang cuối")
    assert state(desk) == "Chờ bổ sung hồ sơ"

    # The citizen sees the request and sends the file from the phone.
    page.goto(f"{base}/dich-vu-cong/ho-so-cua-toi/{code}/")
    assert page.get_by_test_id("state").inner_text() == "Chờ bổ sung hồ sơ"
    supplement = page.get_by_test_id("supplement")
    assert "Bản chụp trang cuối của bằng" in supplement.inner_text()
    supplement.locator("input[type=file]").first.set_input_files(str(photo))
    supplement.get_by_role("button", name="Gửi hồ sơ bổ sung").click()
    assert "Công dân đã nộp bổ sung trực tuyến" in page.get_by_test_id("timeline").inner_text()

    # The officer takes the supplement, the leader decides and attaches the result, the officer returns it.
    desk.goto(f"{base}/ho-so/{code}/")
    act(desk, "Nhận hồ sơ bổ sung")
    assert state(desk) == "Đang xử lý"
    log_out(desk)
    log_in(desk, base, "lanhdao")
    desk.goto(f"{base}/ho-so/{code}/")
    act(desk, "Phê duyệt kết quả", content="Chứng thực 3 bản sao")
    result = tmp_path / "ban-sao-chung-thuc.pdf"
    result.write_bytes(pdf_bytes(1))
    act(desk, "Đính kèm tệp kết quả", file=str(result))
    log_out(desk)
    log_in(desk, base, "motcua")
    desk.goto(f"{base}/ho-so/{code}/")
    act(desk, "Trả kết quả")
    assert state(desk) == "Đã trả kết quả"
    staff.close()

    # The citizen downloads the result: signed by the commune, valid, checked again with poppler.
    page.goto(f"{base}/dich-vu-cong/ho-so-cua-toi/{code}/")
    assert page.get_by_test_id("state").inner_text() == "Đã trả kết quả"
    page.get_by_test_id("result-link").click()
    assert page.get_by_test_id("verdict").inner_text().startswith("✔")
    href = page.get_by_test_id("download-result").get_attribute("href")
    signed = page.request.get(base + href).body()
    checked = subprocess.run(["pdfsig", "-nocert", "-"], input=signed, capture_output=True)
    if checked.returncode != 0:  # older poppler reads only from a file
        (tmp_path / "ket-qua.pdf").write_bytes(signed)
        checked = subprocess.run(["pdfsig", "-nocert", str(tmp_path / "ket-qua.pdf")], capture_output=True)
    assert b"Signature is Valid" in checked.stdout

    # And rates the handling.
    page.goto(f"{base}/dich-vu-cong/ho-so-cua-toi/{code}/")
    form = page.get_by_test_id("rating-form")
    form.get_by_label("Hài lòng").first.check()
    form.get_by_label("(i) Ý kiến khác (không bắt buộc)").fill("Nhanh, không phải đi lại.")
    form.get_by_role("button", name="Gửi đánh giá").click()
    assert "Hài lòng" in page.get_by_test_id("rating").inner_text()
    assert DossierRating.objects.get(dossier__code=code).overall == "satisfied"
    assert fits_the_screen(page)

    # Every status change reached the citizen's mailbox: submitted, paid, received, supplement asked,
    # back in processing, resolved, returned.
    subjects = _subjects(smtp_server, 7)
    assert all(code in s for s in subjects if "thanh toán" not in s.lower())
    citizen.close()
