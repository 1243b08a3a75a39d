"""The outgoing flow (Decree 30/2020 Art. 14–18): draft → review → approval → signed → numbered → dispatched,
with receipt tracking per recipient and recall. One service per action, each one transaction with its audit row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chinhquyenso.core.errors import NotFound, ValidationFailed
from chinhquyenso.core.services.audit import audit_record
from chinhquyenso.documents import exchange
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
    RecipientStatus,
    RegisterSeries,
    Secrecy,
    SeriesKind,
    Urgency,
)
from chinhquyenso.documents.notation import build_notation, document_identifier, format_number, notation_problems
from chinhquyenso.documents.numbering import DuplicateWarning, next_number, organ_abbreviation, outgoing_duplicates
from chinhquyenso.documents.numbering import outgoing_series as pick_series
from chinhquyenso.documents.services.common import (
    FileUpload,
    check_uploads,
    clean_str,
    notify_agency,
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


@dataclass(frozen=True)
class NumberingResult:
    document: OutgoingDocument
    warnings: list[DuplicateWarning] = field(default_factory=list)


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


def _lock(document: OutgoingDocument) -> OutgoingDocument:
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
        document = _lock(document)
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
        document = _lock(document)
        check_transition(OUTGOING, "edit", document.status, document.get_status_display())
        require_roles(actor, document.agency_id, OUTGOING["edit"].roles)
        stored = store_file(owner_field="outgoing", owner=document, upload=upload, kind=kind, actor=actor)
        record_event(owner_field="outgoing", owner=document, action="attach", actor=actor, data={"file": stored.name})
        audit_record(actor=actor, action="documents.outgoing_attach", obj=document, summary={"sha256": stored.sha256})
    return stored


def _move(*, actor, document, action: str, note: str = "", data=None, **updates) -> OutgoingDocument:
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
        document = _lock(document)
        if not document.recipients.exists():
            raise ValidationFailed(fields={"recipients": [_("Add at least one recipient before review.")]})
        return _move(actor=actor, document=document, action="submit", note=note)


def outgoing_return(*, actor, document: OutgoingDocument, note: str) -> OutgoingDocument:
    if not (note or "").strip():
        raise ValidationFailed(fields={"note": [_("Say what must change.")]})
    with transaction.atomic():
        return _move(actor=actor, document=_lock(document), action="return", note=note.strip())


def outgoing_approve(*, actor, document: OutgoingDocument, on_paper: bool = False, note: str = "") -> OutgoingDocument:
    """Records the approval. ``on_paper``: the leader approved outside the system and the clerk records it."""
    channel = ApprovalChannel.PAPER if on_paper else ApprovalChannel.SYSTEM
    with transaction.atomic():
        return _move(
            actor=actor,
            document=_lock(document),
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
        document = _lock(document)
        updates = {"signed_at": timezone.now()}
        if signer_position is not None:
            updates["signer_position"] = signer_position.strip()
        if signer_full_name is not None:
            updates["signer_full_name"] = signer_full_name.strip()
        document = _move(actor=actor, document=document, action="sign", **updates)
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


def outgoing_number(*, actor, document: OutgoingDocument, notation: str | None = None) -> NumberingResult:
    """Gives the next number of the right series and today's date (local), builds and checks the notation,
    and warns (does not refuse) when number + notation + issuing body or the identifier already exist."""
    with transaction.atomic():
        document = _lock(document)
        check_transition(OUTGOING, "number", document.status, document.get_status_display())
        require_roles(actor, document.agency_id, OUTGOING["number"].roles)
        kind = document.document_type
        series = pick_series(document.agency, document_type=kind, secrecy=document.secrecy, chosen=document.series)
        today = timezone.localdate()
        legal_normative = series.kind == SeriesKind.LEGAL_NORMATIVE
        if notation is None:
            notation = build_notation(
                type_abbreviation=kind.abbreviation,
                organ=series.organ_abbreviation or organ_abbreviation(document.agency),
                unit=document.drafting_unit,
                year=today.year if legal_normative else None,
            )
        notation = notation.strip()
        problems = notation_problems(notation, type_abbreviation=kind.abbreviation, legal_normative=legal_normative)
        if len(notation) > OUTGOING_TEXT["notation"]:
            problems.append(_("At most %(limit)d characters.") % {"limit": OUTGOING_TEXT["notation"]})
        if problems:
            raise ValidationFailed(fields={"notation": problems})
        register, sequence = next_number(series, today.year)
        number = format_number(sequence)
        identifier = document_identifier(organ_id=document.organ_id, issued_on=today, number=number, notation=notation)
        warnings = outgoing_duplicates(
            agency=document.agency,
            year=today.year,
            number=number,
            notation=notation,
            identifier=identifier,
            exclude_id=document.pk,
        )
        document = _move(
            actor=actor,
            document=document,
            action="number",
            data={"number": f"{number}/{notation}", "series": series.code, "warnings": [w.code for w in warnings]},
            series=series,
            register=register,
            sequence=sequence,
            number=number,
            notation=notation,
            issued_date=today,
            year=today.year,
            numbered_at=timezone.now(),
            document_identifier=identifier,
        )
        refresh_search_text(document)
        document.save(update_fields=["search_text"])
    return NumberingResult(document=document, warnings=warnings)


def outgoing_dispatch(*, actor, document: OutgoingDocument) -> OutgoingDocument:
    """Sends to every recipient: agencies on the platform receive it directly; others go to the exchange
    adapter (queued), or on paper. Each recipient's status is kept for tracking."""
    with transaction.atomic():
        document = _lock(document)
        recipients = list(document.recipients.select_related("agency").order_by("id"))
        if not recipients:
            raise ValidationFailed(fields={"recipients": [_("Add at least one recipient.")]})
        document = _move(actor=actor, document=document, action="dispatch", dispatched_at=timezone.now())
        package = exchange.package_for(document)
        external = exchange.external_adapter()
        now = timezone.now()
        for recipient in recipients:
            if recipient.channel == RecipientChannel.PLATFORM:
                outcome = exchange.PLATFORM.send(package, recipient)
            elif recipient.channel == RecipientChannel.EXCHANGE and external is not None:
                outcome = external.send(package, recipient)
            elif recipient.channel == RecipientChannel.EXCHANGE:
                outcome = exchange.Delivery(RecipientStatus.PENDING, note=_("No document exchange is configured."))
            else:
                outcome = exchange.Delivery(RecipientStatus.DELIVERED, note=_("Sent on paper."))
            recipient.status = outcome.status
            recipient.reference = outcome.reference[:100]
            recipient.status_note = outcome.note[:500]
            recipient.status_at = now
            recipient.save(update_fields=["status", "reference", "status_note", "status_at"])
    return document


