from django import template

from chinhquyenso.payments.money import format_vnd

register = template.Library()


@register.filter
def vnd(amount) -> str:
    """``50000`` → ``50.000 đ``."""
    return format_vnd(int(amount or 0))
