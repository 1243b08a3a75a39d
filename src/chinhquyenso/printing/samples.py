"""Realistic sample data for each form: used by ``chinhquyenso printing sample`` and the render benchmark."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from chinhquyenso.printing.form_data import (
    Component,
    ControlRow,
    DossierData,
    Form01Receipt,
    Form02SupplementRequest,
    Form03Refusal,
    Form04Apology,
    Form05ProcessControl,
    Form06Register,
    FormHeader,
    Party,
    RegisterRow,
    Signer,
)
from chinhquyenso.printing.wording import VN_TZ

HEADER = FormHeader(
    parent_agency="UBND TỈNH THANH HÓA",
    agency="UBND XÃ THỌ XUÂN",
    receiving_unit="BỘ PHẬN MỘT CỬA",
    place="Thọ Xuân",
    hotline="0237 3852 115",
)
RECEIVED = datetime(2026, 11, 23, 8, 30, tzinfo=VN_TZ)


def sample_dossier() -> DossierData:
    return DossierData(
        code="000.01.27.H56-261123-0001",
        procedure_code="1.001193",
        procedure_name="Đăng ký khai sinh",
        submitter=Party(
            name="Nguyễn Thị Hồng Nhung",
            address="Thôn Phú Xá, xã Thọ Xuân, tỉnh Thanh Hóa",
            phone="0912 345 678",
            email="nhung.nguyen@example.vn",
            id_number="038190012345",
        ),
        owner=Party(name="Lê Gia Hưng", address="Thôn Phú Xá, xã Thọ Xuân, tỉnh Thanh Hóa"),
        channel="counter",
        sets=1,
        time_limit="03 ngày làm việc",
        received_at=RECEIVED,
        due_at=datetime(2026, 11, 26, 8, 30, tzinfo=VN_TZ),
        components=(
            Component("Tờ khai đăng ký khai sinh", "original", 1),
            Component("Giấy chứng sinh", "original", 1),
            Component("Giấy chứng nhận kết hôn của cha, mẹ", "certified_copy", 1),
            Component("Căn cước công dân của người đi đăng ký", "photocopy", 1),
        ),
        result_delivery="Bộ phận Một cửa UBND xã Thọ Xuân",
        receiving_officer="Phạm Văn Đức",
        lookup_url="https://dichvucong.thanhhoa.gov.vn/tra-cuu?ma=000.01.27.H56-261123-0001",
    )


def sample_form(number: str):
    """The sample for form ``"01"`` … ``"06"``."""
    dossier = sample_dossier()
    issued = RECEIVED.date()
    if number == "01":
        return Form01Receipt(header=HEADER, dossier=dossier, issued_on=issued)
    if number == "02":
        return Form02SupplementRequest(
            header=HEADER,
            dossier=dossier,
            issued_on=issued,
            items=(Component("Giấy chứng nhận kết hôn của cha, mẹ", "certified_copy", 1),),
            reason="Bản sao Giấy chứng nhận kết hôn nộp kèm chưa được chứng thực; tên người mẹ ghi chưa đúng dấu.",
            guide_officer="Phạm Văn Đức",
            guide_phone="0912 000 111",
        )
    if number == "03":
        return Form03Refusal(
            header=HEADER,
            dossier=dossier,
            issued_on=issued,
            reason="Cha, mẹ của trẻ không cư trú tại xã Thọ Xuân; theo khoản 1 Điều 13 Luật Hộ tịch, việc đăng ký "
            "khai sinh thuộc thẩm quyền của Ủy ban nhân dân cấp xã nơi cư trú của cha hoặc mẹ.",
            officer="Phạm Văn Đức",
            officer_phone="0912 000 111",
        )
    if number == "04":
        return Form04Apology(
            header=HEADER,
            dossier=dossier,
            issued_on=date(2026, 11, 26),
            addressee="Bà Nguyễn Thị Hồng Nhung",
            new_due_at=datetime(2026, 11, 30, 14, 0, tzinfo=VN_TZ),
            reason="Hệ thống cơ sở dữ liệu hộ tịch điện tử gián đoạn từ ngày 24/11/2026 đến ngày 25/11/2026.",
            forwarding_unit="Bộ phận Một cửa UBND xã Thọ Xuân",
            resolving_agency="Ủy ban nhân dân xã Thọ Xuân",
            signer=Signer(title_lines=("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), name="Lê Văn Hùng"),
        )
    if number == "05":
        return Form05ProcessControl(
            header=HEADER,
            dossier=dossier,
            issued_on=issued,
            resolving_agency="UBND xã Thọ Xuân",
            rows=(
                ControlRow(
                    "Bộ phận Một cửa",
                    handed_over_at=datetime(2026, 11, 23, 9, 0, tzinfo=VN_TZ),
                    handed_over_by="Phạm Văn Đức",
                    received_at=datetime(2026, 11, 23, 9, 15, tzinfo=VN_TZ),
                    received_by="Trịnh Thị Mai",
                    outcome="early",
                ),
                ControlRow(
                    "Công chức Tư pháp - Hộ tịch",
                    handed_over_at=datetime(2026, 11, 24, 15, 0, tzinfo=VN_TZ),
                    handed_over_by="Trịnh Thị Mai",
                    received_at=datetime(2026, 11, 24, 16, 0, tzinfo=VN_TZ),
                    received_by="Lê Văn Hùng",
                    outcome="on_time",
                    notes="Trình ký",
                ),
                ControlRow("Lãnh đạo UBND xã", notes="Đang xử lý"),
            ),
        )
    if number == "06":
        return Form06Register(header=HEADER, period="Năm 2026", book_number="01", rows=sample_register_rows(40))
    raise ValueError(f"no form {number!r}: choose 01 to 06")


def sample_register_rows(count: int) -> tuple[RegisterRow, ...]:
    names = ("Nguyễn Thị Hồng Nhung", "Trần Văn Ẩn", "Lê Thị Thủy", "Đỗ Quang Vỹ", "Hoàng Minh Đức")
    procedures = ("Đăng ký khai sinh", "Chứng thực bản sao từ bản chính", "Đăng ký kết hôn", "Đăng ký thường trú")
    rows = []
    for index in range(count):
        received = RECEIVED + timedelta(hours=index * 3)
        rows.append(
            RegisterRow(
                number=index + 1,
                code=f"000.01.27.H56-{received:%y%m%d}-{index % 9 + 1:04d}",
                content=procedures[index % len(procedures)],
                sets=1 + index % 2,
                owner_name=names[index % len(names)],
                owner_address="Thôn Phú Xá, xã Thọ Xuân",
                phone=f"0912 345 {index:03d}",
                received_at=received,
                due_at=received + timedelta(days=3),
                result_at=received + timedelta(days=2) if index % 3 else None,
                returned_at=received + timedelta(days=2, hours=2) if index % 3 else None,
                returned_to=names[index % len(names)] if index % 3 else "",
                receiving_officer="Phạm Văn Đức",
                notes="",
            )
        )
    return tuple(rows)
