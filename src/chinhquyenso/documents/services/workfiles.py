"""Work files (hồ sơ công việc): the yearly catalogue, files with codes, documents linked (not copied), closing."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from chinhquyenso.core.errors import Conflict, ValidationFailed
from chinhquyenso.core.models import Role
from chinhquyenso.core.services.audit import audit_record
from chinhquyenso.documents.access import require_roles
from chinhquyenso.documents.metadata import WORK_FILE_TEXT, Problems, check_dates, check_required, check_text
from chinhquyenso.documents.models import (
    FileCatalogue,
    OutgoingDocument,
    WorkFile,
    WorkFileEntry,
    WorkFileStatus,
)

FILE_KEEPERS = {Role.CLERK, Role.SPECIALIST, Role.UNIT_LEADER}
MAX_ORDINAL = 999  # App. VI DocOrdinal Number 3


def file_catalogue_ensure(*, actor, agency, year: int) -> FileCatalogue:
    require_roles(actor, agency.pk, FILE_KEEPERS)
    if not 2000 <= year <= 2100:
        raise ValidationFailed(fields={"year": [_("Enter a year between 2000 and 2100.")]})
    with transaction.atomic():
        FileCatalogue.objects.bulk_create(
            [FileCatalogue(agency=agency, year=year, title=_("File catalogue %(year)d") % {"year": year})],
            ignore_conflicts=True,
        )
        catalogue = FileCatalogue.objects.get(agency=agency, year=year)
        audit_record(actor=actor, action="documents.catalogue_ensure", obj=catalogue, summary={"year": year})
    return catalogue


def work_file_create(
    *,
    actor,
    agency,
    year: int,
    code: str,
    title: str,
    maintenance: str,
    rights: str = "",
    creator: str = "",
    language: str = "Tiếng Việt",
    start_date: date | None = None,
    description: str = "",
) -> WorkFile:
    data = {
        "code": (code or "").strip(),
        "title": (title or "").strip(),
        "maintenance": (maintenance or "").strip(),
        "rights": rights.strip(),
        "creator": creator.strip(),
        "language": language.strip(),
        "description": description.strip(),
        "start_date": start_date,
    }
    problems = Problems()
    check_required(
        data,
        {
            "code": _("Enter the file's code (e.g. 01.VP)."),
            "title": _("Enter the file's title."),
            "maintenance": _("Enter the retention period (e.g. 10 năm, Vĩnh viễn)."),
        },
        problems,
    )
    check_text(data, WORK_FILE_TEXT, problems)
    check_dates(data, ("start_date",), problems)
    if data["code"] and any(ch.isspace() for ch in data["code"]):
        problems.add("code", _("The code has no spaces."))
    if problems:
        raise ValidationFailed(fields=problems.fields)
    with transaction.atomic():
        catalogue = file_catalogue_ensure(actor=actor, agency=agency, year=year)
        try:
            with transaction.atomic():
                work_file = WorkFile.objects.create(
                    catalogue=catalogue,
                    keeper=actor,
                    **{k: v for k, v in data.items() if k != "start_date"},
                    start_date=start_date or timezone.localdate(),
                )
        except IntegrityError:
            raise ValidationFailed(
                fields={"code": [_("This code is already used in the %(year)d catalogue.") % {"year": year}]}
            ) from None
        audit_record(actor=actor, action="documents.work_file_create", obj=work_file, summary={"code": work_file.code})
    return work_file


def _lock(work_file: WorkFile) -> WorkFile:
    return WorkFile.objects.select_for_update().select_related("catalogue", "catalogue__agency").get(pk=work_file.pk)


def work_file_add_document(*, actor, work_file: WorkFile, document) -> WorkFileEntry:
    """Links a document into an open file with the next ordinal; the same document may be in other files."""
    with transaction.atomic():
        work_file = _lock(work_file)
        require_roles(actor, work_file.catalogue.agency_id, FILE_KEEPERS)
        if work_file.status != WorkFileStatus.OPEN:
            raise Conflict(_("The file is closed; reopen it to add documents."), code="work_file_closed")
        if document.agency_id != work_file.catalogue.agency_id:
            raise ValidationFailed(fields={"document": [_("Only this agency's documents go into its files.")]})
        field = "outgoing" if isinstance(document, OutgoingDocument) else "incoming"
        if work_file.entries.filter(**{field: document}).exists():
            raise Conflict(_("The document is already in this file."), code="already_in_file")
        ordinal = (work_file.entries.aggregate(last=Max("ordinal"))["last"] or 0) + 1
        if ordinal > MAX_ORDINAL:
            raise Conflict(_("A file holds at most 999 documents."), code="work_file_full")
        entry = WorkFileEntry.objects.create(work_file=work_file, ordinal=ordinal, **{field: document})
        audit_record(
            actor=actor,
            action="documents.work_file_add",
            obj=work_file,
            summary={field: document.pk, "ordinal": ordinal},
        )
    return entry


def work_file_remove_document(*, actor, entry: WorkFileEntry) -> None:
    with transaction.atomic():
        work_file = _lock(entry.work_file)
        require_roles(actor, work_file.catalogue.agency_id, FILE_KEEPERS)
        if work_file.status != WorkFileStatus.OPEN:
            raise Conflict(_("The file is closed; reopen it to remove documents."), code="work_file_closed")
        audit_record(
            actor=actor,
            action="documents.work_file_remove",
            obj=work_file,
            summary={"outgoing": entry.outgoing_id, "incoming": entry.incoming_id, "ordinal": entry.ordinal},
        )
        entry.delete()


def work_file_close(*, actor, work_file: WorkFile) -> WorkFile:
    """Closes a file: its end date is its latest document's date (or today)."""
    with transaction.atomic():
        work_file = _lock(work_file)
        require_roles(actor, work_file.catalogue.agency_id, FILE_KEEPERS)
        if work_file.status != WorkFileStatus.OPEN:
            raise Conflict(_("The file is already closed."), code="work_file_closed")
        from chinhquyenso.documents.workfile_export import document_day, documents_in_order

        days = [document_day(d) for d in documents_in_order(work_file)]
        work_file.status = WorkFileStatus.CLOSED
        work_file.closed_at = timezone.now()
        work_file.end_date = max([d for d in days if d], default=None) or timezone.localdate()
        work_file.save(update_fields=["status", "closed_at", "end_date"])
        audit_record(actor=actor, action="documents.work_file_close", obj=work_file, summary={"documents": len(days)})
    return work_file


def work_file_reopen(*, actor, work_file: WorkFile) -> WorkFile:
    with transaction.atomic():
        work_file = _lock(work_file)
        require_roles(actor, work_file.catalogue.agency_id, {Role.UNIT_LEADER, Role.CLERK})
        if work_file.status != WorkFileStatus.CLOSED:
            raise Conflict(_("The file is open."), code="work_file_open")
        work_file.status = WorkFileStatus.OPEN
        work_file.closed_at = None
        work_file.end_date = None
        work_file.save(update_fields=["status", "closed_at", "end_date"])
        audit_record(actor=actor, action="documents.work_file_reopen", obj=work_file)
    return work_file
