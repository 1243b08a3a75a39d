"""The whole one-stop journey in a real Chromium, as the demo officers would do it from `make run`."""

from __future__ import annotations

import subprocess
from datetime import datetime

import pytest
import time_machine

from chinhquyenso.core.demo.accounts import DEMO_PASSWORD
from chinhquyenso.workcal.calendar import VN_TZ

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_catalog(demo):
    from chinhquyenso.catalog.demo.loader import ensure_demo_catalog

    ensure_demo_catalog()
    return demo


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")


def log_out(page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()


def act(page, label: str, **fields) -> None:
    """Opens the action's panel, fills its fields and confirms."""
    panel = page.locator("details.action", has=page.locator("summary", has_text=label))
    panel.locator("summary").click()
    for name, value in fields.items():
        field = panel.locator(f"[name={name}]")
        if name == "file":
            field.set_input_files(value)
        elif field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    panel.get_by_role("button", name=f"Xác nhận: {label}").click()
    page.wait_for_load_state()


def state(page) -> str:
    return page.get_by_test_id("state").inner_text()


def printed(page, number: str) -> str:
    """The text of the official form the dossier page links to, fetched with the officer's session."""
    href = page.locator(f"a[data-form='{number}']").get_attribute("href")
    response = page.request.get(page.url.split("/ho-so/")[0] + href)
    assert response.headers["content-type"] == "application/pdf"
    pdf = subprocess.run(["pdftotext", "-", "-"], input=response.body(), capture_output=True, check=True)
    return " ".join(pdf.stdout.decode().split())


def public_state(page, base: str, code: str) -> str:
    page.goto(f"{base}/tra-cuu/?ma={code}")
    return page.get_by_test_id("lookup-state").inner_text()


def test_officers_take_a_counter_dossier_from_intake_to_return(browser, live_server, demo_catalog, tmp_path):
    base = live_server.url
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN_TZ), tick=True):
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
        page = context.new_page()

        log_in(page, base, "motcua")
        page.get_by_role("link", name="Tiếp nhận", exact=True).click()
        # htmx loads deferred: a choice made before it runs is not sent (a race on a loaded machine).
        page.wait_for_function("() => window.htmx !== undefined && document.readyState === 'complete'")
        page.get_by_label("Thủ tục").select_option("1.004873")
        page.get_by_text("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân").wait_for()
        page.get_by_label("Họ và tên người nộp").fill("Nguyễn Văn An")
        page.get_by_label("Điện thoại").fill("0912345678")
        page.locator("input[name=provided][value='0']").check()
        page.get_by_role("button", name="Tiếp nhận (Mẫu 01)").click()
        page.wait_for_url(f"{base}/ho-so/**")
        code = page.locator("h1 code").inner_text()
        assert state(page) == "Đã tiếp nhận"
        assert "05/03/2026" in page.get_by_test_id("due").inner_text()  # 3 working days later
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert code in printed(page, "01")
        act(page, "Phân công xử lý", assignee="Lê Văn Hùng")
        assert state(page) == "Đang xử lý"
        log_out(page)

        log_in(page, base, "chuyenvien")
        page.goto(f"{base}/ho-so/{code}/")
        act(page, "Yêu cầu bổ sung", items="Bản sao trích lục ghi chú ly hôn", reason="Đã ly hôn, thiếu giấy tờ")
        assert state(page) == "Chờ bổ sung hồ sơ"
        assert public_state(page, base, code) == "Chờ bổ sung hồ sơ"
        log_out(page)

        log_in(page, base, "motcua")
        page.goto(f"{base}/ho-so/{code}/")
        act(page, "Nhận hồ sơ bổ sung")
        assert state(page) == "Đang xử lý"
        log_out(page)

        log_in(page, base, "chuyenvien")
        page.goto(f"{base}/ho-so/{code}/")
        act(page, "Xin lỗi và hẹn lại (Mẫu 04)", reason="Cần xác minh tại nơi cư trú trước", new_due="2026-03-12T09:00")
        assert page.get_by_test_id("due").inner_text().startswith("09:00 12/03/2026")
        assert "12/03/2026" in printed(page, "04")
        act(page, "Xin lỗi và hẹn lại (Mẫu 04)", reason="Lần hai", new_due="2026-03-13T09:00")
        assert "không thể gia hạn thêm" in page.locator(".notice-error").inner_text()
        log_out(page)

        log_in(page, base, "lanhdao")
        page.goto(f"{base}/ho-so/{code}/")
        act(page, "Phê duyệt kết quả", content="Cấp Giấy xác nhận tình trạng hôn nhân")
        assert state(page) == "Đã giải quyết, chờ trả kết quả"
        result = tmp_path / "giay-xac-nhan.pdf"
        result.write_bytes(b"%PDF-1.7\n% ket qua\n")
        act(page, "Đính kèm tệp kết quả", file=str(result))
        assert "giay-xac-nhan.pdf" in page.content()
        assert public_state(page, base, code) == "Đã giải quyết, chờ trả kết quả"
        log_out(page)

        log_in(page, base, "motcua")
        page.goto(f"{base}/ho-so/{code}/")
        act(page, "Trả kết quả")
        assert state(page) == "Đã trả kết quả"
        timeline = page.get_by_test_id("timeline")
        actions = timeline.locator("li").evaluate_all("items => items.map(i => i.dataset.action)")
        assert actions == [
            "submit",
            "receive",
            "assign",
            "request_supplement",
            "receive_supplement",
            "extend",
            "decide",
            "attach_result",
            "return_result",
        ]
        # Every step after receipt shows the deadline of the internal step it belongs to.
        assert timeline.inner_text().count("· hạn ") == 8
        assert public_state(page, base, code) == "Đã trả kết quả"
        page.screenshot(path=str(tmp_path / "journey.png"), full_page=True)
        context.close()
