"""Writing and reading the catalogue as an Excel workbook (layout in ``workbook_layout.py``).

The exchange document flattened into sheets of rows.

'Thủ tục' has one row per procedure; components, fees, steps and e-form fields each have their own sheet, one
row per item, tied to the procedure by its national code and kept in row order. Headers and the words used for
choices are part of the format (fixed Vietnamese, like the keys of the JSON format), so a file imports the same
whatever the interface language. Reading turns the rows back into the JSON document and runs the JSON cleaner
(``exchange.clean_document``): the rules live there once, and each problem path it reports is mapped back here to
its sheet, row and column.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, time
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from chinhquyenso.catalog.exchange import FORMAT, clean_document
from chinhquyenso.catalog.search import fold
from chinhquyenso.catalog.workbook_layout import (
    BOOLEAN_WORDS,
    CHILD_SHEETS,
    CODE_COLUMN,
    EFORM,
    EFORM_KEYS,
    MAX_COLUMNS,
    MAX_ROWS,
    MISSING,
    NO,
    PROCEDURES,
    SHEETS,
    YES,
    CellProblem,
    Column,
    Sheet,
    WorkbookInvalid,
)

# Writing ---------------------------------------------------------------------------------------------------------


def _cell_value(column: Column, value):
    if value is None or value is MISSING:
        return None
    if column.kind == "choice":
        return column.labels.get(value, value)
    if column.kind == "boolean":
        return (YES if value else NO) if isinstance(value, bool) else str(value)
    if column.kind == "lines":
        return "\n".join(str(line) for line in value) if value else None
    if column.kind == "json":
        return json.dumps(value, ensure_ascii=False) if value else None
    return value


WRAP = Alignment(wrap_text=True, vertical="top")
BOLD = Font(bold=True)


def _cell(sheet, column: Column, value) -> WriteOnlyCell:
    value = _cell_value(column, value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters cannot be stored in .xlsx
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # text that starts with "=" stays text, never a formula
    if column.kind == "code":
        cell.number_format = "@"
    if column.kind in ("lines", "text") and column.width >= 30:
        cell.alignment = WRAP
    return cell


def _procedure_values(spec: dict, field_names: dict[str, str]) -> dict:
    limit = spec.get("time_limit") or {}
    return {
        **spec,
        "field_name": field_names.get(spec.get("field_code"), ""),
        "time_limit.value": limit.get("value"),
        "time_limit.unit": limit.get("unit"),
        "time_limit.same_day_cutoff": limit.get("same_day_cutoff"),
    }


def _child_values(sheet: Sheet, code: str, item: dict) -> dict:
    values = {**item, "national_code": code}
    if sheet is EFORM:
        values["extra"] = {k: v for k, v in item.items() if k not in EFORM_KEYS}
    return values


def workbook_bytes(document: dict) -> bytes:
    """An .xlsx file of an exchange document (as ``serialize.catalog_document`` makes it)."""
    book = Workbook(write_only=True)  # streams rows: a national catalogue of thousands of rows stays quick
    field_names = {f["code"]: f["name"] for f in document.get("fields", [])}
    rows: dict[str, list[dict]] = {s.title: [] for s in SHEETS}
    for spec in document.get("procedures", []):
        rows[PROCEDURES.title].append(_procedure_values(spec, field_names))
        for sheet in CHILD_SHEETS:
            rows[sheet.title] += [_child_values(sheet, spec["national_code"], i) for i in spec.get(sheet.part, [])]
    for spec in SHEETS:
        sheet = book.create_sheet(spec.title)
        for col, column in enumerate(spec.columns, start=1):
            sheet.column_dimensions[get_column_letter(col)].width = column.width
        sheet.freeze_panes = "B2"
        headers = []
        for column in spec.columns:
            header = WriteOnlyCell(sheet, value=column.header)
            header.font, header.alignment = BOLD, WRAP
            headers.append(header)
        sheet.append(headers)
        for values in rows[spec.title]:
            sheet.append([_cell(sheet, column, values.get(column.key)) for column in spec.columns])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# Reading ---------------------------------------------------------------------------------------------------------

THOUSANDS = re.compile(r"^\d{1,3}([., ]\d{3})+$")
DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")


def _empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _as_text(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | time):
        return value.isoformat()
    return str(value)


_WORDS: dict[int, dict[str, str]] = {}  # per choice column: folded label or code -> code


def _choice(column: Column, value):
    known = _WORDS.get(id(column))
    if known is None:
        known = {fold(label): code for code, label in column.labels.items()} | {code: code for code in column.labels}
        _WORDS[id(column)] = known
    text = _as_text(value).strip()
    return known.get(fold(text), known.get(text, text))


def _integer(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        if THOUSANDS.match(text):
            return int(re.sub(r"[., ]", "", text))
        if re.fullmatch(r"-?\d+", text):
            return int(text)
        return text
    return value  # an int, or something the cleaner refuses with its own message


def _number(value):
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        return text.replace(",", ".") if DECIMAL_COMMA.match(text) else text
    return value


def _time(value):
    if isinstance(value, datetime | time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and 0 <= value < 1:  # a time cell that lost its format: a fraction of a day
        minutes = round(value * 24 * 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    return _as_text(value).strip()


def _read_value(column: Column, value, report):
    """The JSON value of one cell; ``report(message)`` records a problem the cleaner cannot see."""
    if _empty(value):
        if column.optional:
            return MISSING
        return {"text": "", "code": "", "lines": []}.get(column.kind)
    kind = column.kind
    if kind == "code":
        return f"{value:.6f}" if isinstance(value, float) else _as_text(value).strip()
    if kind == "text":
        return _as_text(value)
    if kind == "choice":
        return _choice(column, value)
    if kind == "integer":
        return _integer(value)
    if kind == "number":
        return _number(value)
    if kind == "time":
        return _time(value)
    if kind == "lines":
        return [line.strip() for line in _as_text(value).splitlines() if line.strip()]
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        answer = BOOLEAN_WORDS.get(fold(_as_text(value)))
        if answer is None:
            report(_("Write %(yes)s or %(no)s.") % {"yes": YES, "no": NO})
            return MISSING
        return answer
    if kind == "json":
        try:
            extra = json.loads(value) if isinstance(value, str) else None
        except ValueError:
            extra = None
        if not isinstance(extra, dict):
            report(_('Expected a JSON object, like {"pattern": "[0-9]+"}.'))
            return MISSING
        return extra
    return value  # raw


@dataclass
class Layout:
    """Where each part of the document came from, to name the cell behind a problem path."""

    procedure_rows: list[int]
    child_rows: dict[tuple[int, str, int], int]
    field_rows: dict[str, int]
    field_codes: list[str]

    def where(self, index: int) -> str:
        return _("row %(row)d") % {"row": self.procedure_rows[index]}

    def locate(self, path: str, message: str) -> CellProblem:
        if match := FIELD_PATH.match(path):
            code = self.field_codes[int(match[1])]
            header = "Mã lĩnh vực" if match[2] == "code" else "Tên lĩnh vực"
            return CellProblem(PROCEDURES.title, self.field_rows.get(code), header, message)
        match = PROCEDURE_PATH.match(path)
        if match is None:
            return CellProblem(PROCEDURES.title, None, None, message)
        index, key, item, subkey = int(match[1]), match[2], match[3], match[4]
        child = next((s for s in CHILD_SHEETS if s.part == key), None)
        if child is not None and item is not None:
            row = self.child_rows.get((index, key, int(item)))
            return _with_column(child, row, subkey, message)
        if child is not None:  # a rule over the whole list (at least one component, step budgets)
            return CellProblem(PROCEDURES.title, self.procedure_rows[index], None, message)
        full_key = f"{key}.{subkey}" if key and subkey else key
        return _with_column(PROCEDURES, self.procedure_rows[index], full_key, message)


FIELD_PATH = re.compile(r"^fields\[(\d+)\]\.(code|name)$")
PROCEDURE_PATH = re.compile(r"^procedures\[(\d+)\](?:\.(\w+)(?:\[(\d+)\])?(?:\.(\w+))?)?$")


def _with_column(sheet: Sheet, row: int | None, key: str | None, message: str) -> CellProblem:
    column = sheet.column(key) if key else None
    if column is None:
        return CellProblem(sheet.title, row, None, message)
    if column.kind == "choice":
        # The cleaner lists the codes of the JSON format; the workbook is written in words.
        message = _("Must be one of: %(choices)s.") % {"choices": ", ".join(column.labels.values())}
    return CellProblem(sheet.title, row, column.header, message)


def _load_rows(data: bytes) -> dict[str, list[tuple]]:
    """Every sheet's rows as plain values, or WorkbookInvalid when the bytes are not a readable workbook."""
    try:
        book = load_workbook(BytesIO(data), read_only=True, data_only=True)
        try:
            sheets = {}
            for sheet in book.worksheets:
                rows = []
                for row in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
                    rows.append(row)
                    if len(rows) > MAX_ROWS + 1:
                        break
                sheets[sheet.title] = rows
            return sheets
        finally:
            book.close()
    except Exception:  # noqa: BLE001 - any failure to parse uploaded bytes means the file is not a workbook
        problem = CellProblem(None, None, None, _("The file is not an Excel workbook (.xlsx)."))
        raise WorkbookInvalid([problem]) from None


