"""Small builders for staff accounts; units come from the loaded tree."""

from __future__ import annotations

from chinhquyenso.core.models import AccountKind, RoleAssignment, User
from chinhquyenso.units.models import Agency

PASSWORD = "Mat-khau-thu-2026"


def make_staff(username: str, *, agency: Agency, role: str, password: str = PASSWORD) -> User:
    user = User(username=username, full_name=username.title(), kind=AccountKind.STAFF, agency=agency)
    user.set_password(password)
    user.save()
    RoleAssignment.objects.create(user=user, role=role, agency=agency)
    return user
