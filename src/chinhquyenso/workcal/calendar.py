"""The working calendar: which days are working days and the sessions of a working day.

Every instant is reduced to a *working-minute position*: ``working_day_index * minutes_per_day + minutes of
sessions already elapsed that day``. An instant outside working time gets the position of the next session
start, so adding N working minutes is integer addition and mapping back is one ``divmod``. The tables behind
this live in ``daytables.py``, the compiled hot path.

Times are local Vietnam wall-clock time. Outputs carry ``VN_TZ`` (``ZoneInfo("Asia/Ho_Chi_Minh")``, UTC+07:00
since 1975, no DST), the zone Django's ``localtime`` gives for the platform's ``TIME_ZONE``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, time, timedelta
from types import MappingProxyType
from typing import Literal

from chinhquyenso.workcal.daytables import VN_TZ, DayTables
from chinhquyenso.workcal.errors import CalendarRangeError, WorkcalError

__all__ = [
    "DEFAULT_REST_WEEKDAYS",
    "DEFAULT_SESSIONS",
    "VN_TZ",
    "WEEKDAY_NAMES",
    "CalendarRangeError",
    "DaySpec",
    "WorkcalError",
    "WorkingCalendar",
    "check_sessions",
]

DEFAULT_SESSIONS: tuple[tuple[time, time], ...] = (
    (time(7, 30), time(11, 30)),
    (time(13, 30), time(17, 30)),
)
DEFAULT_REST_WEEKDAYS: frozenset[int] = frozenset({5, 6})  # date.weekday(): Saturday, Sunday
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

DayKind = Literal["holiday", "makeup_workday"]


@dataclass(frozen=True, slots=True)
class DaySpec:
    """One dated exception to the weekly pattern: a day off, or a rest day turned into a working day."""

    date: date
    name: str
    kind: DayKind

    def __post_init__(self):
        if self.kind not in ("holiday", "makeup_workday"):
            raise ValueError(f"DaySpec kind must be 'holiday' or 'makeup_workday', not {self.kind!r}")


def _minute_of(t: time) -> int:
    if not isinstance(t, time) or t.tzinfo is not None or t.second or t.microsecond:
        raise ValueError(f"session bounds must be naive datetime.time values in whole minutes, not {t!r}")
    return t.hour * 60 + t.minute


def check_sessions(sessions: Iterable[tuple[time, time]]) -> tuple[tuple[time, time], ...]:
    """The sessions sorted by start; ValueError if one is empty, overlaps another or has seconds."""
    pairs = sorted((tuple(pair) for pair in sessions), key=lambda pair: _minute_of(pair[0]))
    if not pairs:
        raise ValueError("a working day needs at least one session")
    previous_end = -1
    for start, end in pairs:
        if _minute_of(start) >= _minute_of(end):
            raise ValueError(f"session {start:%H:%M}-{end:%H:%M} must end after it starts")
        if _minute_of(start) < previous_end:
            raise ValueError(f"session starting {start:%H:%M} overlaps the previous one")
        previous_end = _minute_of(end)
    return tuple(pairs)


class WorkingCalendar:
    """An immutable working calendar for the years ``first_year``..``last_year`` inclusive.

    Build it once (it precomputes a few lists over every day of the range) and share it: the engine functions
    only read it. Two calendars built from the same data are equal and hash alike.
    """

    __slots__ = (
        "version",
        "first_year",
        "last_year",
        "sessions",
        "rest_weekdays",
        "holiday_names",
        "makeup_workdays",
        "minutes_per_day",
        "_key",
        "_hash",
        "_tables",
    )

    def __init__(
        self,
        *,
        first_year: int,
        last_year: int,
        version: str,
        sessions: Iterable[tuple[time, time]] = DEFAULT_SESSIONS,
        rest_weekdays: Iterable[int] = DEFAULT_REST_WEEKDAYS,
        holidays: Mapping[date, str] | None = None,
        makeup_workdays: Iterable[date] = (),
    ):
        if not isinstance(version, str) or not version:
            raise ValueError("a working calendar needs a non-empty version string")
        if not (isinstance(first_year, int) and isinstance(last_year, int) and first_year <= last_year):
            raise ValueError(f"invalid year range {first_year!r}..{last_year!r}")
        if first_year < 1976 or last_year > 9998:
            # The engine reads local time as UTC+07:00, Vietnam's offset (without DST) only since 1975.
            raise ValueError(f"a working calendar covers years 1976..9998, not {first_year}..{last_year}")
        sessions = check_sessions(sessions)
        rest = frozenset(rest_weekdays)
        if not rest <= set(range(7)):
            raise ValueError(f"rest weekdays must be 0 (Monday) .. 6 (Sunday), not {sorted(rest)}")
        first, last = date(first_year, 1, 1), date(last_year, 12, 31)
        names = {d: str(n) for d, n in (holidays or {}).items() if first <= d <= last}
        makeup = frozenset(d for d in makeup_workdays if first <= d <= last)
        if clash := sorted(makeup & names.keys()):
            raise ValueError(f"dates both holiday and make-up working day: {', '.join(map(str, clash))}")

        bounds = [(_minute_of(s), _minute_of(e)) for s, e in sessions]
        mpd = sum(e - s for s, e in bounds)
        set_ = object.__setattr__
        set_(self, "version", version)
        set_(self, "first_year", first_year)
        set_(self, "last_year", last_year)
        set_(self, "sessions", sessions)
        set_(self, "rest_weekdays", rest)
        set_(self, "holiday_names", MappingProxyType(dict(sorted(names.items()))))
        set_(self, "makeup_workdays", makeup)
        set_(self, "minutes_per_day", mpd)
        key = (version, first_year, last_year, sessions, rest, frozenset(names.items()), makeup)
        set_(self, "_key", key)
        set_(self, "_hash", hash(key))
        self._build_tables(first, last, bounds)

    def _build_tables(self, first: date, last: date, bounds: list[tuple[int, int]]) -> None:
        ndays = last.toordinal() - first.toordinal() + 1
        rest, names, makeup = self.rest_weekdays, self.holiday_names, self.makeup_workdays
        working = []
        for i in range(ndays):
            d = first + timedelta(days=i)
            working.append(d in makeup or (d.weekday() not in rest and d not in names))
        if not any(working):
            raise ValueError("the calendar has no working day at all")
        label = f"the working calendar {self.version!r} ({self.first_year}-{self.last_year})"
        object.__setattr__(self, "_tables", DayTables(first, working, bounds, label))

    @classmethod
    def from_days(
        cls,
        days: Iterable[DaySpec],
        *,
        first_year: int,
        last_year: int,
        version: str,
        sessions: Iterable[tuple[time, time]] = DEFAULT_SESSIONS,
        rest_weekdays: Iterable[int] = DEFAULT_REST_WEEKDAYS,
    ) -> WorkingCalendar:
        days = list(days)
        return cls(
            first_year=first_year,
            last_year=last_year,
            version=version,
            sessions=sessions,
            rest_weekdays=rest_weekdays,
            holidays={d.date: d.name for d in days if d.kind == "holiday"},
            makeup_workdays=[d.date for d in days if d.kind == "makeup_workday"],
        )

    # Immutable: the tables are shared by every computation, possibly across threads.
    def __setattr__(self, name, value):
        raise AttributeError("WorkingCalendar is immutable")

    def __delattr__(self, name):
        raise AttributeError("WorkingCalendar is immutable")

    def __reduce__(self):
        version, first_year, last_year, sessions, rest, _, makeup = self._key
        kwargs = {
            "first_year": first_year,
            "last_year": last_year,
            "version": version,
            "sessions": sessions,
            "rest_weekdays": rest,
            "holidays": dict(self.holiday_names),
            "makeup_workdays": makeup,
        }
        return _rebuild, (kwargs,)

    def __eq__(self, other):
        return isinstance(other, WorkingCalendar) and self._key == other._key

    def __hash__(self):
        return self._hash

    def __repr__(self):
        return (
            f"<WorkingCalendar {self.version!r} {self.first_year}-{self.last_year}, "
            f"{len(self.holiday_names)} holidays, {len(self.makeup_workdays)} make-up days>"
        )

    @property
    def day_start(self) -> time:
        return self.sessions[0][0]

    @property
    def day_end(self) -> time:
        return self.sessions[-1][1]

    def _day_index(self, d: date) -> int:
        i = d.toordinal() - self._tables.first_ordinal
        if not 0 <= i < self._tables.ndays:
            years = f"{self.first_year}-{self.last_year}"
            raise CalendarRangeError(f"{d} is outside the working calendar {self.version!r} ({years})")
        return i

    def is_working_day(self, d: date) -> bool:
        return self._tables.is_working[self._day_index(d)]

    def day_off_reason(self, d: date) -> str | None:
        """Why ``d`` is not a working day: the holiday's name or the weekday's name; None on a working day."""
        if self.is_working_day(d):
            return None
        return self.holiday_names.get(d) or WEEKDAY_NAMES[d.weekday()]

    def next_working_day(self, d: date, *, include_self: bool = True) -> date:
        tables = self._tables
        k = tables.cum[self._day_index(d) + (0 if include_self else 1)]
        if k >= tables.nwork:
            raise CalendarRangeError(f"no working day after {d.isoformat()} in calendar {self.version!r}")
        return tables.wmid[k].date()


def _rebuild(kwargs: dict) -> WorkingCalendar:
    return WorkingCalendar(**kwargs)
