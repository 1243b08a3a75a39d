"""Phone numbers and e-mail addresses as log-in identifiers: one canonical spelling each."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from chinhquyenso.identity.models import OtpChannel

# Vietnamese mobile numbers since the 2018 renumbering: 0 + 3/5/7/8/9 + 8 digits.
_MOBILE = re.compile(r"0[35789]\d{8}")


@dataclass(frozen=True)
class Contact:
    channel: str  # OtpChannel: "sms" for a phone number, "email" for an address
    value: str

    @property
    def is_phone(self) -> bool:
        return self.channel == OtpChannel.SMS


def phone_normalise(text: str) -> str | None:
    """``+84 912 345 678``, ``84912345678`` and ``0912.345.678`` all become ``0912345678``; None if not a mobile."""
    digits = re.sub(r"[\s.\-()]", "", text or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits if _MOBILE.fullmatch(digits) else None


def email_normalise(text: str) -> str | None:
    value = (text or "").strip().lower()
    if not value or "@" not in value:
        return None
    try:
        validate_email(value)
    except ValidationError:
        return None
    return value


def contact_parse(text: str) -> Contact | None:
    """A phone number or an e-mail address, whichever the citizen typed; None if it is neither."""
    if "@" in (text or ""):
        email = email_normalise(text)
        return Contact(OtpChannel.EMAIL, email) if email else None
    phone = phone_normalise(text)
    return Contact(OtpChannel.SMS, phone) if phone else None


def contact_mask(contact: Contact) -> str:
    """What the verification page shows: ``091****678`` or ``an***@example.vn``."""
    if contact.is_phone:
        return contact.value[:3] + "****" + contact.value[-3:]
    local, _, domain = contact.value.partition("@")
    return local[:2] + "***@" + domain
