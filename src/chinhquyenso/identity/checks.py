"""System checks: the fake identity provider never runs in production, and VNeID is configured as a whole."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, register


@register()
def vneid_settings(app_configs, **kwargs):
    problems = []
    production = settings.PROFILE == "production"
    if production and settings.FAKE_VNEID_ENABLED:
        problems.append(
            Error(
                "CQS_FAKE_VNEID_ENABLED is on in the production profile: the fake identity provider would let "
                "anyone sign in as anyone.",
                hint="Unset CQS_FAKE_VNEID_ENABLED and configure the real provider (CQS_VNEID_ISSUER …).",
                id="identity.E001",
            )
        )
    if settings.VNEID_ISSUER:
        missing = [
            name
            for name, value in (
                ("CQS_VNEID_CLIENT_ID", settings.VNEID_CLIENT_ID),
                ("CQS_VNEID_CLIENT_SECRET", settings.VNEID_CLIENT_SECRET),
                ("CQS_VNEID_REDIRECT_URI", settings.VNEID_REDIRECT_URI or (None if production else "derived")),
            )
            if not value
        ]
        if missing:
            problems.append(Error(f"CQS_VNEID_ISSUER is set but {', '.join(missing)} is not.", id="identity.E002"))
        if production and not settings.VNEID_ISSUER.startswith("https://"):
            problems.append(Error("CQS_VNEID_ISSUER must be an https:// URL in production.", id="identity.E003"))
    return problems
