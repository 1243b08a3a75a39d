"""Citizen account pages; ``citizen_required`` guards the portal's pages."""

from chinhquyenso.identity.web.access import citizen_required

__all__ = ["citizen_required"]
