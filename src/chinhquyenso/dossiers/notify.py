"""Messages to the applicant, through the notification outbox (``core.notifications``): written in the action's
transaction and sent after it commits, so a rollback sends nothing and a slow mail server never slows the desk."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from chinhquyenso.core.notifications import notification_send
from chinhquyenso.core.notifications.phone import phone_is_valid
from chinhquyenso.dossiers.forms import lookup_url
from chinhquyenso.dossiers.states import Channel, DossierState


def _channels(dossier) -> list[tuple[str, str]]:
    channels = []
    if dossier.submitter_email:
        channels.append(("email", dossier.submitter_email))
    if settings.NOTIFY_DOSSIER_SMS and dossier.submitter_phone and phone_is_valid(dossier.submitter_phone):
        channels.append(("sms", dossier.submitter_phone))
    return channels


def notify_early_result(dossier) -> list[str]:
    """Tells the applicant the result is ready before the appointment (Decree 61 Art. 20). Returns the channels."""
    channels = _channels(dossier)
    context = {
        "code": dossier.code,
        "procedure": dossier.procedure_name,
        "name": dossier.submitter_name,
        "early": True,
        "due_at": dossier.due_at,
    }
    for channel, to in channels:
        notification_send(
            channel=channel, to=to, template="dossier_result_ready", context=context, reference=dossier.code
        )
    return [channel for channel, _to in channels]


def notify_state_change(dossier, *, action: str, from_state: str, data: dict | None, batch=None) -> None:
    """Called for every history event; tells the applicant when the state changed. One outbox INSERT per channel.

    Skipped: no state change; an action that already told the applicant itself (``data["notified"]``); and the
    counter's ``submit``, which is followed in the same transaction by its outcome (received, supplement, refused).
    """
    if dossier.state == from_state or (data and data.get("notified")):
        return
    if action == "submit" and dossier.channel == Channel.COUNTER:
        return
    channels = _channels(dossier)
    if not channels:
        return
    with translation.override("vi"):
        status = str(DossierState(dossier.state).label)
    template = "dossier_submitted" if action == "submit" else "dossier_status"
    context = {
        "code": dossier.code,
        "procedure": dossier.procedure_name,
        "name": dossier.submitter_name,
        "status": status,
        "due_at": dossier.due_at,
        "lookup_url": lookup_url(dossier.code),
    }
    for channel, to in channels:
        notification_send(
            channel=channel, to=to, template=template, context=context, reference=dossier.code, batch=batch
        )
