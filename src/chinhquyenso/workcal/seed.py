"""Seed data for working calendars from the ``holidays`` package (``holidays.VN``).

``holidays.VN`` lists the days off (with substitute days "nghỉ bù" and swapped days "Ngày nghỉ (thay cho ngày
dd/mm/yyyy)") and, in ``weekend_workdays``, the Saturdays the Government turns into working days in exchange.
Its ``weekend_workdays`` holds every year it knows, whatever ``years`` asked for, so it is filtered here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date, time

import holidays as holidays_lib

from chinhquyenso.workcal.calendar import (
    DEFAULT_REST_WEEKDAYS,
    DEFAULT_SESSIONS,
    DaySpec,
    WorkingCalendar,
)

DEFAULT_YEARS = range(2000, 2101)


def _year_list(years: Iterable[int]) -> list[int]:
    years = sorted(set(years))
    if not years:
        raise ValueError("at least one year is needed")
    # Outside its range holidays.VN silently returns no holiday at all.
    first, last = holidays_lib.VN.start_year, holidays_lib.VN.end_year
    if years[0] < first or years[-1] > last:
        raise ValueError(f"holidays.VN knows the years {first}-{last} only, not {years[0]}-{years[-1]}")
    return years


def seed_days(years: Iterable[int]) -> list[DaySpec]:
    """Holidays and make-up working Saturdays of ``years``, by date, as ``holidays.VN`` has them (in vi)."""
    years = _year_list(years)
    vn = holidays_lib.VN(years=years, language="vi")
    days = [DaySpec(d, str(name), "holiday") for d, name in sorted(vn.items())]
    wanted = set(years)
    for d in sorted(vn.weekend_workdays):
        if d.year not in wanted:
            continue
        # The swapped day off names the Saturday it pays back: "Ngày nghỉ (thay cho ngày 22/08/2026)".
        marker = d.strftime("%d/%m/%Y")
        swapped = [h.date for h in days if marker in h.name]
        name = f"Làm việc bù cho ngày nghỉ {swapped[0]:%d/%m/%Y}" if swapped else "Ngày làm việc bù"
        days.append(DaySpec(d, name, "makeup_workday"))
    return sorted(days, key=lambda day: (day.date, day.kind))


def calendar_from_holidays_lib(
    years: Iterable[int] = DEFAULT_YEARS,
    sessions: Iterable[tuple[time, time]] = DEFAULT_SESSIONS,
    extra_holidays: Iterable[tuple[date, str]] = (),
    removed: Iterable[date] = (),
    makeup: Iterable[date] = (),
    *,
    rest_weekdays: Iterable[int] = DEFAULT_REST_WEEKDAYS,
    version: str | None = None,
) -> WorkingCalendar:
    """A calendar over min(years)..max(years) seeded from ``holidays.VN``, adjusted by the caller.

    ``extra_holidays`` adds (date, name) days off, ``removed`` drops holidays or make-up days the library
    has but the Government did not decree, ``makeup`` adds make-up working days. Without ``version`` the
    version is a digest of the resulting data, so equal data gives an equal version.
    """
    years = _year_list(years)
    years = list(range(years[0], years[-1] + 1))  # the calendar is contiguous; seed the gaps too
    removed = set(removed)
    extra = dict(extra_holidays)
    makeup = set(makeup)
    if both := sorted(extra.keys() & makeup):
        raise ValueError(f"dates given both as holiday and make-up day: {', '.join(map(str, both))}")
    holidays: dict[date, str] = {}
    makeup_days: set[date] = set()
    for day in seed_days(years):
        if day.date in removed:
            continue
        if day.kind == "holiday":
            holidays[day.date] = day.name
        else:
            makeup_days.add(day.date)
    holidays.update(extra)
    makeup_days |= makeup
    makeup_days -= extra.keys()  # an explicit day off wins over the library's make-up day
    holidays = {d: n for d, n in holidays.items() if d not in makeup}  # an explicit make-up day wins too
    sessions = tuple(sessions)
    rest = frozenset(rest_weekdays)
    if version is None:
        digest = hashlib.sha256(
            repr((sorted(holidays.items()), sorted(makeup_days), sessions, sorted(rest))).encode()
        ).hexdigest()[:12]
        version = f"holidays-{holidays_lib.__version__}-{years[0]}-{years[-1]}-{digest}"
    return WorkingCalendar(
        first_year=years[0],
        last_year=years[-1],
        version=version,
        sessions=sessions,
        rest_weekdays=rest,
        holidays=holidays,
        makeup_workdays=makeup_days,
    )
