"""Files a citizen uploads: PDF, JPEG or PNG, recognised by their content (never by the name or the browser's
declared type), within the per-file and per-dossier size limits, with their SHA-256."""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
EXTENSIONS = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png"}
ACCEPT = "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"


class UploadRefused(ValueError):
    """The file cannot be taken; the message says why, in words the citizen understands."""


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    content: bytes
    sha256: str

    @property
    def size(self) -> int:
        return len(self.content)


def megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}".replace(".", ",")


def _pdf_readable(content: bytes) -> None:
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        if reader.encrypted:
            raise UploadRefused(_("The PDF is protected by a password; upload a copy without one."))
        pages = int(reader.root["/Pages"]["/Count"])
    except UploadRefused:
        raise
    except (PdfError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        raise UploadRefused(_("The PDF file is damaged or cannot be read.")) from None
    if pages < 1:
        raise UploadRefused(_("The PDF file has no pages."))


def _image_readable(content: bytes) -> None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(content)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise UploadRefused(_("The image is damaged or cannot be read.")) from None


def sniff(content: bytes) -> str:
    """The file's real type from its first bytes, checked by reading it; UploadRefused otherwise."""
    if content[:1024].lstrip().startswith(b"%PDF-"):
        _pdf_readable(content)
        return PDF
    if content.startswith(b"\xff\xd8\xff"):
        _image_readable(content)
        return JPEG
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        _image_readable(content)
        return PNG
    raise UploadRefused(_("Only PDF, JPEG or PNG files are accepted; this file's content is none of them."))


def clean_name(name: str, content_type: str) -> str:
    """A safe display name ending in the extension of the real type."""
    base = re.sub(r"[\\/\x00-\x1f]", "_", (name or "").rsplit("/", 1)[-1]).strip(" .") or "tep"
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return f"{stem[:200]}{EXTENSIONS[content_type]}"


def read_upload(upload) -> CheckedFile:
    """Checks one uploaded file (a Django ``UploadedFile``) against the per-file limit and the allowed types."""
    limit = settings.PORTAL_MAX_FILE_BYTES
    if upload.size is not None and upload.size > limit:
        raise UploadRefused(_("The file is larger than %(mb)s MB.") % {"mb": megabytes(limit)})
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise UploadRefused(_("The file is larger than %(mb)s MB.") % {"mb": megabytes(limit)})
    if not content:
        raise UploadRefused(_("The file is empty."))
    content_type = sniff(content)
    return CheckedFile(
        name=clean_name(upload.name, content_type),
        content_type=content_type,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
    )


def check_total(total: int) -> None:
    limit = settings.PORTAL_MAX_DOSSIER_BYTES
    if total > limit:
        raise UploadRefused(
            _("Together the files of this dossier would exceed %(mb)s MB; make them smaller (scan at 200 dpi).")
            % {"mb": megabytes(limit)}
        )
