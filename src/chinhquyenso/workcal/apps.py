from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkcalConfig(AppConfig):
    name = "chinhquyenso.workcal"
    label = "workcal"
    verbose_name = _("Working calendar")

    def ready(self):
        from chinhquyenso.core.models import Role
        from chinhquyenso.core.web.navigation import ALL_STAFF, NavItem, register

        register(NavItem(_("Working calendar"), "workcal:year", ALL_STAFF | {Role.SYSTEM_ADMIN}))
