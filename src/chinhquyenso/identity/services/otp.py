"""One-time codes: issue, resend (rate-limited) and confirm (expiring, limited attempts)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from chinhquyenso.core.errors import ApplicationError, RateLimited
from chinhquyenso.core.services.audit import audit_record
from chinhquyenso.identity import otp_delivery
from chinhquyenso.identity.contacts import Contact
from chinhquyenso.identity.errors import CodeAttemptsExhausted, CodeExpired, CodeInvalid, CodeWrong
from chinhquyenso.identity.models import OneTimeCode
from chinhquyenso.identity.otp_codes import code_hash, code_matches, code_new


def _sends_last_hour(destination: str, now) -> int:
    found = OneTimeCode.objects.filter(destination=destination, last_sent_at__gte=now - timedelta(hours=1))
    return found.aggregate(total=Sum("send_count"))["total"] or 0


def _check_hourly_limit(destination: str, now) -> None:
    if _sends_last_hour(destination, now) >= settings.OTP_MAX_SENDS_PER_HOUR:
        raise RateLimited(
            _("Too many codes were sent to this address in the last hour. Please try again later."),
            code="otp_hourly_limit",
        )


def _deliver(challenge: OneTimeCode, code: str) -> None:
    otp_delivery.otp_deliver(
        channel=challenge.channel,
        to=challenge.destination,
        code=code,
        minutes=settings.OTP_TTL_MINUTES,
        reference=f"otp:{challenge.token}",
    )


def otp_issue(*, purpose: str, contact: Contact, user=None, pending: dict | None = None, send: bool = True):
    """Starts a verification and sends its code. Must run inside the caller's transaction.

    ``send=False`` makes a verification that can never succeed (log-in to an unknown address), so the page
    the citizen sees does not reveal whether an account exists.
    """
    now = timezone.now()
    _check_hourly_limit(contact.value, now)
    token = uuid.uuid4()
    code = code_new()
    challenge = OneTimeCode.objects.create(
        token=token,
        purpose=purpose,
        channel=contact.channel,
        destination=contact.value,
        user=user,
        pending=pending or {},
        code_hash=code_hash(token=token, code=code) if send else "",
        created_at=now,
        expires_at=now + timedelta(minutes=settings.OTP_TTL_MINUTES),
        last_sent_at=now,
        send_count=1,
    )
    if send:
        _deliver(challenge, code)
    return challenge


def otp_resend(*, token) -> OneTimeCode:
    """A new code for the same verification, at most once per ``OTP_RESEND_SECONDS`` and within the hourly limit."""
    with transaction.atomic():
        challenge = OneTimeCode.objects.select_for_update().filter(token=token, consumed_at__isnull=True).first()
        if challenge is None:
            raise CodeInvalid()
        now = timezone.now()
        wait = settings.OTP_RESEND_SECONDS - int((now - challenge.last_sent_at).total_seconds())
        if wait > 0:
            raise RateLimited(
                ngettext(
                    "Please wait %(seconds)d second before asking for a new code.",
                    "Please wait %(seconds)d seconds before asking for a new code.",
                    wait,
                )
                % {"seconds": wait},
                code="otp_resend_too_soon",
            )
        _check_hourly_limit(challenge.destination, now)
        code = code_new()
        challenge.code_hash = code_hash(token=challenge.token, code=code) if challenge.code_hash else ""
        challenge.expires_at = now + timedelta(minutes=settings.OTP_TTL_MINUTES)
        challenge.last_sent_at = now
        challenge.send_count += 1
        challenge.attempts = 0
        challenge.save(update_fields=["code_hash", "expires_at", "last_sent_at", "send_count", "attempts"])
        audit_record(
            actor=challenge.user,
            action="identity.otp_resend",
            obj=challenge,
            summary={"purpose": challenge.purpose, "channel": challenge.channel, "send_count": challenge.send_count},
        )
        if challenge.code_hash:
            _deliver(challenge, code)
    return challenge


@dataclass(frozen=True)
class _Checked:
    challenge: OneTimeCode | None
    error: ApplicationError | None


def otp_check(*, token, code: str, purpose: str, on_success) -> object:
    """Checks the code under a row lock. A wrong code counts even though the call then raises.

    ``on_success(challenge)`` runs in the same transaction as the code being marked used, and its result is
    returned: the account is created (sign-up) or picked (log-in) together with consuming the code.
    """
    with transaction.atomic():
        challenge = (
            OneTimeCode.objects.select_for_update()
            .filter(token=token, purpose=purpose, consumed_at__isnull=True)
            .first()
        )
        checked = _verdict(challenge, code)
        if checked.error is None:
            challenge.consumed_at = timezone.now()
            challenge.save(update_fields=["consumed_at"])
            return on_success(challenge)
    raise checked.error


def _verdict(challenge: OneTimeCode | None, code: str) -> _Checked:
    if challenge is None:
        return _Checked(None, CodeInvalid())
    limit = settings.OTP_MAX_ATTEMPTS
    if challenge.attempts >= limit:
        return _Checked(challenge, CodeAttemptsExhausted())
    if challenge.expires_at <= timezone.now():
        return _Checked(challenge, CodeExpired())
    code = (code or "").strip()
    if challenge.code_hash and code and code_matches(token=challenge.token, code=code, stored_hash=challenge.code_hash):
        return _Checked(challenge, None)
    challenge.attempts += 1
    challenge.save(update_fields=["attempts"])
    audit_record(
        actor=challenge.user,
        action="identity.otp_wrong",
        obj=challenge,
        summary={"purpose": challenge.purpose, "attempts": challenge.attempts},
    )
    left = limit - challenge.attempts
    if left <= 0:
        return _Checked(challenge, CodeAttemptsExhausted())
    message = ngettext(
        "The code is not correct. %(left)d attempt left.", "The code is not correct. %(left)d attempts left.", left
    ) % {"left": left}
    return _Checked(challenge, CodeWrong(message, fields={"code": [message]}))


def otp_pending_get(*, token) -> OneTimeCode | None:
    """The open verification behind a page, for showing where the code went."""
    return OneTimeCode.objects.filter(token=token, consumed_at__isnull=True).first()