def _table(sheets: dict[str, list[tuple]], spec: Sheet, problems: list[CellProblem]):
    """(column index by key, data rows with their numbers) of one expected sheet, or None when it is unusable."""
    found = next((rows for title, rows in sheets.items() if fold(title) == fold(spec.title)), None)
    if found is None:
        problems.append(CellProblem(spec.title, None, None, _("The sheet is missing from the workbook.")))
        return None
    if len(found) > MAX_ROWS + 1:
        problems.append(CellProblem(spec.title, None, None, _("At most %(n)d rows.") % {"n": MAX_ROWS}))
        return None
    headers = {fold(_as_text(h)): i for i, h in enumerate(found[0] if found else ()) if not _empty(h)}
    index = {}
    for column in spec.columns:
        position = headers.get(fold(column.header))
        if position is None:
            problems.append(CellProblem(spec.title, 1, column.header, _("The column is missing.")))
        index[column.key] = position
    if None in index.values():
        return None
    rows = [(number, row) for number, row in enumerate(found[1:], start=2) if not all(_empty(v) for v in row)]
    return index, rows


def _row_values(spec: Sheet, index: dict, number: int, row: tuple, problems: list[CellProblem]) -> dict:
    values = {}
    for column in spec.columns:
        position = index[column.key]
        raw = row[position] if position < len(row) else None

        def report(message, column=column):
            problems.append(CellProblem(spec.title, number, column.header, message))

        value = _read_value(column, raw, report)
        if value is not MISSING:
            values[column.key] = value
    return values


