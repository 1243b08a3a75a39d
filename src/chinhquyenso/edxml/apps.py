from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EdxmlConfig(AppConfig):
    name = "chinhquyenso.edxml"
    label = "edxml"
    verbose_name = _("edXML document exchange")
