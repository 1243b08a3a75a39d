"""The staff pages of the catalogue: find a procedure, read it, download the list, import a file."""

import copy
import json
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from chinhquyenso.catalog.models import ProcedureVersion
from chinhquyenso.catalog.serialize import catalog_document
from chinhquyenso.catalog.services import catalog_import, procedure_draft_create
from chinhquyenso.catalog.spreadsheet import workbook_bytes

pytestmark = pytest.mark.django_db

LIST = "/thu-tuc/"


def test_the_list_is_in_the_navigation_and_shows_every_published_procedure(client, officer, catalog):
    client.force_login(officer)
    page = client.get(LIST)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'href="{LIST}"' in html and "Thủ tục hành chính" in html
    assert f"Tìm thấy {len(catalog['procedures'])} thủ tục" in html
    assert "Trang 1 / 2" in html  # 33 procedures, 20 a page
    assert "Nhập danh mục thủ tục" not in html  # an officer does not import


@pytest.mark.parametrize("query", ["khai sinh", "KHAI SINH", "dang ky khai sinh", "1.001193"])
def test_search_by_code_or_name_ignores_case_and_diacritics(client, officer, catalog, query):
    client.force_login(officer)
    page = client.get(LIST, {"q": query})
    rows = page.context["rows"]
    codes = [version.procedure.national_code for version, _ in rows]
    assert "1.001193" in codes
    assert all("khai sinh" in v.search_text or v.procedure.national_code == query for v, _ in rows)


def test_filters_by_field_and_online_level_and_pages_keep_them(client, officer, catalog):
    client.force_login(officer)
    page = client.get(LIST, {"field": "HT", "online_level": "full"})
    versions = [v for v, _ in page.context["rows"]]
    expected = {
        p["national_code"] for p in catalog["procedures"] if p["field_code"] == "HT" and p["online_level"] == "full"
    }
    assert {v.procedure.national_code for v in versions} == expected and expected
    assert "Không có thủ tục phù hợp." in client.get(LIST, {"q": "không có thủ tục này"}).content.decode()
    second = client.get(LIST, {"q": "", "page": 2}).content.decode()
    assert "Trang 2 / 2" in second and 'rel="prev"' in second


