"""The outgoing flow (Decree 30/2020 Art. 14–18): draft → review → approval → signed → numbered → dispatched,
with receipt tracking per recipient and recall. One service per action, each one transaction with its audit row.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chinhquyenso.core.errors import ValidationFailed
from chinhquyenso.core.services.audit import audit_record
from chinhquyenso.documents.access import require_roles
from chinhquyenso.documents.metadata import (
    OUTGOING_NUMBERS,
    OUTGOING_TEXT,
    RECIPIENT_TEXT,
    Problems,
    check_dates,
    check_numbers,
    check_required,
    check_text,
)
from chinhquyenso.documents.models import (
    CONG_VAN,
    ApprovalChannel,
    DocumentType,
    FileKind,
    Medium,
    OutgoingDocument,
    OutgoingRecipient,
    RecipientChannel,
    RegisterSeries,
    Secrecy,
    SeriesKind,
    Urgency,
)
from chinhquyenso.documents.services.common import (
    FileUpload,
    check_uploads,
    clean_str,
    record_event,
    refresh_search_text,
    store_file,
)
from chinhquyenso.documents.workflow import OUTGOING, check_transition
from chinhquyenso.units.models import Agency


@dataclass(frozen=True)
class RecipientIn:
    """An addressee: an agency on the platform (``agency_id``) or any body by identifier and name."""

    agency_id: int | None = None
    organ_id: str = ""
    organ_name: str = ""
    paper: bool = False


_EDITABLE = (
    "subject",
    "drafting_unit",
    "signer_position",
    "signer_full_name",
    "urgency",
    "secrecy",
    "due_date",
    "page_amount",
    "issued_amount",
    "description",
    "language",
    "medium",
)


def lock_outgoing(document: OutgoingDocument) -> OutgoingDocument:
    return OutgoingDocument.objects.select_for_update().select_related("agency", "document_type").get(pk=document.pk)


def _resolve_recipients(recipients, problems: Problems) -> list[OutgoingRecipient]:
    rows: list[OutgoingRecipient] = []
    seen: set[int] = set()
    for i, given in enumerate(recipients):
        prefix = f"recipients.{i}."
        check_text(
            {"organ_id": given.organ_id, "organ_name": given.organ_name}, RECIPIENT_TEXT, problems, prefix=prefix
        )
        agency = None
        if given.agency_id is not None:
            agency = Agency.objects.filter(pk=given.agency_id).first()
            if agency is None:
                problems.add(prefix + "agency_id", _("This agency does not exist."))
                continue
        elif given.organ_id:
            agency = Agency.objects.filter(identifier=given.organ_id.strip()).first()
        if agency is not None:
            if agency.pk in seen:
                problems.add(prefix + "agency_id", _("This recipient is listed twice."))
                continue
            seen.add(agency.pk)
            channel = RecipientChannel.PAPER if given.paper else RecipientChannel.PLATFORM
            rows.append(
                OutgoingRecipient(agency=agency, organ_id=agency.identifier, organ_name=agency.name, channel=channel)
            )
            continue
        if not (given.organ_name or "").strip():
            problems.add(prefix + "organ_name", _("Enter the recipient's name."))
            continue
        channel = RecipientChannel.PAPER if given.paper or not given.organ_id else RecipientChannel.EXCHANGE
        rows.append(
            OutgoingRecipient(organ_id=given.organ_id.strip(), organ_name=given.organ_name.strip(), channel=channel)
        )
    return rows


def _check_draft(data: dict, document_type: DocumentType | None, problems: Problems) -> None:
    check_required(data, {"subject": _("Enter the subject (trích yếu).")}, problems)
    check_text(data, OUTGOING_TEXT, problems)
    check_numbers(data, OUTGOING_NUMBERS, problems)
    check_dates(data, ("due_date",), problems)
    if data.get("urgency") is not None and data["urgency"] not in Urgency.values:
        problems.add("urgency", _("Choose an urgency."))
    if data.get("secrecy") is not None and data["secrecy"] not in Secrecy.values:
        problems.add("secrecy", _("Choose a secrecy level."))
    if data.get("medium") is not None and data["medium"] not in Medium.values:
        problems.add("medium", _("Choose electronic or paper."))
    unit = data.get("drafting_unit") or ""
    if unit and (not unit.isalnum() or unit != unit.upper()):
        problems.add("drafting_unit", _("The drafting unit is an abbreviation in capitals, e.g. VP."))
    if document_type is not None and document_type.code == CONG_VAN and not unit:
        problems.add("drafting_unit", _("A công văn's notation needs the drafting unit, e.g. UBND-VP."))


def _series_of(agency, series_id) -> RegisterSeries | None:
    if series_id is None:
        return None
    found = (
        RegisterSeries.objects.filter(pk=series_id, agency=agency, active=True)
        .exclude(kind=SeriesKind.INCOMING)
        .first()
    )
    if found is None:
        raise ValidationFailed(fields={"series": [_("Choose a series of this agency's outgoing register.")]})
    return found


def outgoing_create(
    *,
    actor,
    agency: Agency,
    document_type: DocumentType | None,
    subject: str,
    recipients=(),
    draft: FileUpload | None = None,
    attachments=(),
    series_id: int | None = None,
    **metadata,
) -> OutgoingDocument:
    """A new draft with its attachments and addressees."""
    require_roles(actor, agency.pk, OUTGOING["edit"].roles)
    unknown = set(metadata) - set(_EDITABLE)
    if unknown:
        raise ValidationFailed(fields={name: [_("Unknown field.")] for name in sorted(unknown)})
    data = {k: clean_str(v) for k, v in {"subject": subject, **metadata}.items()}
    problems = Problems()
    if document_type is None:
        problems.add("document_type", _("Choose the document type."))
    _check_draft(data, document_type, problems)
    rows = _resolve_recipients(recipients, problems)
    uploads = ([draft] if draft is not None else []) + list(attachments)
    check_uploads(uploads, problems)
    if problems:
        raise ValidationFailed(fields=problems.fields)
    series = _series_of(agency, series_id)
    with transaction.atomic():
        document = OutgoingDocument(
            agency=agency,
            document_type=document_type,
            type_name=document_type.name,
            organ_id=agency.identifier[:13],
            organ_name=agency.name[:200],
            drafter=actor,
            series=series,
            **{k: v for k, v in data.items() if v is not None},
        )
        refresh_search_text(document)
        document.save()
        for row in rows:
            row.document = document
        OutgoingRecipient.objects.bulk_create(rows)
        if draft is not None:
            store_file(owner_field="outgoing", owner=document, upload=draft, kind=FileKind.DRAFT, actor=actor)
        for upload in attachments:
            store_file(owner_field="outgoing", owner=document, upload=upload, kind=FileKind.ATTACHMENT, actor=actor)
        record_event(owner_field="outgoing", owner=document, action="create", actor=actor, after=document.status)
        audit_record(actor=actor, action="documents.outgoing_create", obj=document, summary={"subject": subject})
    return document


def outgoing_update(*, actor, document: OutgoingDocument, recipients=None, **changes) -> OutgoingDocument:
    """Changes a draft's metadata (and, when given, replaces its addressees). Only drafts change."""
    unknown = set(changes) - set(_EDITABLE)
    if unknown:
        raise ValidationFailed(fields={name: [_("Unknown field.")] for name in sorted(unknown)})
    with transaction.atomic():
        document = lock_outgoing(document)
        check_transition(OUTGOING, "edit", document.status, document.get_status_display())
        require_roles(actor, document.agency_id, OUTGOING["edit"].roles)
        data = {k: clean_str(v) for k, v in changes.items()}
        merged = {name: getattr(document, name) for name in _EDITABLE} | data
        problems = Problems()
        _check_draft(merged, document.document_type, problems)
        rows = _resolve_recipients(recipients, problems) if recipients is not None else None
        if problems:
            raise ValidationFailed(fields=problems.fields)
        for name, value in data.items():
            setattr(document, name, value)
        refresh_search_text(document)
        document.save()
        if rows is not None:
            document.recipients.all().delete()
            for row in rows:
                row.document = document
            OutgoingRecipient.objects.bulk_create(rows)
        record_event(owner_field="outgoing", owner=document, action="edit", actor=actor, data={"fields": sorted(data)})
        audit_record(actor=actor, action="documents.outgoing_update", obj=document, summary={"fields": sorted(data)})
    return document


