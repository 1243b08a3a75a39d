"""The catalogue as an Excel workbook: the export imports back unchanged, and each bad cell is named in Vietnamese
by sheet, row and column while nothing is written."""

from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from chinhquyenso.catalog.demo.loader import DEMO_FILE, demo_document
from chinhquyenso.catalog.models import Procedure, ProcedureVersion
from chinhquyenso.catalog.serialize import catalog_document, exchange_number
from chinhquyenso.catalog.services import catalog_import, catalog_import_workbook
from chinhquyenso.catalog.spreadsheet import read_workbook, workbook_bytes
from chinhquyenso.catalog.workbook_layout import COMPONENT_FORMS, SHEETS, STEP_ROLES, WorkbookInvalid
from chinhquyenso.core.errors import PermissionDenied
from chinhquyenso.core.models import User


@pytest.fixture
def demo_xlsx(db):
    """The demo catalogue as the export writes it."""
    catalog_import(actor=None, document=demo_document())
    return workbook_bytes(catalog_document())


def empty_catalogue():
    ProcedureVersion.objects.all().delete()
    Procedure.objects.all().delete()


def edit(data: bytes, sheet: str, row: int, header: str, value) -> bytes:
    book = load_workbook(BytesIO(data))
    ws = book[sheet]
    column = next(cell.column for cell in ws[1] if cell.value == header)
    ws.cell(row=row, column=column).value = value  # (value=None in cell() would leave the old value)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def cell(data: bytes, sheet: str, row: int, header: str):
    ws = load_workbook(BytesIO(data))[sheet]
    column = next(c.column for c in ws[1] if c.value == header)
    return ws.cell(row=row, column=column).value


@pytest.mark.django_db
def test_the_exported_workbook_imports_back_unchanged(tmp_path):
    call_command("catalog", "import", "--format", "json", str(DEMO_FILE), stdout=StringIO())
    before = catalog_document()
    target = tmp_path / "danh-muc.xlsx"
    call_command("catalog", "export", str(target))  # the extension chooses Excel
    book = load_workbook(target)
    assert book.sheetnames == ["Thủ tục", "Thành phần", "Phí, lệ phí", "Các bước", "Biểu mẫu điện tử"]
    assert [c.value for c in book["Thành phần"][1]][:4] == ["Mã thủ tục", "Tên thành phần", "Hình thức", "Số lượng"]
    assert book["Thủ tục"].max_row == len(before["procedures"]) + 1  # one row per procedure
    out = StringIO()
    call_command("catalog", "import", str(target), stdout=out)
    assert out.getvalue().strip() == f"published 0, unchanged {len(before['procedures'])}"
    assert catalog_document() == before
    assert ProcedureVersion.objects.count() == len(before["procedures"])


@pytest.mark.django_db
def test_a_workbook_imports_into_an_empty_catalogue(demo_xlsx):
    empty_catalogue()
    result = catalog_import_workbook(actor=None, data=demo_xlsx)
    assert len(result.published) == len(demo_document()["procedures"])
    birth = ProcedureVersion.objects.get(procedure__national_code="1.001193", status="published")
    assert birth.name == "Thủ tục đăng ký khai sinh"
    assert birth.same_day_cutoff.strftime("%H:%M") == "15:00"
    assert [c.form for c in birth.components.all()] == [
        c["form"] for c in demo_document()["procedures"][0]["components"]
    ]


@pytest.mark.django_db
def test_a_changed_row_publishes_a_new_version_of_that_procedure_only(demo_xlsx):
    row = 2
    code = cell(demo_xlsx, "Thủ tục", row, "Mã thủ tục")
    changed = edit(demo_xlsx, "Thủ tục", row, "Mức độ trực tuyến", "Trực tuyến một phần")
    result = catalog_import_workbook(actor=None, data=changed)
    assert result.published == [code]
    assert ProcedureVersion.objects.get(procedure__national_code=code, status="published").online_level == "partial"


