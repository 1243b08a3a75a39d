"""Notifications to citizens by e-mail, SMS and Zalo: an outbox written in the caller's transaction, sent after
commit in the background, retried with back-off. Other apps call ``notification_send``; see ``send.py``."""

from chinhquyenso.core.models.notification import Notification, NotificationChannel, NotificationStatus
from chinhquyenso.core.notifications.send import notification_send

__all__ = ["Notification", "NotificationChannel", "NotificationStatus", "notification_send"]
