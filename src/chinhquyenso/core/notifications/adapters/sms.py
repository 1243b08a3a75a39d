"""SMS through a brandname gateway, and the contract both the real gateway client and the fake follow.

Request: ``POST CQS_SMS_URL`` with ``Authorization: Bearer CQS_SMS_API_KEY`` and the JSON
``{"to": "84912345678", "sender": brandname, "text": ..., "encoding": "gsm7" | "ucs2", "client_ref": ...}``.
Answer: 2xx ``{"status": "accepted", "message_id": ...}``, or an error status with
``{"status": "error", "code": ..., "message": ...}``. ``client_ref`` is unique per message, so a message sent
again after a crash is answered 409 ``duplicate_ref`` with the first ``message_id`` and counts as sent.

Text with Vietnamese diacritics goes as UCS-2: 70 characters in one SMS, 67 per part when split.
"""

from __future__ import annotations

import math

from django.conf import settings

from chinhquyenso.core.notifications.adapters import DeliveryError
from chinhquyenso.core.notifications.adapters.http import post_json

# GSM 03.38 default alphabet; the extension characters count twice.
_GSM7 = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿"
    "abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM7_EXTENSION = set("^{}\\[~]|€\f")
RETRY_STATUSES = {401, 403, 408, 425, 429}  # a wrong key is an operator's fix away: keep the message


def sms_encoding(text: str) -> str:
    return "gsm7" if all(c in _GSM7 or c in _GSM7_EXTENSION for c in text) else "ucs2"


def sms_segments(text: str) -> int:
    """How many SMS the text takes: GSM-7 160 / 153 per part, UCS-2 70 / 67 per part."""
    if sms_encoding(text) == "gsm7":
        length = sum(2 if c in _GSM7_EXTENSION else 1 for c in text)
        single, part = 160, 153
    else:
        length = len(text.encode("utf-16-le")) // 2
        single, part = 70, 67
    return 1 if length <= single else math.ceil(length / part)


def sms_payload(*, to: str, sender: str, text: str, client_ref: str) -> dict:
    return {
        "to": to.removeprefix("+"),
        "sender": sender,
        "text": text,
        "encoding": sms_encoding(text),
        "client_ref": client_ref,
    }


def sms_interpret(status: int, answer: dict) -> str:
    """The gateway's answer → its message id, or DeliveryError (retryable for 5xx, 408/429, auth)."""
    if 200 <= status < 300 and answer.get("status") == "accepted" and answer.get("message_id"):
        return str(answer["message_id"])
    code = str(answer.get("code") or f"http_{status}")
    if status == 409 and code == "duplicate_ref" and answer.get("message_id"):
        return str(answer["message_id"])
    message = str(answer.get("message") or "")
    retryable = status >= 500 or status in RETRY_STATUSES or 200 <= status < 300
    raise DeliveryError(code, message or f"HTTP {status}", retryable=retryable)


class HttpSmsGateway:
    """The production gateway: posts the payload to CQS_SMS_URL."""

    def __init__(self, *, url: str, api_key: str, timeout: float):
        self.url, self.api_key, self.timeout = url, api_key, timeout

    def submit(self, payload: dict) -> tuple[int, dict]:
        return post_json(self.url, payload, headers={"Authorization": f"Bearer {self.api_key}"}, timeout=self.timeout)


class SmsAdapter:
    channel = "sms"

    def __init__(self, gateway):
        self.gateway = gateway

    def send(self, notification) -> str:
        payload = sms_payload(
            to=notification.recipient,
            sender=settings.SMS_SENDER,
            text=notification.body,
            client_ref=f"cqs-{notification.pk}",
        )
        return sms_interpret(*self.gateway.submit(payload))
