"""Log-in, log-out and lock-out. Every outcome is audited."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model, login, logout
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from chinhquyenso.core.errors import AccountLocked, NotAuthenticated
from chinhquyenso.core.services.audit import audit_record

User = get_user_model()


def _locked_message(until) -> str:
    minutes = max(1, int((until - timezone.now()).total_seconds() // 60) + 1)
    return ngettext(
        "This account is locked after too many failed log-ins. Try again in %(minutes)d minute.",
        "This account is locked after too many failed log-ins. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def account_log_in(*, request, username: str, password: str):
    """Checks the credentials and opens a session, or raises with a message a person can act on."""
    username = (username or "").strip()
    user = User.objects.filter(username__iexact=username).first() if username else None
    now = timezone.now()
    if user is not None and user.locked_until is not None and user.locked_until > now:
        with transaction.atomic():
            audit_record(actor=user, action="auth.login_refused_locked", obj=user)
        raise AccountLocked(_locked_message(user.locked_until))

    if user is None or not user.is_active or not user.check_password(password):
        if user is not None:
            _register_failure(user)
        else:
            with transaction.atomic():
                audit_record(actor=None, action="auth.login_failed", summary={"username": username[:150]})
        user = User.objects.filter(pk=user.pk).first() if user is not None else None
        if user is not None and user.locked_until is not None and user.locked_until > timezone.now():
            raise AccountLocked(_locked_message(user.locked_until))
        raise NotAuthenticated(_("Wrong user name or password."), code="invalid_credentials")

    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(failed_login_count=0, locked_until=None, last_login=now)
        audit_record(actor=user, action="auth.login", obj=user)
    login(request, user, backend="chinhquyenso.core.auth.backends.LockoutAwareBackend")
    return user


def _register_failure(user) -> None:
    # Committed on its own: the failure must count even though the caller then raises.
    limit = settings.LOGIN_FAILURE_LIMIT
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(failed_login_count=F("failed_login_count") + 1)
        locked = User.objects.select_for_update().get(pk=user.pk)
        summary = {"failed_count": locked.failed_login_count}
        if locked.failed_login_count >= limit:
            locked.locked_until = timezone.now() + timedelta(minutes=settings.LOGIN_LOCK_MINUTES)
            locked.failed_login_count = 0
            locked.save(update_fields=["locked_until", "failed_login_count"])
            summary["locked_until"] = locked.locked_until.isoformat()
            audit_record(actor=locked, action="auth.locked", obj=locked, summary=summary)
        else:
            audit_record(actor=locked, action="auth.login_failed", obj=locked, summary=summary)


def account_log_out(*, request) -> None:
    user = request.user if request.user.is_authenticated else None
    if user is not None:
        with transaction.atomic():
            audit_record(actor=user, action="auth.logout", obj=user)
    logout(request)
