"""The Times New Roman–compatible font used in stamps (Liberation Serif 2.x has every Vietnamese letter)."""

from __future__ import annotations

import io
import logging
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory

from chinhquyenso.signing.errors import SigningConfigurationError

# fontTools logs every subsetting step at INFO: one screenful per stamped signature in the console log.
logging.getLogger("fontTools").setLevel(logging.WARNING)

_FOLDERS = (Path("/usr/share/fonts/truetype/liberation2"), Path("/usr/share/fonts/truetype/liberation"))


@cache
def font_path(*, bold: bool = False) -> Path:
    # Liberation 1.07 lacks letters such as ạ and ễ (stack notes): the 2.x folder is tried first.
    name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
    for folder in _FOLDERS:
        if (folder / name).exists():
            return folder / name
    raise SigningConfigurationError(
        f"Font {name} not found: install the Debian package fonts-liberation2 (scripts/install-test-packages.sh)."
    )


@cache
def _font_bytes_1000_upem(path: Path) -> bytes:
    font = TTFont(str(path))
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    if "FFTM" in font:  # a FontForge timestamp table the subsetter cannot handle (it warns on every stamp)
        del font["FFTM"]
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


class StampFontFactory(GlyphAccumulatorFactory):
    """pyHanko's embedded-font factory, fed a copy of the font rescaled to 1000 units per em.

    pyHanko's TJ spacing mixes glyph widths in font units with PDF's thousandths of an em, which only agree when
    the font has 1000 units per em; Liberation Serif has 2048, so its text came out spaced apart.
    """

    def create_font_engine(self, writer, obj_stream=None) -> GlyphAccumulator:
        if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
            obj_stream = writer.prepare_object_stream()
        return GlyphAccumulator(
            writer=writer,
            font_handle=io.BytesIO(_font_bytes_1000_upem(Path(self.font_file))),
            font_size=self.font_size,
            obj_stream=obj_stream,
        )
