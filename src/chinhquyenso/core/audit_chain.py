"""Hashing of audit rows: the canonical content of a row and the check of a whole chain."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC

from django.core.serializers.json import DjangoJSONEncoder

GENESIS_HASH = "0" * 64


def normalise_summary(summary: dict) -> dict:
    # Round-trip through JSON so what is hashed is exactly what the database gives back.
    return json.loads(json.dumps(summary, cls=DjangoJSONEncoder, ensure_ascii=False))


def entry_hash(
    *, seq, occurred_at, actor_id, actor_label, action, object_type, object_id, summary, ip, previous_hash
) -> str:
    content = {
        "seq": seq,
        "occurred_at": occurred_at.isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "actor_label": actor_label,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "summary": summary,
        "ip": ip,
        "previous_hash": previous_hash,
    }
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    reason: str


def find_chain_break(rows) -> ChainBreak | None:
    """Walks rows in sequence order; returns the first row that does not fit, or None if all do."""
    expected_previous = GENESIS_HASH
    expected_seq = 1
    for row in rows:
        if row.seq != expected_seq:
            return ChainBreak(expected_seq, f"row #{expected_seq} is missing (next row is #{row.seq})")
        if row.previous_hash != expected_previous:
            return ChainBreak(row.seq, "previous-hash link does not match the row before")
        recomputed = entry_hash(
            seq=row.seq,
            occurred_at=row.occurred_at.astimezone(UTC),
            actor_id=row.actor_id,
            actor_label=row.actor_label,
            action=row.action,
            object_type=row.object_type,
            object_id=row.object_id,
            summary=row.summary,
            ip=row.ip,
            previous_hash=row.previous_hash,
        )
        if recomputed != row.entry_hash:
            return ChainBreak(row.seq, "content does not match its hash (the row was edited)")
        expected_previous = row.entry_hash
        expected_seq += 1
    return None
