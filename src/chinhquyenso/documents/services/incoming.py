"""The incoming flow (Decree 30/2020 Art. 20–24): receive (electronic, from the platform) or register (paper,
with its scan) → arrival number in order of receipt within the year → the leader names a lead unit and
cooperating units with deadlines from workcal → the handler's proposal → done with the result.

The sender on the platform sees each step (received, assigned, done) on its recipient row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chinhquyenso.core.errors import ValidationFailed
from chinhquyenso.core.models import RoleAssignment, User
from chinhquyenso.core.services.audit import audit_record
from chinhquyenso.documents import exchange
from chinhquyenso.documents.access import require_roles
from chinhquyenso.documents.metadata import (
    INCOMING_NUMBERS,
    INCOMING_TEXT,
    Problems,
    check_dates,
    check_numbers,
    check_required,
    check_text,
)
from chinhquyenso.documents.models import (
    AssignmentRole,
    DocumentType,
    FileKind,
    IncomingAssignment,
    IncomingDocument,
    IncomingStatus,
    Medium,
    ReceivedVia,
    RecipientStatus,
    Secrecy,
    Urgency,
)
from chinhquyenso.documents.notation import notation_problems, number_problems
from chinhquyenso.documents.numbering import DuplicateWarning, incoming_duplicates, incoming_series, next_number
from chinhquyenso.documents.services.common import (
    FileUpload,
    check_uploads,
    clean_str,
    notify_agency,
    record_event,
    refresh_search_text,
    store_file,
)
from chinhquyenso.documents.services.outgoing_release import outgoing_recipient_report
from chinhquyenso.documents.signature_reports import any_valid_signature, failed_signature, headline
from chinhquyenso.documents.workflow import INCOMING, check_transition
from chinhquyenso.workcal.selectors import deadline_compute

MAX_LIMIT_DAYS = 365


@dataclass(frozen=True)
class RegistrationResult:
    document: IncomingDocument
    warnings: list[DuplicateWarning] = field(default_factory=list)


@dataclass(frozen=True)
class UnitAssignment:
    """A unit the leader names, its handler (optional) and its time limit in working days."""

    unit_name: str
    limit_working_days: int
    handler_id: int | None = None


_METADATA = (
    "organ_id",
    "number",
    "notation",
    "issued_date",
    "signer_position",
    "signer_full_name",
    "urgency",
    "secrecy",
    "due_date",
    "page_amount",
    "description",
    "language",
    "to_places",
)


def _check_incoming(data: dict, document_type, problems: Problems) -> None:
    if document_type is None:
        problems.add("document_type", _("Choose the document type."))
    check_required(
        data,
        {"subject": _("Enter the subject (trích yếu)."), "organ_name": _("Enter the issuing body.")},
        problems,
    )
    check_text(data, INCOMING_TEXT, problems)
    check_numbers(data, INCOMING_NUMBERS, problems)
    check_dates(data, ("issued_date", "due_date"), problems)
    if data.get("urgency") is not None and data["urgency"] not in Urgency.values:
        problems.add("urgency", _("Choose an urgency."))
    if data.get("secrecy") is not None and data["secrecy"] not in Secrecy.values:
        problems.add("secrecy", _("Choose a secrecy level."))
    number, notation = data.get("number") or "", data.get("notation") or ""
    if number and "number" not in problems.fields:
        for message in number_problems(number):
            problems.add("number", message)
    if notation and "notation" not in problems.fields:
        for message in notation_problems(notation, legal_normative="/" in notation):
            problems.add("notation", message)
    issued = data.get("issued_date")
    if issued is not None and "issued_date" not in problems.fields and issued > timezone.localdate():
        problems.add("issued_date", _("The issued date cannot be in the future."))


def _take_arrival_number(document: IncomingDocument, at: datetime) -> None:
    local_day = timezone.localdate(at)
    register, number = next_number(incoming_series(document.agency), local_day.year)
    document.register = register
    document.arrival_number = number
    document.arrival_date = local_day
    document.arrived_at = at
    document.year = local_day.year


def _duplicates_of(document: IncomingDocument) -> list[DuplicateWarning]:
    return incoming_duplicates(
        agency=document.agency,
        organ_name=document.organ_name,
        organ_id=document.organ_id,
        number=document.number,
        notation=document.notation,
        issued_date=document.issued_date,
        identifier=document.document_identifier,
        exclude_id=document.pk,
    )


def incoming_register_paper(
    *,
    actor,
    agency,
    document_type: DocumentType | None,
    subject: str,
    organ_name: str,
    scan: FileUpload | None = None,
    **metadata,
) -> RegistrationResult:
    """Registers a paper document (with its scanned copy): it takes the next arrival number of the year."""
    require_roles(actor, agency.pk, INCOMING["receive"].roles)
    unknown = set(metadata) - set(_METADATA)
    if unknown:
        raise ValidationFailed(fields={name: [_("Unknown field.")] for name in sorted(unknown)})
    data = {k: clean_str(v) for k, v in {"subject": subject, "organ_name": organ_name, **metadata}.items()}
    problems = Problems()
    _check_incoming(data, document_type, problems)
    if scan is not None:
        check_uploads([scan], problems, field="scan")
    if problems:
        raise ValidationFailed(fields=problems.fields)
    with transaction.atomic():
        document = IncomingDocument(
            agency=agency,
            document_type=document_type,
            type_name=document_type.name,
            medium=Medium.PAPER,
            status=IncomingStatus.RECEIVED,
            **{k: v for k, v in data.items() if v is not None},
        )
        warnings = _duplicates_of(document)
        _take_arrival_number(document, timezone.now())
        refresh_search_text(document)
        document.save()
        if scan is not None:
            store_file(owner_field="incoming", owner=document, upload=scan, kind=FileKind.SCAN, actor=actor)
        record_event(
            owner_field="incoming",
            owner=document,
            action="register_paper",
            actor=actor,
            after=document.status,
            data={"arrival_number": document.arrival_number, "warnings": [w.code for w in warnings]},
        )
        audit_record(
            actor=actor,
            action="documents.incoming_register",
            obj=document,
            summary={"arrival_number": document.arrival_number, "medium": Medium.PAPER},
        )
    return RegistrationResult(document=document, warnings=warnings)


def _lock(document: IncomingDocument) -> IncomingDocument:
    return IncomingDocument.objects.select_for_update().select_related("agency").get(pk=document.pk)


def _move(*, actor, document, action: str, note: str = "", data=None, **updates) -> IncomingDocument:
    transition = INCOMING[action]
    before = document.status
    check_transition(INCOMING, action, before, document.get_status_display())
    if actor is not None or transition.roles:
        require_roles(actor, document.agency_id, transition.roles)
    if transition.target is not None:
        document.status = transition.target
    for name, value in updates.items():
        setattr(document, name, value)
    document.save()
    record_event(
        owner_field="incoming",
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
        action=f"documents.incoming_{action}",
        obj=document,
        summary={"from": before, "to": document.status, **(data or {})},
    )
    return document


def _tell_sender(document: IncomingDocument, status: str, note: str = "") -> None:
    if document.source_recipient_id is not None:
        outgoing_recipient_report(recipient_id=document.source_recipient_id, status=status, note=note)
        return
    adapter = exchange.external_adapter()
    if document.received_via == ReceivedVia.EXCHANGE and adapter is not None and hasattr(adapter, "report"):
        adapter.report(document, status, note)


class SignatureInvalid(ValidationFailed):
    code = "signature_invalid"


def _signature_warnings(document: IncomingDocument) -> list[DuplicateWarning]:
    """Refuses a document whose signature failed (it goes back to the sender); warns when it has none."""
    if document.medium != Medium.ELECTRONIC:
        return []
    reports = [f.signature_report for f in document.files.filter(kind=FileKind.RECEIVED).only("signature_report")]
    failed = failed_signature(reports)
    if failed is not None:
        raise SignatureInvalid(
            _("The digital signature is not valid: %(reason)s Return the document to its sender.")
            % {"reason": headline(failed)},
            fields={"signature": [line for line in failed["summary"].split("\n") if line.startswith("- ")]},
        )
    if not any_valid_signature(reports):
        return [DuplicateWarning("not_signed", _("This electronic document carries no valid digital signature."))]
    return []


def incoming_receive(*, actor, document: IncomingDocument) -> RegistrationResult:
    """The clerk accepts a document delivered on the platform: arrival number now, receipt told to the sender."""
    with transaction.atomic():
        document = _lock(document)
        check_transition(INCOMING, "receive", document.status, document.get_status_display())
        require_roles(actor, document.agency_id, INCOMING["receive"].roles)
        warnings = _signature_warnings(document) + _duplicates_of(document)
        _take_arrival_number(document, timezone.now())
        document = _move(
            actor=actor,
            document=document,
            action="receive",
            data={"arrival_number": document.arrival_number, "warnings": [w.code for w in warnings]},
        )
        _tell_sender(document, RecipientStatus.RECEIVED)
    return RegistrationResult(document=document, warnings=warnings)


def incoming_return(*, actor, document: IncomingDocument, reason: str) -> IncomingDocument:
    """Returns an invalid or misaddressed electronic document to its sender through the system."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(fields={"reason": [_("Say why the document is returned.")]})
    if len(reason) > 500:
        raise ValidationFailed(fields={"reason": [_("At most %(limit)d characters.") % {"limit": 500}]})
    with transaction.atomic():
        document = _move(actor=actor, document=_lock(document), action="return", note=reason, returned_reason=reason)
        _tell_sender(document, RecipientStatus.RETURNED, reason)
    return document


