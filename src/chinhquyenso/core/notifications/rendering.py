"""Message templates by name, rendered to Vietnamese text.

Each template is a folder under ``templates/``: ``subject.txt`` (e-mail subject, one line), ``body.txt`` (e-mail
text), ``short.txt`` (the SMS/Zalo text) and optionally ``body.html``. Plain text is rendered without HTML
escaping. Every template also sees ``site_name`` (``CQS_NOTIFY_SITE_NAME``) and ``portal_url``
(``CQS_PUBLIC_BASE_URL``).

Context keys (required; others listed are optional):

- ``otp_code``: ``code``, ``minutes``.
- ``dossier_submitted``: ``code``, ``procedure``, ``name``; optional ``due_at`` (datetime), ``lookup_url``.
- ``dossier_status``: ``code``, ``procedure``, ``name``, ``status`` (the state's Vietnamese label); optional
  ``note``, ``due_at``, ``lookup_url``.
- ``dossier_result_ready``: ``code``, ``procedure``, ``name``; optional ``early`` (bool), ``due_at``,
  ``result_url``.
- ``payment_received``: ``code`` (dossier code), ``amount`` (whole VND), ``name``; optional ``procedure``,
  ``payment_ref``, ``paid_at`` (datetime).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path

from django.conf import settings
from django.template import Context, Engine, TemplateDoesNotExist
from django.utils.timezone import localtime

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"

REQUIRED_KEYS: dict[str, tuple[str, ...]] = {
    "otp_code": ("code", "minutes"),
    "dossier_submitted": ("code", "procedure", "name"),
    "dossier_status": ("code", "procedure", "name", "status"),
    "dossier_result_ready": ("code", "procedure", "name"),
    "payment_received": ("code", "amount", "name"),
}


class UnknownTemplate(ValueError):
    """A template name that is not in ``REQUIRED_KEYS``, or a context missing a required key: a programming error."""


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str
    short: str
    body_html: str


def _loaders():
    loaders = [("django.template.loaders.filesystem.Loader", [str(TEMPLATE_DIR)])]
    return loaders if settings.DEBUG else [("django.template.loaders.cached.Loader", loaders)]


@cache
def _engine(*, html: bool) -> Engine:
    return Engine(
        loaders=_loaders(),
        autoescape=html,
        builtins=["chinhquyenso.core.notifications.filters"],
        string_if_invalid="",
    )


def _render(name: str, part: str, context: dict, *, html: bool = False) -> str:
    template = _engine(html=html).get_template(f"{name}/{part}")
    return template.render(Context(context, autoescape=html)).strip()


def template_check(template: str, context: dict) -> None:
    if template not in REQUIRED_KEYS:
        raise UnknownTemplate(f"unknown notification template {template!r}; known: {', '.join(REQUIRED_KEYS)}")
    missing = [key for key in REQUIRED_KEYS[template] if context.get(key) in (None, "")]
    if missing:
        raise UnknownTemplate(f"notification template {template!r} needs {', '.join(missing)} in its context")


def template_render(template: str, context: dict) -> Rendered:
    """Renders every part of a template. Raises UnknownTemplate for an unknown name or a missing context key."""
    template_check(template, context)
    full = {
        "site_name": settings.NOTIFY_SITE_NAME,
        "portal_url": settings.PUBLIC_BASE_URL,
        **context,
    }
    subject = " ".join(_render(template, "subject.txt", full).split())
    try:
        html = _render(template, "body.html", full, html=True)
    except TemplateDoesNotExist:
        html = ""
    return Rendered(
        subject=subject,
        body=_render(template, "body.txt", full),
        short=" ".join(_render(template, "short.txt", full).split()),
        body_html=html,
    )


def context_as_text(context: dict) -> dict[str, str]:
    """The context as the strings a template-and-parameters channel (Zalo ZNS) sends: times in Vietnam time."""
    text = {}
    for key, value in context.items():
        if value is None or value == "":
            continue
        if isinstance(value, bool):
            text[key] = "1" if value else "0"
        elif isinstance(value, datetime):
            text[key] = localtime(value).strftime("%H:%M %d/%m/%Y")
        elif isinstance(value, date):
            text[key] = value.strftime("%d/%m/%Y")
        else:
            text[key] = str(value)
    return text
