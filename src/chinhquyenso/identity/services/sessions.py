"""Opening and closing a citizen's session; how it was authenticated goes into the session (identity.session)."""

from __future__ import annotations

from django.contrib.auth import get_user_model, login
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from chinhquyenso.core.errors import AccountLocked, NotAuthenticated
from chinhquyenso.core.models import AccountKind
from chinhquyenso.core.services.audit import audit_record
from chinhquyenso.identity.session import auth_method_set

BACKEND = "chinhquyenso.core.auth.backends.LockoutAwareBackend"


def citizen_can_sign_in(user) -> None:
    """Raises unless this citizen account may open a session now (same lock as the password backend)."""
    if user.kind != AccountKind.CITIZEN or not user.is_active:
        raise NotAuthenticated(_("This account cannot sign in here."), code="not_a_citizen")
    now = timezone.now()
    if user.locked_until is not None and user.locked_until > now:
        # The lock-aware backend would not recognise the session anyway while the lock lasts.
        minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
        raise AccountLocked(
            ngettext(
                "This account is locked after too many failed log-ins. Try again in %(minutes)d minute.",
                "This account is locked after too many failed log-ins. Try again in %(minutes)d minutes.",
                minutes,
            )
            % {"minutes": minutes}
        )


def session_open(*, request, user, method: str) -> None:
    """Logs the citizen in (OTP or VNeID; password goes through core's account_log_in) and records the method."""
    citizen_can_sign_in(user)
    with transaction.atomic():
        get_user_model().objects.filter(pk=user.pk).update(failed_login_count=0, last_login=timezone.now())
        audit_record(actor=user, action="auth.login", obj=user, summary={"method": method})
    login(request, user, backend=BACKEND)
    auth_method_set(request, method)
