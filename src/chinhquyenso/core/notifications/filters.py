"""Filters the message templates use: amounts in đồng and times in Vietnam time, written the Vietnamese way."""

from __future__ import annotations

from datetime import date, datetime

from django.template import Library
from django.utils.dateparse import parse_datetime
from django.utils.timezone import localtime

register = Library()


def _as_datetime(value):
    if isinstance(value, str):
        return parse_datetime(value)
    return value


@register.filter
def vnd(value) -> str:
    """150000 → "150.000 đồng" (whole đồng, dot as the thousands separator)."""
    amount = int(value)
    return f"{amount:,}".replace(",", ".") + " đồng"


@register.filter
def local_time(value) -> str:
    """An aware datetime → "14:30 ngày 05/07/2025" in Vietnam time; a date → "05/07/2025"."""
    value = _as_datetime(value)
    if isinstance(value, datetime):
        return localtime(value).strftime("%H:%M ngày %d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value or "")


@register.filter
def local_date(value) -> str:
    value = _as_datetime(value)
    if isinstance(value, datetime):
        return localtime(value).strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value or "")
