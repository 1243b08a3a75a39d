"""Who may see what: roles held over agencies, scoped to the agency's unit subtree.

Selectors in every app call ``scope_prefixes`` and filter by unit path, so an officer of one commune can
never reach another commune's records. A system administrator is unrestricted.
"""

from __future__ import annotations

from chinhquyenso.core.errors import PermissionDenied
from chinhquyenso.core.models import AccountKind, Role, RoleAssignment


def role_assignments(user) -> list[tuple[str, int, str]]:
    """The user's (role, agency id, agency's unit path) rows: one query, then kept on the user object, which lives
    for one request (every permission check of a page reads the same rows)."""
    if not getattr(user, "is_authenticated", False) or user.kind != AccountKind.STAFF:
        return []
    cached = getattr(user, "_cqs_assignments", None)
    if cached is None:
        cached = list(RoleAssignment.objects.filter(user=user).values_list("role", "agency_id", "agency__unit__path"))
        user._cqs_assignments = cached
    return cached


def user_roles(user) -> set[str]:
    return {role for role, _agency, _path in role_assignments(user)}


def has_role(user, *roles: str) -> bool:
    return bool(user_roles(user) & set(roles))


def require_role(user, *roles: str) -> None:
    if not has_role(user, *roles):
        raise PermissionDenied()


def scope_prefixes(user, roles: tuple[str, ...] | None = None) -> list[str] | None:
    """Unit-path prefixes the user may see; ``None`` = everything; ``[]`` = nothing."""
    held = user_roles(user)
    if not held:
        return []
    if Role.SYSTEM_ADMIN in held:
        return None
    return sorted({path for role, _agency, path in role_assignments(user) if roles is None or role in roles})
