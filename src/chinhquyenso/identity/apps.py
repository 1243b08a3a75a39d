from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "chinhquyenso.identity"
    label = "identity"
    verbose_name = _("Citizen accounts")

    def ready(self):
        from chinhquyenso.identity import checks  # noqa: F401  (registers the system checks)
