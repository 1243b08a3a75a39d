"""The forms use only the Liberation Serif 2 files shipped in the app, which hold every Vietnamese letter."""

import os
import subprocess
import sys
import unicodedata
from dataclasses import replace

import pytest
from fontTools.ttLib import TTFont

from chinhquyenso.printing.form_data import Form01Receipt, Party
from chinhquyenso.printing.pdf import FONTS_DIR
from chinhquyenso.printing.render import render, render_form01
from chinhquyenso.printing.samples import sample_form
from tests.printing import poppler
from tests.printing.data import RECEIPT_DAY, dossier, header

TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")  # none, huyền, sắc, ngã, hỏi, nặng
VIETNAMESE_LETTERS = sorted(
    {unicodedata.normalize("NFC", vowel + tone) for vowel in "aăâeêioôơuưy" for tone in TONES}
    | {"đ"}
    | {unicodedata.normalize("NFC", (vowel + tone).upper()) for vowel in "aăâeêioôơuưy" for tone in TONES}
    | {"Đ"}
)


@pytest.mark.parametrize("face", ["Regular", "Bold", "Italic", "BoldItalic"])
def test_each_vendored_face_has_every_vietnamese_letter(face):
    assert len(VIETNAMESE_LETTERS) == 146
    cmap = TTFont(FONTS_DIR / f"LiberationSerif-{face}.ttf").getBestCmap()
    missing = [letter for letter in VIETNAMESE_LETTERS if ord(letter) not in cmap]
    assert missing == []
    assert (FONTS_DIR / "OFL.txt").read_text(encoding="utf-8").count("SIL OPEN FONT LICENSE Version 1.1") == 1


def test_letters_that_older_fonts_lack_print_in_liberation_serif_without_a_fallback_font():
    # ạ ặ ễ ữ ỹ Đ are among the letters Liberation 1.07 lacks; a missing glyph would pull in another font.
    name = "Đặng Hữu Kỹ Nguyễn Thị Ánh Hạ Liễu"
    submitter = Party(name=name, address="Xã Thọ Xuân", phone="0915 246 813")
    data = Form01Receipt(header=header(), dossier=replace(dossier(), submitter=submitter), issued_on=RECEIPT_DAY)
    pdf = render_form01(data)
    assert name in poppler.text(pdf)
    assert {font.name for font in poppler.fonts(pdf)} <= {
        "LiberationSerif2",
        "LiberationSerif2-Bold",
        "LiberationSerif2-Italic",
        "LiberationSerif2-Bold-Italic",
    }


def test_a_machine_without_any_system_font_prints_the_same_bytes(tmp_path):
    # fontconfig in the child process sees no font directory at all, as on a machine without font packages.
    empty = tmp_path / "fonts.conf"
    empty.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    out = tmp_path / "form01.pdf"
    subprocess.run(
        [sys.executable, "-m", "chinhquyenso.cli", "printing", "sample", "--form", "01", "--out", str(out)],
        check=True,
        capture_output=True,
        env={**os.environ, "FONTCONFIG_FILE": str(empty)},
    )
    without_fonts = out.read_bytes()
    assert without_fonts == render(sample_form("01"))
    assert "Nguyễn Thị Hồng Nhung" in poppler.text(without_fonts)
    assert all(font.name.startswith("LiberationSerif2") and font.embedded for font in poppler.fonts(without_fonts))
