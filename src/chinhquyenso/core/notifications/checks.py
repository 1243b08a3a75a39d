"""System checks: a provider left on its fake in production, or an `http` provider without its URL or key."""

from __future__ import annotations

from django.conf import settings
from django.core import checks


@checks.register()
def notification_settings_check(app_configs=None, **kwargs):
    found = []
    for name, needs in (("SMS", ("SMS_URL", "SMS_API_KEY")), ("ZALO", ("ZALO_URL", "ZALO_ACCESS_TOKEN"))):
        backend = getattr(settings, f"{name}_BACKEND")
        if backend == "fake" and settings.PROFILE == "production":
            found.append(
                checks.Error(
                    f"CQS_{name}_BACKEND=fake in production: messages would be recorded, never sent.",
                    id="core.E101",
                )
            )
        missing = [f"CQS_{key}" for key in needs if backend == "http" and not getattr(settings, key)]
        if missing:
            found.append(
                checks.Warning(
                    f"CQS_{name}_BACKEND=http without {', '.join(missing)}: such messages stay pending.",
                    id="core.W102",
                )
            )
    return found
