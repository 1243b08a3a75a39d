"""The month grids of one calendar year, ready for the template."""

from __future__ import annotations

import calendar as stdlib_calendar
from dataclasses import dataclass
from datetime import date

from chinhquyenso.workcal.calendar import WorkingCalendar


@dataclass(frozen=True)
class DayCell:
    day: date
    working: bool
    kind: str  # "work", "rest", "holiday", "makeup"
    name: str
    local: bool  # set by the agency rather than the national calendar
    legal_basis: str  # of the stored row of the scope shown, if any


@dataclass(frozen=True)
class MonthGrid:
    month: int
    weeks: list[list[DayCell | None]]
    working_days: int


def year_grid(
    calendar: WorkingCalendar, year: int, local_days: set[date], legal_bases: dict[date, str]
) -> list[MonthGrid]:
    months = []
    for month in range(1, 13):
        weeks, count = [], 0
        for week in stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            row: list[DayCell | None] = []
            for day in week:
                if day.month != month:
                    row.append(None)
                    continue
                working = calendar.is_working_day(day)
                count += working
                name = calendar.holiday_names.get(day, "")
                if day in calendar.makeup_workdays:
                    kind = "makeup"
                elif name:
                    kind = "holiday"
                else:
                    kind = "work" if working else "rest"
                row.append(DayCell(day, working, kind, name, day in local_days, legal_bases.get(day, "")))
            weeks.append(row)
        months.append(MonthGrid(month, weeks, count))
    return months
