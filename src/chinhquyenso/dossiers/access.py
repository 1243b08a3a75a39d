"""Who may act on a dossier: roles held over an agency whose unit contains the dossier's agency."""

from __future__ import annotations

from chinhquyenso.core.models import Role
from chinhquyenso.core.permissions import role_assignments


def roles_over(user, unit_path: str) -> set[str]:
    """The roles ``user`` holds over a dossier whose agency sits at ``unit_path``."""
    held = set()
    for role, _agency, path in role_assignments(user):
        if role == Role.SYSTEM_ADMIN or unit_path.startswith(path):
            held.add(role)
    return held


def can_see(user, unit_path: str) -> bool:
    return bool(roles_over(user, unit_path))
