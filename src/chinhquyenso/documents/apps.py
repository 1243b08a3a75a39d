from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "chinhquyenso.documents"
    label = "documents"
    verbose_name = _("Official documents")

    def ready(self):
        from chinhquyenso.core.models import Role
        from chinhquyenso.core.web.navigation import NavItem, register

        clerical = frozenset({Role.CLERK, Role.SPECIALIST, Role.UNIT_LEADER, Role.AGENCY_ADMIN, Role.SYSTEM_ADMIN})
        register(NavItem(_("Incoming documents"), "documents:incoming_list", clerical))
        register(NavItem(_("Outgoing documents"), "documents:outgoing_list", clerical))
        register(NavItem(_("Work files"), "documents:workfile_list", clerical))
        register(NavItem(_("Document search"), "documents:search", clerical))
