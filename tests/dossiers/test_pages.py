"""Staff pages: counter, inbox, dossier page with its actions, register with Excel export."""

from __future__ import annotations

import io

import openpyxl
import pytest

from chinhquyenso.dossiers.models import Dossier
from tests.dossiers.conftest import COMMUNE

pytestmark = pytest.mark.django_db


def test_counter_receives_and_redirects_to_the_dossier(client, officer, catalog, clock):
    client.force_login(officer)
    page = client.get("/mot-cua/tiep-nhan/")
    assert page.status_code == 200 and "Tiếp nhận hồ sơ" in page.content.decode()
    components = client.get("/mot-cua/thanh-phan/", {"procedure": "1.004873"}).content.decode()
    assert "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân" in components
    response = client.post(
        "/mot-cua/tiep-nhan/",
        {
            "procedure": "1.004873",
            "channel": "counter",
            "submitter_name": "Phạm Văn Cường",
            "provided": ["0"],
            "outcome": "receive",
            "sets": "1",
        },
    )
    dossier = Dossier.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/ho-so/{dossier.code}/"
    detail = client.get(response["Location"]).content.decode()
    assert dossier.code in detail and "Phạm Văn Cường" in detail and "05/03/2026" in detail


def test_counter_shows_field_errors_and_keeps_what_was_typed(client, officer, catalog, clock):
    client.force_login(officer)
    response = client.post(
        "/mot-cua/tiep-nhan/",
        {"procedure": "1.004873", "submitter_name": "Phạm Văn Cường", "submitter_phone": "123", "outcome": "receive"},
    )
    html = response.content.decode()
    assert response.status_code == 422 and "Phạm Văn Cường" in html and "0 hoặc +84" in html
    assert not Dossier.objects.exists()


def test_inbox_counts_and_overdue_highlight(client, intake, clock, officer):
    fresh, late = intake(), intake()
    clock.move_to("2026-03-06T09:00+07:00")  # both due Thursday 5 March 09:00: now overdue
    client.force_login(officer)
    html = client.get("/ho-so/").content.decode()
    assert html.count('class="overdue"') == 2 and fresh.code in html and late.code in html
    xlsx = client.get("/ho-so/", {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert {sheet.cell(row=r, column=1).value for r in range(2, 4)} == {fresh.code, late.code}


def test_dossier_page_shows_only_the_allowed_actions_and_acts(client, intake, clock, officer):
    dossier = intake()
    client.force_login(officer)
    html = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert 'data-action="assign"' in html and 'data-action="return_result"' not in html
    response = client.post(
        f"/ho-so/{dossier.code}/thao-tac/withdraw/", {"reason": "Người dân xin rút", "version": dossier.version}
    )
    assert response.status_code == 302
    follow = client.get(response["Location"]).content.decode()
    assert "Người dân xin rút" in follow and Dossier.objects.get().state == "withdrawn"
    again = client.post(f"/ho-so/{dossier.code}/thao-tac/withdraw/", {"reason": "x"}, follow=True)
    assert again.status_code == 200 and "notice-error" in again.content.decode()


def test_register_lists_the_period_and_exports_excel(client, intake, clock, officer):
    dossiers = [intake() for _ in range(3)]
    client.force_login(officer)
    html = client.get("/ho-so/so-theo-doi/", {"tu": "2026-03-01", "den": "2026-03-31"}).content.decode()
    assert all(d.code in html for d in dossiers)
    xlsx = client.get("/ho-so/so-theo-doi/", {"tu": "2026-03-01", "den": "2026-03-31", "format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert [sheet.cell(row=r, column=2).value for r in range(2, 5)] == [d.code for d in dossiers]
    empty = client.get("/ho-so/so-theo-doi/", {"tu": "2026-04-01", "den": "2026-04-30"}).content.decode()
    assert dossiers[0].code not in empty


def test_pages_of_another_commune_are_404(client, intake, clock, catalog):
    from chinhquyenso.core.models import Role
    from tests.factories import make_staff

    dossier = intake()
    client.force_login(make_staff("lamson3", agency=catalog["000.02.27.H56"], role=Role.ONE_STOP_OFFICER))
    assert client.get(f"/ho-so/{dossier.code}/").status_code == 404
    assert COMMUNE not in client.get("/ho-so/").content.decode()