def outgoing_attach(*, actor, document: OutgoingDocument, upload: FileUpload, kind: str = FileKind.ATTACHMENT):
    """Adds a new draft version or an attachment to a draft; files are never overwritten."""
    if kind not in (FileKind.DRAFT, FileKind.ATTACHMENT):
        raise ValidationFailed(fields={"kind": [_("Attach a draft or an attachment.")]})
    problems = Problems()
    check_uploads([upload], problems)
    if problems:
        raise ValidationFailed(fields=problems.fields)
    with transaction.atomic():
        document = lock_outgoing(document)
        check_transition(OUTGOING, "edit", document.status, document.get_status_display())
        require_roles(actor, document.agency_id, OUTGOING["edit"].roles)
        stored = store_file(owner_field="outgoing", owner=document, upload=upload, kind=kind, actor=actor)
        record_event(owner_field="outgoing", owner=document, action="attach", actor=actor, data={"file": stored.name})
        audit_record(actor=actor, action="documents.outgoing_attach", obj=document, summary={"sha256": stored.sha256})
    return stored


def move_outgoing(*, actor, document, action: str, note: str = "", data=None, **updates) -> OutgoingDocument:
    """Runs inside the caller's transaction: checks the table, sets the status, writes trail and audit."""
    transition = OUTGOING[action]
    before = document.status
    check_transition(OUTGOING, action, before, document.get_status_display())
    require_roles(actor, document.agency_id, transition.roles)
    document.status = transition.target
    for name, value in updates.items():
        setattr(document, name, value)
    document.save()
    record_event(
        owner_field="outgoing",
        owner=document,
        action=action,
        actor=actor,
        before=before,
        after=document.status,
        note=note,
        data=data,
    )
    audit_record(
        actor=actor,
        action=f"documents.outgoing_{action}",
        obj=document,
        summary={"from": before, "to": document.status, **(data or {})},
    )
    return document


