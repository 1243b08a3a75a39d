"""Who may act on a dossier: roles held over an agency whose unit contains the dossier's agency."""

from __future__ import annotations

from chinhquyenso.core.models import AccountKind, Role, RoleAssignment


def _assignments(user) -> list[tuple[str, str]]:
    cached = getattr(user, "_cqs_role_paths", None)
    if cached is None:
        cached = list(RoleAssignment.objects.filter(user=user).values_list("role", "agency__unit__path"))
        user._cqs_role_paths = cached
    return cached


def roles_over(user, unit_path: str) -> set[str]:
    """The roles ``user`` holds over a dossier whose agency sits at ``unit_path``."""
    if not getattr(user, "is_authenticated", False) or user.kind != AccountKind.STAFF:
        return set()
    held = set()
    for role, path in _assignments(user):
        if role == Role.SYSTEM_ADMIN or unit_path.startswith(path):
            held.add(role)
    return held


def can_see(user, unit_path: str) -> bool:
    return bool(roles_over(user, unit_path))
