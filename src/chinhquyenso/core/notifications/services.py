"""Writes on the outbox by staff: putting a failed message back in the queue."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chinhquyenso.core.errors import Conflict, NotFound
from chinhquyenso.core.models import Notification, NotificationStatus, Role
from chinhquyenso.core.notifications.worker import notification_hand_off
from chinhquyenso.core.permissions import require_role
from chinhquyenso.core.services.audit import audit_record


def notification_retry(*, actor, notification_id: int) -> Notification:
    """A failed message gets a fresh set of attempts, starting now. System administrators only."""
    require_role(actor, Role.SYSTEM_ADMIN)
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None:
            raise NotFound(_("Notification not found."))
        if notification.status != NotificationStatus.FAILED:
            raise Conflict(_("Only a failed notification can be sent again."), code="not_failed")
        previous_error = notification.last_error
        notification.status = NotificationStatus.PENDING
        notification.attempts = 0
        notification.next_attempt_at = timezone.now()
        notification.save(update_fields=["status", "attempts", "next_attempt_at", "updated_at"])
        audit_record(
            actor=actor,
            action="notification.retry",
            obj=notification,
            summary={"channel": notification.channel, "template": notification.template, "error": previous_error},
        )
        notification_hand_off(notification)
    return notification
