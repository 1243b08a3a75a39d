"""Who may open the citizen's pages: a signed-in citizen account (the identity app decides)."""

from __future__ import annotations

from django.urls import reverse

from chinhquyenso.identity.web.access import citizen_required, is_citizen

__all__ = ["citizen_login_url", "citizen_required", "is_citizen"]


def citizen_login_url() -> str:
    return reverse("identity:login")
