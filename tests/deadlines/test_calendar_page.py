"""The calendar year page: months as grids with named days off, and editing by an administrator."""

import pytest

from chinhquyenso.core.models import AuditEvent, User
from chinhquyenso.units.models import Agency
from chinhquyenso.workcal.models import CalendarDay

pytestmark = pytest.mark.django_db


def test_year_page_shows_named_days_off_and_make_up_days(client, demo):
    client.force_login(User.objects.get(username="motcua"))
    page = client.get("/lich-lam-viec/?year=2026").content.decode()
    assert "Tết Nguyên Đán" in page
    assert "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)" in page
    assert 'class="day makeup" title="" data-date="2026-08-22"' in page
    assert "249 ngày làm việc trong năm." in page
    assert 'href="?agency' not in page.split('class="months"')[1]  # an officer cannot edit


def test_agency_admin_adds_a_local_day_off(client, demo):
    tho_xuan = Agency.objects.get(identifier="000.01.27.H56")
    client.force_login(User.objects.get(username="quantri"))
    response = client.post(
        "/lich-lam-viec/ngay/",
        {
            "agency": tho_xuan.pk,
            "year": 2026,
            "day": "2026-03-10",
            "kind": "holiday",
            "name": "Lễ hội Lam Kinh",
            "legal_basis": "Quyết định 12/QĐ-UBND",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Đã cập nhật lịch làm việc." in page
    assert "Lễ hội Lam Kinh" in page
    assert CalendarDay.objects.get(agency=tho_xuan, day="2026-03-10").legal_basis == "Quyết định 12/QĐ-UBND"
    assert AuditEvent.objects.filter(action="calendar.day_set").exists()


def test_officer_cannot_edit_and_is_told_why(client, demo):
    tho_xuan = Agency.objects.get(identifier="000.01.27.H56")
    client.force_login(User.objects.get(username="motcua"))
    response = client.post(
        "/lich-lam-viec/ngay/",
        {"agency": tho_xuan.pk, "year": 2026, "day": "2026-03-10", "kind": "holiday", "name": "x"},
        follow=True,
    )
    assert "Bạn không có quyền thực hiện thao tác này." in response.content.decode()
    assert not CalendarDay.objects.filter(agency=tho_xuan).exists()


def test_another_communes_calendar_is_not_found(client, demo):
    lam_son = Agency.objects.get(identifier="000.02.27.H56")
    client.force_login(User.objects.get(username="motcua"))
    assert client.get(f"/lich-lam-viec/?agency={lam_son.pk}").status_code == 404


def test_htmx_request_gets_only_the_day_form(client, demo):
    client.force_login(User.objects.get(username="admin"))
    response = client.get("/lich-lam-viec/?agency=0&year=2026&day=2026-02-17", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert 'id="day-form"' in body and "<html" not in body
    assert 'value="Tết Nguyên Đán"' in body


def test_htmx_day_form_is_for_editors_only(client, demo):
    client.force_login(User.objects.get(username="motcua"))
    response = client.get("/lich-lam-viec/?year=2026&day=2026-03-10", headers={"HX-Request": "true"})
    assert 'id="day-form"' not in response.content.decode()


def test_change_history_reads_in_vietnamese_with_the_legal_basis_in_the_notes(client, demo):
    tho_xuan = Agency.objects.get(identifier="000.01.27.H56")
    client.force_login(User.objects.get(username="quantri"))
    form = {"agency": tho_xuan.pk, "year": 2026, "legal_basis": "Quyết định 12/QĐ-UBND"}
    client.post("/lich-lam-viec/ngay/", {**form, "day": "2026-03-10", "kind": "holiday", "name": "Lễ hội Lam Kinh"})
    client.post("/lich-lam-viec/ngay/", {**form, "day": "2026-03-10", "kind": "default"})
    page = client.get(f"/lich-lam-viec/?agency={tho_xuan.pk}&year=2026").content.decode()
    history = page.split("Lịch sử thay đổi")[1]
    assert "<td>10/03/2026: Ngày nghỉ – Lễ hội Lam Kinh</td>" in history
    assert "<td>10/03/2026: Theo lịch chung toàn quốc</td>" in history
    assert "holiday" not in history and "cleared" not in history
    client.post("/lich-lam-viec/ngay/", {**form, "day": "2026-03-14", "kind": "makeup_workday"})
    page = client.get(f"/lich-lam-viec/?agency={tho_xuan.pk}&year=2026").content.decode()
    assert 'Ngày làm việc bù <span class="muted">(Quyết định 12/QĐ-UBND)</span>' in page
