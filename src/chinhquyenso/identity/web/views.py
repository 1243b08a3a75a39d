from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chinhquyenso.core.errors import ApplicationError, ValidationFailed
from chinhquyenso.identity.contacts import Contact, contact_mask
from chinhquyenso.identity.models import OtpPurpose
from chinhquyenso.identity.selectors import citizen_profile_for
from chinhquyenso.identity.services.accounts import (
    citizen_log_in_code_confirm,
    citizen_log_in_code_start,
    citizen_log_in_password,
    citizen_log_out,
    citizen_signup_confirm,
    citizen_signup_start,
)
from chinhquyenso.identity.services.otp import otp_pending_get, otp_resend
from chinhquyenso.identity.services.profile import citizen_profile_update
from chinhquyenso.identity.services.vneid import vneid_begin, vneid_finish
from chinhquyenso.identity.session import auth_method
from chinhquyenso.identity.vneid_config import vneid_client_config, vneid_enabled
from chinhquyenso.identity.web.access import citizen_required, is_citizen

SESSION_OTP = "cqs_otp_pending"


def _next(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}):
        return candidate
    return ""


def _after_log_in(next_url: str):
    return redirect(next_url or reverse("identity:profile"))


def _failed(request, template: str, context: dict, error: ApplicationError):
    context["error"] = error.message
    context["field_errors"] = error.fields
    return render(request, template, context, status=error.status)


def _base_context(request) -> dict:
    return {
        "next": _next(request),
        "vneid_enabled": vneid_enabled(),
        "staff_signed_in": request.user.is_authenticated and not is_citizen(request.user),
    }


def _remember_otp(request, challenge, next_url: str):
    kept = request.session.get(SESSION_OTP, {})
    kept = dict(list(kept.items())[-4:])
    kept[str(challenge.token)] = next_url
    request.session[SESSION_OTP] = kept
    return redirect("identity:verify", token=challenge.token)


@require_http_methods(["GET", "POST"])
def log_in(request):
    context = {**_base_context(request), "identifier": ""}
    if request.method == "POST":
        context["identifier"] = request.POST.get("identifier", "")
        try:
            citizen_log_in_password(
                request=request, identifier=context["identifier"], password=request.POST.get("password", "")
            )
        except ApplicationError as error:
            return _failed(request, "identity/login.html", context, error)
        return _after_log_in(context["next"])
    return render(request, "identity/login.html", context)


@require_http_methods(["GET", "POST"])
def log_in_code(request):
    context = {**_base_context(request), "identifier": ""}
    if request.method == "POST":
        context["identifier"] = request.POST.get("identifier", "")
        try:
            challenge = citizen_log_in_code_start(identifier=context["identifier"])
        except ApplicationError as error:
            return _failed(request, "identity/login_code.html", context, error)
        return _remember_otp(request, challenge, context["next"])
    return render(request, "identity/login_code.html", context)


@require_http_methods(["GET", "POST"])
def sign_up(request):
    context = {**_base_context(request), "full_name": "", "contact": ""}
    if request.method == "POST":
        context["full_name"] = request.POST.get("full_name", "")
        context["contact"] = request.POST.get("contact", "")
        try:
            challenge = citizen_signup_start(
                full_name=context["full_name"],
                contact_text=context["contact"],
                password=request.POST.get("password", ""),
                password_confirm=request.POST.get("password_confirm", ""),
            )
        except ApplicationError as error:
            return _failed(request, "identity/signup.html", context, error)
        return _remember_otp(request, challenge, context["next"])
    return render(request, "identity/signup.html", context)


def _verification(request, token: uuid.UUID):
    """The open verification behind this page, only in the browser that started it."""
    if str(token) not in request.session.get(SESSION_OTP, {}):
        return None
    return otp_pending_get(token=token)


def _verify_context(request, challenge) -> dict:
    waited = (timezone.now() - challenge.last_sent_at).total_seconds()
    return {
        "challenge": challenge,
        "is_signup": challenge.purpose == OtpPurpose.SIGNUP,
        "destination": contact_mask(Contact(challenge.channel, challenge.destination)),
        "by_sms": challenge.channel == "sms",
        "minutes": settings.OTP_TTL_MINUTES,
        "resend_wait": max(0, settings.OTP_RESEND_SECONDS - int(waited)),
    }


