"""The exchange queue: one row per edXML package going to one organ (outbox) or received from the axis (inbox).

An outgoing row waits as ``pending`` until ``next_attempt_at``; each failed delivery adds an attempt and doubles
the delay (``CQS_EDXML_RETRY_SECONDS``, ``CQS_EDXML_MAX_ATTEMPTS``) until it is ``sent`` or ``failed``. An
incoming row is ``received`` when stored and ``acknowledged`` once the axis was told "done".
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    OUT = "out", _("Outgoing package")
    IN = "in", _("Incoming package")


class PackageKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    STATUS = "status", _("Status")


class ItemStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    RECEIVED = "received", _("Received")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")


class ExchangeItem(models.Model):
    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=PackageKind.choices)
    from_organ_id = models.CharField(_("from organ"), max_length=35)
    to_organ_id = models.CharField(_("to organ"), max_length=35)
    document_id = models.CharField(_("document id"), max_length=300, db_index=True)
    status_code = models.CharField(_("status code"), max_length=2, blank=True)
    package = models.BinaryField(_("package"))
    status = models.CharField(_("status"), max_length=12, choices=ItemStatus.choices)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    axis_message_id = models.CharField(_("axis message id"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # Incoming packages: when the platform turned it into documents or tracking (``intake.inbox_apply``).
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    applied_note = models.CharField(_("result"), max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["direction", "status", "next_attempt_at"], name="edxml_item_due")]
        constraints = [
            # The same document goes to the same organ once; a second enqueue is a conflict, not a resend.
            models.UniqueConstraint(
                fields=["document_id", "to_organ_id"],
                condition=models.Q(direction="out", kind="document"),
                name="edxml_document_once_per_organ",
            ),
            # An incoming package is stored once per axis message, however often the axis offers it.
            models.UniqueConstraint(
                fields=["axis_message_id"],
                condition=models.Q(direction="in") & ~models.Q(axis_message_id=""),
                name="edxml_inbox_once_per_axis_message",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.direction} {self.kind} {self.document_id} → {self.to_organ_id} ({self.status})"