def _procedure_from_row(values: dict) -> dict:
    limit = {"value": values.pop("time_limit.value"), "unit": values.pop("time_limit.unit")}
    if "time_limit.same_day_cutoff" in values:
        limit["same_day_cutoff"] = values.pop("time_limit.same_day_cutoff")
    values.pop("field_name")
    return {**values, "time_limit": limit, "fees": [], "components": [], "steps": [], "eform": []}


def read_workbook(data: bytes) -> tuple[dict, Layout, list[CellProblem]]:
    """The exchange document of a workbook, where each part came from, and the problems of reading the cells.

    Raises WorkbookInvalid when the file cannot be read at all (not .xlsx, a sheet or column missing).
    """
    sheets = _load_rows(data)
    problems: list[CellProblem] = []
    tables = {spec.title: _table(sheets, spec, problems) for spec in SHEETS}
    if problems:
        raise WorkbookInvalid(problems)
    procedures, fields = [], {}
    layout = Layout(procedure_rows=[], child_rows={}, field_rows={}, field_codes=[])
    first_row_of: dict[str, int] = {}
    index, rows = tables[PROCEDURES.title]
    for number, row in rows:
        values = _row_values(PROCEDURES, index, number, row, problems)
        code, name = values.get("field_code", "").strip(), values.get("field_name", "").strip()
        if code and code not in fields:
            fields[code], layout.field_rows[code] = name, number
        elif code and name and fields[code] and fields[code] != name:
            problems.append(
                CellProblem(
                    PROCEDURES.title,
                    number,
                    "Tên lĩnh vực",
                    _("Field %(code)s is named %(name)s on row %(row)d.")
                    % {"code": code, "name": fields[code], "row": layout.field_rows[code]},
                )
            )
        procedures.append(_procedure_from_row(values))
        layout.procedure_rows.append(number)
        first_row_of.setdefault(values.get("national_code") or "", len(procedures) - 1)
    for spec in CHILD_SHEETS:
        index, rows = tables[spec.title]
        for number, row in rows:
            values = _row_values(spec, index, number, row, problems)
            code = values.pop("national_code")
            owner = first_row_of.get(code) if code else None
            if owner is None:
                message = (
                    _("No procedure with code %(code)s on sheet '%(sheet)s'.")
                    % {"code": code, "sheet": PROCEDURES.title}
                    if code
                    else _("This value is required.")
                )
                problems.append(CellProblem(spec.title, number, CODE_COLUMN.header, message))
                continue
            if spec is EFORM:
                values = {**values.pop("extra", {}), **values}
            items = procedures[owner][spec.part]
            layout.child_rows[(owner, spec.part, len(items))] = number
            items.append(values)
    layout.field_codes = sorted(fields)
    document = {
        "format": FORMAT,
        "fields": [{"code": code, "name": fields[code]} for code in layout.field_codes],
        "procedures": procedures,
    }
    return document, layout, problems


def workbook_document(data: bytes) -> dict:
    """The exchange document of an .xlsx file, checked by the JSON cleaner.

    Raises WorkbookInvalid listing every problem by sheet, row and column; nothing is written here.
    """
    document, layout, problems = read_workbook(data)
    _fields, _procedures, found = clean_document(document, where=layout.where)
    problems += [layout.locate(path, message) for path, messages in found.fields.items() for message in messages]
    if problems:
        raise WorkbookInvalid(problems)
    return document
