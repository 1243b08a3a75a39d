from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrintingConfig(AppConfig):
    name = "chinhquyenso.printing"
    label = "printing"
    verbose_name = _("Printing")

    def ready(self):
        from chinhquyenso.printing import checks  # noqa: F401 - registers the Pango check
