"""Citizen profile data beyond the account, and the one-time codes that verify a phone number or e-mail."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CitizenProfile(models.Model):
    """What the portal pre-fills e-forms from. One per citizen account (``User.kind == "citizen"``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="citizen_profile", verbose_name=_("account")
    )
    id_number = models.CharField(_("identity number"), max_length=12, blank=True, db_index=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    # The log-in identifiers this citizen proved to own (one-time code, or the identity provider's verified claim).
    verified_phone = models.CharField(_("verified phone"), max_length=20, null=True, blank=True, unique=True)
    verified_email = models.EmailField(_("verified e-mail"), null=True, blank=True, unique=True)
    # Set by a VNeID log-in: the provider's subject, and the identity number is then the provider's, not typed.
    vneid_subject = models.CharField(max_length=100, null=True, blank=True, unique=True)
    id_verified = models.BooleanField(_("identity verified by VNeID"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("citizen profile")
        verbose_name_plural = _("citizen profiles")
        constraints = [
            # Anyone may type a number; only one account may hold it as verified by the identity provider.
            models.UniqueConstraint(
                fields=["id_number"], condition=models.Q(id_verified=True), name="citizen_verified_id_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.id_number or '-'}"


class OtpPurpose(models.TextChoices):
    SIGNUP = "signup", _("Sign-up")
    LOGIN = "login", _("Log-in")


class OtpChannel(models.TextChoices):
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")


class OneTimeCode(models.Model):
    """One verification in progress. The code itself is never stored, only its keyed hash."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    purpose = models.CharField(max_length=10, choices=OtpPurpose.choices)
    channel = models.CharField(max_length=10, choices=OtpChannel.choices)
    destination = models.CharField(max_length=254, db_index=True)
    # Log-in: the account; sign-up: none yet (the account is created when the code is confirmed).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Sign-up: the name and the password hash to create the account with, once the code is confirmed.
    pending = models.JSONField(default=dict, blank=True)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    last_sent_at = models.DateTimeField()
    send_count = models.PositiveSmallIntegerField(default=1)
    attempts = models.PositiveSmallIntegerField(default=0)
    consumed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["destination", "created_at"], name="otp_destination_recent")]

    def __str__(self) -> str:
        return f"{self.purpose} · {self.channel} · {self.destination}"
