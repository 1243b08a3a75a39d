"""Rendering never reaches the network or files outside the app, and is safe from several threads."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from weasyprint.urls import FatalURLFetchingError

from chinhquyenso.printing.pdf import ASSETS_URL, html_to_pdf
from chinhquyenso.printing.render import render
from chinhquyenso.printing.samples import sample_form


@pytest.mark.parametrize(
    "source",
    [
        "http://example.com/logo.png",
        "https://example.com/logo.png",
        "ftp://example.com/logo.png",
        "file:///etc/hostname",
        ASSETS_URL + "fonts/../../../../../../../etc/hostname",
        "file://example.com/share/logo.png",
    ],
)
def test_remote_and_outside_references_are_refused(source):
    with pytest.raises(FatalURLFetchingError):
        html_to_pdf(f'<p>Thọ Xuân</p><img src="{source}">')


def test_data_uris_and_the_app_fonts_are_allowed():
    pixel = "data:image/svg+xml;charset=utf-8,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E"
    assert html_to_pdf(f'<p>Thọ Xuân</p><img src="{pixel}">').startswith(b"%PDF-")


def test_renders_from_several_threads_at_once_match_renders_one_after_another():
    forms = [sample_form(number) for number in ("01", "03", "01", "05")]
    one_by_one = [render(form) for form in forms]
    with ThreadPoolExecutor(max_workers=4) as pool:
        at_once = list(pool.map(render, forms))
    assert at_once == one_by_one
