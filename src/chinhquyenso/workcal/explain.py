"""Why a deadline falls where it does: the counted start and the days off skipped on the way."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from fractions import Fraction

from chinhquyenso.workcal.calendar import WEEKDAY_NAMES, WorkingCalendar
from chinhquyenso.workcal.engine import (
    DEFAULT_SAME_DAY_CUTOFF,
    LimitUnit,
    as_local,
    due_at,
    normalised_start,
    working_minutes_between,
)


@dataclass(frozen=True, slots=True)
class SkippedDay:
    date: date
    reason: str  # the holiday's name, or "Saturday" / "Sunday" (any rest weekday's English name)
    kind: str  # "holiday" or "rest_day"


@dataclass(frozen=True, slots=True)
class Explanation:
    received: datetime  # local receipt instant
    start: datetime  # the instant the count starts from
    due: datetime
    unit: LimitUnit
    limit: int | float | Decimal | Fraction
    working_minutes: int  # working minutes from start to due
    skipped: tuple[SkippedDay, ...]  # days off skipped between the receipt and the deadline, in order


def _days_off(calendar: WorkingCalendar, first: date, last: date) -> list[SkippedDay]:
    """Non-working days from ``first`` to ``last`` inclusive."""
    out = []
    for ordinal in range(first.toordinal(), last.toordinal() + 1):
        d = date.fromordinal(ordinal)
        if not calendar.is_working_day(d):
            name = calendar.holiday_names.get(d)
            out.append(SkippedDay(d, name or WEEKDAY_NAMES[d.weekday()], "holiday" if name else "rest_day"))
    return out


def explain(
    calendar: WorkingCalendar,
    received: datetime,
    limit: int | float | Decimal | Fraction,
    unit: LimitUnit | str,
    *,
    same_day_cutoff: time = DEFAULT_SAME_DAY_CUTOFF,
) -> Explanation:
    """``due_at`` with its reasons. For calendar days the days off in the middle count (they are not skipped);
    only those before the counted start and those the deadline is pushed over are listed."""
    due = due_at(calendar, received, limit, unit, same_day_cutoff=same_day_cutoff)
    unit = LimitUnit(unit)
    local = as_local(received)
    start = normalised_start(calendar, local)
    if unit is LimitUnit.CALENDAR_DAYS:
        skipped = [d for d in _days_off(calendar, local.date(), start.date()) if d.date < start.date()]
        landing = date.fromordinal(start.toordinal() + int(limit))
        skipped += _days_off(calendar, max(landing, start.date()), due.date())
    else:
        skipped = _days_off(calendar, local.date(), due.date())
    return Explanation(
        received=local,
        start=start,
        due=due,
        unit=unit,
        limit=limit,
        working_minutes=working_minutes_between(calendar, start, due),
        skipped=tuple(skipped),
    )
