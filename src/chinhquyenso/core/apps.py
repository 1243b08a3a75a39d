from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "chinhquyenso.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from chinhquyenso.core.models import Role
        from chinhquyenso.core.notifications import checks  # noqa: F401  (registers the settings check)
        from chinhquyenso.core.web.navigation import NavItem, register

        register(NavItem(_("Notifications"), "core:notifications", frozenset({Role.SYSTEM_ADMIN})))