def outgoing_recall(*, actor, document: OutgoingDocument, reason: str) -> OutgoingDocument:
    """Recalls a dispatched document: it is frozen with the recall's metadata, and every recipient is told
    (on the platform its incoming copy is withdrawn; through the exchange a recall is queued)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(fields={"reason": [_("Give the reason for the recall.")]})
    if len(reason) > 500:
        raise ValidationFailed(fields={"reason": [_("At most %(limit)d characters.") % {"limit": 500}]})
    with transaction.atomic():
        document = _lock(document)
        now = timezone.now()
        document = _move(
            actor=actor,
            document=document,
            action="recall",
            note=reason,
            recalled_at=now,
            recalled_by=actor,
            recall_reason=reason,
        )
        package = exchange.package_for(document)
        external = exchange.external_adapter()
        for recipient in document.recipients.select_related("agency").order_by("id"):
            if recipient.channel == RecipientChannel.PLATFORM and recipient.status != RecipientStatus.RETURNED:
                outcome = exchange.PLATFORM.recall(package, recipient, reason)
            elif recipient.channel == RecipientChannel.EXCHANGE and external is not None:
                outcome = external.recall(package, recipient, reason)
            else:
                outcome = exchange.Delivery(RecipientStatus.RECALLED, note=_("Tell this recipient outside the system."))
            recipient.status = outcome.status
            recipient.status_note = outcome.note[:500]
            recipient.status_at = now
            recipient.save(update_fields=["status", "status_note", "status_at"])
    return document


def outgoing_recipient_report(*, recipient_id: int, status: str, note: str = "", reference: str = "") -> None:
    """A recipient's processing status reaches the sender (edXML status packages, or platform events)."""
    if status not in RecipientStatus.values:
        raise ValidationFailed(fields={"status": [_("Unknown recipient status.")]})
    with transaction.atomic():
        recipient = OutgoingRecipient.objects.select_for_update().filter(pk=recipient_id).first()
        if recipient is None:
            raise NotFound()
        if recipient.status == RecipientStatus.RECALLED:
            return  # after a recall, late status messages change nothing
        recipient.status = status
        recipient.status_at = timezone.now()
        recipient.status_note = note[:500]
        if reference:
            recipient.reference = reference[:100]
        recipient.save(update_fields=["status", "status_at", "status_note", "reference"])
        record_event(
            owner_field="outgoing",
            owner=recipient.document,
            action="recipient_status",
            actor=None,
            note=note,
            data={"recipient": recipient.organ_name, "status": status},
        )
        audit_record(
            actor=None,
            action="documents.recipient_status",
            obj=recipient,
            summary={"document": recipient.document_id, "status": status},
        )
        if status == RecipientStatus.RETURNED:
            notify_agency(
                agency=recipient.document.agency,
                kind="returned",
                message=_("%(organ)s returned %(code)s: %(note)s")
                % {"organ": recipient.organ_name, "code": recipient.document.number_notation, "note": note},
                outgoing=recipient.document,
            )