def outgoing_submit(*, actor, document: OutgoingDocument, note: str = "") -> OutgoingDocument:
    with transaction.atomic():
        document = lock_outgoing(document)
        if not document.recipients.exists():
            raise ValidationFailed(fields={"recipients": [_("Add at least one recipient before review.")]})
        return move_outgoing(actor=actor, document=document, action="submit", note=note)


def outgoing_return(*, actor, document: OutgoingDocument, note: str) -> OutgoingDocument:
    if not (note or "").strip():
        raise ValidationFailed(fields={"note": [_("Say what must change.")]})
    with transaction.atomic():
        return move_outgoing(actor=actor, document=lock_outgoing(document), action="return", note=note.strip())


def outgoing_approve(*, actor, document: OutgoingDocument, on_paper: bool = False, note: str = "") -> OutgoingDocument:
    """Records the approval. ``on_paper``: the leader approved outside the system and the clerk records it."""
    channel = ApprovalChannel.PAPER if on_paper else ApprovalChannel.SYSTEM
    with transaction.atomic():
        return move_outgoing(
            actor=actor,
            document=lock_outgoing(document),
            action="approve",
            note=note,
            data={"channel": channel},
            approved_at=timezone.now(),
            approved_by=actor,
            approval_channel=channel,
        )


def outgoing_mark_signed(
    *,
    actor,
    document: OutgoingDocument,
    signed_file: FileUpload | None = None,
    signature_report: dict | None = None,
    signer_position: str | None = None,
    signer_full_name: str | None = None,
) -> OutgoingDocument:
    """Moves an approved document to "signed". The signing app calls this with the signed PDF and its
    verification report; a paper document is marked signed without a file (its scan may follow)."""
    problems = Problems()
    check_text({"signer_position": signer_position, "signer_full_name": signer_full_name}, OUTGOING_TEXT, problems)
    if signed_file is not None:
        check_uploads([signed_file], problems, field="signed_file")
    if problems:
        raise ValidationFailed(fields=problems.fields)
    with transaction.atomic():
        document = lock_outgoing(document)
        updates = {"signed_at": timezone.now()}
        if signer_position is not None:
            updates["signer_position"] = signer_position.strip()
        if signer_full_name is not None:
            updates["signer_full_name"] = signer_full_name.strip()
        document = move_outgoing(actor=actor, document=document, action="sign", **updates)
        if signed_file is not None:
            stored = store_file(
                owner_field="outgoing",
                owner=document,
                upload=signed_file,
                kind=FileKind.SIGNED,
                actor=actor,
                signature_report=signature_report,
            )
            record_event(
                owner_field="outgoing",
                owner=document,
                action="signed_file",
                actor=actor,
                data={"sha256": stored.sha256},
            )
        refresh_search_text(document)
        document.save(update_fields=["search_text"])
    return document
