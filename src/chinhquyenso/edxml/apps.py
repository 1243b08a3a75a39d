from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class EdxmlConfig(AppConfig):
    name = "chinhquyenso.edxml"
    label = "edxml"
    verbose_name = _("edXML document exchange")

    def ready(self):
        # Recipients off the platform go through the axis only when one is configured; without it the
        # documents app shows them as "not sent yet" (no exchange configured).
        if settings.EDXML_AXIS_URL:
            from chinhquyenso.documents.exchange import register_exchange_adapter
            from chinhquyenso.edxml.adapter import EdxmlExchange

            register_exchange_adapter(EdxmlExchange())
