"""Realistic data for the printed forms: a birth registration received at a commune's one-stop counter."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from chinhquyenso.printing.form_data import Component, DossierData, FormHeader, Party

VN = ZoneInfo("Asia/Ho_Chi_Minh")
LOOKUP_URL = "https://dichvucong.thanhhoa.gov.vn/tra-cuu-ho-so?ma=000.01.27.H56-260220-0007"


def header() -> FormHeader:
    return FormHeader(
        parent_agency="UBND tỉnh Thanh Hóa",  # written in capitals on the letterhead
        agency="UBND XÃ THỌ XUÂN",
        receiving_unit="BỘ PHẬN MỘT CỬA",
        place="Thọ Xuân",
        hotline="0237 3852 115",
    )


def dossier() -> DossierData:
    return DossierData(
        code="000.01.27.H56-260220-0007",
        procedure_code="1.001193",
        procedure_name="Đăng ký khai sinh kết hợp đăng ký thường trú",
        submitter=Party(
            name="Nguyễn Thị Ngọc Diễm",
            address="Thôn Xuân Phả, xã Thọ Xuân, tỉnh Thanh Hóa",
            phone="0915 246 813",
            email="ngocdiem@example.vn",
            id_number="038192004567",
        ),
        owner=Party(name="Trần Ngọc Bảo Vỹ", address="Thôn Xuân Phả, xã Thọ Xuân, tỉnh Thanh Hóa"),
        channel="counter",
        sets=2,
        time_limit="03 ngày làm việc",
        received_at=datetime(2026, 2, 20, 8, 15, tzinfo=VN),
        # Given in UTC: the slip must print it in Vietnam time, 10:00.
        due_at=datetime(2026, 2, 25, 3, 0, tzinfo=UTC),
        components=(
            Component("Tờ khai đăng ký khai sinh", "original", 1),
            Component("Giấy chứng sinh do Bệnh viện Đa khoa Thọ Xuân cấp", "original", 1),
            Component("Giấy chứng nhận kết hôn của cha, mẹ", "certified_copy", 1),
            Component("Sổ hộ khẩu (bản chụp để đối chiếu)", "photocopy", 2),
        ),
        result_delivery="Bộ phận Một cửa UBND xã Thọ Xuân",
        receiving_officer="Đặng Thị Thu Hương",
        lookup_url=LOOKUP_URL,
    )


RECEIPT_DAY = date(2026, 2, 20)
