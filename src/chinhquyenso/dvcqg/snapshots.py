"""What the dossiers app hands to the DVCQG synchronisation: plain, frozen values, no models.

A ``DossierSnapshot`` is the state of one dossier at one moment (everything the portal's ``HoSoDongBoDVC`` needs);
a ``HistoryStep`` is one step of its process (``QuaTrinhXuLyDongBoDVC``). Both check themselves when built, so a
bad value fails in the caller's transaction with a ``ValidationFailed`` naming the field, and nothing is queued.
Codes follow domain reference §1.2 and §1.3.2; the English names follow the glossary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import datetime
from enum import IntEnum, StrEnum

from django.utils.translation import gettext as _

from chinhquyenso.core.errors import ValidationFailed

STATUS_CODES = range(1, 11)  # TrangThaiHoSoId 1 (submitted) … 10 (result returned)


class Channel(StrEnum):
    """How the dossier arrived (glossary `channel`); the portal's KenhThucHien code is ``portal_code``."""

    COUNTER = "counter"
    ONLINE = "online"
    POST = "post"

    @property
    def portal_code(self) -> int:
        return {Channel.COUNTER: 1, Channel.ONLINE: 2, Channel.POST: 3}[self]


class OwnerKind(IntEnum):
    """LoaiDoiTuong."""

    CITIZEN = 1
    ENTERPRISE = 2
    STATE_AGENCY = 3
    OTHER_ORGANISATION = 4


class ResultDelivery(IntEnum):
    """HinhThuc: how the result goes back to the applicant."""

    IN_PERSON = 0
    BY_POST = 1


class IdentifierKind(IntEnum):
    """LoaiDinhDanh of an owner's identity paper."""

    CITIZEN_ID = 1  # CCCD, 12 digits
    OLD_ID = 2  # CMND, 9 digits


class FeeKind(StrEnum):
    """The glossary's fee kinds; LoaiPhiLePhi 1 = phí, 2 = lệ phí (the numbering is unverified)."""

    FEE = "fee"
    CHARGE = "charge"

    @property
    def portal_code(self) -> int:
        return 1 if self is FeeKind.FEE else 2


_ID_DIGITS = {IdentifierKind.CITIZEN_ID: 12, IdentifierKind.OLD_ID: 9}


class _Problems:
    def __init__(self):
        self.fields: dict[str, list[str]] = {}

    def add(self, name: str, message: str) -> None:
        self.fields.setdefault(name, []).append(message)

    def raise_if_any(self) -> None:
        if self.fields:
            raise ValidationFailed(fields=self.fields)


def _freeze_lists(obj) -> None:
    # Callers may pass lists; a frozen value keeps tuples so it cannot change after it was checked.
    for f in fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, list):
            object.__setattr__(obj, f.name, tuple(value))


def _check_enum(problems: _Problems, obj, name: str, enum) -> None:
    value = getattr(obj, name)
    try:
        object.__setattr__(obj, name, enum(value))
    except ValueError:
        problems.add(name, _("%(value)r is not a known code.") % {"value": value})


def _check_aware(problems: _Problems, obj, name: str, *, required: bool = False) -> None:
    value = getattr(obj, name)
    if value is None:
        if required:
            problems.add(name, _("This time is required."))
        return
    if not isinstance(value, datetime):
        problems.add(name, _("Expected a date and time."))
    elif value.tzinfo is None or value.utcoffset() is None:
        problems.add(name, _("The time must carry a time zone."))


def _check_text(problems: _Problems, obj, name: str) -> None:
    if not str(getattr(obj, name) or "").strip():
        problems.add(name, _("This field is required."))


def _check_status(problems: _Problems, obj, name: str) -> None:
    value = getattr(obj, name)
    if isinstance(value, bool) or not isinstance(value, int) or value not in STATUS_CODES:
        problems.add(name, _("The national status code must be a whole number from 1 to 10."))


