"""Pieces every document service uses: uploads, the trail, notices and the search column."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from chinhquyenso.documents.folding import search_text_of
from chinhquyenso.documents.metadata import Problems
from chinhquyenso.documents.models import DocumentEvent, DocumentFile, DocumentNotice

MAX_FILE_BYTES = 50 * 1024 * 1024
ALLOWED_TYPES = {
    "application/pdf",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "image/jpeg",
    "image/png",
    "image/tiff",
    "application/zip",
    "text/plain",
}


@dataclass(frozen=True)
class FileUpload:
    name: str
    content_type: str
    content: bytes


def check_uploads(uploads, problems: Problems, field: str = "files") -> None:
    for upload in uploads:
        if not upload.name or len(upload.name) > 255:
            problems.add(field, _("A file name has 1 to 255 characters."))
        if upload.content_type not in ALLOWED_TYPES:
            problems.add(field, _("%(name)s: this file type is not accepted.") % {"name": upload.name})
        if not upload.content:
            problems.add(field, _("%(name)s is empty.") % {"name": upload.name})
        elif len(upload.content) > MAX_FILE_BYTES:
            problems.add(field, _("%(name)s is larger than 50 MB.") % {"name": upload.name})


def store_file(*, owner_field: str, owner, upload: FileUpload, kind: str, actor, signature_report=None):
    previous = DocumentFile.objects.filter(**{owner_field: owner}, kind=kind, name=upload.name).count()
    return DocumentFile.objects.create(
        **{owner_field: owner},
        kind=kind,
        version=previous + 1,
        name=upload.name,
        content_type=upload.content_type,
        size=len(upload.content),
        sha256=hashlib.sha256(upload.content).hexdigest(),
        content=upload.content,
        signature_report=signature_report,
        uploaded_by=actor,
    )


def record_event(*, owner_field: str, owner, action: str, actor, before: str = "", after: str = "", note="", data=None):
    return DocumentEvent.objects.create(
        **{owner_field: owner},
        action=action,
        from_status=before,
        to_status=after,
        actor=actor,
        actor_label="" if actor is None else (actor.full_name or actor.username),
        occurred_at=timezone.now(),
        note=note or "",
        data=data or {},
    )


def notify_agency(*, agency, kind: str, message: str, outgoing=None, incoming=None) -> DocumentNotice:
    return DocumentNotice.objects.create(
        agency=agency, kind=kind, message=message[:500], outgoing=outgoing, incoming=incoming, created_at=timezone.now()
    )


def refresh_search_text(document) -> None:
    document.search_text = search_text_of(document)


def clean_str(value) -> str:
    return value.strip() if isinstance(value, str) else value
