"""A system check: a half-configured portal connection is reported at start-up, not at the first sync."""

from __future__ import annotations

from django.core import checks

from chinhquyenso.conf.env import ConfigurationError
from chinhquyenso.dvcqg.config import dvcqg_config, dvcqg_configured


@checks.register()
def dvcqg_settings_check(app_configs=None, **kwargs):
    if not dvcqg_configured():
        return []  # the synchronisation is simply not in use
    try:
        dvcqg_config()
    except ConfigurationError as error:
        return [checks.Error(str(error), id="dvcqg.E001")]
    return []
