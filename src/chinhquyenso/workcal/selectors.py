"""Deadline reads for other apps: the due instant together with the calendar version it was computed under."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from chinhquyenso.workcal.engine import DEFAULT_SAME_DAY_CUTOFF, due_at
from chinhquyenso.workcal.explain import Explanation, explain
from chinhquyenso.workcal.store import calendar_at, calendar_for


@dataclass(frozen=True)
class ComputedDeadline:
    due_at: datetime
    calendar_version: str  # store it with the deadline; calendar_at(version) recomputes it


def deadline_compute(
    *, agency_id: int | None, received: datetime, limit, unit: str, same_day_cutoff: time = DEFAULT_SAME_DAY_CUTOFF
) -> ComputedDeadline:
    calendar = calendar_for(agency_id)
    return ComputedDeadline(due_at(calendar, received, limit, unit, same_day_cutoff=same_day_cutoff), calendar.version)


def deadline_explain(
    *,
    agency_id: int | None,
    received: datetime,
    limit,
    unit: str,
    same_day_cutoff: time = DEFAULT_SAME_DAY_CUTOFF,
    calendar_version: str | None = None,
) -> tuple[Explanation, str]:
    calendar = calendar_at(calendar_version) if calendar_version else calendar_for(agency_id)
    return explain(calendar, received, limit, unit, same_day_cutoff=same_day_cutoff), calendar.version
