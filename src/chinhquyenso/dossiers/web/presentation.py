"""How dossiers read on screen and in exports: deadline flags and the register (Form 06) rows."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _

from chinhquyenso.dossiers.selectors import due_soon_delta
from chinhquyenso.dossiers.states import FINAL, FINISHED, Channel
from chinhquyenso.workcal.calendar import VN_TZ


def deadline_flag(dossier, now: datetime) -> str:
    """``overdue``, ``due_soon`` or ``""`` for an open dossier; finished ones are not flagged in the inbox."""
    if dossier.due_at is None or dossier.state in FINAL or dossier.state in FINISHED:
        return ""
    if dossier.due_at < now:
        return "overdue"
    if dossier.due_at < now + due_soon_delta():
        return "due_soon"
    return ""


def _when(value) -> str:
    return value.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y") if value else ""


def register_headers() -> list[str]:
    return [
        _("No."),
        _("Dossier code"),
        _("Procedure"),
        _("Sets"),
        _("Owner"),
        _("Address"),
        _("Phone"),
        _("Submission channel"),
        _("Received"),
        _("Appointment"),
        _("Result decided"),
        _("Result returned"),
        _("Received by"),
        _("State"),
    ]


def register_rows(dossiers, *, first: int = 1):
    for number, d in enumerate(dossiers, start=first):
        yield [
            number,
            d.code,
            d.procedure_name,
            d.sets,
            d.owner_name,
            d.owner_address,
            d.submitter_phone,
            str(Channel(d.channel).label),
            _when(d.received_at),
            _when(d.due_at),
            _when(d.decided_at),
            _when(d.returned_at),
            (d.received_by.full_name if d.received_by_id and d.received_by else ""),
            str(d.get_state_display()),
        ]
