"""The staff navigation: which sections each role sees. Sections arrive with their apps."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from chinhquyenso.core.models import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[str]


ALL_STAFF = frozenset(Role.values)
ITEMS: list[NavItem] = [
    NavItem(_("Home"), "core:home", ALL_STAFF),
    NavItem(_("Agencies"), "core:agencies", frozenset({Role.AGENCY_ADMIN, Role.SYSTEM_ADMIN, Role.UNIT_LEADER})),
]


def register(item: NavItem) -> None:
    """Apps add their section at start-up (AppConfig.ready)."""
    ITEMS.append(item)


def items_for(roles: set[str]) -> list[NavItem]:
    return [item for item in ITEMS if item.roles & roles]
