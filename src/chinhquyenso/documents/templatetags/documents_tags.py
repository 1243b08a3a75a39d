from django import template

register = template.Library()


@register.filter
def errors_for(errors, name: str) -> list[str]:
    """The messages of one field in a ``{field: [messages]}`` error dict."""
    return (errors or {}).get(name, [])


@register.filter
def value_of(values, name: str) -> str:
    return (values or {}).get(name, "")