@dataclass(frozen=True, kw_only=True)
class OwnerIdentifier:
    """DinhDanhCHS: one identity paper of the owner."""

    kind: IdentifierKind
    number: str

    def __post_init__(self):
        problems = _Problems()
        _check_enum(problems, self, "kind", IdentifierKind)
        if "kind" not in problems.fields:
            digits = _ID_DIGITS[self.kind]
            if not re.fullmatch(rf"\d{{{digits}}}", self.number or ""):
                problems.add("number", _("This identity number must have %(digits)d digits.") % {"digits": digits})
        problems.raise_if_any()


@dataclass(frozen=True, kw_only=True)
class FeeLine:
    """DanhSachLePhi: one fee or charge of the dossier, in đồng."""

    name: str
    code: str = ""
    amount: int
    kind: FeeKind = FeeKind.FEE
    collection_method: int = 1  # HinhThucThu, passed through; 1 is the only value seen in practice

    def __post_init__(self):
        problems = _Problems()
        _check_text(problems, self, "name")
        _check_enum(problems, self, "kind", FeeKind)
        if isinstance(self.amount, bool) or not isinstance(self.amount, int) or self.amount < 0:
            problems.add("amount", _("The amount must be a whole number of đồng, not negative."))
        problems.raise_if_any()


@dataclass(frozen=True, kw_only=True)
class Attachment:
    """TaiLieuNop: one submitted paper (a file the portal downloads from ``download_url``)."""

    file_id: str = ""
    name: str
    component_code: str = ""
    download_url: str = ""
    deleted: bool = False
    digitised: bool = False
    reused: bool = False
    from_national_store: bool = False
    replaced_result_code: str = ""

    def __post_init__(self):
        problems = _Problems()
        _check_text(problems, self, "name")
        problems.raise_if_any()


@dataclass(frozen=True, kw_only=True)
class ResultDocument:
    """DanhSachGiayToKetQua: one result paper issued to the applicant."""

    name: str
    component_code: str = ""
    document_id: str = ""
    download_url: str = ""
    result_code: str = ""

    def __post_init__(self):
        problems = _Problems()
        _check_text(problems, self, "name")
        problems.raise_if_any()


@dataclass(frozen=True, kw_only=True)
class OtherPaper:
    """DanhSachTepDinhKemKhac: a paper handed in that is not a required component."""

    name: str
    quantity: int = 1
    kind: int = 1

    def __post_init__(self):
        problems = _Problems()
        _check_text(problems, self, "name")
        problems.raise_if_any()


@dataclass(frozen=True, kw_only=True)
class SupplementRequest:
    """DanhSachHoSoBoSung: one request to supplement the dossier, and how it was answered."""

    request_id: str
    requested_by: str
    content: str
    requested_at: datetime
    received_by: str = ""
    receipt_note: str = ""
    received_at: datetime | None = None
    completed: bool = False
    documents: tuple[Attachment, ...] = ()
    fees: tuple[FeeLine, ...] = ()
    due_before: datetime | None = None
    due_after: datetime | None = None

    def __post_init__(self):
        _freeze_lists(self)
        problems = _Problems()
        for name in ("request_id", "requested_by", "content"):
            _check_text(problems, self, name)
        _check_aware(problems, self, "requested_at", required=True)
        for name in ("received_at", "due_before", "due_after"):
            _check_aware(problems, self, name)
        problems.raise_if_any()


