"""Who may change the catalogue. Every staff member reads it; only system administrators import or publish.

A dedicated catalogue-administrator role would be added here (and to ``core.models.Role``) if provinces ask for it.
"""

from __future__ import annotations

from chinhquyenso.core.models import Role
from chinhquyenso.core.permissions import has_role, user_roles

CATALOG_ADMIN_ROLES = (Role.SYSTEM_ADMIN,)


def can_manage_catalog(user) -> bool:
    return has_role(user, *CATALOG_ADMIN_ROLES)


def can_read_catalog(user) -> bool:
    return bool(user_roles(user))
