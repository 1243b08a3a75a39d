"""A real Chromium on the calendar year page: an agency administrator sees Tết 2026 by name and changes days;
a one-stop officer of the same agency only reads."""

import pytest
from playwright.sync_api import expect

from chinhquyenso.core.demo.accounts import DEMO_PASSWORD
from chinhquyenso.units.models import Agency
from chinhquyenso.workcal.models import CalendarDay

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def day_cell(page, iso):
    return page.locator(f'.months [data-date="{iso}"]')


def month(page, number):
    return page.get_by_role("region", name=f"Tháng {number}", exact=True)


def test_agency_admin_sees_tet_and_marks_a_day_off_and_a_make_up_day(browser, live_server, demo, tmp_path):
    page = log_in(browser, live_server, "quantri")
    page.get_by_role("link", name="Lịch làm việc").click()
    page.get_by_label("Năm").fill("2026")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_url("**year=2026**")
    assert page.get_by_role("heading", name="Lịch làm việc 2026").is_visible()
    assert page.get_by_label("Lịch của").locator("option:checked").inner_text() == "Ủy ban nhân dân xã Thọ Xuân"
    assert "249 ngày làm việc trong năm." in page.get_by_test_id("working-days").inner_text()

    # Tết 2026: Monday 16 to Friday 20 February, each marked as a day off and named.
    february = month(page, 2)
    for day, name in [
        ("2026-02-16", "Giao thừa Tết Nguyên Đán"),
        ("2026-02-17", "Tết Nguyên Đán"),
        ("2026-02-20", "Mùng bốn Tết Nguyên Đán"),
    ]:
        cell = day_cell(page, day)
        assert "holiday" in cell.get_attribute("class")
        assert cell.get_attribute("title") == name
        note = f"{day[8:]}/{day[5:7]} {name}"
        assert february.locator(".month-notes li").filter(has_text=note).first.inner_text() == note
    assert "holiday" not in day_cell(page, "2026-02-23").get_attribute("class")
    page.screenshot(path=str(tmp_path / "calendar-year-admin.png"), full_page=True)

    # A day far down the page: its form comes into view.
    day_cell(page, "2026-12-31").click()
    expect(page.locator("#day-form").get_by_role("heading", name="Sửa ngày 31/12/2026")).to_be_visible()
    expect(page.locator("#day-form")).to_be_in_viewport()

    # Tuesday 10 March becomes a local day off, with its legal basis.
    day_cell(page, "2026-03-10").click()
    form = page.locator("#day-form")
    expect(form.get_by_role("heading", name="Sửa ngày 10/03/2026")).to_be_visible()
    expect(form).to_be_in_viewport()
    form.get_by_label("Ngày này là").select_option(label="Ngày nghỉ")
    form.get_by_label("Tên").fill("Lễ hội Lam Kinh")
    form.get_by_label("Căn cứ pháp lý").fill("Quyết định 12/QĐ-UBND")
    form.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("status")).to_have_text("Đã cập nhật lịch làm việc.")
    cell = day_cell(page, "2026-03-10")
    assert set(cell.get_attribute("class").split()) >= {"holiday", "local"}
    assert cell.get_attribute("title") == "Lễ hội Lam Kinh"
    assert month(page, 3).locator(".month-notes li").filter(has_text="Lễ hội Lam Kinh").inner_text() == (
        "10/03 Lễ hội Lam Kinh (Quyết định 12/QĐ-UBND)"
    )
    assert "248 ngày làm việc trong năm." in page.get_by_test_id("working-days").inner_text()
    row = CalendarDay.objects.get(agency__identifier="000.01.27.H56", day="2026-03-10")
    assert (row.kind, row.legal_basis) == ("holiday", "Quyết định 12/QĐ-UBND")

    # Saturday 14 March becomes a make-up working day.
    day_cell(page, "2026-03-14").click()
    form = page.locator("#day-form")
    expect(form.get_by_role("heading", name="Sửa ngày 14/03/2026")).to_be_visible()
    expect(form).to_be_in_viewport()
    form.get_by_label("Ngày này là").select_option(label="Ngày làm việc bù")
    form.get_by_label("Căn cứ pháp lý").fill("Quyết định 12/QĐ-UBND")
    form.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("status")).to_have_text("Đã cập nhật lịch làm việc.")
    assert set(day_cell(page, "2026-03-14").get_attribute("class").split()) >= {"makeup", "local"}
    assert "249 ngày làm việc trong năm." in page.get_by_test_id("working-days").inner_text()
    history = page.get_by_role("region", name="Lịch sử thay đổi").get_by_role("row")
    assert history.nth(1).inner_text().split("\t")[-1] == "14/03/2026: Ngày làm việc bù"
    assert history.nth(2).inner_text().split("\t")[-1] == "10/03/2026: Ngày nghỉ – Lễ hội Lam Kinh"
    page.screenshot(path=str(tmp_path / "calendar-year-admin-after.png"), full_page=True)

    # The agency's version moved on, and the national calendar is untouched.
    assert page.get_by_test_id("calendar-version").inner_text().endswith(".2")
    assert not CalendarDay.objects.filter(agency=None, day="2026-03-10").exists()
    page.context.close()


def test_officer_sees_the_calendar_but_cannot_edit(browser, live_server, demo):
    page = log_in(browser, live_server, "motcua")
    page.goto(f"{live_server.url}/lich-lam-viec/?year=2026")
    assert day_cell(page, "2026-02-17").get_attribute("title") == "Tết Nguyên Đán"
    assert page.locator(".months a").count() == 0  # days are not links
    day_cell(page, "2026-03-10").click()
    assert page.locator("#day-form").count() == 0

    # Asking for the form directly does not give it either.
    tho_xuan = Agency.objects.get(identifier="000.01.27.H56")
    page.goto(f"{live_server.url}/lich-lam-viec/?agency={tho_xuan.pk}&year=2026&day=2026-03-10")
    assert page.locator("#day-form").count() == 0
    assert not CalendarDay.objects.filter(agency=tho_xuan).exists()
    page.context.close()
