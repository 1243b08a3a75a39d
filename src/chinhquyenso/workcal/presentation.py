"""Vietnamese wording of calendar facts for the API and the pages."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

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
