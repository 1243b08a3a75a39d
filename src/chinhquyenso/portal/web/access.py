"""Who may open the citizen's pages: a signed-in citizen account.

``citizen_required`` is the one place the portal checks this; the identity app's ``citizen_required`` replaces it
when that app is merged (same behaviour: anyone else goes to the citizen log-in page with ``?next=``).
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.urls import NoReverseMatch, reverse

from chinhquyenso.core.models import AccountKind

CITIZEN_LOGIN_PATH = "/tai-khoan/dang-nhap/"


def citizen_login_url() -> str:
    try:
        return reverse("identity:login")
    except NoReverseMatch:
        return CITIZEN_LOGIN_PATH


def is_citizen(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.kind == AccountKind.CITIZEN)


def citizen_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if is_citizen(request.user):
            return view(request, *args, **kwargs)
        return redirect_to_login(request.get_full_path(), login_url=citizen_login_url())

    return wrapper
