"""The audit write path: every service calls ``audit_record`` inside its own transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import IntegrityError, connection, transaction

from chinhquyenso.core.audit_chain import ChainBreak, entry_hash, find_chain_break, normalise_summary
from chinhquyenso.core.models import AuditChainHead, AuditEvent
from chinhquyenso.core.prepared import prepared_cursor
from chinhquyenso.core.request_context import client_ip
from chinhquyenso.core.write_batch import WriteBatch


def _locked_head() -> AuditChainHead:
    # The head row serialises appenders so sequence numbers and hash links never fork. Plain SQL: this runs in
    # every write of the platform.
    table = AuditChainHead._meta.db_table
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""  # SQLite locks the whole file
    for _attempt in range(2):
        with prepared_cursor() as cursor:
            cursor.execute(f"SELECT seq, last_hash FROM {table} WHERE id = 1{lock}")  # noqa: S608 - our table
            row = cursor.fetchone()
        if row is not None:
            return AuditChainHead(id=1, seq=row[0], last_hash=row[1])
        try:
            with transaction.atomic():
                AuditChainHead.objects.create(id=1)
        except IntegrityError:
            pass  # another writer created it first
    raise RuntimeError("the audit chain head row cannot be created")


@dataclass(frozen=True)
class AuditEntry:
    action: str
    obj: object = None
    object_type: str = ""
    object_id: str = ""
    summary: dict | None = None


def audit_record(*, actor, action: str, obj=None, object_type: str = "", object_id: str = "", summary=None):
    """Appends one row to the chain. Must run inside the caller's transaction."""
    batch = WriteBatch()
    entry = AuditEntry(action, obj=obj, object_type=object_type, object_id=object_id, summary=summary)
    [row] = audit_into(batch, actor=actor, entries=[entry])
    batch.execute()
    return row


def audit_into(batch: WriteBatch, *, actor, entries: list[AuditEntry]) -> list[AuditEvent]:
    """Locks the chain head and queues the new rows and the head's advance into ``batch``, which the caller
    executes in the same transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must be called inside the write's transaction")
    actor_id = getattr(actor, "pk", None)
    actor_label = "" if actor is None else (getattr(actor, "username", "") or str(actor))
    ip = client_ip.get()
    head = _locked_head()
    rows = []
    for entry in entries:
        object_type, object_id = entry.object_type, entry.object_id
        if entry.obj is not None:
            object_type = object_type or entry.obj._meta.label_lower
            object_id = object_id or str(entry.obj.pk)
        summary = normalise_summary(entry.summary or {})
        seq = head.seq + 1
        occurred_at = datetime.now(UTC)
        digest = entry_hash(
            seq=seq,
            occurred_at=occurred_at,
            actor_id=actor_id,
            actor_label=actor_label,
            action=entry.action,
            object_type=object_type,
            object_id=object_id,
            summary=summary,
            ip=ip,
            previous_hash=head.last_hash,
        )
        rows.append(
            AuditEvent(
                seq=seq,
                occurred_at=occurred_at,
                actor_id=actor_id,
                actor_label=actor_label,
                action=entry.action,
                object_type=object_type,
                object_id=object_id,
                summary=summary,
                ip=ip,
                previous_hash=head.last_hash,
                entry_hash=digest,
            )
        )
        head.seq, head.last_hash = seq, digest
    batch.insert(rows)
    batch.update(AuditChainHead, head.pk, seq=head.seq, last_hash=head.last_hash)
    return rows


def audit_verify() -> ChainBreak | None:
    """Checks the whole chain, streaming rows; returns the first break or None."""
    rows = AuditEvent.objects.order_by("seq").iterator(chunk_size=2000)
    found = find_chain_break(rows)
    if found is not None:
        return found
    head = AuditChainHead.objects.filter(id=1).first()
    last = AuditEvent.objects.order_by("-seq").first()
    if head is not None and last is not None and head.seq != last.seq:
        return ChainBreak(last.seq + 1, f"the chain head expects {head.seq} rows; rows after #{last.seq} are missing")
    return None
