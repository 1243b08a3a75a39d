"""Reading the outbox: for system administrators only (messages carry citizens' addresses and one-time codes)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from chinhquyenso.core.models import Notification, NotificationChannel, NotificationStatus, Role
from chinhquyenso.core.permissions import require_role


def notification_list_for(*, user, status: str = "", channel: str = "", q: str = "") -> QuerySet[Notification]:
    """Newest first. Unknown filter values are ignored. Raises PermissionDenied unless a system administrator."""
    require_role(user, Role.SYSTEM_ADMIN)
    found = Notification.objects.order_by("-id")
    if status in NotificationStatus.values:
        found = found.filter(status=status)
    if channel in NotificationChannel.values:
        found = found.filter(channel=channel)
    q = (q or "").strip()
    if q:
        found = found.filter(Q(reference=q) | Q(recipient__iexact=q) | Q(recipient=_as_phone(q)))
    return found


def _as_phone(text: str) -> str:
    from chinhquyenso.core.notifications.phone import InvalidPhone, phone_normalise

    try:
        return phone_normalise(text)
    except InvalidPhone:
        return text
