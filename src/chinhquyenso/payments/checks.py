"""A system check: a half-configured gateway, or the fake in production, is reported at start-up."""

from __future__ import annotations

from django.core import checks

from chinhquyenso.conf.env import ConfigurationError
from chinhquyenso.payments.config import gateway_config, payment_configured


@checks.register()
def payment_settings_check(app_configs=None, **kwargs):
    if not payment_configured():
        return []  # online payment is simply not offered
    try:
        gateway_config()
    except ConfigurationError as error:
        return [checks.Error(str(error), id="payments.E001")]
    return []
