"""How catalogue values read on the staff pages: time limits and step budgets with their unit, amounts in đồng."""

from __future__ import annotations

from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chinhquyenso.catalog.serialize import exchange_number
from chinhquyenso.core.models import Role

UNIT_WORDS = {
    "working-days": gettext_lazy("working days"),
    "working-hours": gettext_lazy("working hours"),
    "calendar-days": gettext_lazy("days (including days off)"),
    "same-day": gettext_lazy("days"),  # step budgets of a same-day procedure are fractions of the day
}


def number_text(value: Decimal) -> str:
    return formats.number_format(exchange_number(value), use_l10n=True)


def time_limit_text(version) -> str:
    if version.time_limit_unit == "same-day":
        if version.same_day_cutoff:
            return _("Same working day (received before %(time)s)") % {
                "time": version.same_day_cutoff.strftime("%H:%M")
            }
        return _("Same working day")
    unit = UNIT_WORDS.get(version.time_limit_unit, version.time_limit_unit)
    return f"{number_text(version.time_limit)} {unit}"


def budget_text(version, budget: Decimal) -> str:
    unit = UNIT_WORDS.get(version.time_limit_unit, version.time_limit_unit)
    return f"{number_text(budget)} {unit}"


def amount_text(amount: int) -> str:
    return _("%(amount)s VND") % {"amount": formats.number_format(amount, use_l10n=True, force_grouping=True)}


def role_text(role: str) -> str:
    return str(Role(role).label) if role in Role.values else role
