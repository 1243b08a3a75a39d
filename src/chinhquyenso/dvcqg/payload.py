"""Pure functions from snapshots to the JSON objects the national portal takes (domain reference §3.3).

Choices, since the portal publishes no specification:

- Every scalar is sent as a **string**, codes and amounts included (``"2"``, ``"150000"``), as the working
  provincial integration does; flags are ``"0"``/``"1"``.
- An absent value is the **empty string** ``""`` (dates included), an absent list is ``[]``: every field is
  always present, never ``null``. ``MaDoiTuong`` (the portal account) is ``""`` unless the dossier came online.
- Times are ``yyyyMMddHHmmss`` in Asia/Ho_Chi_Minh, whatever the server's own zone.
- ``TrichYeuHoSo`` is cut to 1,000 characters and ``NguoiXuLy`` to 50, ending in "…", the limits seen in practice.
- Status codes go as given. ``send_waiting_as_resolved=True`` reproduces the observed provincial quirk of sending
  5 (supplement), 6 (payment) and 8 (stopped) as 9; it is off unless ``CQS_DVCQG_STATUS_5_6_8_AS_9`` is set.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from chinhquyenso.dvcqg.snapshots import (
    Attachment,
    Channel,
    DossierSnapshot,
    FeeLine,
    HistoryStep,
    SupplementRequest,
)

PORTAL_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
PORTAL_TIME_FORMAT = "%Y%m%d%H%M%S"  # yyyyMMddHHmmss
SUMMARY_LIMIT = 1000
HANDLER_LIMIT = 50
WAITING_STATUSES = frozenset({5, 6, 8})


def format_portal_time(value: datetime | None) -> str:
    """``yyyyMMddHHmmss`` in Vietnam time; ``""`` for no value. A naive time is refused, not guessed."""
    if value is None:
        return ""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("the portal needs an aware datetime")
    return value.astimezone(PORTAL_ZONE).strftime(PORTAL_TIME_FORMAT)


def parse_portal_time(text: str) -> datetime:
    """The inverse of ``format_portal_time``: an aware datetime in Vietnam time. Raises ValueError."""
    if len(text) != 14 or not text.isdigit():
        raise ValueError(f"{text!r} is not yyyyMMddHHmmss")
    return datetime.strptime(text, PORTAL_TIME_FORMAT).replace(tzinfo=PORTAL_ZONE)


def portal_status(code: int, *, send_waiting_as_resolved: bool = False) -> str:
    if send_waiting_as_resolved and code in WAITING_STATUSES:
        return "9"
    return str(code)


def _flag(value: object) -> str:
    return "1" if value else "0"


def _cut(text: str, limit: int) -> str:
    text = text or ""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _attachment(item: Attachment) -> dict:
    return {
        "TepDinhKemId": item.file_id,
        "TenTepDinhKem": item.name,
        "IsDeleted": _flag(item.deleted),
        "MaThanhPhanHoSo": item.component_code,
        "DuongDanTaiTepTin": item.download_url,
        "DuocSoHoa": _flag(item.digitised),
        "DuocTaiSuDung": _flag(item.reused),
        "DuocLayTuKhoDMQG": _flag(item.from_national_store),
        "MaKetQuaThayThe": item.replaced_result_code,
    }


def _fee(item: FeeLine) -> dict:
    return {
        "TenPhiLePhi": item.name,
        "MaPhiLePhi": item.code,
        "HinhThucThu": str(item.collection_method),
        "Gia": str(item.amount),
        "LoaiPhiLePhi": str(item.kind.portal_code),
    }


def _supplement(item: SupplementRequest) -> dict:
    return {
        "HoSoBoSungId": item.request_id,
        "NguoiYeuCauBoSung": item.requested_by,
        "NoiDungBoSung": item.content,
        "NgayBoSung": format_portal_time(item.requested_at),
        "NguoiTiepNhanBoSung": item.received_by,
        "ThongTinTiepNhan": item.receipt_note,
        "NgayTiepNhanBoSung": format_portal_time(item.received_at),
        "TrangThaiBoSung": _flag(item.completed),
        "DanhSachGiayToBoSung": [_attachment(a) for a in item.documents],
        "DanhSachLePhiBoSung": [_fee(f) for f in item.fees],
        "NgayHenTraTruoc": format_portal_time(item.due_before),
        "NgayHenTraMoi": format_portal_time(item.due_after),
    }


def _identifiers(snapshot: DossierSnapshot) -> list[dict]:
    if snapshot.identifiers:
        return [{"LoaiDinhDanh": str(int(i.kind)), "SoDinhDanh": i.number} for i in snapshot.identifiers]
    if snapshot.owner_id_kind is not None:
        return [{"LoaiDinhDanh": str(int(snapshot.owner_id_kind)), "SoDinhDanh": snapshot.owner_id_number}]
    return []


def dossier_payload(snapshot: DossierSnapshot, *, send_waiting_as_resolved: bool = False) -> dict:
    """One ``HoSoDongBoDVC`` object. The endpoints take a JSON array of these (see ``client``)."""
    online = snapshot.channel is Channel.ONLINE
    return {
        "MaHoSo": snapshot.code,
        "MaTTHC": snapshot.procedure_code,
        "TenTTHC": snapshot.procedure_name,
        "MaLinhVuc": snapshot.field_code,
        "TenLinhVuc": snapshot.field_name,
        "KenhThucHien": str(snapshot.channel.portal_code),
        "ChuHoSo": snapshot.owner_name,
        "SoGiayToChuHoSo": snapshot.owner_id_number,
        "LoaiDoiTuong": str(int(snapshot.owner_kind)),
        "MaDoiTuong": snapshot.portal_account_id if online else "",
        "ThongTinKhac": snapshot.other_info,
        "Email": snapshot.email,
        "Fax": snapshot.fax,
        "SoDienThoai": snapshot.phone,
        "TrichYeuHoSo": _cut(snapshot.summary, SUMMARY_LIMIT),
        "NgayTiepNhan": format_portal_time(snapshot.received_at),
        "NgayHenTra": format_portal_time(snapshot.due_at),
        "NgayTra": format_portal_time(snapshot.returned_at),
        "NgayKetThucXuLy": format_portal_time(snapshot.finished_at),
        "NgayTuChoi": format_portal_time(snapshot.refused_at),
        "NgayNopHoSo": format_portal_time(snapshot.submitted_at),
        "TrangThaiHoSo": portal_status(snapshot.status, send_waiting_as_resolved=send_waiting_as_resolved),
        "ThongTinTra": snapshot.return_info,
        "HinhThuc": str(int(snapshot.delivery)),
        "DonViXuLy": snapshot.processing_unit,
        "GhiChu": snapshot.notes,
        "NoiNopHoSo": snapshot.place_submitted,
        "HoSoCoThanhPhanSoHoa": _flag(snapshot.digitised),
        "TaiKhoanDuocXacThucVoiVNeID": _flag(snapshot.vneid_verified),
        "DuocThanhToanTrucTuyen": _flag(snapshot.paid_online),
        "DinhDanhCHS": _identifiers(snapshot),
        "DSKetNoiCSDL": [{"MaCSDL": code} for code in snapshot.consulted_databases],
        "TaiLieuNop": [_attachment(a) for a in snapshot.attachments],
        "DanhSachLePhi": [_fee(f) for f in snapshot.fees],
        "DanhSachHoSoBoSung": [_supplement(s) for s in snapshot.supplements],
        "DanhSachGiayToKetQua": [
            {
                "TenGiayTo": r.name,
                "MaThanhPhanHoSo": r.component_code,
                "GiayToId": r.document_id,
                "DuongDanTepTinKetQua": r.download_url,
                "MaGiayToKetQua": r.result_code,
            }
            for r in snapshot.result_documents
        ],
        "DanhSachTepDinhKemKhac": [
            {"TenGiayTo": p.name, "SoLuong": str(p.quantity), "LoaiGiayTo": str(p.kind)} for p in snapshot.other_papers
        ],
    }


def history_payload(step: HistoryStep, *, send_waiting_as_resolved: bool = False) -> dict:
    """One ``QuaTrinhXuLyDongBoDVC`` object."""
    return {
        "MaHoSo": step.dossier_code,
        "NguoiXuLy": _cut(step.handler, HANDLER_LIMIT),
        "ChucDanh": step.title,
        "ThoiDiemXuLy": format_portal_time(step.handled_at),
        "PhongBanXuLy": step.department,
        "NoiDungXuLy": step.content,
        "TrangThai": portal_status(step.status, send_waiting_as_resolved=send_waiting_as_resolved),
        "NgayBatDau": format_portal_time(step.started_at),
        "NgayKetThucTheoQuyDinh": format_portal_time(step.due_at),
    }
