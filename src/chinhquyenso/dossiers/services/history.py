"""Appending to a dossier's history: one event per transition, audited and queued for the national portal."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from chinhquyenso.core.services.audit import AuditEntry, audit_into
from chinhquyenso.core.write_batch import WriteBatch
from chinhquyenso.dossiers.deadlines import step_due
from chinhquyenso.dossiers.models import Dossier, DossierEvent
from chinhquyenso.dossiers.notify import notify_state_change
from chinhquyenso.dossiers.sync import queue_for_portal


@dataclass(frozen=True)
class Happened:
    """One step of a dossier's history, before it is written."""

    action: str
    from_state: str
    to_state: str
    content: str = ""
    data: dict = field(default_factory=dict)
    on_step: bool = True  # False: it happened before the dossier had a step plan (its arrival)


def record_event(
    dossier: Dossier,
    *,
    actor,
    action: str,
    from_state: str,
    at: datetime,
    content: str = "",
    data: dict | None = None,
) -> DossierEvent:
    """Appends what just happened to an existing dossier (now in ``dossier.state``)."""
    last = dossier.events.order_by("-seq").values_list("seq", flat=True).first() or 0
    happened = Happened(action, from_state, dossier.state, content, data or {})
    return _append(dossier, actor=actor, at=at, happened=[happened], first_seq=last + 1)[0]


def record_arrival(
    batch: WriteBatch, dossier: Dossier, *, actor, at: datetime, happened: list[Happened]
) -> list[DossierEvent]:
    """Queues the first events of a dossier created in this transaction into the caller's ``batch``."""
    return _append(dossier, actor=actor, at=at, happened=happened, first_seq=1, batch=batch)


def _append(
    dossier: Dossier,
    *,
    actor,
    at: datetime,
    happened: list[Happened],
    first_seq: int,
    batch: WriteBatch | None = None,
) -> list[DossierEvent]:
    """The events, their audit rows and the portal's outbox rows, sent as one statement."""
    own_batch = batch is None
    batch = WriteBatch() if own_batch else batch
    plan = dossier.step_plan or []
    index = dossier.current_step
    step = plan[index]["name"] if index < len(plan) else ""
    due = step_due(plan, index)
    actor_id = getattr(actor, "pk", None)
    actor_name = getattr(actor, "full_name", "") or getattr(actor, "username", "")
    agency_id = getattr(actor, "agency_id", None) or dossier.agency_id
    events = [
        DossierEvent(
            dossier=dossier,
            seq=first_seq + offset,
            action=h.action,
            from_state=h.from_state,
            to_state=h.to_state,
            actor_id=actor_id,
            actor_name=actor_name,
            agency_id=agency_id,
            occurred_at=at,
            step_name=step if h.on_step else "",
            step_due_at=due if h.on_step else None,
            content=h.content,
            data=h.data,
        )
        for offset, h in enumerate(happened)
    ]
    batch.insert(events)
    audit_into(
        batch,
        actor=actor,
        entries=[
            AuditEntry(
                f"dossier.{e.action}",
                obj=dossier,
                summary={"code": dossier.code, "from": e.from_state, "to": e.to_state, "seq": e.seq},
            )
            for e in events
        ],
    )
    queue_for_portal(batch, dossier, events, new_dossier=first_seq == 1)
    for h in happened:
        notify_state_change(dossier, action=h.action, from_state=h.from_state, data=h.data, batch=batch)
    if own_batch:
        batch.execute()
    return events
