from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "chinhquyenso.catalog"
    label = "catalog"
    verbose_name = _("Procedure catalogue")

    def ready(self):
        from chinhquyenso.core.web.navigation import ALL_STAFF, NavItem, register

        register(NavItem(_("Administrative procedures"), "catalog:procedures", ALL_STAFF))
