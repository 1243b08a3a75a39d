"""Permissions are scoped by agency and unit subtree: another commune's objects are invisible (404)."""

import pytest

from chinhquyenso.core.models import User
from chinhquyenso.units.models import Agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies(demo):
    return {a.identifier: a for a in Agency.objects.all()}


def test_commune_officer_sees_own_agency(client, agencies):
    client.force_login(User.objects.get(username="motcua"))
    own = agencies["000.01.27.H56"]
    assert client.get(f"/api/v1/agencies/{own.id}").status_code == 200
    assert client.get(f"/co-quan/{own.id}/").status_code == 200


def test_commune_officer_gets_404_for_another_commune(client, agencies):
    client.force_login(User.objects.get(username="motcua"))
    other = agencies["000.02.27.H56"]  # xã Lam Sơn
    api = client.get(f"/api/v1/agencies/{other.id}")
    assert api.status_code == 404
    assert api.json()["code"] == "not_found"
    page = client.get(f"/co-quan/{other.id}/")
    assert page.status_code == 404
    assert "Không tìm thấy trang" in page.content.decode()


def test_commune_officer_does_not_see_the_province(client, agencies):
    client.force_login(User.objects.get(username="motcua"))
    listed = {a["identifier"] for a in client.get("/api/v1/agencies").json()}
    assert listed == {"000.01.27.H56"}


def test_provincial_role_sees_the_communes_below(client, agencies):
    from chinhquyenso.core.models import Role
    from tests.factories import make_staff

    leader = make_staff("lanhdao.tinh", agency=agencies["000.00.00.H56"], role=Role.UNIT_LEADER)
    client.force_login(leader)
    listed = {a["identifier"] for a in client.get("/api/v1/agencies").json()}
    assert {"000.01.27.H56", "000.02.27.H56", "000.00.31.H56"} <= listed
    # The legacy district is a different tree (L…) and is not under the current province.
    assert "000.00.27.H56" not in listed


def test_system_admin_sees_everything(client, agencies):
    client.force_login(User.objects.get(username="admin"))
    listed = {a["identifier"] for a in client.get("/api/v1/agencies").json()}
    assert listed == set(agencies)


def test_citizen_account_cannot_use_the_staff_api(client, demo):
    citizen = User.objects.create_user(username="0912345678", password="x" * 10, kind="citizen")
    client.force_login(citizen)
    assert client.get("/api/v1/agencies").status_code == 401


def test_agency_list_downloads_as_excel_with_only_visible_rows(client, agencies):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(User.objects.get(username="motcua"))
    response = client.get("/co-quan/?format=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Tên", "Mã định danh điện tử", "Đơn vị hành chính")
    assert rows[1:] == [("Ủy ban nhân dân xã Thọ Xuân", "000.01.27.H56", "Xã Thọ Xuân")]
