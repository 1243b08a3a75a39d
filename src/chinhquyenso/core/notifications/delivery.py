"""Sending outbox rows: one row per transaction, locked while its message is handed to the channel.

- No double send: a row is taken with ``SELECT … FOR UPDATE SKIP LOCKED`` and marked in the same transaction,
  so the after-commit worker and any number of ``notify deliver`` processes never send one row twice. A crash
  between the provider's answer and the commit leaves the row pending and it goes again (the SMS and Zalo
  providers drop the repeat by its reference; an e-mail may arrive twice).
- A retryable failure (server down, 4xx SMTP, 5xx, rate limit) puts the row back with exponential back-off; a
  final one (unknown mailbox, invalid number) or the last allowed attempt marks it failed.
- SQLite has no row locks; its IMMEDIATE transactions serialise the senders instead.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from chinhquyenso.conf.env import ConfigurationError
from chinhquyenso.core.models import Notification, NotificationStatus
from chinhquyenso.core.notifications.adapters import DeliveryError
from chinhquyenso.core.notifications.channels import adapter_for

log = logging.getLogger(__name__)
MAX_RETRY_DELAY = timedelta(hours=6)


@dataclass
class DeliverySummary:
    sent: int = 0
    retried: int = 0
    failed: int = 0

    @property
    def processed(self) -> int:
        return self.sent + self.retried + self.failed

    def as_dict(self) -> dict:
        return {"sent": self.sent, "retried": self.retried, "failed": self.failed}


def retry_delay(attempts: int) -> timedelta:
    """Base, 2×base, 4×base … after the 1st, 2nd, 3rd failed attempt; at most 6 hours."""
    return min(timedelta(seconds=settings.NOTIFY_RETRY_BASE_SECONDS * 2 ** (attempts - 1)), MAX_RETRY_DELAY)


def _due(now: datetime):
    return Notification.objects.filter(status=NotificationStatus.PENDING, next_attempt_at__lte=now)


def _claim(queryset) -> Notification | None:
    return queryset.order_by("next_attempt_at", "id").select_for_update(skip_locked=True, of=("self",)).first()


def _attempt(notification: Notification, summary: DeliverySummary) -> str:
    """Sends one locked row and records the outcome on it. Returns the new status ("pending" = retry later)."""
    now = timezone.now()
    notification.attempts += 1
    try:
        notification.provider_message_id = adapter_for(notification.channel).send(notification)
    except (DeliveryError, ConfigurationError, Exception) as error:  # noqa: BLE001 - nothing may escape a send
        if isinstance(error, DeliveryError):
            retryable, text = error.retryable, str(error)
        elif isinstance(error, ConfigurationError):
            retryable, text = True, f"not configured: {error}"
        else:
            log.exception("notification %s: unexpected error in the %s adapter", notification.pk, notification.channel)
            retryable, text = True, f"{type(error).__name__}: {error}"
        notification.last_error = text[:2000]
        if retryable and notification.attempts < settings.NOTIFY_MAX_ATTEMPTS:
            notification.next_attempt_at = now + retry_delay(notification.attempts)
            summary.retried += 1
        else:
            notification.status = NotificationStatus.FAILED
            if retryable:
                notification.last_error += f" (gave up after {notification.attempts} attempts)"
            summary.failed += 1
            log.warning("notification %s failed: %s", notification.pk, notification.last_error)
    else:
        notification.status = NotificationStatus.SENT
        notification.sent_at = now
        notification.last_error = ""
        summary.sent += 1
    notification.save(
        update_fields=[
            "attempts",
            "status",
            "sent_at",
            "last_error",
            "next_attempt_at",
            "provider_message_id",
            "updated_at",
        ]
    )
    return notification.status


def notification_deliver(notification_id: int) -> Notification | None:
    """Sends one row if it is pending and due. Returns it as left (None: not due, already sent, or being sent)."""
    summary = DeliverySummary()
    with transaction.atomic():
        notification = _claim(_due(timezone.now()).filter(pk=notification_id))
        if notification is None:
            return None
        _attempt(notification, summary)
    return notification


def notifications_deliver(*, limit: int | None = None) -> DeliverySummary:
    """Sends the pending rows that are due, at most ``limit``. Safe to run in several processes at once."""
    summary = DeliverySummary()
    run_started_at = timezone.now()  # a row put back for a retry is never taken twice in one run
    while limit is None or summary.processed < limit:
        with transaction.atomic():
            notification = _claim(_due(run_started_at))
            if notification is None:
                break
            _attempt(notification, summary)
    return summary
