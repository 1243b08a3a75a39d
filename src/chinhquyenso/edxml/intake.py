"""Received edXML packages become documents and tracking (the inbox side of ``adapter``).

* a document package lands as a pending incoming document of every addressed agency on this platform, its
  signatures checked on arrival (``documents.services.incoming_arrival.incoming_arrive_from_exchange``);
* a status package from a recipient updates the sender's tracking row of that outgoing document
  (``outgoing_recipient_report``), never moving it backwards;
* a recall order (status 13) recalls the copies received from that sender and answers 15.

Each inbox item is applied once, in its own transaction under its row lock (``skip_locked``), and marked with
``applied_at`` and a short result, so running ``edxml receive`` twice, or two of them at once, changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from chinhquyenso.core.services.audit import audit_record
from chinhquyenso.documents.models import OutgoingRecipient, RecipientChannel, RecipientStatus
from chinhquyenso.documents.services.incoming import incoming_recall_from_exchange
from chinhquyenso.documents.services.incoming_arrival import incoming_arrive_from_exchange
from chinhquyenso.documents.services.outgoing_release import outgoing_recipient_report
from chinhquyenso.edxml.adapter import RECALL_REQUEST, RECIPIENT_STATUS_OF, EdxmlExchange, outgoing_package_from
from chinhquyenso.edxml.models import Direction, ExchangeItem, ItemStatus
from chinhquyenso.edxml.package import EdxmlDocument, EdxmlError, EdxmlStatus, read_package
from chinhquyenso.units.models import Agency

# Progress of a document at its recipient: a late "arrived" after "received" changes nothing.
_RANK = {
    RecipientStatus.PENDING: 0,
    RecipientStatus.QUEUED: 1,
    RecipientStatus.FAILED: 1,
    RecipientStatus.DELIVERED: 2,
    RecipientStatus.RECEIVED: 3,
    RecipientStatus.ASSIGNED: 4,
    RecipientStatus.DONE: 5,
    RecipientStatus.RETURNED: 5,
    RecipientStatus.RECALLED: 6,
}


@dataclass(frozen=True)
class ApplyResult:
    documents: int = 0
    statuses: int = 0
    ignored: int = 0


def _apply_document(parsed: EdxmlDocument) -> tuple[int, str]:
    agencies = list(Agency.objects.filter(identifier__in=parsed.to_organ_ids).order_by("id"))
    if not agencies:
        return 0, "not addressed to an agency on this platform"
    package = outgoing_package_from(parsed)
    created = []
    for agency in agencies:
        document, new = incoming_arrive_from_exchange(agency=agency, package=package)
        if new:
            created.append(f"{agency.identifier}: incoming {document.pk}")
    return len(created), "; ".join(created) or "already received"


def _apply_status(parsed: EdxmlStatus) -> tuple[int, str]:
    if parsed.status_code == RECALL_REQUEST:
        recalled = incoming_recall_from_exchange(
            organ_id=parsed.from_organ_id,
            document_identifier=parsed.response_for_document_id,
            reason=parsed.description or "Thu hồi văn bản",
        )
        adapter = EdxmlExchange()
        for document in recalled:
            adapter.report(document, RecipientStatus.RECALLED, parsed.description)
        return len(recalled), f"recalled {len(recalled)}"
    status = RECIPIENT_STATUS_OF.get(parsed.status_code)
    recipients = OutgoingRecipient.objects.filter(
        channel=RecipientChannel.EXCHANGE,
        organ_id=parsed.from_organ_id,
        document__document_identifier=parsed.response_for_document_id,
    ).order_by("id")
    applied = 0
    for recipient in recipients:
        if status is None or _RANK[status] < _RANK[RecipientStatus(recipient.status)]:
            continue
        note = parsed.description or RecipientStatus(status).label
        outgoing_recipient_report(recipient_id=recipient.pk, status=status, note=str(note))
        applied += 1
    return applied, f"status {parsed.status_code} applied to {applied} recipient(s)"


def inbox_apply(*, actor=None, limit: int = 500) -> ApplyResult:
    """Applies every stored incoming package not applied yet (oldest first)."""
    due = list(
        ExchangeItem.objects.filter(
            direction=Direction.IN,
            status__in=[ItemStatus.RECEIVED, ItemStatus.ACKNOWLEDGED],
            applied_at__isnull=True,
        )
        .order_by("id")
        .values_list("id", flat=True)[:limit]
    )
    documents = statuses = ignored = 0
    for item_id in due:
        with transaction.atomic():
            item = (
                ExchangeItem.objects.select_for_update(skip_locked=True)
                .filter(id=item_id, applied_at__isnull=True)
                .first()
            )
            if item is None:
                continue
            try:
                parsed = read_package(bytes(item.package))
            except EdxmlError as error:
                count, note = 0, f"malformed: {error.message}"
            else:
                if isinstance(parsed, EdxmlDocument):
                    count, note = _apply_document(parsed)
                    documents += count
                else:
                    count, note = _apply_status(parsed)
                    statuses += count
            ignored += count == 0
            item.applied_at = timezone.now()
            item.applied_note = note[:500]
            item.save(update_fields=["applied_at", "applied_note", "updated_at"])
            audit_record(actor=actor, action="edxml.apply", obj=item, summary={"result": item.applied_note})
    return ApplyResult(documents=documents, statuses=statuses, ignored=ignored)
