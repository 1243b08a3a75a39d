"""The hot path of every deadline: a calendar's per-day tables and the due-date arithmetic over them.

``WorkingCalendar`` (``calendar.py``) decides which days are working days; ``DayTables`` turns that into tables
that map a local instant to its *working-minute position* and back in constant time::

    position = base[day] + into[day][minute of day]        instant = wmid[k] + start_td[r] or end_td[r]

where ``k, r = divmod(position, minutes_per_day)``. An instant outside working time has the position of the next
session start, so adding N working minutes is an integer addition.

This module is compiled to C by mypyc when the package is built (``setup.py``; about 2.5x faster) and runs as
plain Python where it could not be compiled. ``chinhquyenso.workcal`` (``__init__.py``) picks the build and
``IMPLEMENTATION`` says which one runs. Keep it mypyc-friendly: annotated, one native class, no Django, and no
imports from the rest of the app but ``errors``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Final
from zoneinfo import ZoneInfo

from chinhquyenso.workcal.errors import CalendarRangeError, InvalidCutoff, InvalidLimit, UnknownLimitUnit

# Local Vietnam time: UTC+07:00 since 1975 with no DST, so whole days and minutes since a local midnight are
# plain timedelta arithmetic. It is the zone Django's ``localtime`` gives for the platform's TIME_ZONE.
VN_TZ: Final = ZoneInfo("Asia/Ho_Chi_Minh")
DEFAULT_SAME_DAY_CUTOFF: Final = time(15, 0)
_US_PER_MINUTE: Final = 60_000_000


class LimitUnit(StrEnum):
    WORKING_DAYS = "working-days"
    WORKING_HOURS = "working-hours"
    CALENDAR_DAYS = "calendar-days"
    SAME_DAY = "same-day"


class DayTables:
    """Immutable lookup tables over the days ``first`` .. ``first + len(working) - 1``.

    Day i is ``first + i days``; working day k is the k-th working day of the range (k from 0).

    is_working[i]  day i is a working day           cum[i]   working days before day i (ndays + 1 entries)
    base[i]        cum[i] * minutes_per_day         into[i]  minute of day (0..1440) -> working minutes elapsed
    widx[k]        day index of working day k       wmid[k]  aware local midnight of working day k
    start_td[r]    time of day at working offset r, a session boundary read as the next session's start
    end_td[r]      the same, a boundary read as the end of the session just worked (r > 0)
    """

    first_ordinal: int
    ndays: int
    nwork: int
    minutes_per_day: int
    day_end_minute: int
    default_cutoff_us: int  # the 15:00 cut-off in microseconds, or -1 when it is after the end of the day
    epoch: datetime
    label: str  # "the working calendar 'n3' (2024-2028)", for error messages
    is_working: tuple[bool, ...]
    cum: tuple[int, ...]
    base: tuple[int, ...]
    into: tuple[tuple[int, ...], ...]
    widx: tuple[int, ...]
    wmid: tuple[datetime, ...]
    start_td: tuple[timedelta, ...]
    end_td: tuple[timedelta, ...]
    day_end_td: timedelta

    def __init__(self, first: date, working: Sequence[bool], bounds: Sequence[tuple[int, int]], label: str) -> None:
        """``bounds``: the sessions of a working day as sorted, disjoint (start, end) minutes of the day."""
        mpd = 0
        for s, e in bounds:
            mpd += e - s
        cum: list[int] = []
        widx: list[int] = []
        wmid: list[datetime] = []
        ord0 = first.toordinal()
        for i, works in enumerate(working):
            cum.append(len(widx))  # == the index of the first working day on or after day i
            if works:
                widx.append(i)
                d = date.fromordinal(ord0 + i)
                wmid.append(datetime(d.year, d.month, d.day, tzinfo=VN_TZ))
        cum.append(len(widx))
        worked: list[int] = []
        for m in range(1441):
            elapsed = 0
            for s, e in bounds:
                elapsed += max(0, min(m, e) - s)
            worked.append(elapsed)
        into_working = tuple(worked)
        into_rest: tuple[int, ...] = tuple([0] * 1441)  # a day off sits at the start of the next working day
        # Results are built as midnight + timedelta: several times faster than calling the datetime constructor.
        start_td: list[timedelta] = []
        end_td: list[timedelta] = [timedelta(0)]  # never read: a deadline is at least one minute into a day
        for s, e in bounds:
            start_td.extend(timedelta(minutes=m) for m in range(s, e))
            end_td.extend(timedelta(minutes=m) for m in range(s + 1, e + 1))

        self.first_ordinal = ord0
        self.ndays = len(working)
        self.nwork = len(widx)
        self.minutes_per_day = mpd
        self.day_end_minute = bounds[-1][1]
        default_cutoff = _time_us(DEFAULT_SAME_DAY_CUTOFF)
        self.default_cutoff_us = default_cutoff if default_cutoff <= self.day_end_minute * _US_PER_MINUTE else -1
        self.epoch = datetime(first.year, first.month, first.day, tzinfo=VN_TZ)
        self.label = label
        self.is_working = tuple(working)
        self.cum = tuple(cum)
        self.base = tuple(c * mpd for c in cum)
        self.into = tuple(into_working if w else into_rest for w in working)
        self.widx = tuple(widx)
        self.wmid = tuple(wmid)
        self.start_td = tuple(start_td)
        self.end_td = tuple(end_td)
        self.day_end_td = timedelta(minutes=self.day_end_minute)

    def out_of_range(self, what: str) -> CalendarRangeError:
        return CalendarRangeError(f"{what} is outside {self.label}")


# --- limits -> working minutes ----------------------------------------------------------------------------


Number = int | float | Decimal | Fraction


def check_number(limit: object) -> Number:
    """``limit`` if it is a finite, non-negative int, float, Decimal or Fraction (not a bool); else InvalidLimit."""
    if isinstance(limit, bool) or not isinstance(limit, int | float | Decimal | Fraction):
        raise InvalidLimit(f"a limit must be a number, not {limit!r}")
    if not math.isfinite(limit):
        raise InvalidLimit(f"a limit must be finite, not {limit!r}")
    if limit < 0:
        raise InvalidLimit(f"a limit cannot be negative ({limit!r})")
    return limit


def working_day_minutes(minutes_per_day: int, days: object) -> int:
    """Working minutes in ``days`` working days (a multiple of 0.5); an odd half-day rounds up a minute."""
    if type(days) is int and days >= 0:
        return days * minutes_per_day
    if type(days) is float and days >= 0 and (days * 2).is_integer():
        return (int(days * 2) * minutes_per_day + 1) // 2
    doubled = check_number(days) * 2
    halves = round(doubled)
    if not -1e-9 <= doubled - halves <= 1e-9:
        raise InvalidLimit(f"a limit in working days must be a multiple of 0.5, not {days!r}")
    return (halves * minutes_per_day + 1) // 2


def working_hour_minutes(hours: object) -> int:
    """Working minutes in ``hours`` working hours, which must come to a whole number of minutes."""
    if type(hours) is int and hours >= 0:
        return hours * 60
    exact = check_number(hours) * 60
    minutes = round(exact)
    if not -1e-6 <= exact - minutes <= 1e-6:  # tolerate float noise such as 0.1 * 60
        raise InvalidLimit(f"a limit in working hours must be a whole number of minutes, not {hours!r}")
    return minutes


def calendar_day_count(days: object) -> int:
    if type(days) is int and days >= 0:
        return days
    number = check_number(days)
    whole = int(number)
    if number != whole:
        raise InvalidLimit(f"a limit in calendar days must be a whole number, not {days!r}")
    return whole


def _time_us(t: time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond


def cutoff_us(t: DayTables, cutoff: object) -> int:
    """The same-day cut-off in microseconds since midnight; InvalidLimit if it is after the end of the day."""
    if not isinstance(cutoff, time) or cutoff.tzinfo is not None:
        raise InvalidCutoff(f"the same-day cut-off must be a naive datetime.time, not {cutoff!r}")
    us = _time_us(cutoff)
    if us > t.day_end_minute * _US_PER_MINUTE:  # a later cut-off would give deadlines before the receipt
        day_end = time(*divmod(t.day_end_minute, 60))
        raise InvalidCutoff(f"the same-day cut-off {cutoff} is after the end of the working day {day_end}")
    return us


# --- instants <-> working-minute positions ----------------------------------------------------------------


def since_epoch(t: DayTables, instant: datetime) -> timedelta:
    """Local time elapsed from the calendar's first midnight; a naive ``instant`` is read as Vietnam time."""
    try:
        return instant - t.epoch  # any aware zone: the true elapsed time, and Vietnam has a fixed offset
    except TypeError:
        if instant.tzinfo is None:
            return instant.replace(tzinfo=VN_TZ) - t.epoch
        raise


