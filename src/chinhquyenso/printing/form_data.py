"""The plain data each one-stop form takes (Circular 01/2018/TT-VPCP, Forms 01–06).

Callers (the dossier app, the command, tests) build these frozen dataclasses from their own records; this app
never imports a model. Every instant is an aware ``datetime`` (printed in Asia/Ho_Chi_Minh); every date a form
is dated with is a ``date``. Enumerated values accept their plain string too (``"counter"``, ``"photocopy"``),
so a caller can pass a model's TextChoices value unchanged. Wrong data raises ``FormDataError`` at construction,
so a half-filled form is never printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class FormDataError(ValueError):
    """The data given for a form is incomplete or inconsistent (a bug in the caller, not user input)."""


class Channel(StrEnum):
    COUNTER = "counter"  # trực tiếp
    ONLINE = "online"  # trực tuyến
    POST = "post"  # bưu chính công ích


class ComponentKind(StrEnum):
    ORIGINAL = "original"  # bản chính
    CERTIFIED_COPY = "certified_copy"  # bản sao chứng thực
    PHOTOCOPY = "photocopy"  # bản sao (photo)
    ORIGINAL_OR_CERTIFIED_COPY = "original_or_certified_copy"  # bản chính hoặc bản sao chứng thực
    ELECTRONIC = "electronic"  # bản điện tử (khai thác từ cơ sở dữ liệu)


class Outcome(StrEnum):
    """Result of one step on the process control slip, against that step's deadline."""

    EARLY = "early"  # trước hạn
    ON_TIME = "on_time"  # đúng hạn
    LATE = "late"  # quá hạn


def _set(obj: object, name: str, value: object) -> None:
    object.__setattr__(obj, name, value)  # frozen dataclasses normalise their own fields this way


def _require_text(obj: object, *names: str) -> None:
    for name in names:
        value = getattr(obj, name)
        if not isinstance(value, str) or not value.strip():
            raise FormDataError(f"{type(obj).__name__}.{name} must be non-empty text")


def _require_aware(obj: object, *names: str, optional: bool = False) -> None:
    for name in names:
        value = getattr(obj, name)
        if value is None and optional:
            continue
        if not isinstance(value, datetime) or value.utcoffset() is None:
            raise FormDataError(f"{type(obj).__name__}.{name} must be a timezone-aware datetime")


def _require_date(obj: object, name: str) -> None:
    value = getattr(obj, name)
    if not isinstance(value, date) or isinstance(value, datetime):
        raise FormDataError(f"{type(obj).__name__}.{name} must be a date")


def _coerce(obj: object, name: str, enum: type[StrEnum], *, optional: bool = False) -> None:
    value = getattr(obj, name)
    if value is None and optional:
        return
    try:
        _set(obj, name, enum(value))
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise FormDataError(f"{type(obj).__name__}.{name}={value!r} is not one of: {allowed}") from None


def _as_tuple(obj: object, name: str, item_type: type) -> None:
    items = tuple(getattr(obj, name))
    for item in items:
        if not isinstance(item, item_type):
            raise FormDataError(f"{type(obj).__name__}.{name} holds {type(item).__name__}, not {item_type.__name__}")
    _set(obj, name, items)


@dataclass(frozen=True, slots=True)
class FormHeader:
    """The letterhead: who issues the form, and where.

    ``parent_agency`` "UBND TỈNH THANH HÓA", ``agency`` "UBND XÃ THỌ XUÂN", ``receiving_unit`` "BỘ PHẬN MỘT CỬA"
    (printed in that order, left, in capitals as given), ``place`` "Thọ Xuân" (for "Thọ Xuân, ngày … tháng …
    năm …"), ``hotline`` an optional phone number printed with the lookup note.
    """

    parent_agency: str
    agency: str
    receiving_unit: str
    place: str
    hotline: str = ""

    def __post_init__(self) -> None:
        _require_text(self, "agency", "place")


@dataclass(frozen=True, slots=True)
class Party:
    """A person or organisation on a dossier: the submitter (người nộp) or the owner (chủ hồ sơ)."""

    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    id_number: str = ""  # CCCD, passport or business registration number

    def __post_init__(self) -> None:
        _require_text(self, "name")