@require_http_methods(["GET", "POST"])
def verify(request, token: uuid.UUID):
    challenge = _verification(request, token)
    if challenge is None:
        messages.error(request, _("This verification is no longer valid. Please ask for a new code."))
        return redirect("identity:login")
    context = _verify_context(request, challenge)
    if request.method == "POST":
        confirm = citizen_signup_confirm if challenge.purpose == OtpPurpose.SIGNUP else citizen_log_in_code_confirm
        # Read before signing in: switching from another account starts a fresh session.
        next_url = request.session.get(SESSION_OTP, {}).get(str(token), "")
        try:
            confirm(request=request, token=token, code=request.POST.get("code", ""))
        except ApplicationError as error:
            return _failed(request, "identity/verify.html", context, error)
        request.session.get(SESSION_OTP, {}).pop(str(token), None)
        request.session.modified = True
        if challenge.purpose == OtpPurpose.SIGNUP:
            messages.success(request, _("Your account is ready."))
        return _after_log_in(next_url)
    return render(request, "identity/verify.html", context)


@require_POST
def resend(request, token: uuid.UUID):
    challenge = _verification(request, token)
    if challenge is None:
        return redirect("identity:login")
    try:
        otp_resend(token=token)
    except ApplicationError as error:
        return _failed(request, "identity/verify.html", _verify_context(request, challenge), error)
    messages.success(request, _("A new code has been sent."))
    return redirect("identity:verify", token=token)


@require_POST
def log_out(request):
    citizen_log_out(request=request)
    return redirect("identity:login")


@require_GET
def vneid_start(request):
    config = vneid_client_config(request)
    if config is None:
        messages.error(request, _("Signing in with VNeID is not available on this site."))
        return redirect("identity:login")
    try:
        url = vneid_begin(
            request=request, config=config, next_url=_next(request), link=request.GET.get("lien-ket") == "1"
        )
    except ApplicationError as error:
        return _failed(request, "identity/login.html", {**_base_context(request), "identifier": ""}, error)
    return redirect(url)


@require_GET
def vneid_callback(request):
    config = vneid_client_config(request)
    if config is None:
        return redirect("identity:login")
    try:
        _user, next_url = vneid_finish(request=request, config=config, params=request.GET.dict())
    except ApplicationError as error:
        context = {**_base_context(request), "identifier": "", "next": ""}
        return _failed(request, "identity/login.html", context, error)
    return _after_log_in(next_url if url_has_allowed_host_and_scheme(next_url, {request.get_host()}) else "")


def _parse_date(text: str) -> tuple[date | None, bool]:
    text = (text or "").strip()
    if not text:
        return None, True
    try:
        return date.fromisoformat(text), True
    except ValueError:
        return None, False


@citizen_required
@require_http_methods(["GET", "POST"])
def profile(request):
    found = citizen_profile_for(request.user)
    context = {
        "profile": found,
        "auth_method": auth_method(request),
        "vneid_enabled": vneid_enabled(),
        "form": {
            "full_name": request.user.full_name,
            "id_number": found.id_number if found else "",
            "birth_date": found.birth_date.isoformat() if found and found.birth_date else "",
            "address": found.address if found else "",
        },
    }
    if request.method == "POST":
        context["form"] = {name: request.POST.get(name, "") for name in context["form"]}
        birth_date, readable = _parse_date(context["form"]["birth_date"])
        try:
            if not readable:
                raise ValidationFailed(fields={"birth_date": [_("Enter the date as dd/mm/yyyy.")]})
            citizen_profile_update(
                actor=request.user,
                full_name=context["form"]["full_name"],
                id_number=context["form"]["id_number"],
                birth_date=birth_date,
                address=context["form"]["address"],
            )
        except ApplicationError as error:
            return _failed(request, "identity/profile.html", context, error)
        messages.success(request, _("Your profile has been saved."))
        return redirect("identity:profile")
    return render(request, "identity/profile.html", context)
