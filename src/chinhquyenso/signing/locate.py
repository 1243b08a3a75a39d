"""Finding the space between the signer's position title and name in a PDF (Decree 30/2020 App. I, component 7).

The competent person's signature image goes in the blank between the title ("CHỦ TỊCH") and the full name. The
words and their boxes come from poppler's ``pdftotext -bbox`` (poppler-utils); without it, or when the name is not
found, the caller falls back to ``placement.default_signature_box``.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from chinhquyenso.signing.placement import MM, Box

IMAGE_WIDTH_MM = 50
MIN_GAP_MM = 12  # less room than this between title and name is not the signature block
MARGIN = 2.0


@dataclass(frozen=True)
class _Word:
    text: str
    x1: float
    y1: float  # from the top of the page, as pdftotext gives it
    x2: float
    y2: float


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _pages(pdf_bytes: bytes) -> list[tuple[float, float, list[_Word]]]:
    tool = shutil.which("pdftotext")
    if tool is None:
        return []
    with tempfile.TemporaryDirectory(prefix="cqs-locate-") as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf_bytes)
        try:
            result = subprocess.run(  # noqa: S603 - a fixed tool on a file we wrote
                [tool, "-bbox", str(path), "-"], capture_output=True, timeout=20, check=False
            )
        except (OSError, subprocess.TimeoutExpired):
            return []
    if result.returncode != 0:
        return []
    try:
        root = etree.fromstring(result.stdout, etree.XMLParser(recover=True, resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    pages = []
    for page in root.iter("{*}page"):
        words = [
            _Word(w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
            for w in page.iter("{*}word")
        ]
        pages.append((float(page.get("width")), float(page.get("height")), words))
    return pages


def _find_run(words: list[_Word], wanted: list[str]) -> list[_Word] | None:
    """The last run of consecutive words equal to ``wanted`` (folded)."""
    folded = [_fold(w.text) for w in words]
    for start in range(len(words) - len(wanted), -1, -1):
        if folded[start : start + len(wanted)] == wanted:
            return words[start : start + len(wanted)]
    return None


def signature_box_between(pdf_bytes: bytes, *, full_name: str, position: str = "") -> tuple[int, Box] | None:
    """(page index, box) of the blank between the position title and the signer's name, searching from the last
    page; None when it cannot be found."""
    name = [_fold(part) for part in full_name.split()]
    if not name:
        return None
    title = [_fold(part) for part in position.split()]
    pages = _pages(pdf_bytes)
    for index in range(len(pages) - 1, -1, -1):
        width, height, words = pages[index]
        found = _find_run(words, name)
        if found is None:
            continue
        name_top = min(w.y1 for w in found)
        centre = (min(w.x1 for w in found) + max(w.x2 for w in found)) / 2
        above = [w for w in words if w.y2 <= name_top and abs((w.x1 + w.x2) / 2 - centre) < 60 * MM]
        if title:
            titled = _find_run(above, title)
            above = titled or above
        if not above:
            continue
        title_bottom = max(w.y2 for w in above)
        gap = name_top - title_bottom
        if gap < MIN_GAP_MM * MM:
            continue
        half = min(IMAGE_WIDTH_MM * MM, width) / 2
        left, right = max(centre - half, 0), min(centre + half, width)
        return index, Box(left, height - (name_top - MARGIN), right, height - (title_bottom + MARGIN))
    return None