@dataclass(frozen=True, slots=True)
class Component:
    """One paper of the dossier (thành phần hồ sơ), or one paper to add or correct on Form 02."""

    name: str
    kind: ComponentKind | str = ComponentKind.ORIGINAL
    quantity: int = 1

    def __post_init__(self) -> None:
        _require_text(self, "name")
        _coerce(self, "kind", ComponentKind)
        if not isinstance(self.quantity, int) or self.quantity < 1:
            raise FormDataError("Component.quantity must be a positive whole number")


@dataclass(frozen=True, slots=True)
class Signer:
    """Who signs for the agency: ``title_lines`` ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH") above the signature, then the name."""

    title_lines: tuple[str, ...]
    name: str

    def __post_init__(self) -> None:
        _set(self, "title_lines", tuple(self.title_lines))
        if not self.title_lines or not all(line.strip() for line in self.title_lines):
            raise FormDataError("Signer.title_lines must hold at least one non-empty line")
        _require_text(self, "name")


@dataclass(frozen=True, slots=True)
class DossierData:
    """What Forms 01–05 print about one dossier.

    ``code`` is the dossier code (``000.01.27.H56-261123-0001``); ``procedure_code`` the national procedure code
    (``1.001193``); ``owner`` None means the submitter owns the dossier; ``time_limit`` is the statutory limit as
    printed ("03 ngày làm việc"); ``result_delivery`` where the result is collected; ``lookup_url`` the public
    status page the QR code encodes.
    """

    code: str
    procedure_code: str
    procedure_name: str
    submitter: Party
    channel: Channel | str
    sets: int
    time_limit: str
    received_at: datetime
    due_at: datetime
    receiving_officer: str
    lookup_url: str
    owner: Party | None = None
    components: tuple[Component, ...] = ()
    result_delivery: str = ""

    def __post_init__(self) -> None:
        _require_text(self, "code", "procedure_name", "time_limit", "receiving_officer", "lookup_url")
        _coerce(self, "channel", Channel)
        _require_aware(self, "received_at", "due_at")
        if not isinstance(self.submitter, Party) or not (self.owner is None or isinstance(self.owner, Party)):
            raise FormDataError("DossierData.submitter and owner must be Party values")
        if not isinstance(self.sets, int) or self.sets < 1:
            raise FormDataError("DossierData.sets must be a positive whole number")
        if self.due_at < self.received_at:
            raise FormDataError("DossierData.due_at is before received_at")
        _as_tuple(self, "components", Component)

    @property
    def owner_or_submitter(self) -> Party:
        return self.owner or self.submitter


@dataclass(frozen=True, slots=True)
class Form01Receipt:
    """Mẫu số 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả. ``issued_on`` dates the slip."""

    header: FormHeader
    dossier: DossierData
    issued_on: date

    def __post_init__(self) -> None:
        _require_date(self, "issued_on")


@dataclass(frozen=True, slots=True)
class Form02SupplementRequest:
    """Mẫu số 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ: everything missing, asked once."""

    header: FormHeader
    dossier: DossierData
    issued_on: date
    items: tuple[Component, ...]
    reason: str
    guide_officer: str
    guide_phone: str = ""

    def __post_init__(self) -> None:
        _require_date(self, "issued_on")
        _as_tuple(self, "items", Component)
        if not self.items:
            raise FormDataError("Form02SupplementRequest.items must list at least one paper to add or correct")
        _require_text(self, "reason", "guide_officer")


@dataclass(frozen=True, slots=True)
class Form03Refusal:
    """Mẫu số 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ, with the specific reason."""

    header: FormHeader
    dossier: DossierData
    issued_on: date
    reason: str
    officer: str
    officer_phone: str = ""

    def __post_init__(self) -> None:
        _require_date(self, "issued_on")
        _require_text(self, "reason", "officer")


