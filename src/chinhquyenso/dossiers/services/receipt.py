"""What receiving a dossier sets: the due time, the step plan and the 15:00 hand-over deadline."""

from __future__ import annotations

from datetime import datetime, time

from chinhquyenso.dossiers.deadlines import compute_due, step_plan, transfer_due
from chinhquyenso.dossiers.states import Channel, DossierState
from chinhquyenso.workcal.engine import WorkingCalendar
from chinhquyenso.workcal.store import calendar_for

# Decree 61 Art. 18: paper dossiers received from 15:00 move to the resolving unit the next working day.
TRANSFER_CUTOFF = time(15, 0)


def apply_receipt(dossier, *, actor, at: datetime, calendar: WorkingCalendar | None = None) -> None:
    """``calendar``: the agency's current calendar when the caller has it already."""
    calendar = calendar or calendar_for(dossier.agency_id, agency_known=True)  # a dossier's agency exists
    due = compute_due(calendar, dossier, at)
    dossier.state = DossierState.RECEIVED
    dossier.received_at = at
    dossier.received_by = actor if getattr(actor, "pk", None) and actor.kind == "staff" else None
    dossier.due_at = due
    dossier.calendar_version = calendar.version
    dossier.step_plan = step_plan(calendar, dossier.procedure_version.steps.all(), at, due)
    # Step 0 is the intake itself; the next one is the hand-over to the resolving unit.
    dossier.current_step = 1 if len(dossier.step_plan) > 1 else 0
    if dossier.channel != Channel.ONLINE:
        dossier.transfer_due_at = transfer_due(calendar, at, TRANSFER_CUTOFF)
    dossier.version += 1
