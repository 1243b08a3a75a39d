"""Reads other apps make about a citizen: the profile the portal pre-fills e-forms from."""

from __future__ import annotations

from chinhquyenso.core.models import AccountKind
from chinhquyenso.identity.models import CitizenProfile


def citizen_profile_for(user) -> CitizenProfile | None:
    """The signed-in citizen's own profile; None for staff, anonymous users or a citizen without one yet."""
    if not user.is_authenticated or user.kind != AccountKind.CITIZEN:
        return None
    return CitizenProfile.objects.filter(user=user).first()


def citizen_prefill(user) -> dict[str, str]:
    """Plain values for e-form pre-filling: full_name, id_number, birth_date (yyyy-mm-dd), address, phone, email.

    Keys are always present (empty string when unknown); ``id_verified`` is "1" when VNeID vouched for the number.
    """
    profile = citizen_profile_for(user)
    return {
        "full_name": user.full_name if user.is_authenticated else "",
        "id_number": profile.id_number if profile else "",
        "birth_date": profile.birth_date.isoformat() if profile and profile.birth_date else "",
        "address": profile.address if profile else "",
        "phone": getattr(user, "phone", "") or "",
        "email": getattr(user, "email", "") or "",
        "id_verified": "1" if profile and profile.id_verified else "",
    }
