"""Appending to a dossier's history: one event per transition, audited and queued for the national portal."""

from __future__ import annotations

from datetime import datetime

from chinhquyenso.core.services.audit import audit_record
from chinhquyenso.dossiers.deadlines import step_due
from chinhquyenso.dossiers.models import Dossier, DossierEvent
from chinhquyenso.dossiers.notify import notify_state_change
from chinhquyenso.dossiers.sync import queue_for_portal


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
    last = dossier.events.order_by("-seq").values_list("seq", flat=True).first() or 0
    plan = dossier.step_plan or []
    step = plan[dossier.current_step]["name"] if dossier.current_step < len(plan) else ""
    event = DossierEvent.objects.create(
        dossier=dossier,
        seq=last + 1,
        action=action,
        from_state=from_state,
        to_state=dossier.state,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=getattr(actor, "full_name", "") or getattr(actor, "username", ""),
        agency_id=getattr(actor, "agency_id", None) or dossier.agency_id,
        occurred_at=at,
        step_name=step,
        step_due_at=step_due(plan, dossier.current_step),
        content=content,
        data=data or {},
    )
    audit_record(
        actor=actor,
        action=f"dossier.{action}",
        obj=dossier,
        summary={"code": dossier.code, "from": from_state, "to": dossier.state, "seq": event.seq},
    )
    queue_for_portal(dossier, event)
    notify_state_change(dossier, action=action, from_state=from_state, data=data)
    return event
