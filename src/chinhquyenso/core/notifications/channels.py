"""Which adapter serves each channel, from the settings (CQS_SMS_BACKEND, CQS_ZALO_BACKEND)."""

from __future__ import annotations

from django.conf import settings

from chinhquyenso.conf.env import ConfigurationError
from chinhquyenso.core.notifications.adapters import Adapter
from chinhquyenso.core.notifications.adapters.fakes import FakeSmsGateway, FakeZaloOA
from chinhquyenso.core.notifications.adapters.mail import EmailAdapter
from chinhquyenso.core.notifications.adapters.sms import HttpSmsGateway, SmsAdapter
from chinhquyenso.core.notifications.adapters.zalo import HttpZaloOA, ZaloAdapter, zalo_template_ids
from chinhquyenso.core.notifications.rendering import REQUIRED_KEYS


def _sms_gateway():
    if settings.SMS_BACKEND == "fake":
        return FakeSmsGateway(api_key=settings.SMS_API_KEY or "")
    if not (settings.SMS_URL and settings.SMS_API_KEY):
        raise ConfigurationError("CQS_SMS_BACKEND=http needs CQS_SMS_URL and CQS_SMS_API_KEY")
    return HttpSmsGateway(url=settings.SMS_URL, api_key=settings.SMS_API_KEY, timeout=settings.NOTIFY_TIMEOUT_SECONDS)


def _zalo_oa():
    if settings.ZALO_BACKEND == "fake":
        approved = {template_id: REQUIRED_KEYS.get(name, ()) for name, template_id in zalo_template_ids().items()}
        return FakeZaloOA(access_token=settings.ZALO_ACCESS_TOKEN or "", templates=approved)
    if not (settings.ZALO_URL and settings.ZALO_ACCESS_TOKEN):
        raise ConfigurationError("CQS_ZALO_BACKEND=http needs CQS_ZALO_URL and CQS_ZALO_ACCESS_TOKEN")
    return HttpZaloOA(
        url=settings.ZALO_URL, access_token=settings.ZALO_ACCESS_TOKEN, timeout=settings.NOTIFY_TIMEOUT_SECONDS
    )


def adapter_for(channel: str) -> Adapter:
    """Raises ConfigurationError when the channel's provider is not configured."""
    if channel == "email":
        return EmailAdapter()
    if channel == "sms":
        return SmsAdapter(_sms_gateway())
    if channel == "zalo":
        return ZaloAdapter(_zalo_oa())
    raise ValueError(f"unknown channel {channel!r}")
