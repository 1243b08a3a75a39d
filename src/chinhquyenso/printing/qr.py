"""The QR code printed beside the dossier code: it opens the dossier's public status page."""

from __future__ import annotations

import segno


def qr_data_uri(url: str) -> str:
    """An SVG data URI of a full QR code (never a Micro QR, which phone cameras do not read) encoding ``url``.

    Error correction M survives a smudged or folded slip; the four-module quiet zone is part of the image so the
    code still reads when the layout puts text right next to it.
    """
    code = segno.make_qr(url, error="m")
    return code.svg_data_uri(scale=1, border=4, omit_charset=False)
