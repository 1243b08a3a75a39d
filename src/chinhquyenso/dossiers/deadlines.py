"""Every deadline of a dossier, computed by the working calendar of its receiving agency.

The due time, the step plan (one deadline per internal step, from the procedure's step budgets) and the
hand-over deadline of the 15:00 rule. The calendar version used is stored with the dossier, so a deadline can
be recomputed and explained later.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from chinhquyenso.workcal.calendar import WorkingCalendar
from chinhquyenso.workcal.engine import (
    DEFAULT_SAME_DAY_CUTOFF,
    add_working_minutes,
    as_local,
    due_at,
    normalised_start,
    restart_after_supplement,
    resume_after_pause,
)
from chinhquyenso.workcal.store import calendar_at, calendar_for


def calendar_of(dossier) -> WorkingCalendar:
    """The calendar the dossier's deadlines were computed under (its stored version), else the agency's now."""
    if dossier.calendar_version:
        return calendar_at(dossier.calendar_version)
    return calendar_for(dossier.agency_id)


def _limit(value: Decimal):
    return int(value) if value == value.to_integral_value() else value


def compute_due(calendar: WorkingCalendar, dossier, start: datetime) -> datetime:
    return due_at(
        calendar,
        start,
        _limit(dossier.time_limit),
        dossier.time_limit_unit,
        same_day_cutoff=dossier.same_day_cutoff or DEFAULT_SAME_DAY_CUTOFF,
    )


def restart_due(calendar: WorkingCalendar, dossier, resumed_at: datetime) -> datetime:
    return restart_after_supplement(
        calendar,
        resumed_at,
        _limit(dossier.time_limit),
        dossier.time_limit_unit,
        same_day_cutoff=dossier.same_day_cutoff or DEFAULT_SAME_DAY_CUTOFF,
    )


def step_plan(calendar: WorkingCalendar, steps, start: datetime, due: datetime) -> list[dict]:
    """One deadline per step: the running total of the step budgets (in working days) from ``start``.

    A plan never promises more than the dossier's own due time: the last steps are capped at it.
    """
    plan, minutes = [], 0
    for step in steps:
        minutes += int(Decimal(step.budget) * calendar.minutes_per_day)
        at = min(add_working_minutes(calendar, start, minutes), as_local(due))
        plan.append({"name": step.name, "role": step.role, "due_at": at.isoformat()})
    return plan


def shift_plan(calendar: WorkingCalendar, plan: list[dict], paused_at: datetime, resumed_at: datetime) -> list[dict]:
    """The plan after a pause: every step deadline pushed back by the working time of the pause."""
    return [
        {
            **step,
            "due_at": resume_after_pause(
                calendar, datetime.fromisoformat(step["due_at"]), paused_at, resumed_at
            ).isoformat(),
        }
        for step in plan
    ]


def transfer_due(calendar: WorkingCalendar, received: datetime, cutoff) -> datetime:
    """Paper dossiers move to the resolving unit the same working day, or at the start of the next one when
    received at or after 15:00 (Decree 61 Art. 18)."""
    local = as_local(received)
    if calendar.is_working_day(local.date()) and local.time() < cutoff:
        return due_at(calendar, local, 0, "same-day", same_day_cutoff=cutoff)
    next_day = local.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    return normalised_start(calendar, next_day)


def step_due(plan: list[dict], index: int) -> datetime | None:
    if 0 <= index < len(plan):
        return datetime.fromisoformat(plan[index]["due_at"])
    return None


def step_index_for(plan: list[dict], role: str, current: int) -> int:
    """The first step at or after ``current`` done by ``role`` (the current one if none matches)."""
    for i in range(current, len(plan)):
        if plan[i]["role"] == role:
            return i
    return current
