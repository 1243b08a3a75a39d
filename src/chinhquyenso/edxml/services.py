"""Writes of the exchange queue: enqueue a package, push due packages to the axis, pull and acknowledge incoming.

Each item is delivered in its own transaction holding its row lock (``skip_locked``), so two senders running at
once never deliver the same item twice; the audit row of every attempt is written in the same transaction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from chinhquyenso.core.errors import Conflict, ValidationFailed
from chinhquyenso.core.services.audit import audit_record
from chinhquyenso.edxml.axis import AxisClient, AxisError
from chinhquyenso.edxml.models import Direction, ExchangeItem, ItemStatus, PackageKind
from chinhquyenso.edxml.package import EdxmlDocument, EdxmlError, EdxmlStatus, read_package
from chinhquyenso.units.identifiers import identifier_errors

logger = logging.getLogger(__name__)
MAX_DELAY = timedelta(days=1)


@dataclass(frozen=True)
class SendResult:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    statuses_received: int = 0


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff: the configured first delay, doubled per attempt, at most a day."""
    return min(timedelta(seconds=settings.EDXML_RETRY_SECONDS * 2 ** max(attempts - 1, 0)), MAX_DELAY)


def _recipients(parsed: EdxmlDocument | EdxmlStatus) -> tuple[str, ...]:
    if isinstance(parsed, EdxmlDocument):
        return parsed.to_organ_ids
    return (parsed.response_for_organ_id,)


def package_enqueue(*, actor, package: bytes, now: datetime | None = None) -> list[ExchangeItem]:
    """Queue an edXML package for delivery: one outbox item per recipient organ. All or nothing."""
    try:
        parsed = read_package(package)
    except EdxmlError as error:
        raise ValidationFailed(fields={"package": [str(error.message)]}) from None
    recipients = _recipients(parsed)
    bad = {organ: identifier_errors(organ) for organ in (parsed.from_organ_id, *recipients)}
    bad = {organ: errors for organ, errors in bad.items() if errors}
    if bad:
        raise ValidationFailed(fields={f"organ {organ}": errors for organ, errors in bad.items()})
    kind = PackageKind.DOCUMENT if isinstance(parsed, EdxmlDocument) else PackageKind.STATUS
    document_id = parsed.document_id if kind == PackageKind.DOCUMENT else parsed.response_for_document_id
    now = now or datetime.now(UTC)
    try:
        with transaction.atomic():
            items = [
                ExchangeItem.objects.create(
                    direction=Direction.OUT,
                    kind=kind,
                    from_organ_id=parsed.from_organ_id,
                    to_organ_id=organ,
                    document_id=document_id,
                    status_code=getattr(parsed, "status_code", ""),
                    package=package,
                    status=ItemStatus.PENDING,
                    next_attempt_at=now,
                )
                for organ in dict.fromkeys(recipients)
            ]
            for item in items:
                audit_record(
                    actor=actor, action="edxml.enqueue", obj=item, summary={"to": item.to_organ_id, "kind": kind}
                )
    except IntegrityError:
        raise Conflict(_("This document is already queued for one of its recipients.")) from None
    return items


def _store_status(package: bytes, *, actor) -> ExchangeItem | None:
    try:
        status = read_package(package)
    except EdxmlError as error:
        logger.warning("axis returned a malformed status package: %s", error.message)
        return None
    if not isinstance(status, EdxmlStatus):
        return None
    item = ExchangeItem.objects.create(
        direction=Direction.IN,
        kind=PackageKind.STATUS,
        from_organ_id=status.from_organ_id,
        to_organ_id=status.response_for_organ_id,
        document_id=status.response_for_document_id,
        status_code=status.status_code,
        package=package,
        status=ItemStatus.RECEIVED,
    )
    audit_record(actor=actor, action="edxml.status_received", obj=item, summary={"code": status.status_code})
    return item


def outbox_send_due(*, actor=None, client: AxisClient, now: datetime | None = None, limit: int = 100) -> SendResult:
    """Deliver every pending outbox item whose next attempt is due; failed deliveries back off and retry."""
    now = now or datetime.now(UTC)
    due = list(
        ExchangeItem.objects.filter(direction=Direction.OUT, status=ItemStatus.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[:limit]
    )
    sent = retrying = failed = statuses = 0
    for item_id in due:
        with transaction.atomic():
            item = (
                ExchangeItem.objects.select_for_update(skip_locked=True)
                .filter(id=item_id, status=ItemStatus.PENDING)
                .first()
            )
            if item is None:
                continue  # another sender holds it or has sent it
            item.attempts += 1
            try:
                delivery = client.send(bytes(item.package), to_organ_id=item.to_organ_id)
            except AxisError as error:
                item.last_error = str(error)[:2000]
                if error.retry and item.attempts < settings.EDXML_MAX_ATTEMPTS:
                    item.next_attempt_at = now + retry_delay(item.attempts)
                    retrying += 1
                    outcome = "retry"
                else:
                    item.status = ItemStatus.FAILED
                    item.next_attempt_at = None
                    failed += 1
                    outcome = "failed"
            else:
                item.status = ItemStatus.SENT
                item.sent_at = now
                item.next_attempt_at = None
                item.last_error = ""
                item.axis_message_id = delivery.message_id
                sent += 1
                outcome = "sent"
                statuses += sum(_store_status(p, actor=actor) is not None for p in delivery.statuses)
            item.save()
            audit_record(
                actor=actor,
                action="edxml.send",
                obj=item,
                summary={"to": item.to_organ_id, "outcome": outcome, "attempt": item.attempts},
            )
    return SendResult(sent=sent, retrying=retrying, failed=failed, statuses_received=statuses)


def inbox_fetch(*, actor=None, client: AxisClient) -> list[ExchangeItem]:
    """Store every package the axis holds for us, then tell the axis "done" for each one stored."""
    stored = []
    for incoming in client.pending():
        try:
            parsed = read_package(incoming.package)
        except EdxmlError as error:
            parsed, problem = None, str(error.message)
        else:
            problem = ""
        try:
            with transaction.atomic():
                is_document = isinstance(parsed, EdxmlDocument)
                item = ExchangeItem.objects.create(
                    direction=Direction.IN,
                    kind=PackageKind.DOCUMENT if parsed is None or is_document else PackageKind.STATUS,
                    from_organ_id=getattr(parsed, "from_organ_id", "")[:35],
                    to_organ_id=settings.EDXML_OWN_ORGAN_ID or "",
                    document_id=(
                        parsed.document_id if is_document else getattr(parsed, "response_for_document_id", "")
                    ),
                    status_code=getattr(parsed, "status_code", ""),
                    package=incoming.package,
                    # A malformed package is kept for the clerk to see, not lost; it is acknowledged all the same.
                    status=ItemStatus.FAILED if problem else ItemStatus.RECEIVED,
                    last_error=problem,
                    axis_message_id=incoming.message_id,
                )
                audit_record(actor=actor, action="edxml.receive", obj=item, summary={"problem": problem})
        except IntegrityError:
            item = ExchangeItem.objects.get(direction=Direction.IN, axis_message_id=incoming.message_id)
        client.done(incoming.message_id)
        with transaction.atomic():
            if item.status == ItemStatus.RECEIVED:
                item.status = ItemStatus.ACKNOWLEDGED
                item.save(update_fields=["status", "updated_at"])
            audit_record(actor=actor, action="edxml.acknowledge", obj=item)
        stored.append(item)
    return stored
