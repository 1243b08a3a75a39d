"""HTML to PDF with WeasyPrint, using only the fonts and stylesheet shipped inside this app.

Nothing is fetched over the network: the URL fetcher accepts ``data:`` URIs (the QR code) and ``file:`` URLs
inside this app's ``static/printing`` folder, and any other URL stops the rendering with an error instead of
silently printing without it. The parsed stylesheet and its font configuration are built once per process and
used under a lock: WeasyPrint does not promise they are safe to share between threads, rebuilding them doubles
the time of a one-page slip, and the layout holds the GIL anyway, so serialising renders costs little.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, path2url

ASSETS_DIR = Path(__file__).resolve().parent / "static" / "printing"
FONTS_DIR = ASSETS_DIR / "fonts"
STYLESHEET = ASSETS_DIR / "forms.css"
ASSETS_URL = path2url(str(ASSETS_DIR)).rstrip("/") + "/"


class LocalAssetsOnly(URLFetcher):
    """Lets WeasyPrint read data: URIs and this app's own files; refuses everything else."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=True)

    def fetch(self, url, headers=None):
        if url.lower().startswith("file:") and not _inside_assets(url):
            raise ValueError(f"refused to read a file outside the printing assets: {url}")
        return super().fetch(url, headers)


def _inside_assets(url: str) -> bool:
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        return False
    # Resolved, so "fonts/../../../etc/passwd" is judged by where it really points.
    return Path(url2pathname(parts.path)).resolve().is_relative_to(ASSETS_DIR)


class Prepared:
    """The fetcher, font configuration and parsed stylesheet that every render reuses."""

    def __init__(self) -> None:
        self.fetcher = LocalAssetsOnly()
        self.font_config = FontConfiguration()
        self.stylesheet = CSS(filename=str(STYLESHEET), font_config=self.font_config, url_fetcher=self.fetcher)


_lock = threading.Lock()


@functools.cache
def _shared() -> Prepared:
    return Prepared()


def html_to_pdf(html: str) -> bytes:
    """Lay out one HTML document with the forms stylesheet and return the PDF bytes."""
    with _lock:
        return write_pdf(html, _shared())


def write_pdf(html: str, prepared: Prepared) -> bytes:
    document = HTML(string=html, base_url=ASSETS_URL, url_fetcher=prepared.fetcher)
    return document.write_pdf(stylesheets=[prepared.stylesheet], font_config=prepared.font_config)
