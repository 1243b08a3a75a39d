"""Menu entries of the one-stop back office."""

from django.utils.translation import gettext_lazy as _

from chinhquyenso.core.models import Role
from chinhquyenso.core.web.navigation import NavItem, register

WORKERS = frozenset({Role.ONE_STOP_OFFICER, Role.SPECIALIST, Role.UNIT_LEADER, Role.SYSTEM_ADMIN})

register(NavItem(_("Counter"), "dossiers:counter", frozenset({Role.ONE_STOP_OFFICER})))
register(NavItem(_("Dossiers"), "dossiers:inbox", WORKERS))
register(NavItem(_("Dossier register"), "dossiers:register", WORKERS | {Role.REPORTING_OFFICER}))
