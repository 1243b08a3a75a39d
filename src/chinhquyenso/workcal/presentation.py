"""Vietnamese wording of calendar facts for the API and the pages."""

from __future__ import annotations

import re
from datetime import date

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from chinhquyenso.workcal.models import DayKind

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