def position(t: DayTables, instant: datetime) -> int:
    """Working minutes from the start of the calendar to ``instant`` (rounded up to the whole minute)."""
    since = since_epoch(t, instant)
    i = since.days
    s = since.seconds
    m = s // 60 + 1 if s % 60 or since.microseconds else s // 60
    if i >= 0:
        try:
            return t.base[i] + t.into[i][m]
        except IndexError:
            pass
    local = instant.astimezone(VN_TZ) if instant.tzinfo is not None else instant
    raise t.out_of_range(f"local date {local.date()}")


def start_at(t: DayTables, pos: int) -> datetime:
    """The instant at working position ``pos``, taking a session boundary as the next session's start."""
    mpd = t.minutes_per_day
    k = pos // mpd
    try:
        return t.wmid[k] + t.start_td[pos - k * mpd]
    except IndexError:
        raise t.out_of_range("the next working session") from None


def end_at(t: DayTables, pos: int) -> datetime:
    """The instant at working position ``pos`` > 0, taking a session boundary as the end of the session."""
    mpd = t.minutes_per_day
    k = (pos - 1) // mpd  # a whole number of days ends at the end of the previous working day
    try:
        return t.wmid[k] + t.end_td[pos - k * mpd]
    except IndexError:
        raise t.out_of_range("the deadline") from None


