"""Reading the staff forms: text, numbers, dates and uploaded files, into service arguments."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from chinhquyenso.core.errors import ValidationFailed
from chinhquyenso.documents.services.common import FileUpload


def text(post, name: str) -> str:
    return (post.get(name) or "").strip()


def integer(post, name: str, problems: dict, default=None):
    raw = text(post, name)
    if raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        problems.setdefault(name, []).append(_("Enter a whole number."))
        return default


def day(post, name: str, problems: dict) -> date | None:
    raw = text(post, name)
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        problems.setdefault(name, []).append(_("Enter a date (dd/mm/yyyy)."))
        return None


def upload(files, name: str) -> FileUpload | None:
    given = files.get(name)
    if given is None:
        return None
    return FileUpload(given.name, given.content_type or "application/octet-stream", given.read())


def uploads(files, name: str) -> list[FileUpload]:
    return [FileUpload(f.name, f.content_type or "application/octet-stream", f.read()) for f in files.getlist(name)]


def raise_if(problems: dict) -> None:
    if problems:
        raise ValidationFailed(fields=problems)
