"""Form 06, the register, prints on A4 landscape; a long register runs over pages, headings repeated on each."""

import re
from datetime import datetime, timedelta

import pytest

from chinhquyenso.printing.form_data import Form06Register, RegisterRow
from chinhquyenso.printing.render import render_form06
from tests.printing import poppler
from tests.printing.data import VN, header

OWNERS = ("Phạm Thị Ánh Tuyết", "Hoàng Đức Mạnh", "Vũ Thị Thanh Trà", "Bùi Quốc Việt", "Lương Thị Mỹ Hạnh")
PROCEDURES = ("Đăng ký khai sinh", "Chứng thực chữ ký", "Đăng ký kết hôn", "Đăng ký thường trú")


def register_rows(count: int) -> tuple[RegisterRow, ...]:
    start = datetime(2026, 1, 5, 7, 30, tzinfo=VN)
    rows = []
    for index in range(count):
        received = start + timedelta(days=index // 4, hours=2 * (index % 4))  # four a day, in office hours
        done = index % 4 != 3  # every fourth dossier is still open
        rows.append(
            RegisterRow(
                number=index + 1,
                code=f"000.01.27.H56-{received:%y%m%d}-{index % 7 + 1:04d}",
                content=PROCEDURES[index % 4],
                sets=1,
                owner_name=OWNERS[index % 5],
                owner_address="Thôn Xuân Phả, xã Thọ Xuân",
                phone=f"0915 246 {index:03d}",
                received_at=received,
                due_at=received + timedelta(days=3),
                result_at=received + timedelta(days=2) if done else None,
                returned_at=received + timedelta(days=2, hours=3) if done else None,
                returned_to=OWNERS[index % 5] if done else "",
                receiving_officer="Đặng Thị Thu Hương",
                notes="" if done else "Đang giải quyết",
            )
        )
    return tuple(rows)


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_form06(Form06Register(header=header(), period="Năm 2026", book_number="01", rows=register_rows(200)))


def test_a4_landscape_and_several_pages(pdf):
    info = poppler.info(pdf)
    assert (round(info.width, 2), round(info.height, 2)) == poppler.A4_LANDSCAPE_POINTS
    assert info.pages >= 5


def test_first_page_has_letterhead_title_and_period(pdf):
    text = poppler.text(pdf, page=1)
    assert "Mẫu số 06" in text
    assert "UBND XÃ THỌ XUÂN" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "SỔ THEO DÕI HỒ SƠ" in text
    assert "Năm 2026 — Quyển số: 01" in text


def test_every_page_repeats_the_column_headings_and_is_numbered(pdf):
    pages = poppler.info(pdf).pages
    for page in range(1, pages + 1):
        text = poppler.text(pdf, page=page)
        for heading in ("STT", "Mã hồ sơ", "Nội dung hồ sơ", "Chủ hồ sơ", "Hẹn trả", "Cán bộ tiếp", "(14)"):
            assert heading in text, (page, heading)
        assert f"Trang {page}/{pages}" in text


def test_every_row_is_printed_once_in_order(pdf):
    lines = poppler.layout_lines(pdf)
    # A row's first line starts with its number (STT) then the first half of its code.
    numbers = [int(match[1]) for line in lines if (match := re.match(r"\s*(\d+)\s+000\.01\.27\.H56-", line))]
    assert numbers == list(range(1, 201))


def test_row_cells_with_vietnamese_text_and_times(pdf):
    lines = poppler.layout_lines(pdf, page=1)
    # Row 1: received 05/01/2026 07:30, due three days later, result and hand-over filled in.
    assert poppler.has_row(
        lines,
        *("1", "000.01.27.H56-", "Đăng ký khai sinh", "01", "Phạm Thị Ánh", "Thôn Xuân Phả, xã", "0915 246"),
        *("07:30", "07:30", "07:30", "10:30", "Phạm Thị Ánh", "Đặng Thị"),
    )
    assert poppler.has_row(lines, "260105-0001", "Tuyết", "Thọ Xuân", "000", "05/01/2026", "08/01/2026", "07/01/2026")
    # Row 4 is still open: no result yet, a note instead.
    assert poppler.has_row(
        lines,
        *("4", "000.01.27.H56-", "Đăng ký thường trú", "01", "Bùi Quốc Việt", "Thôn Xuân Phả, xã", "0915 246"),
        *("13:30", "13:30", "Đặng Thị", "Đang giải"),
    )
    last = poppler.text(pdf, page=poppler.info(pdf).pages)
    assert "Lương Thị Mỹ Hạnh" in last
