"""The gateway settings, checked as a whole, and the adapter they select."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

from chinhquyenso.conf.env import PREFIX, ConfigurationError
from chinhquyenso.payments.gateway.base import GatewayConfig, PaymentGateway


def _text(name: str) -> str:
    value = (getattr(settings, name, None) or "").strip()
    if not value:
        raise ConfigurationError(f"{PREFIX}{name} is not set: online payment needs it.")
    return value


def _url(name: str) -> str:
    value = _text(name)
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigurationError(f"{PREFIX}{name} must be an http:// or https:// URL with a host, not {value!r}.")
    return value


def _positive(name: str) -> int:
    value = getattr(settings, name)
    if value <= 0:
        raise ConfigurationError(f"{PREFIX}{name} must be positive, not {value!r}.")
    return value


def uses_fake_gateway() -> bool:
    return settings.PAYMENT_GATEWAY == "fake"


def payment_configured() -> bool:
    """Whether online payment is meant to work here (the fake always is; a real gateway once anything is set)."""
    if uses_fake_gateway():
        return True
    names = ("PAYMENT_GATEWAY_URL", "PAYMENT_QUERY_URL", "PAYMENT_MERCHANT_CODE", "PAYMENT_SECRET")
    return any((getattr(settings, name, None) or "").strip() for name in names)


def gateway_config() -> GatewayConfig:
    """The validated settings; raises ConfigurationError naming the first bad variable."""
    for name in ("PAYMENT_ORDER_MINUTES", "PAYMENT_CALLBACK_WINDOW_SECONDS", "PAYMENT_TIMEOUT_SECONDS"):
        _positive(name)
    merchant, secret = _text("PAYMENT_MERCHANT_CODE"), _text("PAYMENT_SECRET")
    if len(secret) < 16:
        raise ConfigurationError(f"{PREFIX}PAYMENT_SECRET is too short: at least 16 characters.")
    if uses_fake_gateway():
        if settings.PROFILE == "production":
            raise ConfigurationError(
                f"{PREFIX}PAYMENT_GATEWAY=fake in production: the fake gateway takes no money and must not run here."
            )
        # The fake lives inside the platform: the browser goes to a path on this same site.
        return GatewayConfig(merchant, secret, reverse("payments:fake_pay"), reverse("payments:fake_query"))
    return GatewayConfig(
        merchant,
        secret,
        _url("PAYMENT_GATEWAY_URL"),
        _url("PAYMENT_QUERY_URL"),
        timeout_seconds=settings.PAYMENT_TIMEOUT_SECONDS,
    )


def payment_gateway() -> PaymentGateway:
    config = gateway_config()
    if uses_fake_gateway():
        from chinhquyenso.payments.gateway.fake import FakePaymentGateway

        return FakePaymentGateway(config)
    from chinhquyenso.payments.gateway.http import HttpPaymentGateway

    return HttpPaymentGateway(config)
