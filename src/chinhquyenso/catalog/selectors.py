"""Reads of the catalogue for staff: every staff member sees published procedures and their history; drafts are
shown to catalogue administrators only."""

from __future__ import annotations

from django.db.models import QuerySet

from chinhquyenso.catalog.models import Field, OnlineLevel, ProcedureVersion, VersionStatus
from chinhquyenso.catalog.permissions import can_manage_catalog, can_read_catalog
from chinhquyenso.catalog.search import search_words
from chinhquyenso.core.errors import NotFound, PermissionDenied


def _require_reader(user) -> None:
    if not can_read_catalog(user):
        raise PermissionDenied()


def procedure_list_for(*, user, q: str = "", field: str = "", online_level: str = "") -> QuerySet[ProcedureVersion]:
    """Published versions matching every word of ``q`` (code or name, diacritics ignored), a field code and an
    online level; unknown filter values match nothing rather than being ignored."""
    _require_reader(user)
    found = ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED).select_related("procedure", "field")
    for word in search_words(q or ""):
        found = found.filter(search_text__contains=word)
    if field:
        found = found.filter(field__code=field)
    if online_level:
        found = found.filter(online_level=online_level if online_level in OnlineLevel.values else "-")
    return found.order_by("procedure__national_code")


def procedure_get_for(*, user, national_code: str, number: int | None = None) -> ProcedureVersion:
    """The published version of a procedure (or version ``number``), with its parts; NotFound otherwise."""
    _require_reader(user)
    versions = ProcedureVersion.objects.filter(procedure__national_code=national_code)
    if number is None:
        versions = versions.filter(status=VersionStatus.PUBLISHED)
    else:
        versions = versions.filter(number=number)
        if not can_manage_catalog(user):
            versions = versions.exclude(status=VersionStatus.DRAFT)
    version = versions.select_related("procedure", "field").prefetch_related("fees", "components", "steps").first()
    if version is None:
        raise NotFound()
    return version


def procedure_history_for(*, user, version: ProcedureVersion) -> list[ProcedureVersion]:
    """Every version of the procedure, newest first (drafts for catalogue administrators only)."""
    _require_reader(user)
    history = ProcedureVersion.objects.filter(procedure_id=version.procedure_id).order_by("-number")
    if not can_manage_catalog(user):
        history = history.exclude(status=VersionStatus.DRAFT)
    return list(history.only("number", "status", "published_at", "retired_at", "procedure_id"))


def fields_in_use() -> QuerySet[Field]:
    """Fields that have a published procedure, for the filter."""
    return Field.objects.filter(
        pk__in=ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED).values("field_id")
    ).order_by("name")