def _handler(document, handler_id, problems: Problems, field_name: str):
    if handler_id is None:
        return None
    user = User.objects.filter(pk=handler_id, is_active=True).first()
    works_here = user is not None and (
        user.agency_id == document.agency_id
        or RoleAssignment.objects.filter(user=user, agency_id=document.agency_id).exists()
    )
    if not works_here:
        problems.add(field_name, _("Choose a member of this agency's staff."))
        return None
    return user


def incoming_assign(
    *,
    actor,
    document: IncomingDocument,
    lead: UnitAssignment,
    cooperating=(),
    instruction: str = "",
) -> IncomingDocument:
    """The leader's instruction: one lead unit and any cooperating units, each with a deadline computed by the
    working calendar from now. A new assignment replaces the previous one (kept in the trail)."""
    problems = Problems()
    units = [(AssignmentRole.LEAD, lead, "lead")] + [
        (AssignmentRole.COOPERATING, unit, f"cooperating.{i}") for i, unit in enumerate(cooperating)
    ]
    for _role, unit, name in units:
        if not (unit.unit_name or "").strip():
            problems.add(f"{name}.unit_name", _("Enter the unit."))
        elif len(unit.unit_name) > 200:
            problems.add(f"{name}.unit_name", _("At most %(limit)d characters.") % {"limit": 200})
        days = unit.limit_working_days
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_LIMIT_DAYS:
            problems.add(
                f"{name}.limit_working_days",
                _("Enter a time limit of 1 to %(max)d working days.") % {"max": MAX_LIMIT_DAYS},
            )
    if problems:
        raise ValidationFailed(fields=problems.fields)
    with transaction.atomic():
        document = _lock(document)
        check_transition(INCOMING, "assign", document.status, document.get_status_display())
        require_roles(actor, document.agency_id, INCOMING["assign"].roles)
        handlers = [_handler(document, unit.handler_id, problems, f"{name}.handler_id") for _r, unit, name in units]
        if problems:
            raise ValidationFailed(fields=problems.fields)
        now = timezone.now()
        document.assignments.filter(active=True).update(active=False)
        rows = []
        for (role, unit, _name), handler in zip(units, handlers, strict=True):
            deadline = deadline_compute(
                agency_id=document.agency_id, received=now, limit=unit.limit_working_days, unit="working-days"
            )
            rows.append(
                IncomingAssignment(
                    document=document,
                    role=role,
                    unit_name=unit.unit_name.strip(),
                    handler=handler,
                    due_at=deadline.due_at,
                    calendar_version=deadline.calendar_version,
                )
            )
        IncomingAssignment.objects.bulk_create(rows)
        lines = [
            f"{row.get_role_display()}: {row.unit_name} ({timezone.localtime(row.due_at):%d/%m/%Y %H:%M})"
            for row in rows
        ]
        document = _move(
            actor=actor,
            document=document,
            action="assign",
            note=instruction,
            data={"units": [r.unit_name for r in rows]},
            leader_instruction=instruction.strip(),
            assigned_at=now,
            assigned_by=actor,
            to_places="; ".join(r.unit_name for r in rows)[:1000],
            trace_header_list="\n".join(filter(None, [document.trace_header_list, *lines])),
        )
        refresh_search_text(document)
        document.save(update_fields=["search_text"])
        _tell_sender(document, RecipientStatus.ASSIGNED)
    return document


