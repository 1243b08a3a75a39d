"""Enqueueing for the portal: called by the dossiers app inside its own transaction, on its own connection.

The outbox row commits or rolls back with the state change it reports, so the portal never hears of a change that
did not happen and never misses one that did. Sending is ``sync.dvcqg_sync``.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from chinhquyenso.core.services.audit import audit_record
from chinhquyenso.core.write_batch import WriteBatch
from chinhquyenso.dvcqg.models import OutboxItem, OutboxKind, OutboxStatus
from chinhquyenso.dvcqg.payload import dossier_payload, history_payload
from chinhquyenso.dvcqg.snapshots import DossierSnapshot, HistoryStep


def _key(*parts) -> str:
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _require_callers_transaction(name: str) -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(f"{name} must run inside the transaction of the change it reports")


def _insert(row: OutboxItem) -> OutboxItem:
    try:
        with transaction.atomic():  # a savepoint: a duplicate must not spoil the caller's transaction
            row.save(force_insert=True)
            return row
    except IntegrityError:
        # A concurrent caller queued the same state first (the unique key waited for it to commit).
        existing = OutboxItem.objects.filter(idempotency_key=row.idempotency_key).first()
        if existing is None:
            raise
        return existing


def _latest_dossier_item(code: str) -> OutboxItem | None:
    return OutboxItem.objects.filter(kind=OutboxKind.DOSSIER, dossier_code=code).order_by("-id").first()


def _dossier_row(snapshot: DossierSnapshot, latest: OutboxItem | None) -> OutboxItem | None:
    """The outbox row for the dossier's state, or None when it repeats the latest one queued."""
    payload = dossier_payload(snapshot, send_waiting_as_resolved=settings.DVCQG_STATUS_5_6_8_AS_9)
    if latest is not None and latest.payload == payload:
        return None
    return OutboxItem(
        kind=OutboxKind.DOSSIER,
        dossier_code=snapshot.code,
        payload=payload,
        idempotency_key=_key(OutboxKind.DOSSIER, snapshot.code, latest.pk if latest else 0, payload),
        received_at=snapshot.received_at,
    )


def _history_row(step: HistoryStep) -> OutboxItem:
    payload = history_payload(step, send_waiting_as_resolved=settings.DVCQG_STATUS_5_6_8_AS_9)
    return OutboxItem(
        kind=OutboxKind.HISTORY,
        dossier_code=step.dossier_code,
        payload=payload,
        idempotency_key=_key(OutboxKind.HISTORY, step.dossier_code, payload),
    )


def dvcqg_enqueue_dossier(*, snapshot: DossierSnapshot) -> OutboxItem:
    """Queues the dossier's current state for create-or-update on the portal.

    Queuing the state that is already the latest queued one for this dossier is a no-op and returns that item.
    A state that returns to an earlier one (A → B → A) is queued again, since the portal then holds B.
    """
    _require_callers_transaction("dvcqg_enqueue_dossier")
    latest = _latest_dossier_item(snapshot.code)
    row = _dossier_row(snapshot, latest)
    if row is None:
        return latest
    return _insert(row)


def dvcqg_enqueue_history(*, step: HistoryStep) -> OutboxItem:
    """Queues one process step. The same step queued twice (same content) is a no-op and returns the first item.

    Steps of a dossier are sent after the dossier items queued before them, so queue the dossier first.
    """
    _require_callers_transaction("dvcqg_enqueue_history")
    row = _history_row(step)
    existing = OutboxItem.objects.filter(idempotency_key=row.idempotency_key).first()
    if existing is not None:
        return existing
    return _insert(row)


def dvcqg_enqueue_changes(
    batch: WriteBatch, *, snapshot: DossierSnapshot, steps: list[HistoryStep], new_dossier: bool = False
) -> None:
    """Queues the dossier's state and then its new steps into the caller's ``batch``, skipping rows already
    queued. The hot path of every transition. ``new_dossier``: nothing was ever queued for this dossier, which
    saves looking up the latest item.
    """
    _require_callers_transaction("dvcqg_enqueue_changes")
    row = _dossier_row(snapshot, None if new_dossier else _latest_dossier_item(snapshot.code))
    rows = ([row] if row is not None else []) + [_history_row(step) for step in steps]
    # ON CONFLICT DO NOTHING: a duplicate (same idempotency key) is already queued, in this or another transaction.
    batch.insert(rows, ignore_conflicts=True)


def dvcqg_requeue_failed(*, actor) -> int:
    """Puts failed items back in the queue with fresh attempts, e.g. after the portal or the token was fixed.

    A failed dossier state that a later state of the same dossier has superseded stays failed: sending it now
    would overwrite the newer state on the portal. Returns how many items were requeued.
    """
    with transaction.atomic():
        later_state = OutboxItem.objects.filter(
            kind=OutboxKind.DOSSIER, dossier_code=OuterRef("dossier_code"), id__gt=OuterRef("id")
        )
        items = OutboxItem.objects.select_for_update().filter(status=OutboxStatus.FAILED)
        items = items.exclude(Q(kind=OutboxKind.DOSSIER) & Q(Exists(later_state)))
        ids = list(items.values_list("id", flat=True))
        OutboxItem.objects.filter(id__in=ids).update(
            status=OutboxStatus.PENDING, attempts=0, next_attempt_at=timezone.now(), updated_at=timezone.now()
        )
        if ids:
            audit_record(
                actor=actor, action="dvcqg.requeue_failed", object_type="dvcqg.outbox", summary={"items": len(ids)}
            )
    return len(ids)
