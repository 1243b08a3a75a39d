"""Parsing of deadline requests from text (CLI and API), with messages that say what is wrong."""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from chinhquyenso.workcal.calendar import VN_TZ
from chinhquyenso.workcal.engine import LimitUnit


def parse_received(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise ValueError(
            _("The receipt time %(value)r is not a date-time like 2026-02-13T10:00.") % {"value": text}
        ) from None
    return value if value.tzinfo is not None else value.replace(tzinfo=VN_TZ)


def parse_limit(text: str) -> int | Decimal:
    try:
        value = Decimal(str(text).strip())
    except (InvalidOperation, ValueError):
        raise ValueError(_("The limit %(value)r is not a number.") % {"value": text}) from None
    if not value.is_finite() or value < 0:
        raise ValueError(_("The limit must be zero or a positive number."))
    return int(value) if value == value.to_integral_value() else value


def parse_unit(text: str) -> LimitUnit:
    try:
        return LimitUnit(text)
    except ValueError:
        allowed = ", ".join(u.value for u in LimitUnit)
        raise ValueError(
            _("Unknown unit %(value)r; use one of: %(allowed)s.") % {"value": text, "allowed": allowed}
        ) from None


def parse_cutoff(text: str | None) -> time | None:
    if not text:
        return None
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise ValueError(_("The cut-off %(value)r is not a time like 15:00.") % {"value": text}) from None


def format_local_minutes(value: datetime) -> str:
    return value.astimezone(VN_TZ).strftime("%Y-%m-%dT%H:%M")