@dataclass(frozen=True, kw_only=True)
class DossierSnapshot:
    """The state of one dossier at one moment, as the portal needs it (HoSoDongBoDVC).

    Times are aware datetimes; the payload writes them in Asia/Ho_Chi_Minh. ``received_at`` is required: a
    dossier is synchronised from its receipt on, as in the provincial practice the contract was read from.
    """

    code: str  # MaHoSo
    procedure_code: str  # MaTTHC, e.g. 2.000908
    procedure_name: str  # TenTTHC
    field_code: str  # MaLinhVuc
    field_name: str  # TenLinhVuc
    channel: Channel  # KenhThucHien
    owner_name: str  # ChuHoSo
    owner_id_number: str = ""  # SoGiayToChuHoSo
    owner_id_kind: IdentifierKind | None = None
    owner_kind: OwnerKind = OwnerKind.CITIZEN  # LoaiDoiTuong
    portal_account_id: str = ""  # MaDoiTuong, sent for online dossiers only
    email: str = ""
    fax: str = ""
    phone: str = ""
    other_info: str = ""  # ThongTinKhac
    summary: str = ""  # TrichYeuHoSo
    received_at: datetime  # NgayTiepNhan
    due_at: datetime | None = None  # NgayHenTra
    returned_at: datetime | None = None  # NgayTra
    finished_at: datetime | None = None  # NgayKetThucXuLy
    refused_at: datetime | None = None  # NgayTuChoi
    submitted_at: datetime | None = None  # NgayNopHoSo
    status: int  # TrangThaiHoSo, 1–10
    return_info: str = ""  # ThongTinTra
    delivery: ResultDelivery = ResultDelivery.IN_PERSON  # HinhThuc
    processing_unit: str  # DonViXuLy
    notes: str = ""  # GhiChu
    place_submitted: str = ""  # NoiNopHoSo
    digitised: bool = False  # HoSoCoThanhPhanSoHoa
    vneid_verified: bool = False  # TaiKhoanDuocXacThucVoiVNeID
    paid_online: bool = False  # DuocThanhToanTrucTuyen
    identifiers: tuple[OwnerIdentifier, ...] = ()  # DinhDanhCHS
    consulted_databases: tuple[str, ...] = ()  # DSKetNoiCSDL
    fees: tuple[FeeLine, ...] = ()  # DanhSachLePhi
    attachments: tuple[Attachment, ...] = ()  # TaiLieuNop
    supplements: tuple[SupplementRequest, ...] = ()  # DanhSachHoSoBoSung
    result_documents: tuple[ResultDocument, ...] = ()  # DanhSachGiayToKetQua
    other_papers: tuple[OtherPaper, ...] = ()  # DanhSachTepDinhKemKhac

    def __post_init__(self):
        _freeze_lists(self)
        problems = _Problems()
        for name in ("code", "procedure_code", "procedure_name", "field_code", "field_name", "owner_name"):
            _check_text(problems, self, name)
        _check_text(problems, self, "processing_unit")
        _check_enum(problems, self, "channel", Channel)
        _check_enum(problems, self, "owner_kind", OwnerKind)
        _check_enum(problems, self, "delivery", ResultDelivery)
        if self.owner_id_kind is not None:
            _check_enum(problems, self, "owner_id_kind", IdentifierKind)
            if "owner_id_kind" not in problems.fields:
                digits = _ID_DIGITS[self.owner_id_kind]
                if not re.fullmatch(rf"\d{{{digits}}}", self.owner_id_number or ""):
                    problems.add(
                        "owner_id_number", _("This identity number must have %(digits)d digits.") % {"digits": digits}
                    )
        _check_status(problems, self, "status")
        _check_aware(problems, self, "received_at", required=True)
        for name in ("due_at", "returned_at", "finished_at", "refused_at", "submitted_at"):
            _check_aware(problems, self, name)
        problems.raise_if_any()


@dataclass(frozen=True, kw_only=True)
class HistoryStep:
    """One step of a dossier's process (QuaTrinhXuLyDongBoDVC)."""

    dossier_code: str  # MaHoSo
    handler: str  # NguoiXuLy
    title: str = ""  # ChucDanh
    handled_at: datetime  # ThoiDiemXuLy
    department: str = ""  # PhongBanXuLy
    content: str = ""  # NoiDungXuLy
    status: int  # TrangThai, 1–10
    started_at: datetime | None = None  # NgayBatDau
    due_at: datetime | None = None  # NgayKetThucTheoQuyDinh

    def __post_init__(self):
        problems = _Problems()
        _check_text(problems, self, "dossier_code")
        _check_text(problems, self, "handler")
        _check_aware(problems, self, "handled_at", required=True)
        _check_aware(problems, self, "started_at")
        _check_aware(problems, self, "due_at")
        _check_status(problems, self, "status")
        problems.raise_if_any()
