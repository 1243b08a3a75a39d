"""Who may see citizen pages: a signed-in citizen account. Staff accounts are not citizens."""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from chinhquyenso.core.models import AccountKind


def is_citizen(user) -> bool:
    return bool(user.is_authenticated and getattr(user, "kind", "") == AccountKind.CITIZEN)


def citizen_login_url(next_url: str) -> str:
    return reverse("identity:login") + "?" + urlencode({"next": next_url})


def citizen_required(view):
    """Sends anyone but a signed-in citizen to ``identity:login?next=<this page>``."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not is_citizen(request.user):
            return redirect(citizen_login_url(request.get_full_path()))
        return view(request, *args, **kwargs)

    return guarded
