"""Who may see what: roles held over agencies, scoped to the agency's unit subtree.

Selectors in every app call ``scope_prefixes`` and filter by unit path, so an officer of one commune can
never reach another commune's records. A system administrator is unrestricted.
"""

from __future__ import annotations

from chinhquyenso.core.errors import PermissionDenied
from chinhquyenso.core.models import AccountKind, Role, RoleAssignment


def user_roles(user) -> set[str]:
    if not getattr(user, "is_authenticated", False) or user.kind != AccountKind.STAFF:
        return set()
    cached = getattr(user, "_cqs_roles", None)
    if cached is None:
        cached = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
        user._cqs_roles = cached
    return cached


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
    assignments = RoleAssignment.objects.filter(user=user)
    if roles is not None:
        assignments = assignments.filter(role__in=roles)
    return sorted(set(assignments.values_list("agency__unit__path", flat=True)))
