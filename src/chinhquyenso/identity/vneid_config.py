"""Where the VNeID relying party points: the configured issuer, or the in-platform FakeVNeID in dev and test."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from chinhquyenso.identity.oidc import ClientConfig

FAKE_MOUNT = "/tai-khoan/fake-vneid"


def vneid_enabled() -> bool:
    has_client = bool(settings.VNEID_CLIENT_ID and settings.VNEID_CLIENT_SECRET)
    return has_client and bool(settings.VNEID_ISSUER or settings.FAKE_VNEID_ENABLED)


def fake_issuer_for(request) -> str:
    return request.build_absolute_uri(reverse("identity:fake_vneid_root")).rstrip("/")


def redirect_uri_for(request) -> str:
    return settings.VNEID_REDIRECT_URI or request.build_absolute_uri(reverse("identity:vneid_callback"))


def vneid_client_config(request) -> ClientConfig | None:
    """None when VNeID log-in is not configured here."""
    if not vneid_enabled():
        return None
    return ClientConfig(
        issuer=(settings.VNEID_ISSUER or fake_issuer_for(request)).rstrip("/"),
        client_id=settings.VNEID_CLIENT_ID,
        client_secret=settings.VNEID_CLIENT_SECRET,
        redirect_uri=redirect_uri_for(request),
        scopes=tuple(settings.VNEID_SCOPES),
        timeout=float(settings.VNEID_TIMEOUT_SECONDS),
    )
