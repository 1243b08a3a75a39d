from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DvcqgConfig(AppConfig):
    name = "chinhquyenso.dvcqg"
    label = "dvcqg"
    verbose_name = _("National public-service portal synchronisation")

    def ready(self):
        from chinhquyenso.dvcqg import checks  # noqa: F401  (registers the settings check)
