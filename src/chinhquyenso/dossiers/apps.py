from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "chinhquyenso.dossiers"
    label = "dossiers"
    verbose_name = _("Dossiers")

    def ready(self):
        from chinhquyenso.dossiers.web import navigation  # noqa: F401 - registers the menu entries
