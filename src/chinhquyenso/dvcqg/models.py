"""The outbox: what must reach the national portal, written in the same transaction as the change it reports."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxKind(models.TextChoices):
    DOSSIER = "dossier", _("Dossier")
    HISTORY = "history", _("Process step")


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class SentVia(models.TextChoices):
    CREATE = "create", _("Created on the portal")
    UPDATE = "update", _("Updated on the portal")
    HISTORY = "history", _("Process step sent")


class OutboxItem(models.Model):
    """One payload for the portal. Items of one dossier go out in id order; see ``sync.py``."""

    kind = models.CharField(_("kind"), max_length=16, choices=OutboxKind.choices)
    dossier_code = models.CharField(_("dossier code"), max_length=64)
    payload = models.JSONField(_("payload"))
    # Same state queued twice gives the same key; the unique index turns the second enqueue into a no-op.
    idempotency_key = models.CharField(_("idempotency key"), max_length=64, unique=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)  # for the sync ratio by period
    status = models.CharField(_("status"), max_length=16, choices=OutboxStatus.choices, default=OutboxStatus.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True, default="")
    sent_via = models.CharField(_("sent via"), max_length=16, choices=SentVia.choices, blank=True, default="")
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("DVCQG outbox item")
        verbose_name_plural = _("DVCQG outbox items")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at", "id"], name="dvcqg_outbox_due"),
            models.Index(fields=["dossier_code", "id"], name="dvcqg_outbox_dossier"),
            models.Index(fields=["kind", "received_at"], name="dvcqg_outbox_received"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=OutboxKind.values), name="dvcqg_outbox_kind_valid"),
            models.CheckConstraint(
                condition=models.Q(status__in=OutboxStatus.values), name="dvcqg_outbox_status_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=OutboxStatus.SENT) | models.Q(sent_at__isnull=False),
                name="dvcqg_outbox_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.dossier_code} #{self.pk} ({self.status})"
