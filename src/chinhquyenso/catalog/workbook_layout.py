"""The layout of the catalogue workbook: its sheets, columns, choice words, and the problems a cell can have.

Headers and choice words are part of the format (fixed Vietnamese), so a file imports the same whatever the
interface language. ``spreadsheet.py`` writes and reads workbooks of this layout.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from chinhquyenso.catalog.search import fold
from chinhquyenso.core.errors import ValidationFailed

MAX_ROWS = 50_000  # per sheet; the national catalogue has a few thousand procedures
MAX_COLUMNS = 60
YES, NO = "Có", "Không"

LEVELS = {"commune": "Cấp xã", "province": "Cấp tỉnh"}
ONLINE_LEVELS = {"full": "Trực tuyến toàn trình", "partial": "Trực tuyến một phần", "none": "Không trực tuyến"}
LIMIT_UNITS = {
    "working-days": "Ngày làm việc",
    "working-hours": "Giờ làm việc",
    "calendar-days": "Ngày (kể cả ngày nghỉ)",
    "same-day": "Trong ngày",
}
SUPPLEMENT_RULES = {"pause": "Tạm dừng tính thời hạn", "restart": "Tính lại từ đầu"}
FEE_KINDS = {"fee": "Phí", "charge": "Lệ phí"}
COMPONENT_FORMS = {
    "original": "Bản chính",
    "certified_copy": "Bản sao chứng thực",
    "photocopy": "Bản chụp",
    "original_or_certified_copy": "Bản chính hoặc bản sao chứng thực",
    "electronic": "Bản điện tử",
}
STEP_ROLES = {
    "one_stop_officer": "Cán bộ một cửa",
    "specialist": "Chuyên viên",
    "unit_leader": "Lãnh đạo",
    "clerk": "Văn thư",
}

BOOLEAN_WORDS = {fold(YES): True, fold(NO): False, "true": True, "false": False}
MISSING = object()  # an empty optional cell: the key is left out and the cleaner's default applies


@dataclass(frozen=True)
class Column:
    header: str
    key: str  # key in the JSON object; "time_limit.value" reaches into the nested object
    kind: str = "text"  # text | code | number | integer | choice | boolean | time | lines | raw | json
    labels: dict[str, str] | None = None  # code -> the word written in the cell, for choice columns
    optional: bool = False  # an empty cell leaves the key out
    width: int = 18


@dataclass(frozen=True)
class Sheet:
    title: str
    part: str | None  # the list of the procedure it holds ("components"); None for the procedures sheet
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)


CODE_COLUMN = Column("Mã thủ tục", "national_code", "code", width=12)

PROCEDURES = Sheet(
    "Thủ tục",
    None,
    (
        CODE_COLUMN,
        Column("Tên thủ tục", "name", width=50),
        Column("Mã lĩnh vực", "field_code", width=10),
        Column("Tên lĩnh vực", "field_name", width=28),
        Column("Cấp thực hiện", "level", "choice", LEVELS, width=12),
        Column("Cơ quan có thẩm quyền", "competent_agency", width=30),
        Column("Mức độ trực tuyến", "online_level", "choice", ONLINE_LEVELS, width=22),
        Column("Thời hạn giải quyết", "time_limit.value", "number", width=10),
        Column("Đơn vị thời hạn", "time_limit.unit", "choice", LIMIT_UNITS, width=16),
        Column("Giờ chốt trong ngày", "time_limit.same_day_cutoff", "time", optional=True, width=10),
        Column("Khi bổ sung hồ sơ", "supplement_rule", "choice", SUPPLEMENT_RULES, width=22),
        Column("Kết quả", "result", width=40),
        Column("Căn cứ pháp lý", "legal_basis", "lines", width=60),
        Column("Nguồn", "source", width=30),
        Column("Đã đối chiếu nguồn", "verified", "boolean", optional=True, width=10),
        Column("Ghi chú", "notes", width=30),
    ),
)
COMPONENTS = Sheet(
    "Thành phần",
    "components",
    (
        CODE_COLUMN,
        Column("Tên thành phần", "name", width=60),
        Column("Hình thức", "form", "choice", COMPONENT_FORMS, width=24),
        Column("Số lượng", "quantity", "integer", optional=True, width=9),
        Column("Bắt buộc", "required", "boolean", optional=True, width=9),
        Column("Được tái sử dụng", "reusable", "boolean", optional=True, width=10),
    ),
)
FEES = Sheet(
    "Phí, lệ phí",
    "fees",
    (
        CODE_COLUMN,
        Column("Mã phí", "code", width=14),
        Column("Tên phí, lệ phí", "name", width=40),
        Column("Loại", "kind", "choice", FEE_KINDS, width=8),
        Column("Mức thu (đồng)", "amount_vnd", "integer", width=14),
        Column("Cách tính", "unit_note", width=40),
        Column("Cơ quan thu", "collector", width=30),
    ),
)
STEPS = Sheet(
    "Các bước",
    "steps",
    (
        CODE_COLUMN,
        Column("Tên bước", "name", width=60),
        Column("Vai trò", "role", "choice", STEP_ROLES, width=16),
        Column("Thời gian (đơn vị của thời hạn)", "budget", "number", width=12),
    ),
)
EFORM = Sheet(
    "Biểu mẫu điện tử",
    "eform",
    (
        CODE_COLUMN,
        Column("Tên trường", "name", "raw", optional=True, width=20),
        Column("Nhãn", "label", "raw", optional=True, width=40),
        Column("Kiểu", "type", "raw", optional=True, width=10),
        Column("Bắt buộc", "required", "boolean", optional=True, width=9),
        Column("Độ dài tối đa", "max_length", "raw", optional=True, width=10),
        Column("Nhỏ nhất", "min", "raw", optional=True, width=10),
        Column("Lớn nhất", "max", "raw", optional=True, width=10),
        Column("Các lựa chọn", "choices", "lines", optional=True, width=24),
        Column("Thuộc tính khác (JSON)", "extra", "json", optional=True, width=24),
    ),
)
SHEETS = (PROCEDURES, COMPONENTS, FEES, STEPS, EFORM)
CHILD_SHEETS = SHEETS[1:]
EFORM_KEYS = {c.key for c in EFORM.columns} - {"national_code", "extra"}


@dataclass(frozen=True)
class CellProblem:
    sheet: str | None
    row: int | None
    column: str | None
    message: str

    @property
    def location(self) -> str:
        where = {"sheet": self.sheet, "row": self.row or 0, "column": self.column}
        if self.sheet is None:
            return _("File")
        if self.row and self.column:
            return _("Sheet '%(sheet)s', row %(row)d, column '%(column)s'") % where
        if self.row:
            return _("Sheet '%(sheet)s', row %(row)d") % where
        if self.column:
            return _("Sheet '%(sheet)s', column '%(column)s'") % where
        return _("Sheet '%(sheet)s'") % where

    def sort_key(self):
        titles = [s.title for s in SHEETS]
        sheet = titles.index(self.sheet) if self.sheet in titles else -1
        columns = next((s.columns for s in SHEETS if s.title == self.sheet), ())
        headers = [c.header for c in columns]
        column = headers.index(self.column) if self.column in headers else -1
        return (sheet, self.row or 0, column)


class WorkbookInvalid(ValidationFailed):
    """A workbook that was not imported; ``problems`` lists each bad cell, ``fields`` keys them by location."""

    def __init__(self, problems: list[CellProblem]):
        self.problems = sorted(problems, key=CellProblem.sort_key)
        fields: dict[str, list[str]] = {}
        for problem in self.problems:
            fields.setdefault(problem.location, []).append(problem.message)
        super().__init__(_("The catalogue was not imported; nothing was changed."), fields=fields)
