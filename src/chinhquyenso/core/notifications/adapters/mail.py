"""E-mail through Django's mail backend (SMTP in production, pointed at by CQS_EMAIL_HOST/PORT)."""

from __future__ import annotations

import smtplib
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection

from chinhquyenso.core.notifications.adapters import DeliveryError


def _smtp_code(error: smtplib.SMTPException) -> int:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return min(codes) if codes else 0
    return getattr(error, "smtp_code", 0) or 0


class EmailAdapter:
    channel = "email"

    def send(self, notification) -> str:
        message_id = make_msgid(idstring=f"cqs-notification-{notification.pk}", domain=_sender_domain())
        message = EmailMultiAlternatives(
            subject=notification.subject,
            body=notification.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[notification.recipient],
            headers={"Message-ID": message_id},
            connection=get_connection(fail_silently=False),
        )
        if notification.body_html:
            message.attach_alternative(notification.body_html, "text/html")
        try:
            message.send()
        except smtplib.SMTPException as error:
            code = _smtp_code(error)
            # 5xx is the server's final word about this message (unknown mailbox, refused content); anything
            # else — 4xx, a dropped connection — may work later.
            raise DeliveryError(f"smtp_{code or 'error'}", str(error), retryable=not 500 <= code < 600) from None
        except OSError as error:  # connection refused, timeout, DNS
            raise DeliveryError("smtp_unreachable", str(error) or type(error).__name__, retryable=True) from None
        return message_id


def _sender_domain() -> str:
    address = settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">")
    return address.rsplit("@", 1)[-1] if "@" in address else "chinhquyenso.local"
