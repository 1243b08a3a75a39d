"""Who may touch which agency's documents: the roles a user holds over that very agency.

Documents are internal to an agency, so the scope is the agencies of the user's role assignments (not the
unit subtree): a province officer does not read a commune's incoming mail. A system administrator sees all.
"""

from __future__ import annotations

from chinhquyenso.core.errors import PermissionDenied
from chinhquyenso.core.models import Role
from chinhquyenso.core.permissions import role_assignments


def is_system_admin(user) -> bool:
    return any(role == Role.SYSTEM_ADMIN for role, _agency, _path in role_assignments(user))


def agency_ids_for(user, roles=None) -> set[int] | None:
    """Agencies whose documents the user may see (``roles``: holding one of them); None means every agency."""
    if is_system_admin(user):
        return None
    return {agency for role, agency, _path in role_assignments(user) if roles is None or role in roles}


def roles_over(user, agency_id: int) -> set[str]:
    if user is None:
        return set()
    if is_system_admin(user):
        return set(Role.values)
    return {role for role, agency, _path in role_assignments(user) if agency == agency_id}


def require_roles(actor, agency_id: int, roles) -> None:
    """``actor=None`` is the system itself (commands, deliveries) and always passes."""
    if actor is None:
        return
    if not roles_over(actor, agency_id) & set(roles):
        raise PermissionDenied()