# --- the due date ---------------------------------------------------------------------------------------


def due_at(
    calendar: object,
    received: datetime,
    limit: object,
    unit: str,
    *,
    same_day_cutoff: time = DEFAULT_SAME_DAY_CUTOFF,
) -> datetime:
    """The deadline of a case received at ``received`` with a processing limit of ``limit`` ``unit``.

    ``calendar`` is a ``WorkingCalendar``; ``limit`` an int, float, Decimal or Fraction; ``unit`` a
    ``LimitUnit`` or its value.

    * working-days / working-hours: the earliest instant at which that much working time has passed.
    * calendar-days: the normalised receipt plus ``limit`` days, moved to the next working day (same clock
      time) if it lands on a day off.
    * same-day: the end of the working day if received on a working day before ``same_day_cutoff``, else the
      end of the next working day; ``limit`` is ignored (conventionally 0).
    """
    # One flat function: it runs millions of times per batch. The common limits (non-negative ints) are
    # converted inline; anything else goes through the checking helpers.
    t: DayTables = calendar._tables  # type: ignore[attr-defined]
    mpd = t.minutes_per_day
    days = 0
    if unit == "working-days":
        minutes = limit * mpd if type(limit) is int and limit >= 0 else working_day_minutes(mpd, limit)
    elif unit == "working-hours":
        minutes = limit * 60 if type(limit) is int and limit >= 0 else working_hour_minutes(limit)
    elif unit == "calendar-days":
        minutes = -1
        days = limit if type(limit) is int and limit >= 0 else calendar_day_count(limit)
    elif unit == "same-day":
        minutes = -2
        if not (type(limit) is int and limit >= 0):
            check_number(limit)
    else:
        allowed = ", ".join(repr(u.value) for u in LimitUnit)
        raise UnknownLimitUnit(f"unknown limit unit {unit!r}; expected one of {allowed}")

    try:
        since = received - t.epoch  # any aware zone: the true elapsed time, and Vietnam has a fixed offset
    except TypeError:
        since = since_epoch(t, received)  # naive: Vietnam local time
    i = since.days
    if i < 0 or i >= t.ndays:
        raise t.out_of_range("the receipt")
    s = since.seconds
    try:
        if minutes == -2:
            at_us = s * 1_000_000 + since.microseconds
            if same_day_cutoff is DEFAULT_SAME_DAY_CUTOFF and t.default_cutoff_us >= 0:
                cut = t.default_cutoff_us
            else:
                cut = cutoff_us(t, same_day_cutoff)
            k = t.cum[i] if t.is_working[i] and at_us < cut else t.cum[i + 1]
            return t.wmid[k] + t.day_end_td

        # Minutes of the day, rounded up: 10:00:30 counts from 10:01.
        m = s // 60 + 1 if s % 60 or since.microseconds else s // 60
        pos = t.base[i] + t.into[i][m]
        if minutes > 0:
            pos += minutes
            k = (pos - 1) // mpd  # a whole number of days ends at the end of the previous working day
            return t.wmid[k] + t.end_td[pos - k * mpd]
        k = pos // mpd
        if minutes == 0:
            return t.wmid[k] + t.start_td[pos - k * mpd]
        # Calendar days: same clock time ``days`` days after the counted start, on a working day.
        return t.wmid[t.cum[t.widx[k] + days]] + t.start_td[pos - k * mpd]
    except IndexError:
        raise t.out_of_range("the deadline") from None


IMPLEMENTATION: Final = "python" if __file__.endswith(".py") else "mypyc"