@dataclass(frozen=True, slots=True)
class Form04Apology:
    """Mẫu số 04 — Phiếu xin lỗi và hẹn lại ngày trả kết quả.

    The dossier's ``received_at`` and ``due_at`` are the receipt and the original appointment; ``new_due_at`` is
    the new one. ``forwarding_unit`` is the unit that received the dossier and passed it on ("Bộ phận Một cửa
    UBND xã Thọ Xuân"); ``resolving_agency`` the late agency as named in a sentence ("Ủy ban nhân dân xã Thọ
    Xuân"), since the letterhead's capitals cannot be turned back into it. ``recipients`` is the "Nơi nhận" list.
    """

    header: FormHeader
    dossier: DossierData
    issued_on: date
    addressee: str
    new_due_at: datetime
    reason: str
    forwarding_unit: str
    resolving_agency: str
    signer: Signer
    recipients: tuple[str, ...] = ("Như trên;", "Lưu: VT.")

    def __post_init__(self) -> None:
        _require_date(self, "issued_on")
        _require_text(self, "addressee", "reason", "forwarding_unit", "resolving_agency")
        _require_aware(self, "new_due_at")
        if self.new_due_at <= self.dossier.due_at:
            raise FormDataError("Form04Apology.new_due_at must be after the original due time")
        if not isinstance(self.signer, Signer):
            raise FormDataError("Form04Apology.signer must be a Signer")
        _set(self, "recipients", tuple(self.recipients))


@dataclass(frozen=True, slots=True)
class ControlRow:
    """One hand-over on Form 05: the agency, when it was given ("Giao") and taken ("Nhận"), and the outcome."""

    agency: str
    handed_over_at: datetime | None = None
    received_at: datetime | None = None
    handed_over_by: str = ""
    received_by: str = ""
    outcome: Outcome | str | None = None
    notes: str = ""

    def __post_init__(self) -> None:
        _require_text(self, "agency")
        _require_aware(self, "handed_over_at", "received_at", optional=True)
        _coerce(self, "outcome", Outcome, optional=True)


@dataclass(frozen=True, slots=True)
class Form05ProcessControl:
    """Mẫu số 05 — Phiếu kiểm soát quá trình giải quyết hồ sơ: the hand-over trail, one row per step."""

    header: FormHeader
    dossier: DossierData
    issued_on: date
    rows: tuple[ControlRow, ...]
    resolving_agency: str = ""
    coordinating_agencies: str = ""

    def __post_init__(self) -> None:
        _require_date(self, "issued_on")
        _as_tuple(self, "rows", ControlRow)


@dataclass(frozen=True, slots=True)
class RegisterRow:
    """One line of the register (Form 06). ``number`` is the running number of the year (STT)."""

    number: int
    code: str
    content: str
    sets: int
    owner_name: str
    received_at: datetime
    due_at: datetime
    receiving_officer: str
    owner_address: str = ""
    phone: str = ""
    result_at: datetime | None = None  # the result came back from the resolving agency
    returned_at: datetime | None = None  # the result was handed to the applicant
    returned_to: str = ""  # who collected it
    notes: str = ""

    def __post_init__(self) -> None:
        _require_text(self, "code", "content", "owner_name", "receiving_officer")
        _require_aware(self, "received_at", "due_at")
        _require_aware(self, "result_at", "returned_at", optional=True)
        if not isinstance(self.number, int) or self.number < 1:
            raise FormDataError("RegisterRow.number must be a positive whole number")
        if not isinstance(self.sets, int) or self.sets < 1:
            raise FormDataError("RegisterRow.sets must be a positive whole number")


@dataclass(frozen=True, slots=True)
class Form06Register:
    """Mẫu số 06 — Sổ theo dõi hồ sơ, printed on A4 landscape; ``period`` "Năm 2026" or a date range."""

    header: FormHeader
    period: str
    rows: tuple[RegisterRow, ...]
    title: str = "SỔ THEO DÕI HỒ SƠ"
    book_number: str = ""  # quyển số

    def __post_init__(self) -> None:
        _require_text(self, "period", "title")
        _as_tuple(self, "rows", RegisterRow)


FormData = (
    Form01Receipt | Form02SupplementRequest | Form03Refusal | Form04Apology | Form05ProcessControl | Form06Register
)
