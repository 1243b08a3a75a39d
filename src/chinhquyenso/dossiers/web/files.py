"""A stored dossier file sent to the browser: PDFs and images shown inline, anything else downloaded."""

from __future__ import annotations

from django.http import HttpResponse

from chinhquyenso.catalog.search import fold
from chinhquyenso.dossiers.models import DossierFile

INLINE_TYPES = ("application/pdf", "image/jpeg", "image/png")


def file_response(found: DossierFile) -> HttpResponse:
    response = HttpResponse(bytes(found.content), content_type=found.content_type or "application/octet-stream")
    disposition = "inline" if found.content_type in INLINE_TYPES else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{_ascii_name(found.name)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _ascii_name(name: str) -> str:
    """The file name without diacritics or characters a header could choke on (Vietnamese names fold cleanly)."""
    return "".join(ch if ch.isalnum() or ch in "._-" else "-" for ch in fold(name)) or "tep"
