"""Deadlines of administrative procedures: due instants, elapsed working time and pauses.

Pure functions over a ``WorkingCalendar``; no database, no Django. Rules shared by every function:

* Inputs are aware datetimes in any zone, or naive datetimes read as Vietnam local time. Outputs are aware
  datetimes in ``VN_TZ`` (``ZoneInfo("Asia/Ho_Chi_Minh")``).
* Resolution is the minute: an instant with seconds counts from the next whole minute (10:00:30 -> 10:01).
* An instant outside working time counts from the next session start (12:10 -> 13:30, Friday 18:00 -> 07:30 of
  the next working day).
* A deadline that falls exactly on a session boundary is the end of the session just worked (Monday 07:30 plus
  one working day is Monday 17:30, not Tuesday 07:30). Adding nothing returns the normalised start.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from chinhquyenso.workcal.calendar import VN_TZ, CalendarRangeError, WorkcalError, WorkingCalendar

DEFAULT_SAME_DAY_CUTOFF = time(15, 0)
_DEFAULT_CUTOFF_US = 15 * 3600 * 1_000_000
# The calendar starts after 1975, since when Vietnam is UTC+07:00 with no DST: UTC values (what the ORM
# returns) convert by a plain shift, several times faster than astimezone().
_UTC_TO_VN = timedelta(hours=7)


class LimitUnit(StrEnum):
    WORKING_DAYS = "working-days"
    WORKING_HOURS = "working-hours"
    CALENDAR_DAYS = "calendar-days"
    SAME_DAY = "same-day"


class InvalidLimit(WorkcalError):
    """A processing-time limit the engine cannot count: negative, not a number, or not of the unit's grain."""


class UnknownLimitUnit(InvalidLimit):
    pass


def _out_of_range(cal: WorkingCalendar, what: object) -> CalendarRangeError:
    return CalendarRangeError(
        f"{what} is outside the working calendar {cal.version!r} ({cal.first_year}-{cal.last_year})"
    )


# The functions below read the calendar's tables directly and leave the upper bound checks to IndexError
# (caught and turned into CalendarRangeError): they run millions of times per batch.


def _position(cal: WorkingCalendar, dt: datetime) -> int:
    """Working minutes from the calendar's first working day to ``dt`` (rounded up to the minute)."""
    tz = dt.tzinfo
    if tz is not VN_TZ and tz is not None:
        dt = dt + _UTC_TO_VN if tz is UTC else dt.astimezone(VN_TZ)
    i = dt.toordinal() - cal._ord0
    m = dt.hour * 60 + dt.minute
    if dt.second or dt.microsecond:
        m += 1
    try:
        if i >= 0:
            return cal._base[i] + cal._into[i][m]
    except IndexError:
        pass
    raise _out_of_range(cal, f"local date {dt.date()}")


def _start_at(cal: WorkingCalendar, pos: int) -> datetime:
    """The instant at working position ``pos``, taking a session boundary as the next session's start."""
    mpd = cal.minutes_per_day
    k = pos // mpd
    try:
        return cal._wmid[k] + cal._start_td[pos - k * mpd]
    except IndexError:
        raise _out_of_range(cal, "the next working session") from None


def _end_at(cal: WorkingCalendar, pos: int) -> datetime:
    """The instant at working position ``pos`` > 0, taking a session boundary as the end of the session."""
    mpd = cal.minutes_per_day
    k = (pos - 1) // mpd  # a whole number of days ends at the end of the previous working day
    try:
        return cal._wmid[k] + cal._end_td[pos - k * mpd]
    except IndexError:
        raise _out_of_range(cal, "the deadline") from None


def _check_number(limit) -> None:
    if isinstance(limit, bool) or not isinstance(limit, int | float | Decimal | Fraction):
        raise InvalidLimit(f"a limit must be a number, not {limit!r}")
    if not math.isfinite(limit):
        raise InvalidLimit(f"a limit must be finite, not {limit!r}")
    if limit < 0:
        raise InvalidLimit(f"a limit cannot be negative ({limit!r})")


def working_day_minutes(cal: WorkingCalendar, days) -> int:
    """Working minutes in ``days`` working days (a multiple of 0.5); an odd half-day rounds up a minute."""
    if type(days) is int and days >= 0:
        return days * cal.minutes_per_day
    if type(days) is float and days >= 0 and (days * 2).is_integer():
        return (int(days * 2) * cal.minutes_per_day + 1) // 2
    _check_number(days)
    halves = round(days * 2)
    if abs(days * 2 - halves) > 1e-9:
        raise InvalidLimit(f"a limit in working days must be a multiple of 0.5, not {days!r}")
    return (halves * cal.minutes_per_day + 1) // 2


def working_hour_minutes(hours) -> int:
    """Working minutes in ``hours`` working hours, which must come to a whole number of minutes."""
    if type(hours) is int and hours >= 0:
        return hours * 60
    _check_number(hours)
    minutes = round(hours * 60)
    if abs(hours * 60 - minutes) > 1e-6:  # tolerate float noise such as 0.1 * 60
        raise InvalidLimit(f"a limit in working hours must be a whole number of minutes, not {hours!r}")
    return minutes


def _calendar_days(days) -> int:
    if type(days) is int and days >= 0:
        return days
    _check_number(days)
    if days != int(days):
        raise InvalidLimit(f"a limit in calendar days must be a whole number, not {days!r}")
    return int(days)


