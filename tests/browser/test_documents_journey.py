"""The official-documents journey in a real Chromium, as the demo officials would do it after `chinhquyenso demo`.

Thọ Xuân's clerk receives Lâm Sơn's digitally signed request, the leader assigns it, the specialist drafts the
reply, the leader signs it in the browser, the clerk numbers, seals and sends it; Lâm Sơn receives it with a valid
signature (checked by poppler's pdfsig too), and both communes' work files count as processed online.
"""

from __future__ import annotations

import re
import subprocess
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from chinhquyenso.core.demo.accounts import DEMO_PASSWORD
from chinhquyenso.documents.demo.drafts import draft_pdf
from chinhquyenso.documents.demo.loader import REQUEST_SUBJECT
from chinhquyenso.documents.models import IncomingDocument, OutgoingDocument, OutgoingStatus
from chinhquyenso.documents.selectors import work_files_processed_online_share
from chinhquyenso.units.models import Agency

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPLY = "Về việc báo cáo kết quả chuyển đổi số năm 2026 của xã Thọ Xuân"


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")


def log_out(page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()


def press(page, name: str) -> None:
    page.get_by_test_id("actions").get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


def status(page) -> str:
    return page.get_by_test_id("status").inner_text()


def open_incoming(page, subject: str) -> None:
    page.get_by_role("link", name="Văn bản đến", exact=True).click()
    page.get_by_test_id("incoming-register").get_by_role("link", name=subject).first.click()


def file_work(page, code: str, title: str, documents: list[tuple[str, str]]) -> None:
    """The clerk opens a work file, links the documents from their pages, closes it."""
    page.get_by_role("link", name="Hồ sơ công việc", exact=True).click()
    page.locator("summary", has_text="Lập hồ sơ mới").click()
    page.get_by_label("Ký hiệu hồ sơ (ví dụ 01.VP)").fill(code)
    page.get_by_label("Tiêu đề").fill(title)
    page.get_by_label("Thời hạn bảo quản").fill("10 năm")
    page.get_by_role("button", name="Tạo", exact=True).click()
    page.wait_for_url(re.compile(r"/van-ban/ho-so/\d+/$"))
    work_file_url = page.url
    for register, subject in documents:
        page.get_by_role("link", name=register, exact=True).click()
        rows = page.get_by_test_id("incoming-register" if register == "Văn bản đến" else "outgoing-register")
        rows.get_by_role("link", name=subject).first.click()
        chooser = page.locator("select[name=work_file]")
        chooser.select_option(chooser.locator("option", has_text=f"{code} —").get_attribute("value"))
        page.get_by_role("button", name="Thêm", exact=True).click()
        page.wait_for_load_state()
    page.goto(work_file_url)
    page.get_by_role("button", name="Đóng hồ sơ").click()
    page.wait_for_load_state()


def test_a_reply_signed_in_the_browser_reaches_the_other_commune_with_a_valid_signature(
    browser, live_server, units, tmp_path
):
    call_command("demo", stdout=StringIO())
    base = live_server.url
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    page = context.new_page()

    # 1. Thọ Xuân's clerk receives Lâm Sơn's request: its signatures were checked on arrival.
    log_in(page, base, "vanthu")
    page.get_by_role("link", name="Văn bản đến", exact=True).click()
    page.get_by_test_id("notices").get_by_role("link", name=re.compile(REQUEST_SUBJECT)).click()
    assert status(page) == "Chờ văn thư tiếp nhận"
    signatures = page.get_by_test_id("signatures")
    assert signatures.get_by_test_id("signature-verdict").inner_text() == "Chữ ký hợp lệ"
    assert "Lê Văn Minh DEV" in signatures.inner_text() and "UBND xã Lam Sơn DEV" in signatures.inner_text()
    press(page, "Tiếp nhận")
    assert status(page) == "Đã vào sổ"
    log_out(page)

    # 2. The leader assigns it to the office, with the specialist as handler.
    log_in(page, base, "lanhdao")
    open_incoming(page, REQUEST_SUBJECT)
    actions = page.get_by_test_id("actions")
    actions.get_by_label("Đơn vị chủ trì").fill("Văn phòng HĐND và UBND")
    actions.get_by_label("Người xử lý").select_option(label="Lê Văn Hùng")
    actions.get_by_label("Ý kiến chỉ đạo").fill("Văn phòng tham mưu báo cáo, trình ký trong tuần.")
    press(page, "Phân công xử lý")
    assert status(page) == "Đã phân công"
    log_out(page)

    # 3. The specialist drafts the reply to Lâm Sơn, with the PDF prepared in the office's template.
    log_in(page, base, "chuyenvien")
    page.get_by_role("link", name="Văn bản đi", exact=True).click()
    page.get_by_role("link", name="Soạn thảo văn bản").click()
    page.get_by_label("Loại văn bản").select_option("cong-van")
    page.get_by_label("Trích yếu").fill(REPLY)
    page.get_by_label("Đơn vị soạn thảo (viết tắt, ví dụ VP)").fill("VP")
    page.get_by_label("Chức vụ người ký").fill("Chủ tịch")
    page.get_by_label("Họ tên người ký").fill("Trịnh Đình Thắng")
    page.get_by_label("Ủy ban nhân dân xã Lam Sơn").check()
    draft = tmp_path / "bao-cao-chuyen-doi-so.pdf"
    draft.write_bytes(
        draft_pdf(
            agency="Ủy ban nhân dân xã Thọ Xuân",
            notation="UBND-VP",
            place="Thọ Xuân",
            year=timezone.localdate().year,
            type_name="",
            subject="V/v báo cáo kết quả chuyển đổi số năm 2026",
            paragraphs=["Kính gửi: Ủy ban nhân dân xã Lam Sơn.", "Ủy ban nhân dân xã Thọ Xuân báo cáo như sau."],
            competence="TM. ỦY BAN NHÂN DÂN",
            position="Chủ tịch",
            full_name="Trịnh Đình Thắng",
        )
    )
    page.get_by_label("Dự thảo", exact=True).set_input_files(str(draft))
    page.get_by_role("button", name="Lưu dự thảo").click()
    page.wait_for_url(re.compile(r"/van-ban/di/\d+/$"))
    reply_url = page.url
    press(page, "Trình duyệt")
    assert status(page) == "Đang xem xét"
    log_out(page)

    # 4. The leader approves and signs in the browser: the report shows the signature.
    log_in(page, base, "lanhdao")
    page.goto(reply_url)
    press(page, "Duyệt")
    press(page, "Ký")
    assert status(page) == "Đã ký"
    signatures = page.get_by_test_id("signatures")
    assert signatures.get_by_test_id("signature-verdict").inner_text() == "Chữ ký hợp lệ"
    assert "Trịnh Đình Thắng DEV" in signatures.inner_text()
    trail = page.get_by_test_id("trail").inner_text()
    assert "Trịnh Đình Thắng" in trail and "Đã kiểm tra chữ ký số" in trail
    log_out(page)

    # 5. The clerk numbers it, applies the organisation's signature and sends it.
    log_in(page, base, "vanthu")
    page.goto(reply_url)
    press(page, "Cấp số")
    number = page.get_by_test_id("number-notation").inner_text()
    assert re.fullmatch(r"\d{2,}/UBND-VP", number)
    press(page, "Ký số cơ quan (đóng dấu)")
    assert "UBND xã Thọ Xuân DEV" in page.get_by_test_id("signatures").inner_text()
    press(page, "Phát hành")
    assert status(page) == "Đã phát hành"
    assert "Đã đến" in page.get_by_test_id("recipients").inner_text()
    file_work(
        page,
        "02.VP",
        "Hồ sơ báo cáo kết quả chuyển đổi số năm 2026",
        [("Văn bản đến", REQUEST_SUBJECT), ("Văn bản đi", REPLY)],
    )
    assert page.get_by_test_id("processed-online").inner_text().startswith("Có")
    log_out(page)

    # 6. Lâm Sơn's clerk receives the reply: valid signatures, here and for poppler's pdfsig.
    log_in(page, base, "vanthu.lamson")
    page.get_by_role("link", name="Văn bản đến", exact=True).click()
    page.get_by_test_id("incoming-register").get_by_role("link", name=REPLY).click()
    assert page.get_by_test_id("number-notation").inner_text() == number
    verdict = page.get_by_test_id("signatures").get_by_test_id("signature-verdict")
    assert verdict.inner_text() == "Chữ ký hợp lệ"
    page.get_by_role("link", name="Kiểm tra lại").click()
    report = page.get_by_test_id("signature-report").inner_text()
    assert "Văn bản HỢP LỆ: 2 chữ ký" in report and "Toàn vẹn nội dung: có" in report
    page.go_back()
    href = page.get_by_role("link", name="bao-cao-chuyen-doi-so.pdf").get_attribute("href")
    received = tmp_path / "received.pdf"
    received.write_bytes(page.request.get(base + href).body())
    assert pdfsig_all_valid(received, tmp_path)
    press(page, "Tiếp nhận")
    assert status(page) == "Đã vào sổ"
    file_work(
        page,
        "05.VP",
        "Hồ sơ tổng hợp chuyển đổi số các xã năm 2026",
        [("Văn bản đi", REQUEST_SUBJECT), ("Văn bản đến", REPLY)],
    )
    assert page.get_by_test_id("processed-online").inner_text().startswith("Có")
    context.close()

    reply = OutgoingDocument.objects.get(subject=REPLY)
    assert reply.status == OutgoingStatus.DISPATCHED and reply.sealed_at is not None
    assert IncomingDocument.objects.get(subject=REPLY).source_recipient.document == reply
    today = timezone.localdate()
    for identifier in ("000.01.27.H56", "000.02.27.H56"):
        assert work_files_processed_online_share(Agency.objects.get(identifier=identifier), (today, today)) == (
            1,
            1,
            1.0,
        )


def pdfsig_all_valid(pdf_path, folder) -> bool:
    """Both signatures valid and trusted for poppler, with an NSS database trusting the demo CA."""
    nss = folder / "nss"
    nss.mkdir()
    subprocess.run(["/usr/bin/certutil", "-N", "-d", f"sql:{nss}", "--empty-password"], check=True)
    ca = settings.PKI_DIR / "ca.pem"
    subprocess.run(
        ["/usr/bin/certutil", "-A", "-d", f"sql:{nss}", "-n", "demo-ca", "-t", "CT,C,C", "-i", str(ca)], check=True
    )
    output = subprocess.run(
        ["/usr/bin/pdfsig", "-nssdir", f"sql:{nss}", str(pdf_path)], capture_output=True, text=True, check=False
    ).stdout
    blocks = output.split("Signature #")[1:]
    return len(blocks) == 2 and all(
        "Signature Validation: Signature is Valid." in b and "Certificate Validation: Certificate is Trusted." in b
        for b in blocks
    )
