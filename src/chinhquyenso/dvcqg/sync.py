"""Pushing the outbox to the portal: one item per transaction, the row locked while its request is in flight.

- Order: items go out in id order, and an item waits while an earlier item of the same dossier is still pending
  (a retry in back-off holds the dossier's later items back, not other dossiers').
- No double send: the item is taken with ``SELECT … FOR UPDATE SKIP LOCKED`` and marked in the same transaction
  as its request, so a second sync process skips it and moves on. A crash between the portal's answer and the
  commit leaves the item pending; it is sent again later, which the create-then-update upsert absorbs.
- SQLite has no row locks: there the whole database is locked for each request, so run one sync at a time and
  use PostgreSQL in production.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from chinhquyenso.core.services.audit import audit_record
from chinhquyenso.dvcqg.client import PortalAnswer, PortalClient, Verdict
from chinhquyenso.dvcqg.config import PortalConfig, dvcqg_config
from chinhquyenso.dvcqg.models import OutboxItem, OutboxKind, OutboxStatus, SentVia

MAX_RETRY_DELAY = timedelta(hours=6)


@dataclass
class FailedItem:
    item_id: int
    dossier_code: str
    error: str


@dataclass
class SyncSummary:
    sent: int = 0  # created on the portal, or a process step accepted
    updated: int = 0  # the portal already had the dossier: updated instead
    retried: int = 0  # will be tried again after its back-off
    failed: int = 0  # given up: rejected by the portal, or out of attempts
    failures: list[FailedItem] = field(default_factory=list)

    @property
    def processed(self) -> int:
        return self.sent + self.updated + self.retried + self.failed

    def as_dict(self) -> dict:
        return {"sent": self.sent, "updated": self.updated, "retried": self.retried, "failed": self.failed}


class PortalRefusedToken(Exception):
    """The portal answered 401/403: the token is wrong for every item, so the run stops and nothing is marked."""

    def __init__(self, answer: PortalAnswer, summary: SyncSummary):
        self.answer = answer
        self.summary = summary
        super().__init__(answer.describe())


def retry_delay(config: PortalConfig, attempts: int) -> timedelta:
    """Exponential back-off: base, 2×base, 4×base … after the 1st, 2nd, 3rd failed attempt, at most 6 hours."""
    seconds = config.retry_base_seconds * 2 ** (attempts - 1)
    return min(timedelta(seconds=seconds), MAX_RETRY_DELAY)


def _claim_next(run_started_at: datetime) -> OutboxItem | None:
    earlier_pending = OutboxItem.objects.filter(
        dossier_code=OuterRef("dossier_code"), status=OutboxStatus.PENDING, id__lt=OuterRef("id")
    )
    return (
        OutboxItem.objects.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=run_started_at)
        .filter(~Exists(earlier_pending))
        .order_by("id")
        .select_for_update(skip_locked=True, of=("self",))
        .first()
    )


def _push(client: PortalClient, item: OutboxItem) -> tuple[str, PortalAnswer]:
    if item.kind == OutboxKind.HISTORY:
        return SentVia.HISTORY, client.send_history(item.payload)
    answer = client.create_dossier(item.payload)
    if answer.verdict is Verdict.EXISTS:
        return SentVia.UPDATE, client.update_dossier(item.payload)
    return SentVia.CREATE, answer


def _record(item: OutboxItem, via: str, answer: PortalAnswer, config: PortalConfig, summary: SyncSummary) -> None:
    now = timezone.now()
    item.attempts += 1
    if answer.verdict is Verdict.OK:
        item.status = OutboxStatus.SENT
        item.sent_at = now
        item.sent_via = via
        item.last_error = ""
        if via == SentVia.UPDATE:
            summary.updated += 1
        else:
            summary.sent += 1
    elif answer.verdict is Verdict.RETRY and item.attempts < config.max_attempts:
        item.next_attempt_at = now + retry_delay(config, item.attempts)
        item.last_error = answer.describe()
        summary.retried += 1
    else:
        item.status = OutboxStatus.FAILED
        item.last_error = answer.describe()
        if answer.verdict is Verdict.RETRY:
            item.last_error += f" (gave up after {item.attempts} attempts)"
        summary.failed += 1
        summary.failures.append(FailedItem(item.pk, item.dossier_code, item.last_error))
    item.save(
        update_fields=["attempts", "status", "sent_at", "sent_via", "last_error", "next_attempt_at", "updated_at"]
    )


def _audit(summary: SyncSummary, refused: PortalAnswer | None) -> None:
    if not summary.processed and refused is None:
        return
    details = summary.as_dict()
    if refused is not None:
        details["refused"] = refused.describe()
    with transaction.atomic():
        audit_record(actor=None, action="dvcqg.sync", object_type="dvcqg.outbox", summary=details)


def dvcqg_sync(*, limit: int | None = None, config: PortalConfig | None = None) -> SyncSummary:
    """Sends the pending items that are due, at most ``limit`` of them. Safe to run in several processes at once.

    Raises ConfigurationError before sending anything when the settings are incomplete, and PortalRefusedToken
    (carrying the summary so far) when the portal refuses the token.
    """
    config = config or dvcqg_config()
    client = PortalClient(config)
    summary = SyncSummary()
    # Only items due when the run started: an item put back for a retry is never taken twice in one run.
    run_started_at = timezone.now()
    refused = None
    try:
        while limit is None or summary.processed < limit:
            with transaction.atomic():
                item = _claim_next(run_started_at)
                if item is None:
                    break
                via, answer = _push(client, item)
                if answer.verdict is Verdict.AUTH:
                    refused = answer
                    break
                _record(item, via, answer, config, summary)
    finally:
        _audit(summary, refused)
    if refused is not None:
        raise PortalRefusedToken(refused, summary)
    return summary
