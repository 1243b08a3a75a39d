"""The portal connection settings, checked as a whole before anything is sent."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from chinhquyenso.conf.env import PREFIX, ConfigurationError

URL_SETTINGS = ("DVCQG_CREATE_URL", "DVCQG_UPDATE_URL", "DVCQG_HISTORY_URL")


@dataclass(frozen=True)
class PortalConfig:
    create_url: str
    update_url: str
    history_url: str
    token: str
    timeout_seconds: float
    max_attempts: int
    retry_base_seconds: float


def _url(name: str) -> str:
    value = (getattr(settings, name, None) or "").strip()
    if not value:
        raise ConfigurationError(f"{PREFIX}{name} is not set: the DVCQG synchronisation needs the portal's URL.")
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigurationError(f"{PREFIX}{name} must be an http:// or https:// URL with a host, not {value!r}.")
    return value


def _positive(name: str, *, integer: bool = False) -> float:
    value = getattr(settings, name, None)
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0 or (integer and value != int(value)):
        kind = "integer" if integer else "number"
        raise ConfigurationError(f"{PREFIX}{name} must be a positive {kind}, not {value!r}.")
    return value


def dvcqg_configured() -> bool:
    """Whether anyone started configuring the portal (then the whole configuration must be right)."""
    return any((getattr(settings, name, None) or "").strip() for name in (*URL_SETTINGS, "DVCQG_TOKEN"))


def dvcqg_config() -> PortalConfig:
    """The validated settings; raises ConfigurationError naming the first bad variable."""
    urls = [_url(name) for name in URL_SETTINGS]
    token = (settings.DVCQG_TOKEN or "").strip()
    if not token:
        raise ConfigurationError(f"{PREFIX}DVCQG_TOKEN is not set: the portal refuses requests without its token.")
    return PortalConfig(
        create_url=urls[0],
        update_url=urls[1],
        history_url=urls[2],
        token=token,
        timeout_seconds=_positive("DVCQG_TIMEOUT_SECONDS"),
        max_attempts=int(_positive("DVCQG_MAX_ATTEMPTS", integer=True)),
        retry_base_seconds=_positive("DVCQG_RETRY_BASE_SECONDS"),
    )
