"""Queuing a message: render the template, write the outbox row in the caller's transaction, send after commit."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from chinhquyenso.core.errors import ValidationFailed
from chinhquyenso.core.models import Notification, NotificationChannel
from chinhquyenso.core.notifications.phone import InvalidPhone, phone_normalise
from chinhquyenso.core.notifications.rendering import context_as_text, template_render
from chinhquyenso.core.notifications.worker import notification_hand_off
from chinhquyenso.core.write_batch import WriteBatch


def recipient_clean(channel: str, to: str) -> str:
    """The address as stored: an e-mail address as given (trimmed), a phone number as +84…. Raises
    ValidationFailed (field ``to``) for an unknown channel or an address the channel cannot reach."""
    to = (to or "").strip()
    if channel == NotificationChannel.EMAIL:
        try:
            validate_email(to)
        except ValidationError:
            raise ValidationFailed(fields={"to": [_("Enter a valid e-mail address.")]}) from None
        return to
    if channel in (NotificationChannel.SMS, NotificationChannel.ZALO):
        try:
            return phone_normalise(to)
        except InvalidPhone:
            raise ValidationFailed(
                fields={"to": [_("Enter a Vietnamese mobile number, e.g. 0912345678 or +84912345678.")]}
            ) from None
    raise ValidationFailed(fields={"channel": [_("Unknown notification channel.")]})


def notification_send(
    *, channel: str, to: str, template: str, context: dict, reference: str = "", batch: WriteBatch | None = None
) -> Notification:
    """Writes the message to the outbox inside the caller's transaction; it is sent after the commit by the
    background worker (``CQS_NOTIFY_DELIVERY=thread``) or by ``chinhquyenso notify deliver``. A rollback sends
    nothing. Sending never blocks the caller nor raises into it; failures are retried with back-off.

    ``channel``: "email", "sms" or "zalo". ``to``: an e-mail address, or a Vietnamese mobile number (0912345678,
    +84912345678). ``template`` and its ``context`` keys: see ``rendering.py``. ``reference``: what the message is
    about, e.g. a dossier code, for the staff list. Raises ValidationFailed for a bad channel or address, and
    UnknownTemplate (a programming error) for an unknown template or a missing context key. ``batch``: write
    the row with the caller's ``WriteBatch`` instead of on its own.
    """
    recipient = recipient_clean(channel, to)
    rendered = template_render(template, context)
    email = channel == NotificationChannel.EMAIL
    notification = Notification(
        channel=channel,
        recipient=recipient,
        template=template,
        context=context_as_text(context),
        subject=rendered.subject[:255],
        body=rendered.body if email else rendered.short,
        body_html=rendered.body_html if email else "",
        reference=(reference or "")[:64],
    )
    if batch is None:
        notification.save(force_insert=True)
    else:  # written with the caller's other rows; its id is known once the caller executes the batch
        batch.insert([notification], set_ids=True)
    notification_hand_off(notification)
    return notification
