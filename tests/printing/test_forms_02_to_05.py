"""Forms 02–05 print on one A5 page each, with their own fields, the dossier code and a readable QR code."""

from datetime import date, datetime

import pytest

from chinhquyenso.printing.form_data import (
    Component,
    ControlRow,
    Form02SupplementRequest,
    Form03Refusal,
    Form04Apology,
    Form05ProcessControl,
    Signer,
)
from chinhquyenso.printing.render import render_form02, render_form03, render_form04, render_form05
from tests.printing import poppler
from tests.printing.data import LOOKUP_URL, RECEIPT_DAY, VN, dossier, header

CODE = "000.01.27.H56-260220-0007"


@pytest.fixture(scope="module")
def form02() -> bytes:
    return render_form02(
        Form02SupplementRequest(
            header=header(),
            dossier=dossier(),
            issued_on=RECEIPT_DAY,
            items=(
                Component("Giấy chứng nhận kết hôn của cha, mẹ", "certified_copy", 1),
                Component("Văn bản ủy quyền có chứng thực chữ ký", "original", 1),
            ),
            reason="Bản sao Giấy chứng nhận kết hôn chưa được chứng thực; người nộp không phải cha, mẹ của trẻ.",
            guide_officer="Đặng Thị Thu Hương",
            guide_phone="0915 000 222",
        )
    )


@pytest.fixture(scope="module")
def form03() -> bytes:
    return render_form03(
        Form03Refusal(
            header=header(),
            dossier=dossier(),
            issued_on=RECEIPT_DAY,
            reason="Cha, mẹ của trẻ không cư trú tại xã Thọ Xuân; việc đăng ký khai sinh thuộc thẩm quyền của "
            "Ủy ban nhân dân cấp xã nơi cư trú của cha hoặc mẹ.",
            officer="Đặng Thị Thu Hương",
            officer_phone="0915 000 222",
        )
    )