def test_words_typed_without_diacritics_and_vietnamese_numbers_are_understood(demo_xlsx):
    data = edit(demo_xlsx, "Thủ tục", 2, "Mức độ trực tuyến", "truc tuyen mot phan")
    data = edit(data, "Phí, lệ phí", 2, "Mức thu (đồng)", "10.000")
    data = edit(data, "Thành phần", 2, "Bắt buộc", "không")
    document, _layout, problems = read_workbook(data)
    assert problems == []
    assert document["procedures"][0]["online_level"] == "partial"
    assert document["procedures"][0]["components"][0]["required"] is False
    fee_owner = next(p for p in document["procedures"] if p["fees"])
    assert fee_owner["fees"][0]["amount_vnd"] == 10000


BAD_CELLS = [
    pytest.param(
        ("Thủ tục", 3, "Mã thủ tục", None),
        "Sheet 'Thủ tục', dòng 3, cột 'Mã thủ tục'",
        "Giá trị này là bắt buộc.",
        id="missing-code",
    ),
    pytest.param(
        ("Thủ tục", 4, "Đơn vị thời hạn", "Tuần"),
        "Sheet 'Thủ tục', dòng 4, cột 'Đơn vị thời hạn'",
        "Phải là một trong: Ngày làm việc, Giờ làm việc, Ngày (kể cả ngày nghỉ), Trong ngày.",
        id="bad-unit",
    ),
    pytest.param(
        ("Phí, lệ phí", 2, "Mức thu (đồng)", -5000),
        "Sheet 'Phí, lệ phí', dòng 2, cột 'Mức thu (đồng)'",
        "Số tiền là số nguyên đồng, từ 0 trở lên.",
        id="negative-fee",
    ),
    pytest.param(
        ("Thành phần", 7, "Mã thủ tục", "9.999999"),
        "Sheet 'Thành phần', dòng 7, cột 'Mã thủ tục'",
        "Không có thủ tục mã 9.999999 trong sheet 'Thủ tục'.",
        id="unknown-procedure-in-components",
    ),
    pytest.param(
        ("Thành phần", 7, "Số lượng", "hai"),
        "Sheet 'Thành phần', dòng 7, cột 'Số lượng'",
        "Số lượng là số nguyên từ 1 đến 100.",
        id="non-numeric-quantity",
    ),
    pytest.param(
        ("Thành phần", 5, "Hình thức", "Bản scan"),
        "Sheet 'Thành phần', dòng 5, cột 'Hình thức'",
        "Phải là một trong: " + ", ".join(COMPONENT_FORMS.values()) + ".",
        id="unknown-form",
    ),
    pytest.param(
        ("Các bước", 3, "Vai trò", "Bảo vệ"),
        "Sheet 'Các bước', dòng 3, cột 'Vai trò'",
        "Phải là một trong: " + ", ".join(STEP_ROLES.values()) + ".",
        id="unknown-role",
    ),
    pytest.param(
        ("Thành phần", 4, "Được tái sử dụng", "có lẽ"),
        "Sheet 'Thành phần', dòng 4, cột 'Được tái sử dụng'",
        "Ghi Có hoặc Không.",
        id="not-yes-or-no",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("change", "location", "message"), BAD_CELLS)
def test_a_bad_cell_is_named_by_sheet_row_and_column_and_nothing_is_imported(demo_xlsx, change, location, message):
    empty_catalogue()
    with pytest.raises(WorkbookInvalid) as caught:
        catalog_import_workbook(actor=None, data=edit(demo_xlsx, *change))
    assert message in caught.value.fields[location]
    assert any(p.location == location and p.message == message for p in caught.value.problems)
    assert "không" in str(caught.value.message).lower()
    assert not Procedure.objects.exists()


@pytest.mark.django_db
def test_a_duplicate_code_names_the_row_it_repeats(demo_xlsx):
    first = cell(demo_xlsx, "Thủ tục", 2, "Mã thủ tục")
    with pytest.raises(WorkbookInvalid) as caught:
        catalog_import_workbook(actor=None, data=edit(demo_xlsx, "Thủ tục", 5, "Mã thủ tục", first))
    assert caught.value.fields["Sheet 'Thủ tục', dòng 5, cột 'Mã thủ tục'"] == ["Trùng với dòng 2."]


@pytest.mark.django_db
def test_one_bad_row_among_good_changes_writes_nothing(demo_xlsx):
    versions = ProcedureVersion.objects.count()
    data = edit(demo_xlsx, "Thủ tục", 2, "Tên thủ tục", "Tên đã sửa")
    data = edit(data, "Phí, lệ phí", 3, "Mức thu (đồng)", -1)
    with pytest.raises(WorkbookInvalid):
        catalog_import_workbook(actor=None, data=data)
    assert ProcedureVersion.objects.count() == versions
    assert not ProcedureVersion.objects.filter(name="Tên đã sửa").exists()


@pytest.mark.django_db
def test_every_problem_is_listed_in_sheet_and_row_order(demo_xlsx):
    data = edit(demo_xlsx, "Thành phần", 9, "Số lượng", 0)
    data = edit(data, "Thủ tục", 6, "Cấp thực hiện", "Cấp huyện")
    data = edit(data, "Thành phần", 3, "Tên thành phần", "  ")
    with pytest.raises(WorkbookInvalid) as caught:
        catalog_import_workbook(actor=None, data=data)
    assert [(p.sheet, p.row, p.column) for p in caught.value.problems] == [
        ("Thủ tục", 6, "Cấp thực hiện"),
        ("Thành phần", 3, "Tên thành phần"),
        ("Thành phần", 9, "Số lượng"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("data", [b"not a workbook", b"PK\x03\x04broken zip", b'{"format": 1}'])
def test_a_file_that_is_not_xlsx_is_refused_with_a_message(data):
    with pytest.raises(WorkbookInvalid) as caught:
        catalog_import_workbook(actor=None, data=data)
    assert caught.value.fields == {"Tệp": ["Tệp không phải là sổ tính Excel (.xlsx)."]}
    assert not Procedure.objects.exists()


@pytest.mark.django_db
def test_a_missing_sheet_or_column_is_named(demo_xlsx):
    book = load_workbook(BytesIO(demo_xlsx))
    del book["Các bước"]
    book["Thành phần"].cell(row=1, column=4, value="SL")
    out = BytesIO()
    book.save(out)
    with pytest.raises(WorkbookInvalid) as caught:
        catalog_import_workbook(actor=None, data=out.getvalue())
    assert caught.value.fields == {
        "Sheet 'Thành phần', dòng 1, cột 'Số lượng'": ["Thiếu cột này."],
        "Sheet 'Các bước'": ["Tệp không có sheet này."],
    }


@pytest.mark.django_db
def test_only_a_system_administrator_imports_a_workbook(demo_xlsx, demo):
    with pytest.raises(PermissionDenied):
        catalog_import_workbook(actor=User.objects.get(username="motcua"), data=demo_xlsx)


@pytest.mark.django_db
def test_the_command_prints_row_level_problems(demo_xlsx, tmp_path):
    path = tmp_path / "sai.xlsx"
    path.write_bytes(edit(demo_xlsx, "Thành phần", 7, "Số lượng", "hai"))
    with pytest.raises(CommandError) as caught:
        call_command("catalog", "import", str(path))
    assert caught.value.returncode == 2
    assert "Sheet 'Thành phần', dòng 7, cột 'Số lượng': Số lượng là số nguyên từ 1 đến 100." in str(caught.value)


def test_an_excel_export_needs_a_file():
    with pytest.raises(CommandError):
        call_command("catalog", "export", "--format", "xlsx")


# The workbook carries every value of the exchange document: any document survives the trip.

TEXT = (
    st.text(
        alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyÁẠẦẬĐÊỄƯỮ0123456789 .,;:-=+()/'\"%")),
        min_size=1,
        max_size=25,
    )
    .map(str.strip)
    .filter(bool)
)
MAYBE_TEXT = st.one_of(st.just(""), TEXT)
fees = st.fixed_dictionaries(
    {
        "code": MAYBE_TEXT,
        "name": TEXT,
        "kind": st.sampled_from(["fee", "charge"]),
        "amount_vnd": st.integers(0, 10**12),
        "unit_note": MAYBE_TEXT,
        "collector": MAYBE_TEXT,
    }
)
components = st.fixed_dictionaries(
    {
        "name": TEXT,
        "form": st.sampled_from(list(COMPONENT_FORMS)),
        "quantity": st.integers(1, 100),
        "required": st.booleans(),
        "reusable": st.booleans(),
    }
)
steps = st.fixed_dictionaries(
    {
        "name": TEXT,
        "role": st.sampled_from(list(STEP_ROLES)),
        "budget": st.integers(0, 3000).map(lambda n: exchange_number(Decimal(n) / 100)),
    }
)
eform_fields = st.fixed_dictionaries(
    {"name": st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True), "label": TEXT, "type": st.just("text")},
    optional={
        "required": st.booleans(),
        "max_length": st.integers(1, 500),
        "min": st.integers(-5, 5),
        "max": st.integers(0, 10**8).map(lambda n: n / 100),  # Excel keeps 15 significant digits
        "choices": st.lists(TEXT, min_size=1, max_size=3),
        "pattern": TEXT,
        "hint": st.dictionaries(st.sampled_from(["vi", "en"]), TEXT, max_size=2),
    },
)
time_limits = st.fixed_dictionaries(
    {
        "value": st.integers(0, 400).map(lambda n: exchange_number(Decimal(n) / 2)),
        "unit": st.sampled_from(["working-days", "working-hours", "calendar-days", "same-day"]),
    },
    optional={"same_day_cutoff": st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59))},
)


