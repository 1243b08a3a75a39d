"""Deadlines of administrative procedures: due instants, elapsed working time and pauses.

Pure functions over a ``WorkingCalendar``; no database, no Django. Rules shared by every function:

* Inputs are aware datetimes in any zone, or naive datetimes read as Vietnam local time. Outputs are aware
  datetimes in ``VN_TZ`` (``ZoneInfo("Asia/Ho_Chi_Minh")``).
* Resolution is the minute: an instant with seconds counts from the next whole minute (10:00:30 -> 10:01).
* An instant outside working time counts from the next session start (12:10 -> 13:30, Friday 18:00 -> 07:30 of
  the next working day).
* A deadline that falls exactly on a session boundary is the end of the session just worked (Monday 07:30 plus
  one working day is Monday 17:30, not Tuesday 07:30). Adding nothing returns the normalised start.

``due_at`` and the position arithmetic live in ``daytables.py`` (compiled by mypyc when built) and are
re-exported here: import them from this module.
"""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal
from fractions import Fraction

from chinhquyenso.workcal.calendar import VN_TZ, WorkcalError, WorkingCalendar
from chinhquyenso.workcal.daytables import (
    DEFAULT_SAME_DAY_CUTOFF,
    IMPLEMENTATION,
    LimitUnit,
    due_at,
    end_at,
    position,
    start_at,
)
from chinhquyenso.workcal.errors import InvalidCutoff, InvalidLimit, UnknownLimitUnit

__all__ = [
    "DEFAULT_SAME_DAY_CUTOFF",
    "IMPLEMENTATION",
    "InvalidCutoff",
    "InvalidLimit",
    "LimitUnit",
    "UnknownLimitUnit",
    "add_working_minutes",
    "as_local",
    "due_at",
    "normalised_start",
    "restart_after_supplement",
    "resume_after_pause",
    "working_minutes_between",
]


def add_working_minutes(calendar: WorkingCalendar, start: datetime, minutes: int) -> datetime:
    """The instant ``minutes`` working minutes after ``start`` (the normalised ``start`` when 0)."""
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 0:
        raise InvalidLimit(f"working minutes must be a non-negative int, not {minutes!r}")
    tables = calendar._tables
    pos = position(tables, start)
    if minutes:
        return end_at(tables, pos + minutes)
    return start_at(tables, pos)


def working_minutes_between(calendar: WorkingCalendar, start: datetime, end: datetime) -> int:
    """Working minutes from ``start`` to ``end`` (both rounded up to the minute); 0 if ``end <= start``."""
    tables = calendar._tables
    return max(0, position(tables, end) - position(tables, start))


def as_local(dt: datetime) -> datetime:
    """``dt`` as an aware datetime in ``VN_TZ``; a naive ``dt`` is taken as Vietnam local time."""
    return dt.astimezone(VN_TZ) if dt.tzinfo is not None else dt.replace(tzinfo=VN_TZ)


def normalised_start(calendar: WorkingCalendar, received: datetime) -> datetime:
    """The instant from which a case received at ``received`` starts counting working time."""
    tables = calendar._tables
    return start_at(tables, position(tables, received))


def resume_after_pause(
    calendar: WorkingCalendar,
    due: datetime,
    paused_at: datetime,
    resumed_at: datetime,
) -> datetime:
    """The deadline after a pause ("pause" rule): ``due`` pushed back by the working time the pause lasted.

    Days off inside the pause cost nothing; a pause entirely outside working time leaves ``due`` unchanged.
    """
    if as_local(resumed_at) < as_local(paused_at):
        raise WorkcalError(f"a pause cannot end ({resumed_at}) before it starts ({paused_at})")
    paused = working_minutes_between(calendar, paused_at, resumed_at)
    if not paused:
        return as_local(due)
    tables = calendar._tables
    return end_at(tables, position(tables, due) + paused)


def restart_after_supplement(
    calendar: WorkingCalendar,
    resumed_at: datetime,
    limit: int | float | Decimal | Fraction,
    unit: LimitUnit | str,
    *,
    same_day_cutoff: time = DEFAULT_SAME_DAY_CUTOFF,
) -> datetime:
    """The deadline after a supplement under the "restart" rule: the full limit again from the supplement."""
    return due_at(calendar, resumed_at, limit, unit, same_day_cutoff=same_day_cutoff)
