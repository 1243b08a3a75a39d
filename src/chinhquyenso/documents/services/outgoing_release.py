"""Outgoing documents after approval: numbering from the register series, dispatch to recipients, recall,
and the receipt reports recipients send back."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chinhquyenso.core.errors import Conflict, NotFound, ValidationFailed
from chinhquyenso.core.services.audit import audit_record
from chinhquyenso.documents import exchange
from chinhquyenso.documents.access import require_roles
from chinhquyenso.documents.metadata import (
    OUTGOING_TEXT,
)
from chinhquyenso.documents.models import (
    OutgoingDocument,
    OutgoingRecipient,
    RecipientChannel,
    RecipientStatus,
    SeriesKind,
)
from chinhquyenso.documents.notation import build_notation, document_identifier, format_number, notation_problems
from chinhquyenso.documents.numbering import DuplicateWarning, next_number, organ_abbreviation, outgoing_duplicates
from chinhquyenso.documents.numbering import outgoing_series as pick_series
from chinhquyenso.documents.services.common import (
    notify_agency,
    record_event,
    refresh_search_text,
)
from chinhquyenso.documents.services.outgoing import lock_outgoing, move_outgoing
from chinhquyenso.documents.workflow import OUTGOING, check_transition


class SealMissing(Conflict):
    code = "seal_required"


@dataclass(frozen=True)
class NumberingResult:
    document: OutgoingDocument
    warnings: list[DuplicateWarning] = field(default_factory=list)


def outgoing_number(*, actor, document: OutgoingDocument, notation: str | None = None) -> NumberingResult:
    """Gives the next number of the right series and today's date (local), builds and checks the notation,
    and warns (does not refuse) when number + notation + issuing body or the identifier already exist."""
    with transaction.atomic():
        document = lock_outgoing(document)
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
        document = move_outgoing(
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
        document = lock_outgoing(document)
        recipients = list(document.recipients.select_related("agency").order_by("id"))
        if not recipients:
            raise ValidationFailed(fields={"recipients": [_("Add at least one recipient.")]})
        check_transition(OUTGOING, "dispatch", document.status, document.get_status_display())
        if document.seal_required and document.sealed_at is None:
            raise SealMissing(
                _("The leader signed this document digitally: apply the organisation's digital signature first.")
            )
        document = move_outgoing(actor=actor, document=document, action="dispatch", dispatched_at=timezone.now())
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
        document = lock_outgoing(document)
        now = timezone.now()
        document = move_outgoing(
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
