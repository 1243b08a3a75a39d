"""A FAKE national public-service portal (DVCQG), for tests and local runs. It is not the real portal.

It keeps dossiers and process steps in memory and enforces the contract the adapter is written against
(domain reference §3.3), written here independently of ``payload.py`` so a mistake there is caught:

- ``Authorization: Bearer <token>`` or 401;
- a JSON array of objects, each with exactly the known field names, every scalar a string;
- required fields present and non-empty; times ``yyyyMMddHHmmss`` (a real date); status 1–10; channel 1/2/3;
  owner kind 1–4; delivery 0/1; 0/1 flags; identity numbers of 12 (CCCD) or 9 (CMND) digits; summary ≤1,000
  and handler ≤50 characters; ``MaDoiTuong`` only on online dossiers;
- create answers ``error_code`` 3 "đã tồn tại" for a known ``MaHoSo``; update and history need a known one (404);
- a bad body is 400 with the reason in ``message``; success is ``error_code`` "0" and a message with "thành công".

Tests can make it fail the next N requests (``fail_next``, 503 by default) or stall them past the client's
timeout (``stall_next``; a stalled request is still carried out, as a slow real server would). Run it by hand:
``python -m chinhquyenso.dvcqg.fake_portal --port 8765 --token dev-token``.
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CREATE_PATH = "/fake-dvcqg/ho-so/them-moi"
UPDATE_PATH = "/fake-dvcqg/ho-so/cap-nhat"
HISTORY_PATH = "/fake-dvcqg/ho-so/tien-trinh"

DOSSIER_SCALARS = {
    "MaHoSo", "MaTTHC", "TenTTHC", "MaLinhVuc", "TenLinhVuc", "KenhThucHien", "ChuHoSo", "SoGiayToChuHoSo",
    "LoaiDoiTuong", "MaDoiTuong", "ThongTinKhac", "Email", "Fax", "SoDienThoai", "TrichYeuHoSo", "NgayTiepNhan",
    "NgayHenTra", "NgayTra", "NgayKetThucXuLy", "NgayTuChoi", "NgayNopHoSo", "TrangThaiHoSo", "ThongTinTra",
    "HinhThuc", "DonViXuLy", "GhiChu", "NoiNopHoSo", "HoSoCoThanhPhanSoHoa", "TaiKhoanDuocXacThucVoiVNeID",
    "DuocThanhToanTrucTuyen",
}  # fmt: skip
DOSSIER_REQUIRED = {
    "MaHoSo", "MaTTHC", "TenTTHC", "MaLinhVuc", "TenLinhVuc", "KenhThucHien", "ChuHoSo", "LoaiDoiTuong",
    "NgayTiepNhan", "TrangThaiHoSo", "HinhThuc", "DonViXuLy",
}  # fmt: skip
DOSSIER_TIMES = {"NgayTiepNhan", "NgayHenTra", "NgayTra", "NgayKetThucXuLy", "NgayTuChoi", "NgayNopHoSo"}
FLAGS = {"HoSoCoThanhPhanSoHoa", "TaiKhoanDuocXacThucVoiVNeID", "DuocThanhToanTrucTuyen"}
ATTACHMENT_FIELDS = {
    "TepDinhKemId", "TenTepDinhKem", "IsDeleted", "MaThanhPhanHoSo", "DuongDanTaiTepTin", "DuocSoHoa",
    "DuocTaiSuDung", "DuocLayTuKhoDMQG", "MaKetQuaThayThe",
}  # fmt: skip
FEE_FIELDS = {"TenPhiLePhi", "MaPhiLePhi", "HinhThucThu", "Gia", "LoaiPhiLePhi"}
SUPPLEMENT_FIELDS = {
    "HoSoBoSungId", "NguoiYeuCauBoSung", "NoiDungBoSung", "NgayBoSung", "NguoiTiepNhanBoSung", "ThongTinTiepNhan",
    "NgayTiepNhanBoSung", "TrangThaiBoSung", "DanhSachGiayToBoSung", "DanhSachLePhiBoSung", "NgayHenTraTruoc",
    "NgayHenTraMoi",
}  # fmt: skip
LISTS = {
    "DinhDanhCHS": {"LoaiDinhDanh", "SoDinhDanh"},
    "DSKetNoiCSDL": {"MaCSDL"},
    "TaiLieuNop": ATTACHMENT_FIELDS,
    "DanhSachLePhi": FEE_FIELDS,
    "DanhSachHoSoBoSung": SUPPLEMENT_FIELDS,
    "DanhSachGiayToKetQua": {"TenGiayTo", "MaThanhPhanHoSo", "GiayToId", "DuongDanTepTinKetQua", "MaGiayToKetQua"},
    "DanhSachTepDinhKemKhac": {"TenGiayTo", "SoLuong", "LoaiGiayTo"},
}
HISTORY_FIELDS = {
    "MaHoSo", "NguoiXuLy", "ChucDanh", "ThoiDiemXuLy", "PhongBanXuLy", "NoiDungXuLy", "TrangThai", "NgayBatDau",
    "NgayKetThucTheoQuyDinh",
}  # fmt: skip
STATUS_CODES = {str(n) for n in range(1, 11)}


class ContractError(Exception):
    pass


def _is_portal_time(text: str) -> bool:
    if not re.fullmatch(r"\d{14}", text):
        return False
    try:
        datetime.strptime(text, "%Y%m%d%H%M%S")  # noqa: DTZ007  (only checks that the date exists)
    except ValueError:
        return False
    return True


class _Checker:
    def __init__(self):
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def fields(self, where: str, obj, allowed: set[str], required: set[str] = frozenset()) -> bool:
        if not isinstance(obj, dict):
            self.fail(where, "phải là một đối tượng JSON")
            return False
        for name in sorted(set(obj) - allowed):
            self.fail(where, f"trường {name} không thuộc hợp đồng")
        for name in sorted(allowed - set(obj)):
            self.fail(where, f"thiếu trường {name} (giá trị trống gửi chuỗi rỗng)")
        for name in sorted(required & set(obj)):
            if not isinstance(obj.get(name), str) or not obj[name].strip():
                self.fail(where, f"thiếu trường bắt buộc {name}")
        return True

    def strings(self, where: str, obj: dict, names) -> None:
        for name in names:
            if name in obj and not isinstance(obj[name], str):
                self.fail(where, f"trường {name} phải là chuỗi")

    def time(self, where: str, obj: dict, name: str) -> None:
        value = obj.get(name, "")
        if isinstance(value, str) and value and not _is_portal_time(value):
            self.fail(where, f"trường {name} không đúng định dạng yyyyMMddHHmmss: {value!r}")

    def code(self, where: str, obj: dict, name: str, allowed: set[str]) -> None:
        value = obj.get(name)
        if isinstance(value, str) and value and value not in allowed:
            self.fail(where, f"trường {name} có giá trị không hợp lệ {value!r}")

    def items(self, where: str, obj: dict, name: str) -> list[dict]:
        value = obj.get(name, [])
        if not isinstance(value, list):
            self.fail(where, f"trường {name} phải là mảng")
            return []
        good = []
        for index, entry in enumerate(value):
            if self.fields(f"{where}.{name}[{index}]", entry, LISTS[name]):
                good.append(entry)
        return good


def check_dossier(obj) -> list[str]:
    """The contract problems of one HoSoDongBoDVC object (empty when it is acceptable)."""
    c = _Checker()
    where = f"Hồ sơ {obj.get('MaHoSo', '?') if isinstance(obj, dict) else '?'}"
    if not c.fields(where, obj, DOSSIER_SCALARS | set(LISTS), DOSSIER_REQUIRED):
        return c.problems
    c.strings(where, obj, DOSSIER_SCALARS)
    for name in DOSSIER_TIMES:
        c.time(where, obj, name)
    c.code(where, obj, "KenhThucHien", {"1", "2", "3"})
    c.code(where, obj, "LoaiDoiTuong", {"1", "2", "3", "4"})
    c.code(where, obj, "TrangThaiHoSo", STATUS_CODES)
    c.code(where, obj, "HinhThuc", {"0", "1"})
    for name in FLAGS:
        c.code(where, obj, name, {"0", "1"})
    if isinstance(obj.get("TrichYeuHoSo"), str) and len(obj["TrichYeuHoSo"]) > 1000:
        c.fail(where, "TrichYeuHoSo dài quá 1000 ký tự")
    if obj.get("MaDoiTuong") and obj.get("KenhThucHien") != "2":
        c.fail(where, "MaDoiTuong chỉ gửi cho hồ sơ trực tuyến")
    for entry in c.items(where, obj, "DinhDanhCHS"):
        c.strings(where, entry, ("LoaiDinhDanh", "SoDinhDanh"))
        digits = {"1": 12, "2": 9}.get(entry.get("LoaiDinhDanh"))
        if digits is None:
            c.fail(where, f"LoaiDinhDanh không hợp lệ {entry.get('LoaiDinhDanh')!r}")
        elif not re.fullmatch(rf"\d{{{digits}}}", str(entry.get("SoDinhDanh", ""))):
            c.fail(where, f"SoDinhDanh phải có {digits} chữ số")
    for name in ("DSKetNoiCSDL", "DanhSachGiayToKetQua", "DanhSachTepDinhKemKhac"):
        for entry in c.items(where, obj, name):
            c.strings(where, entry, entry.keys())
    for entry in c.items(where, obj, "TaiLieuNop"):
        _check_attachment(c, where, entry)
    for entry in c.items(where, obj, "DanhSachLePhi"):
        _check_fee(c, where, entry)
    for entry in c.items(where, obj, "DanhSachHoSoBoSung"):
        c.strings(where, entry, SUPPLEMENT_FIELDS - {"DanhSachGiayToBoSung", "DanhSachLePhiBoSung"})
        for name in ("NgayBoSung", "NgayTiepNhanBoSung", "NgayHenTraTruoc", "NgayHenTraMoi"):
            c.time(where, entry, name)
        if not entry.get("NgayBoSung"):
            c.fail(where, "yêu cầu bổ sung thiếu NgayBoSung")
        for name, allowed, check in (
            ("DanhSachGiayToBoSung", ATTACHMENT_FIELDS, _check_attachment),
            ("DanhSachLePhiBoSung", FEE_FIELDS, _check_fee),
        ):
            if not isinstance(entry.get(name), list):
                c.fail(where, f"trường {name} phải là mảng")
                continue
            for inner in entry[name]:
                if c.fields(where, inner, allowed):
                    check(c, where, inner)
    return c.problems


def _check_attachment(c: _Checker, where: str, entry: dict) -> None:
    c.strings(where, entry, ATTACHMENT_FIELDS)
    if not entry.get("TenTepDinhKem"):
        c.fail(where, "tài liệu nộp thiếu TenTepDinhKem")
    for name in ("IsDeleted", "DuocSoHoa", "DuocTaiSuDung", "DuocLayTuKhoDMQG"):
        c.code(where, entry, name, {"0", "1"})


def _check_fee(c: _Checker, where: str, entry: dict) -> None:
    c.strings(where, entry, FEE_FIELDS)
    if not re.fullmatch(r"\d+", str(entry.get("Gia", ""))):
        c.fail(where, f"Gia phải là số đồng: {entry.get('Gia')!r}")


def check_history(obj) -> list[str]:
    """The contract problems of one QuaTrinhXuLyDongBoDVC object."""
    c = _Checker()
    where = f"Tiến trình {obj.get('MaHoSo', '?') if isinstance(obj, dict) else '?'}"
    if not c.fields(where, obj, HISTORY_FIELDS, {"MaHoSo", "NguoiXuLy", "ThoiDiemXuLy", "TrangThai"}):
        return c.problems
    c.strings(where, obj, HISTORY_FIELDS)
    for name in ("ThoiDiemXuLy", "NgayBatDau", "NgayKetThucTheoQuyDinh"):
        c.time(where, obj, name)
    c.code(where, obj, "TrangThai", STATUS_CODES)
    if isinstance(obj.get("NguoiXuLy"), str) and len(obj["NguoiXuLy"]) > 50:
        c.fail(where, "NguoiXuLy dài quá 50 ký tự")
    return c.problems


@dataclass(frozen=True)
class ReceivedRequest:
    path: str
    codes: tuple[str, ...]
    status: int
    error_code: str


class FakeDvcqgPortal:
    """The fake portal on a loopback port. Use as a context manager or call ``start``/``stop``."""

    def __init__(self, *, token: str, host: str = "127.0.0.1", port: int = 0, latency: float = 0.0):
        self.token = token
        self.latency = latency
        self.dossiers: dict[str, dict] = {}
        self.history: dict[str, list[dict]] = {}
        self.requests: list[ReceivedRequest] = []
        self._lock = threading.Lock()
        self._fail: list[int] = []
        self._stall: list[float] = []
        self._server = ThreadingHTTPServer((host, port), self._handler_class())
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    # --- control -------------------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def create_url(self) -> str:
        return self.base_url + CREATE_PATH

    @property
    def update_url(self) -> str:
        return self.base_url + UPDATE_PATH

    @property
    def history_url(self) -> str:
        return self.base_url + HISTORY_PATH

    def start(self) -> FakeDvcqgPortal:
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-dvcqg", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeDvcqgPortal:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def fail_next(self, count: int, status: int = 503) -> None:
        """The next ``count`` requests answer ``status`` without being carried out."""
        with self._lock:
            self._fail.extend([status] * count)

    def stall_next(self, count: int, seconds: float) -> None:
        """The next ``count`` requests wait ``seconds`` before they are carried out and answered."""
        with self._lock:
            self._stall.extend([seconds] * count)

    def calls(self, path: str, code: str | None = None, *, status: int | None = None) -> int:
        with self._lock:
            return sum(
                1
                for r in self.requests
                if r.path == path and (code is None or code in r.codes) and (status is None or r.status == status)
            )

    # --- behaviour -----------------------------------------------------------------------------------------

    def handle(self, path: str, authorization: str, body: bytes) -> tuple[int, dict, tuple[str, ...]]:
        """One request: (HTTP status, answer, dossier codes in the body)."""
        with self._lock:
            injected = self._fail.pop(0) if self._fail else None
            stall = self._stall.pop(0) if self._stall else 0.0
        if path not in {CREATE_PATH, UPDATE_PATH, HISTORY_PATH}:
            return 404, {"error_code": "-404", "message": "Không tìm thấy địa chỉ"}, ()
        if injected is not None:
            return injected, {"error_code": f"-{injected}", "message": "Hệ thống đang bận, vui lòng thử lại sau"}, ()
        if self.latency or stall:
            time.sleep(self.latency + stall)
        if authorization != f"Bearer {self.token}":
            return 401, {"error_code": "-401", "message": "Token không hợp lệ hoặc đã hết hạn"}, ()
        try:
            items = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return 400, {"error_code": "-1", "message": "Dữ liệu gửi lên không phải JSON"}, ()
        if not isinstance(items, list) or not items:
            return 400, {"error_code": "-1", "message": "Dữ liệu gửi lên phải là một mảng khác rỗng"}, ()
        codes = tuple(str(i.get("MaHoSo", "")) for i in items if isinstance(i, dict))
        check = check_history if path == HISTORY_PATH else check_dossier
        problems = [p for item in items for p in check(item)]
        if problems:
            return 400, {"error_code": "-1", "message": "; ".join(problems[:5])}, codes
        with self._lock:
            return (*self._apply(path, items), codes)

    def _apply(self, path: str, items: list[dict]) -> tuple[int, dict]:
        if path == CREATE_PATH:
            known = [i["MaHoSo"] for i in items if i["MaHoSo"] in self.dossiers]
            if known:
                return 200, {"error_code": "3", "message": f"Hồ sơ {', '.join(known)} đã tồn tại"}
            for item in items:
                self.dossiers[item["MaHoSo"]] = item
            return 200, {"error_code": "0", "message": "Thêm mới hồ sơ thành công"}
        unknown = [i["MaHoSo"] for i in items if i["MaHoSo"] not in self.dossiers]
        if unknown:
            return 404, {"error_code": "-2", "message": f"Hồ sơ {', '.join(unknown)} không tồn tại"}
        if path == UPDATE_PATH:
            for item in items:
                self.dossiers[item["MaHoSo"]] = item
            return 200, {"error_code": "0", "message": "Cập nhật hồ sơ thành công"}
        for item in items:
            self.history.setdefault(item["MaHoSo"], []).append(item)
        return 200, {"error_code": "0", "message": "Đồng bộ tiến trình thành công"}

    def _handler_class(self):
        portal = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):  # noqa: N802  (the http.server naming)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                path = self.path.split("?", 1)[0]
                status, answer, codes = portal.handle(path, self.headers.get("Authorization", ""), body)
                with portal._lock:
                    portal.requests.append(ReceivedRequest(path, codes, status, answer["error_code"]))
                data = json.dumps(answer, ensure_ascii=False).encode("utf-8")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a stalled request)

            def log_message(self, format, *args):  # noqa: A002
                pass  # quiet in tests

        return Handler


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Run the FAKE DVCQG portal on a loopback port.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--token", required=True)
    args = parser.parse_args(argv)
    portal = FakeDvcqgPortal(token=args.token, host=args.host, port=args.port).start()
    print("FAKE DVCQG portal (not the real one). Point the platform at it with:")  # noqa: T201
    print(f"  CQS_DVCQG_CREATE_URL={portal.create_url}")  # noqa: T201
    print(f"  CQS_DVCQG_UPDATE_URL={portal.update_url}")  # noqa: T201
    print(f"  CQS_DVCQG_HISTORY_URL={portal.history_url}")  # noqa: T201
    print(f"  CQS_DVCQG_TOKEN={args.token}")  # noqa: T201
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        portal.stop()


if __name__ == "__main__":
    main()
