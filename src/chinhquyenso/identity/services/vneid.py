"""VNeID single sign-on: start the authorization, finish it, and find, link or create the citizen account."""

from __future__ import annotations

import re
import time
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from chinhquyenso.core.errors import Conflict
from chinhquyenso.core.models import AccountKind
from chinhquyenso.core.services.audit import audit_record
from chinhquyenso.identity.contacts import email_normalise, phone_normalise
from chinhquyenso.identity.models import CitizenProfile
from chinhquyenso.identity.oidc import (
    ClientConfig,
    OidcError,
    PendingAuthorization,
    authorization_complete,
    authorization_url,
    discover,
    new_pending,
)
from chinhquyenso.identity.services.accounts import citizen_username_new
from chinhquyenso.identity.services.sessions import session_open

User = get_user_model()
SESSION_PENDING = "cqs_vneid_pending"
PENDING_SECONDS = 600
PENDING_KEEP = 5  # authorizations started in other tabs stay valid
ID_NUMBER = re.compile(r"\d{12}")


def vneid_begin(*, request, config: ClientConfig, next_url: str = "", link: bool = False) -> str:
    """Remembers state, nonce and PKCE verifier in the session; returns the provider's authorization URL."""
    metadata = discover(config.issuer, timeout=config.timeout)
    pending = new_pending()
    now = time.time()
    kept = {
        state: item
        for state, item in request.session.get(SESSION_PENDING, {}).items()
        if now - item.get("at", 0) < PENDING_SECONDS
    }
    kept = dict(sorted(kept.items(), key=lambda pair: pair[1]["at"])[-(PENDING_KEEP - 1) :])
    kept[pending.state] = {**pending.as_dict(), "at": now, "next": next_url, "link": link}
    request.session[SESSION_PENDING] = kept
    return authorization_url(config, metadata, pending)


def _pending_take(request, state: str) -> dict:
    kept = request.session.get(SESSION_PENDING, {})
    item = kept.pop(state, None) if state else None
    request.session[SESSION_PENDING] = kept
    if item is None or time.time() - item.get("at", 0) >= PENDING_SECONDS:
        raise OidcError(
            _("This VNeID sign-in was not started here or has expired. Please start again."), code="vneid_bad_state"
        )
    return item


def vneid_finish(*, request, config: ClientConfig, params: dict) -> tuple[object, str]:
    """Handles the callback: state, then code exchange and checks, then the account. Returns (user, next URL)."""
    item = _pending_take(request, params.get("state", ""))
    if params.get("error"):
        if params["error"] == "access_denied":
            raise OidcError(_("You cancelled signing in with VNeID."), code="vneid_cancelled")
        raise OidcError(code="vneid_" + re.sub(r"[^a-z_]", "", params["error"])[:40])
    if not params.get("code"):
        raise OidcError(code="vneid_no_code")
    pending = PendingAuthorization(item["state"], item["nonce"], item["code_verifier"])
    try:
        claims = authorization_complete(config, code=params["code"], pending=pending)
    except OidcError as error:
        with transaction.atomic():
            audit_record(actor=None, action="auth.vneid_failed", summary={"code": error.code})
        raise
    current = request.user if item.get("link") and request.user.is_authenticated else None
    user, outcome = vneid_account_resolve(claims=claims, id_claim=settings.VNEID_ID_CLAIM, current_user=current)
    session_open(request=request, user=user, method="vneid")
    return user, item.get("next", "")


def _claim_date(text) -> date | None:
    try:
        return date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def _claim_address(value) -> str:
    if isinstance(value, dict):
        value = value.get("formatted", "")
    return " ".join(str(value or "").split())[:300]


def _verified_contacts(claims: dict) -> tuple[str | None, str | None]:
    phone = phone_normalise(str(claims.get("phone_number", ""))) if claims.get("phone_number_verified") else None
    email = email_normalise(str(claims.get("email", ""))) if claims.get("email_verified") else None
    return phone, email


def _link_candidate(*, id_number: str, phone: str | None, email: str | None) -> CitizenProfile | None:
    """An account made by sign-up that the provider vouches is this person: same verified phone or e-mail, and no
    other identity number typed. The typed number alone is never enough (anyone can type anyone's number)."""
    for lookup, value in (("verified_phone", phone), ("verified_email", email)):
        if not value:
            continue
        profile = (
            CitizenProfile.objects.select_for_update()
            .filter(**{lookup: value}, vneid_subject__isnull=True, user__kind=AccountKind.CITIZEN)
            .select_related("user")
            .first()
        )
        if profile is not None and profile.id_number in ("", id_number):
            return profile
    return None


def _fill(profile: CitizenProfile, claims: dict, *, subject: str, id_number: str) -> None:
    """The provider's data is verified: it replaces name, number and date of birth; an address the citizen typed
    (where they live now) is kept."""
    user = profile.user
    name = " ".join(str(claims.get("name", "")).split())[:150]
    if name and user.full_name != name:
        user.full_name = name
        User.objects.filter(pk=user.pk).update(full_name=name)
    profile.vneid_subject = subject
    profile.id_number = id_number
    profile.id_verified = True
    profile.birth_date = _claim_date(claims.get("birthdate")) or profile.birth_date
    profile.address = profile.address or _claim_address(claims.get("address"))
    profile.save()


def vneid_account_resolve(*, claims: dict, id_claim: str = "sub", current_user=None):
    """Returns (user, outcome) with outcome ``existing``, ``linked`` or ``created``; one transaction, audited."""
    subject = str(claims.get("sub", ""))
    id_number = str(claims.get(id_claim, "")).strip()
    if not subject or not ID_NUMBER.fullmatch(id_number):
        raise OidcError(code="vneid_no_id_number")
    phone, email = _verified_contacts(claims)
    with transaction.atomic():
        profile = (
            CitizenProfile.objects.select_for_update().filter(vneid_subject=subject).select_related("user").first()
        )
        if profile is not None:
            outcome = "existing"
        elif current_user is not None and current_user.kind == AccountKind.CITIZEN:
            profile, _created = CitizenProfile.objects.select_for_update().get_or_create(user=current_user)
            if profile.vneid_subject:
                raise Conflict(_("This account is already linked to another VNeID identity."), code="vneid_linked")
            outcome = "linked"
        else:
            profile = _link_candidate(id_number=id_number, phone=phone, email=email)
            outcome = "linked" if profile is not None else "created"
        if outcome == "created":
            phone_free = phone and not CitizenProfile.objects.filter(verified_phone=phone).exists()
            email_free = email and not CitizenProfile.objects.filter(verified_email=email).exists()
            user = User(
                username=citizen_username_new(),
                kind=AccountKind.CITIZEN,
                phone=phone or "",
                email=email or "",
            )
            user.set_unusable_password()  # signs in through VNeID (or a code) until the citizen sets one
            user.save()
            profile = CitizenProfile(
                user=user, verified_phone=phone if phone_free else None, verified_email=email if email_free else None
            )
        # Another account may hold this number as verified only under another subject: not the same person.
        if CitizenProfile.objects.filter(id_number=id_number, id_verified=True).exclude(pk=profile.pk).exists():
            raise Conflict(
                _("This identity number is already linked to another account. Please contact the help desk."),
                code="vneid_id_taken",
            )
        _fill(profile, claims, subject=subject, id_number=id_number)
        audit_record(
            actor=profile.user,
            action=f"identity.vneid_{outcome}",
            obj=profile.user,
            summary={"subject": subject},
        )
    return profile.user, outcome
