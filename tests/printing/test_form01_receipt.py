"""Form 01 prints as a one-page A5 slip whose text, QR code and fonts a reader or a phone can rely on."""

import pytest

from chinhquyenso.printing.form_data import Form01Receipt
from chinhquyenso.printing.render import render_form01
from tests.printing import poppler
from tests.printing.data import LOOKUP_URL, RECEIPT_DAY, dossier, header


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_form01(Form01Receipt(header=header(), dossier=dossier(), issued_on=RECEIPT_DAY))


@pytest.fixture(scope="module")
def text(pdf) -> str:
    return poppler.text(pdf)


def test_is_one_a5_portrait_page(pdf):
    info = poppler.info(pdf)
    assert info.pages == 1
    assert (round(info.width, 2), round(info.height, 2)) == poppler.A5_POINTS
    assert info.title == "Mẫu số 01 - Giấy tiếp nhận hồ sơ và hẹn trả kết quả - 000.01.27.H56-260220-0007"


def test_letterhead_motto_form_number_and_title(text):
    assert "Mẫu số 01" in text
    assert "UBND TỈNH THANH HÓA" in text  # given in lower case, printed in capitals
    assert "UBND XÃ THỌ XUÂN" in text
    assert "BỘ PHẬN MỘT CỬA" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "Thọ Xuân, ngày 20 tháng 02 năm 2026" in text
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text


def test_dossier_applicant_and_procedure(text):
    assert "Mã hồ sơ: 000.01.27.H56-260220-0007" in text
    assert "Người nộp hồ sơ: Nguyễn Thị Ngọc Diễm (Trực tiếp)" in text
    assert "Thôn Xuân Phả, xã Thọ Xuân, tỉnh Thanh Hóa" in text
    assert "0915 246 813" in text
    assert "ngocdiem@example.vn" in text
    assert "số CCCD/Hộ chiếu: 038192004567" in text
    assert "Đăng ký khai sinh kết hợp đăng ký thường trú (mã thủ tục 1.001193)" in text
    assert "Chủ hồ sơ: Trần Ngọc Bảo Vỹ" in text


def test_component_table_rows(text):
    assert "STT Tên giấy tờ Hình thức Số lượng" in text
    assert "1 Tờ khai đăng ký khai sinh Bản chính 01" in text
    assert "3 Giấy chứng nhận kết hôn của cha, mẹ Bản sao chứng thực 01" in text
    assert "4 Sổ hộ khẩu (bản chụp để đối chiếu) Bản sao 02" in text


def test_times_are_printed_in_vietnam_time(text):
    assert "2. Số lượng hồ sơ: 02 bộ." in text
    assert "3. Thời hạn giải quyết hồ sơ theo quy định: 03 ngày làm việc." in text
    assert "4. Thời gian nhận hồ sơ: 08 giờ 15 phút, ngày 20/02/2026." in text
    # due_at was given as 03:00 UTC
    assert "5. Thời gian trả kết quả giải quyết hồ sơ: 10 giờ 00 phút, ngày 25/02/2026." in text
    assert "6. Nơi nhận kết quả: Bộ phận Một cửa UBND xã Thọ Xuân." in text
    assert LOOKUP_URL in text.replace("? ", "?")  # the URL may wrap after its "?"
    assert "0237 3852 115" in text


def test_signature_blocks(text):
    assert "NGƯỜI NỘP HỒ SƠ" in text
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
    assert text.count("(Ký và ghi rõ họ tên)") == 2
    assert text.endswith("Nguyễn Thị Ngọc Diễm Đặng Thị Thu Hương")


def test_qr_code_is_a_full_qr_that_opens_the_lookup_url(pdf):
    assert poppler.qr_codes(pdf) == [f"QR-Code:{LOOKUP_URL}"]


def test_only_the_vendored_liberation_serif_is_used_and_embedded(pdf):
    found = poppler.fonts(pdf)
    assert {font.name for font in found} <= {
        "LiberationSerif2",
        "LiberationSerif2-Bold",
        "LiberationSerif2-Italic",
        "LiberationSerif2-Bold-Italic",
    }
    assert {"LiberationSerif2", "LiberationSerif2-Bold"} <= {font.name for font in found}
    assert all(font.embedded for font in found)