def _cutoff_us(cal: WorkingCalendar, cutoff: time) -> int:
    if not isinstance(cutoff, time) or cutoff.tzinfo is not None:
        raise InvalidLimit(f"the same-day cut-off must be a naive datetime.time, not {cutoff!r}")
    us = ((cutoff.hour * 60 + cutoff.minute) * 60 + cutoff.second) * 1_000_000 + cutoff.microsecond
    if us > cal._day_end_min * 60_000_000:  # a later cut-off would give deadlines before the receipt
        raise InvalidLimit(f"the same-day cut-off {cutoff} is after the end of the working day {cal.day_end}")
    return us


def due_at(
    calendar: WorkingCalendar,
    received: datetime,
    limit: int | float | Decimal | Fraction,
    unit: LimitUnit | str,
    *,
    same_day_cutoff: time = DEFAULT_SAME_DAY_CUTOFF,
) -> datetime:
    """The deadline of a case received at ``received`` with a processing limit of ``limit`` ``unit``.

    * working-days / working-hours: the earliest instant at which that much working time has passed.
    * calendar-days: the normalised receipt plus ``limit`` days, moved to the next working day (same clock
      time) if it lands on a day off.
    * same-day: the end of the working day if received on a working day before ``same_day_cutoff``, else the
      end of the next working day; ``limit`` is ignored (conventionally 0).
    """
    # One flat function with no helper calls on the common paths: it runs millions of times per batch.
    if unit == "working-days":
        if type(limit) is int and limit >= 0:
            minutes = limit * calendar.minutes_per_day
        else:
            minutes = working_day_minutes(calendar, limit)
    elif unit == "working-hours":
        minutes = limit * 60 if type(limit) is int and limit >= 0 else working_hour_minutes(limit)
    elif unit == "calendar-days":
        minutes = -1
        if not (type(limit) is int and limit >= 0):
            limit = _calendar_days(limit)
    elif unit == "same-day":
        minutes = -2
        if not (type(limit) is int and limit >= 0):
            _check_number(limit)
    else:
        allowed = ", ".join(repr(u.value) for u in LimitUnit)
        raise UnknownLimitUnit(f"unknown limit unit {unit!r}; expected one of {allowed}")

    tz = received.tzinfo
    if tz is not VN_TZ and tz is not None:
        received = received + _UTC_TO_VN if tz is UTC else received.astimezone(VN_TZ)
    i = received.toordinal() - calendar._ord0
    if i < 0:
        raise _out_of_range(calendar, "the receipt")
    mpd = calendar.minutes_per_day
    try:
        if minutes == -2:
            cutoff_us = (
                _DEFAULT_CUTOFF_US
                if same_day_cutoff is DEFAULT_SAME_DAY_CUTOFF and calendar._day_end_min >= 900
                else _cutoff_us(calendar, same_day_cutoff)
            )
            at_us = ((received.hour * 60 + received.minute) * 60 + received.second) * 1_000_000 + received.microsecond
            # _cum[i] is the index of the first working day on or after day i.
            k = calendar._cum[i] if calendar._isw[i] and at_us < cutoff_us else calendar._cum[i + 1]
            return calendar._wmid[k] + calendar._day_end_td

        m = received.hour * 60 + received.minute
        if received.second or received.microsecond:
            m += 1
        pos = calendar._base[i] + calendar._into[i][m]
        if minutes > 0:
            pos += minutes
            k = (pos - 1) // mpd  # a whole number of days ends at the end of the previous working day
            return calendar._wmid[k] + calendar._end_td[pos - k * mpd]
        k = pos // mpd
        if minutes == 0:
            return calendar._wmid[k] + calendar._start_td[pos - k * mpd]
        # Calendar days: same clock time ``limit`` days after the counted start, on a working day.
        landing = calendar._cum[calendar._widx[k] + limit]
        return calendar._wmid[landing] + calendar._start_td[pos - k * mpd]
    except IndexError:
        raise _out_of_range(calendar, "the receipt or the deadline") from None


def add_working_minutes(calendar: WorkingCalendar, start: datetime, minutes: int) -> datetime:
    """The instant ``minutes`` working minutes after ``start`` (the normalised ``start`` when 0)."""
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 0:
        raise InvalidLimit(f"working minutes must be a non-negative int, not {minutes!r}")
    pos = _position(calendar, start)
    if minutes:
        return _end_at(calendar, pos + minutes)
    return _start_at(calendar, pos)


def working_minutes_between(calendar: WorkingCalendar, start: datetime, end: datetime) -> int:
    """Working minutes from ``start`` to ``end`` (both rounded up to the minute); 0 if ``end <= start``."""
    return max(0, _position(calendar, end) - _position(calendar, start))


def as_local(dt: datetime) -> datetime:
    """``dt`` as an aware datetime in ``VN_TZ``; a naive ``dt`` is taken as Vietnam local time."""
    return dt.astimezone(VN_TZ) if dt.tzinfo is not None else dt.replace(tzinfo=VN_TZ)


def normalised_start(calendar: WorkingCalendar, received: datetime) -> datetime:
    """The instant from which a case received at ``received`` starts counting working time."""
    return _start_at(calendar, _position(calendar, received))


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
    return _end_at(calendar, _position(calendar, due) + paused)


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