def incoming_propose(*, actor, document: IncomingDocument, proposal: str) -> IncomingDocument:
    """The handler's proposal on the processing slip."""
    proposal = (proposal or "").strip()
    if not proposal:
        raise ValidationFailed(fields={"proposal": [_("Write the proposal.")]})
    with transaction.atomic():
        return _move(
            actor=actor,
            document=_lock(document),
            action="propose",
            note=proposal,
            proposal=proposal,
            proposal_at=timezone.now(),
        )


def incoming_complete(*, actor, document: IncomingDocument, result: str) -> IncomingDocument:
    """Done: the result is recorded, the open deadlines close and the sender sees it."""
    result = (result or "").strip()
    if not result:
        raise ValidationFailed(fields={"result": [_("Write the result of the processing.")]})
    with transaction.atomic():
        now = timezone.now()
        document = _move(
            actor=actor, document=_lock(document), action="complete", note=result, result=result, done_at=now
        )
        document.assignments.filter(active=True, done_at__isnull=True).update(done_at=now)
        _tell_sender(document, RecipientStatus.DONE)
    return document


def incoming_recall_by_sender(*, recipient, reason: str) -> IncomingDocument | None:
    """The sender recalled the document (system): its files and content are deleted, its links to work files
    removed; the identification and the recall's own metadata stay, so the register keeps its numbers."""
    document = IncomingDocument.objects.select_for_update().filter(source_recipient=recipient).first()
    return _recall(document, reason)


