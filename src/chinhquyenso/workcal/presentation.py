"""Vietnamese wording of calendar facts for the API and the pages."""

from __future__ import annotations

import re
from datetime import date

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from chinhquyenso.workcal.errors import CalendarRangeError, InvalidCutoff, UnknownLimitUnit, WorkcalError
from chinhquyenso.workcal.models import DayKind
from chinhquyenso.workcal.store import FIRST_YEAR, LAST_YEAR

WEEKDAY_LABELS = {
    "Monday": _("Monday"),
    "Tuesday": _("Tuesday"),
    "Wednesday": _("Wednesday"),
    "Thursday": _("Thursday"),
    "Friday": _("Friday"),
    "Saturday": _("Saturday"),
    "Sunday": _("Sunday"),
}


def skipped_reason(reason: str) -> str:
    """Holiday names are already Vietnamese; rest weekdays come from the engine in English."""
    label = WEEKDAY_LABELS.get(reason)
    return str(label) if label is not None else reason


# The reasons ``services`` stores on each CalendarVersion: "2026-03-10 holiday: Lễ hội", "2026-03-10 cleared",
# "sessions", "seeded from holidays.VN".
_DAY_SET = re.compile(r"^(\d{4}-\d{2}-\d{2}) ([a-z_]+): (.*)$")
_DAY_CLEARED = re.compile(r"^(\d{4}-\d{2}-\d{2}) cleared$")


def version_change(reason: str, *, national: bool) -> str:
    """A calendar version's stored reason in words for the change history (reasons of other shapes as they are)."""
    if match := _DAY_SET.match(reason):
        day, kind, name = match.groups()
        label = DayKind(kind).label if kind in DayKind.values else kind
        text = f"{date.fromisoformat(day):%d/%m/%Y}: {label}"
        return text if name == str(label) else f"{text} – {name}"
    if match := _DAY_CLEARED.match(reason):
        back = _("As the weekly pattern") if national else _("As in the national calendar")
        return f"{date.fromisoformat(match.group(1)):%d/%m/%Y}: {back}"
    if reason == "sessions":
        return gettext("Sessions")
    if reason == "seeded from holidays.VN":
        return gettext("Seeded from holidays.VN")
    return reason


def engine_error(error: WorkcalError, *, limit: object, unit: str) -> tuple[str, str]:
    """The request field an engine error is about and what to tell the user (the engine itself speaks English)."""
    if isinstance(error, CalendarRangeError):
        message = _("The receipt time or the due date falls outside the working calendar (years %(first)d-%(last)d).")
        return "received", message % {"first": FIRST_YEAR, "last": LAST_YEAR}
    if isinstance(error, InvalidCutoff):
        return "cutoff", gettext("The same-day cut-off cannot be after the end of the working day.")
    if isinstance(error, UnknownLimitUnit):
        return "unit", str(error)
    grains = {
        "working-days": _("A limit in working days must be a multiple of 0.5, not %(value)s."),
        "working-hours": _("A limit in working hours must come to whole minutes, not %(value)s."),
        "calendar-days": _("A limit in calendar days must be a whole number, not %(value)s."),
    }
    grain = grains.get(str(unit))
    return "limit", (grain % {"value": limit}) if grain is not None else str(error)