@pytest.fixture(scope="module")
def form04() -> bytes:
    return render_form04(
        Form04Apology(
            header=header(),
            dossier=dossier(),
            issued_on=date(2026, 2, 25),
            addressee="Bà Nguyễn Thị Ngọc Diễm",
            new_due_at=datetime(2026, 3, 3, 14, 0, tzinfo=VN),
            reason="Cơ sở dữ liệu hộ tịch điện tử gián đoạn, chưa cấp được số định danh cá nhân cho trẻ.",
            forwarding_unit="Bộ phận Một cửa UBND xã Thọ Xuân",
            resolving_agency="Ủy ban nhân dân xã Thọ Xuân",
            signer=Signer(title_lines=("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), name="Lê Văn Hùng"),
        )
    )


@pytest.fixture(scope="module")
def form05() -> bytes:
    return render_form05(
        Form05ProcessControl(
            header=header(),
            dossier=dossier(),
            issued_on=RECEIPT_DAY,
            resolving_agency="UBND xã Thọ Xuân",
            coordinating_agencies="Công an xã Thọ Xuân",
            rows=(
                ControlRow(
                    "Bộ phận Một cửa",
                    handed_over_at=datetime(2026, 2, 20, 9, 0, tzinfo=VN),
                    handed_over_by="Đặng Thị Thu Hương",
                    received_at=datetime(2026, 2, 20, 9, 20, tzinfo=VN),
                    received_by="Trịnh Thị Mai",
                    outcome="early",
                ),
                ControlRow(
                    "Công chức Tư pháp - Hộ tịch",
                    handed_over_at=datetime(2026, 2, 24, 15, 0, tzinfo=VN),
                    received_at=datetime(2026, 2, 24, 16, 5, tzinfo=VN),
                    outcome="on_time",
                    notes="Trình ký",
                ),
                ControlRow("Công an xã Thọ Xuân", outcome="late", notes="Chờ số định danh"),
            ),
        )
    )


@pytest.mark.parametrize("name", ["form02", "form03", "form04", "form05"])
def test_each_is_one_a5_page_with_the_code_a_readable_qr_and_only_liberation_serif(request, name):
    pdf = request.getfixturevalue(name)
    info = poppler.info(pdf)
    assert info.pages == 1
    assert (round(info.width, 2), round(info.height, 2)) == poppler.A5_POINTS
    text = poppler.text(pdf)
    assert f"Mẫu số {name[-2:]}" in text
    assert f"Mã hồ sơ: {CODE}" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc" in text
    assert poppler.qr_codes(pdf) == [f"QR-Code:{LOOKUP_URL}"]
    fonts = poppler.fonts(pdf)
    assert fonts and all(font.name.startswith("LiberationSerif2") and font.embedded for font in fonts)


def test_form02_lists_what_to_add_the_reason_and_who_guides(form02):
    text = poppler.text(form02)
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "Hồ sơ của: Nguyễn Thị Ngọc Diễm" in text
    assert "1 Giấy chứng nhận kết hôn của cha, mẹ Bản sao chứng thực 01" in text
    assert "2 Văn bản ủy quyền có chứng thực chữ ký Bản chính 01" in text
    assert "Lý do: Bản sao Giấy chứng nhận kết hôn chưa được chứng thực; người nộp không phải cha, mẹ của trẻ." in text
    assert "Ông/Bà liên hệ Đặng Thị Thu Hương, số điện thoại 0915 000 222, để được hướng dẫn" in text
    assert "NGƯỜI HƯỚNG DẪN" in text


def test_form03_gives_the_specific_reason_and_both_signatures(form03):
    text = poppler.text(form03)
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Người nộp hồ sơ: Nguyễn Thị Ngọc Diễm (Trực tiếp)" in text
    assert "thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:" in text
    assert "Cha, mẹ của trẻ không cư trú tại xã Thọ Xuân; việc đăng ký khai sinh thuộc thẩm quyền" in text
    assert "NGƯỜI NỘP HỒ SƠ" in text
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
    assert "0915 000 222" in text


def test_form04_apologises_with_the_reason_and_the_new_appointment(form04):
    text = poppler.text(form04)
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text
    assert "Thọ Xuân, ngày 25 tháng 02 năm 2026" in text
    assert "Kính gửi: Bà Nguyễn Thị Ngọc Diễm" in text
    assert "Ngày 20/02/2026, Bộ phận Một cửa UBND xã Thọ Xuân tiếp nhận hồ sơ" in text
    assert "thời gian hẹn trả kết quả: 10 giờ 00 phút, ngày 25/02/2026" in text
    assert "Lý do: Cơ sở dữ liệu hộ tịch điện tử gián đoạn" in text
    assert "Ủy ban nhân dân xã Thọ Xuân trân trọng xin lỗi Ông/Bà" in text
    assert "14 giờ 00 phút, ngày 03/03/2026" in text
    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" in text
    assert "Lê Văn Hùng" in text
    assert "Nơi nhận: - Như trên; - Lưu: VT." in text
    # A letter from the agency itself: the one-stop unit is not part of its letterhead.
    assert "BỘ PHẬN MỘT CỬA" not in text


def test_form05_has_one_row_per_hand_over_with_times_and_outcomes(form05):
    text = poppler.text(form05)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert "TÊN CƠ QUAN" in text
    assert "THỜI GIAN GIAO, NHẬN HỒ SƠ" in text
    assert "KẾT QUẢ" in text
    assert "(Trước hạn/" in text
    assert "GHI CHÚ" in text
    assert "Cơ quan phối hợp giải quyết hồ sơ: Công an xã Thọ Xuân" in text
    lines = poppler.layout_lines(form05)
    assert poppler.has_row(lines, "1. Bộ phận Một cửa", "Giao: 09:00 20/02/2026", "Trước hạn")
    assert poppler.has_row(lines, "Người giao: Đặng Thị Thu Hương")
    assert poppler.has_row(lines, "Nhận: 09:20 20/02/2026")
    assert poppler.has_row(lines, "Người nhận: Trịnh Thị Mai")
    assert poppler.has_row(lines, "2. Công chức Tư", "Giao: 15:00 24/02/2026", "Đúng hạn", "Trình ký")
    assert poppler.has_row(lines, "Nhận: 16:05 24/02/2026")
    # Not handed over yet: dotted lines to fill in by hand.
    assert poppler.has_row(lines, "3. Công an xã Thọ", "Giao: ……………………", "Quá hạn", "Chờ số định")
