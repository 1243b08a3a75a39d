from datetime import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def errors_for(errors, name: str) -> list[str]:
    """The messages of one field in a ``{field: [messages]}`` error dict."""
    return (errors or {}).get(name, [])


@register.filter
def value_of(values, name: str) -> str:
    return (values or {}).get(name, "")


@register.filter
def iso_time(value) -> str:
    """An ISO 8601 time stored in a signature report, shown in Vietnam time as dd/mm/yyyy HH:MM:SS."""
    if not value:
        return "—"
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%d/%m/%Y %H:%M:%S")
