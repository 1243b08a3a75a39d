"""Citizen sign-up (verified by a one-time code), log-in by password or by code, and log-out."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from chinhquyenso.core.errors import NotAuthenticated, ValidationFailed
from chinhquyenso.core.models import AccountKind
from chinhquyenso.core.services.accounts import account_log_in, account_log_out
from chinhquyenso.core.services.audit import audit_record
from chinhquyenso.identity.contacts import Contact, contact_parse
from chinhquyenso.identity.errors import AlreadyRegistered
from chinhquyenso.identity.models import CitizenProfile, OneTimeCode, OtpPurpose
from chinhquyenso.identity.services.otp import otp_check, otp_issue
from chinhquyenso.identity.services.sessions import citizen_can_sign_in, session_open
from chinhquyenso.identity.session import auth_method_set

User = get_user_model()


def _already_registered() -> AlreadyRegistered:
    message = _("This phone number or e-mail address already has an account. Please log in.")
    return AlreadyRegistered(message, fields={"contact": [message]})


def citizen_username_new() -> str:
    # Citizens sign in by phone, e-mail or VNeID; the user name is only an internal handle.
    return "cd." + secrets.token_hex(6)


def citizen_find(contact: Contact):
    """The citizen account that proved it owns this phone number or e-mail address, or None."""
    lookup = {"verified_phone": contact.value} if contact.is_phone else {"verified_email": contact.value}
    profile = CitizenProfile.objects.filter(**lookup, user__kind=AccountKind.CITIZEN).select_related("user").first()
    return profile.user if profile is not None else None


def _password_message(error: ValidationError) -> str:
    # Django 5.2's wording of the length rule has no Vietnamese in Django's own catalogue yet: say it here.
    if error.code == "password_too_short":
        length = (error.params or {}).get("min_length", 8)
        return ngettext(
            "The password is too short: use at least %(count)d character.",
            "The password is too short: use at least %(count)d characters.",
            length,
        ) % {"count": length}
    return " ".join(error.messages)


def _contact_or_error(text: str, errors: dict) -> Contact | None:
    contact = contact_parse(text)
    if contact is None:
        errors["contact"] = [_("Enter a mobile phone number (10 digits, e.g. 0912345678) or an e-mail address.")]
    return contact


def citizen_signup_start(*, full_name: str, contact_text: str, password: str, password_confirm: str) -> OneTimeCode:
    """Checks the form and sends a code; the account exists only once the code is confirmed."""
    errors: dict[str, list[str]] = {}
    full_name = " ".join((full_name or "").split())
    if not full_name:
        errors["full_name"] = [_("Enter your full name.")]
    elif len(full_name) > 150:
        errors["full_name"] = [_("The name is too long (at most 150 characters).")]
    contact = _contact_or_error(contact_text, errors)
    probe = User(username="", full_name=full_name, kind=AccountKind.CITIZEN)
    if contact is not None:
        probe.phone, probe.email = (contact.value, "") if contact.is_phone else ("", contact.value)
    try:
        validate_password(password or "", user=probe)
    except ValidationError as error:
        errors["password"] = [_password_message(item) for item in error.error_list]
    if password != password_confirm:
        errors["password_confirm"] = [_("The two passwords do not match.")]
    if errors:
        raise ValidationFailed(fields=errors)
    if citizen_find(contact) is not None:
        raise _already_registered()
    with transaction.atomic():
        challenge = otp_issue(
            purpose=OtpPurpose.SIGNUP,
            contact=contact,
            pending={"full_name": full_name, "password_hash": make_password(password)},
        )
        audit_record(actor=None, action="identity.signup_start", obj=challenge, summary={"channel": contact.channel})
    return challenge


def _citizen_create(challenge: OneTimeCode):
    contact = Contact(challenge.channel, challenge.destination)
    if citizen_find(contact) is not None:
        raise _already_registered()
    user = User(
        username=citizen_username_new(),
        kind=AccountKind.CITIZEN,
        full_name=challenge.pending.get("full_name", ""),
        phone=contact.value if contact.is_phone else "",
        email="" if contact.is_phone else contact.value,
        password=challenge.pending["password_hash"],
    )
    try:
        with transaction.atomic():  # a concurrent sign-up with the same contact loses on the unique column
            user.save()
            CitizenProfile.objects.create(
                user=user,
                verified_phone=contact.value if contact.is_phone else None,
                verified_email=None if contact.is_phone else contact.value,
            )
    except IntegrityError:
        raise _already_registered() from None
    audit_record(actor=user, action="identity.signup", obj=user, summary={"channel": contact.channel})
    return user


def citizen_signup_confirm(*, request, token, code: str):
    """Confirms the code, creates the account and signs the citizen in (method ``otp``)."""
    user = otp_check(token=token, code=code, purpose=OtpPurpose.SIGNUP, on_success=_citizen_create)
    session_open(request=request, user=user, method="otp")
    return user


def citizen_log_in_password(*, request, identifier: str, password: str):
    """Phone number or e-mail and password; failures count towards core's lock-out like a staff log-in."""
    contact = contact_parse(identifier)
    user = citizen_find(contact) if contact is not None else None
    if user is None:
        with transaction.atomic():
            audit_record(actor=None, action="auth.login_failed", summary={"identifier": (identifier or "")[:150]})
        raise NotAuthenticated(_("Wrong phone number, e-mail or password."), code="invalid_credentials")
    try:
        account_log_in(request=request, username=user.username, password=password)
    except NotAuthenticated:
        raise NotAuthenticated(_("Wrong phone number, e-mail or password."), code="invalid_credentials") from None
    auth_method_set(request, "password")
    return user


def citizen_log_in_code_start(*, identifier: str) -> OneTimeCode:
    """Sends a log-in code to a registered phone or e-mail; an unknown one gets a verification that cannot succeed."""
    errors: dict[str, list[str]] = {}
    contact = _contact_or_error(identifier, errors)
    if errors:
        raise ValidationFailed(fields=errors)
    user = citizen_find(contact)
    if user is not None:
        citizen_can_sign_in(user)
    with transaction.atomic():
        challenge = otp_issue(purpose=OtpPurpose.LOGIN, contact=contact, user=user, send=user is not None)
        audit_record(
            actor=user,
            action="identity.login_code_start",
            obj=challenge,
            summary={"channel": contact.channel, "known": user is not None},
        )
    return challenge


def citizen_log_in_code_confirm(*, request, token, code: str):
    user = otp_check(token=token, code=code, purpose=OtpPurpose.LOGIN, on_success=lambda challenge: challenge.user)
    session_open(request=request, user=user, method="otp")
    return user


def citizen_log_out(*, request) -> None:
    account_log_out(request=request)