def incoming_recall_from_exchange(*, organ_id: str, document_identifier: str, reason: str) -> list[IncomingDocument]:
    """The sender's recall order arrived through the document exchange (edXML status 13): every copy of that
    document this platform received from that sender is recalled (system action, one transaction)."""
    with transaction.atomic():
        found = IncomingDocument.objects.select_for_update().filter(
            received_via=ReceivedVia.EXCHANGE, organ_id=organ_id[:13], document_identifier=document_identifier[:100]
        )
        return [_recall(document, reason) for document in found.order_by("id")]


def _recall(document: IncomingDocument | None, reason: str) -> IncomingDocument | None:
    if document is None or document.status in (IncomingStatus.RECALLED, IncomingStatus.RETURNED):
        return document
    document.files.all().delete()
    document.file_entries.all().delete()
    document.assignments.filter(active=True).update(active=False)
    document = _move(
        actor=None,
        document=document,
        action="recall",
        note=reason,
        recalled_at=timezone.now(),
        recall_reason=reason[:500],
        description="",
        to_places="",
        trace_header_list="",
        leader_instruction="",
        proposal="",
        result="",
    )
    refresh_search_text(document)
    document.save(update_fields=["search_text"])
    notify_agency(
        agency=document.agency,
        kind="recalled",
        message=_("%(organ)s recalled %(code)s: %(reason)s")
        % {"organ": document.organ_name, "code": document.number_notation, "reason": reason},
        incoming=document,
    )
    return document
