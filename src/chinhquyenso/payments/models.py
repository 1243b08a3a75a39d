"""Payments of a dossier's fees and charges, every message the gateway sent about them, and the fake's orders."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the gateway")
    SUCCEEDED = "succeeded", _("Paid")
    FAILED = "failed", _("Not paid")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Cancelled")


class Payment(models.Model):
    """One order at the gateway: the lines it pays, its total in đồng, and what became of it."""

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, related_name="payments")
    payer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Our reference at the gateway: random, so nobody can guess another citizen's order.
    order_ref = models.CharField(_("order reference"), max_length=40, unique=True)
    gateway = models.CharField(_("gateway"), max_length=20)
    merchant_code = models.CharField(max_length=40)
    total_vnd = models.PositiveBigIntegerField(_("total (VND)"))
    status = models.CharField(_("status"), max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.PENDING)
    transaction_no = models.CharField(_("gateway transaction"), max_length=64, blank=True)
    result_code = models.CharField(max_length=8, blank=True)
    result_message = models.CharField(max_length=255, blank=True)
    return_url = models.URLField(max_length=500)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    paid_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    last_queried_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["dossier", "status"], name="payment_dossier_status"),
            models.Index(fields=["status", "expires_at"], name="payment_sweep"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(total_vnd__gt=0), name="payment_total_positive"),
            models.UniqueConstraint(
                fields=["gateway", "transaction_no"],
                condition=~models.Q(transaction_no=""),
                name="payment_gateway_transaction_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.order_ref

    @property
    def is_finished(self) -> bool:
        return self.status != PaymentStatus.PENDING


class PaymentLine(models.Model):
    """One fee, charge or requested amount the payment covers; ``source``/``source_ref`` name the obligation."""

    class Source(models.TextChoices):
        FEE = "fee", _("Fee of the procedure")
        REQUEST = "request", _("Amount requested by the agency")

    payment = models.ForeignKey(Payment, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField()
    source = models.CharField(max_length=10, choices=Source.choices)
    source_ref = models.CharField(max_length=40)
    code = models.CharField(_("code"), max_length=40, blank=True)
    name = models.CharField(_("name"), max_length=300)
    amount_vnd = models.PositiveBigIntegerField(_("amount (VND)"))
    collector = models.CharField(_("collected by"), max_length=300, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [models.CheckConstraint(condition=models.Q(amount_vnd__gt=0), name="payment_line_positive")]

    def __str__(self) -> str:
        return self.name


class CallbackOutcome(models.TextChoices):
    APPLIED = "applied", _("Applied")
    DUPLICATE = "duplicate", _("Repeat of a message already applied")
    PENDING = "pending", _("No final outcome yet")
    SIGNATURE_INVALID = "signature_invalid", _("Refused: signature does not match")
    STALE = "stale", _("Refused: outside the time window (replay)")
    MALFORMED = "malformed", _("Refused: breaks the contract")
    UNKNOWN_ORDER = "unknown_order", _("Refused: no such order")
    AMOUNT_MISMATCH = "amount_mismatch", _("Refused: amount differs from the order")
    CONFLICT = "conflict", _("Refused: the payment already ended otherwise")
    UNREACHABLE = "unreachable", _("The gateway did not answer")


class PaymentMessage(models.Model):
    """Every message from the gateway, as received, whether applied or refused: callbacks and query answers."""

    class Kind(models.TextChoices):
        CALLBACK = "callback", _("Callback")
        QUERY = "query", _("Status query")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    received_at = models.DateTimeField()
    payment = models.ForeignKey(Payment, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages")
    order_ref = models.CharField(max_length=100, blank=True)  # as the message said, even for an unknown order
    body = models.BinaryField()  # exactly the bytes received, so a dispute can re-check the signature
    signature = models.CharField(max_length=200, blank=True)
    signature_valid = models.BooleanField()
    outcome = models.CharField(max_length=20, choices=CallbackOutcome.choices)
    http_status = models.PositiveSmallIntegerField()
    detail = models.CharField(max_length=500, blank=True)
    remote_ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["order_ref"], name="payment_message_order")]

    def __str__(self) -> str:
        return f"{self.kind} {self.order_ref} {self.outcome}"


class FakeGatewayOrder(models.Model):
    """The local fake gateway's own record of an order (dev and test only; a real gateway keeps this itself)."""

    class State(models.TextChoices):
        OPEN = "open", "open"
        SUCCEEDED = "succeeded", "succeeded"
        FAILED = "failed", "failed"

    order_ref = models.CharField(max_length=40, unique=True)
    merchant = models.CharField(max_length=40)
    amount_vnd = models.PositiveBigIntegerField()
    order_info = models.CharField(max_length=255)
    return_url = models.URLField(max_length=500)
    expires_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    result_code = models.CharField(max_length=8, blank=True)
    transaction_no = models.CharField(max_length=64, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    # A time-out: the money is taken but the gateway only admits it to status queries from this time on.
    visible_from = models.DateTimeField(null=True, blank=True)
    deliveries = models.JSONField(default=list)  # each callback sent: {"status", "answer"}

    def __str__(self) -> str:
        return f"fake {self.order_ref} {self.state}"