@st.composite
def documents(draw):
    field_codes = draw(st.lists(st.from_regex(r"[A-Z]{2,5}", fullmatch=True), min_size=1, max_size=3, unique=True))
    codes = draw(st.lists(st.from_regex(r"[1-3]\.\d{6}", fullmatch=True), min_size=1, max_size=4, unique=True))
    procedures = [
        {
            "national_code": code,
            "name": draw(TEXT),
            "field_code": draw(st.sampled_from(field_codes)),
            "level": draw(st.sampled_from(["commune", "province"])),
            "competent_agency": draw(TEXT),
            "online_level": draw(st.sampled_from(["none", "partial", "full"])),
            "time_limit": draw(time_limits),
            "supplement_rule": draw(st.sampled_from(["pause", "restart"])),
            "fees": draw(st.lists(fees, max_size=2)),
            "components": draw(st.lists(components, min_size=1, max_size=3)),
            "result": draw(TEXT),
            "legal_basis": draw(st.lists(TEXT, max_size=3)),
            "steps": draw(st.lists(steps, min_size=1, max_size=3)),
            "eform": draw(st.lists(eform_fields, max_size=2)),
            "source": draw(MAYBE_TEXT),
            "verified": draw(st.booleans()),
            "notes": draw(MAYBE_TEXT),
        }
        for code in codes
    ]
    used = sorted({p["field_code"] for p in procedures})
    return {
        "format": "chinhquyenso.catalog/1",
        "fields": [{"code": code, "name": draw(TEXT)} for code in used],
        "procedures": procedures,
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_any_document_survives_the_trip_through_a_workbook(document):
    back, _layout, problems = read_workbook(workbook_bytes(document))
    assert problems == []
    assert back == document


def test_the_sheets_are_the_documented_ones():
    assert [s.title for s in SHEETS] == ["Thủ tục", "Thành phần", "Phí, lệ phí", "Các bước", "Biểu mẫu điện tử"]
