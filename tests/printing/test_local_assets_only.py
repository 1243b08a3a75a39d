"""Rendering never reaches the network or files outside the app: such a reference stops the render."""

import pytest
from weasyprint.urls import FatalURLFetchingError

from chinhquyenso.printing.pdf import ASSETS_URL, html_to_pdf


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
