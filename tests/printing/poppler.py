"""Reading a PDF back with independent tools: poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm) and zbarimg."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

A5_POINTS = (419.53, 595.28)
A4_LANDSCAPE_POINTS = (841.89, 595.28)


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def _with_file(pdf: bytes, *args: str, after: tuple[str, ...] = ()) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "form.pdf"
        path.write_bytes(pdf)
        return _run(*args, str(path), *after)


def text(pdf: bytes, *, page: int | None = None) -> str:
    """The text in reading order, lines joined by single spaces (so a wrapped sentence still matches)."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    raw = _with_file(pdf, "pdftotext", *pages, "-enc", "UTF-8", after=("-",))
    return re.sub(r"\s+", " ", raw).strip()


@dataclass(frozen=True)
class Info:
    pages: int
    width: float
    height: float
    title: str


def info(pdf: bytes) -> Info:
    out = _with_file(pdf, "pdfinfo")
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", out)
    pages = re.search(r"Pages:\s+(\d+)", out)
    title = re.search(r"Title:\s+(.*)", out)
    return Info(int(pages[1]), float(size[1]), float(size[2]), title[1].strip() if title else "")


@dataclass(frozen=True)
class Font:
    name: str  # without the subset prefix
    embedded: bool


def fonts(pdf: bytes) -> list[Font]:
    lines = _with_file(pdf, "pdffonts").splitlines()[2:]
    found = []
    for line in lines:
        columns = line.split()
        # name, type words..., encoding, emb, sub, uni, object id: the last five columns are fixed.
        found.append(Font(name=columns[0].split("+", 1)[-1], embedded=columns[-5] == "yes"))
    return found


def qr_codes(pdf: bytes, *, page: int = 1, dpi: int = 200) -> list[str]:
    """Rasterise one page and decode every barcode on it: ``["QR-Code:https://…"]``."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "form.pdf"
        path.write_bytes(pdf)
        image = Path(folder) / "page"
        _run(
            "pdftoppm",
            "-r",
            str(dpi),
            "-gray",
            "-png",
            "-singlefile",
            "-f",
            str(page),
            "-l",
            str(page),
            str(path),
            str(image),
        )
        # zbarimg exits 4 when it finds nothing; that is an answer (no code), not an error.
        zbarimg = shutil.which("zbarimg")
        assert zbarimg, "zbarimg is missing: apt-get install zbar-tools (scripts/install-test-packages.sh)"
        result = subprocess.run([zbarimg, "-q", f"{image}.png"], capture_output=True, text=True)
        assert result.returncode in (0, 4), result.stderr
        return result.stdout.splitlines()


def layout_lines(pdf: bytes, *, page: int | None = None) -> list[str]:
    """Lines as laid out on the page (pdftotext -layout): a table row's first line keeps its cells together."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return _with_file(pdf, "pdftotext", "-layout", *pages, "-enc", "UTF-8", after=("-",)).splitlines()


def has_row(lines: list[str], *cells: str) -> bool:
    """Whether one line shows these cells, left to right, separated by spaces."""
    pattern = re.compile(r"\s+".join(re.escape(cell) for cell in cells))
    return any(pattern.search(line) for line in lines)