def test_the_excel_download_holds_the_current_filter_and_imports_back(client, officer, catalog):
    client.force_login(officer)
    response = client.get(LIST, {"field": "HT", "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(response.content))
    codes = [row[0] for row in book["Thủ tục"].iter_rows(min_row=2, values_only=True)]
    assert sorted(codes) == sorted(p["national_code"] for p in catalog["procedures"] if p["field_code"] == "HT")
    assert catalog_import(actor=None, document=catalog_document()).published == []


def test_the_procedure_page_shows_the_published_version(client, officer, catalog):
    client.force_login(officer)
    page = client.get(f"{LIST}1.001193/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Thủ tục đăng ký khai sinh</h1>" in html
    assert "Trong ngày làm việc (nếu tiếp nhận trước 15:00)" in html
    assert "Giấy chứng sinh" in html  # a component
    assert "Luật Hộ tịch số 60/2014/QH13" in html  # legal basis
    assert "Cán bộ một cửa" in html and "0,2 ngày" in html  # a step with its role and budget
    assert "Lệ phí đăng ký khai sinh đúng hạn" in html and "0 đồng" in html
    assert "Lịch sử phiên bản" in html and "Đã công bố" in html


def test_the_history_lists_retired_versions_and_opens_them(client, officer, admin, catalog):
    changed = copy.deepcopy(catalog)
    changed["procedures"][0]["name"] = "Thủ tục đăng ký khai sinh (sửa đổi)"
    catalog_import(actor=None, document=changed)
    client.force_login(officer)
    html = client.get(f"{LIST}1.001193/").content.decode()
    assert "Thủ tục đăng ký khai sinh (sửa đổi)" in html and 'href="?phien-ban=1"' in html
    old = client.get(f"{LIST}1.001193/", {"phien-ban": 1}).content.decode()
    assert "<h1>Thủ tục đăng ký khai sinh</h1>" in old and 'data-testid="not-current"' in old
    # A draft is for the catalogue administrator only.
    procedure = ProcedureVersion.objects.get(procedure__national_code="1.001193", number=2).procedure
    procedure_draft_create(actor=admin, procedure=procedure)
    assert client.get(f"{LIST}1.001193/", {"phien-ban": 3}).status_code == 404
    client.force_login(admin)
    assert client.get(f"{LIST}1.001193/", {"phien-ban": 3}).status_code == 200


def test_an_unknown_procedure_is_a_vietnamese_404(client, officer, catalog):
    client.force_login(officer)
    page = client.get(f"{LIST}9.999999/")
    assert page.status_code == 404


def test_pages_need_a_staff_log_in(client, catalog):
    assert client.get(LIST).status_code == 302
    assert client.get(f"{LIST}1.001193/").status_code == 302


def _upload(name: str, content: bytes):
    return {"file": SimpleUploadedFile(name, content)}


def test_the_import_page_is_refused_to_an_officer(client, officer):
    client.force_login(officer)
    assert client.get(f"{LIST}nhap/").status_code == 403
    assert client.post(f"{LIST}nhap/", _upload("a.json", b"{}")).status_code == 403


def test_an_administrator_imports_a_workbook_and_sees_the_count(client, admin, catalog):
    document = copy.deepcopy(catalog_document())
    document["procedures"][1]["name"] += " (sửa đổi)"
    client.force_login(admin)
    page = client.post(f"{LIST}nhap/", _upload("danh-muc.xlsx", workbook_bytes(document)))
    assert page.status_code == 200
    assert "Đã nhập: 1 thủ tục có phiên bản mới, 32 thủ tục không thay đổi." in page.content.decode()


def test_row_level_errors_of_a_workbook_are_shown_in_a_table(client, admin, catalog):
    document = copy.deepcopy(catalog_document())
    document["procedures"][0]["components"][1]["quantity"] = 0
    document["procedures"][2]["fees"] = [{**document["procedures"][0]["fees"][0], "amount_vnd": -10}]
    client.force_login(admin)
    page = client.post(f"{LIST}nhap/", _upload("danh-muc.xlsx", workbook_bytes(document)))
    assert page.status_code == 422
    problems = [(p.sheet, p.row, p.column, p.message) for p in page.context["cell_problems"]]
    assert ("Thành phần", 3, "Số lượng", "Số lượng là số nguyên từ 1 đến 100.") in problems
    assert any(p[0] == "Phí, lệ phí" and p[2] == "Mức thu (đồng)" for p in problems)
    html = page.content.decode()
    assert 'data-testid="import-problems"' in html and "không có thay đổi nào được ghi" in html
    assert ProcedureVersion.objects.filter(status="published").count() == len(catalog["procedures"])


def test_a_bad_json_upload_lists_its_paths(client, admin, catalog):
    document = copy.deepcopy(catalog)
    document["procedures"][3]["online_level"] = "level 4"
    client.force_login(admin)
    page = client.post(f"{LIST}nhap/", _upload("danh-muc.json", json.dumps(document).encode()))
    assert page.status_code == 422
    assert ("procedures[3].online_level", "Phải là một trong: full, none, partial.") in page.context["path_problems"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("danh-muc.xlsx", b"plain text, not a workbook", "Tệp không phải là sổ tính Excel (.xlsx)."),
        ("danh-muc.csv", b"code;name", "Chỉ nhận tệp .json hoặc .xlsx."),
        ("danh-muc.json", b"{not json", "Tệp không phải JSON hợp lệ"),
    ],
)
def test_a_file_of_the_wrong_kind_is_refused_with_a_message(client, admin, name, content, message):
    client.force_login(admin)
    page = client.post(f"{LIST}nhap/", _upload(name, content))
    assert page.status_code == 422
    assert message in page.content.decode()
    assert not ProcedureVersion.objects.exists()
