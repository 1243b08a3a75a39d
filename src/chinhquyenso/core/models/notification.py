"""The notification outbox: one row per message to a citizen, written in the transaction of the change it reports."""

from __future__ import annotations

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")
    ZALO = "zalo", _("Zalo")


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


# Context values that must not be shown to staff (a one-time code is as good as the citizen's password).
SECRET_CONTEXT_KEYS = {"otp_code": ("code",)}


class Notification(models.Model):
    """A rendered message and its delivery state. Delivery is in ``core.notifications.delivery``."""

    channel = models.CharField(_("channel"), max_length=8, choices=NotificationChannel.choices)
    recipient = models.CharField(_("recipient"), max_length=254)  # e-mail address, or phone as +84…
    template = models.CharField(_("template"), max_length=64)
    # Kept for channels that send a template id and its parameters rather than text (Zalo ZNS).
    context = models.JSONField(_("context"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    subject = models.CharField(_("message subject"), max_length=255, blank=True, default="")
    body = models.TextField(_("body"))
    body_html = models.TextField(_("HTML body"), blank=True, default="")
    reference = models.CharField(_("reference"), max_length=64, blank=True, default="")  # e.g. a dossier code
    status = models.CharField(
        _("status"), max_length=16, choices=NotificationStatus.choices, default=NotificationStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True, default="")
    provider_message_id = models.CharField(_("provider message id"), max_length=128, blank=True, default="")
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at", "id"], name="core_notification_due"),
            models.Index(fields=["reference", "id"], name="core_notification_reference"),
            models.Index(fields=["recipient", "id"], name="core_notification_recipient"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(channel__in=NotificationChannel.values), name="core_notification_channel_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=NotificationStatus.values), name="core_notification_status_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=NotificationStatus.SENT) | models.Q(sent_at__isnull=False),
                name="core_notification_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.template} → {self.recipient} #{self.pk} ({self.status})"

    @property
    def subject_for_staff(self) -> str:
        subject = self.subject
        for key in SECRET_CONTEXT_KEYS.get(self.template, ()):
            value = str(self.context.get(key) or "")
            if value:
                subject = subject.replace(value, "•" * len(value))
        return subject
