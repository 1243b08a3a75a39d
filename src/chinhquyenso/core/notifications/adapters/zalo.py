"""Zalo notification messages (ZNS) from the authority's Official Account.

ZNS sends a template approved in advance by Zalo, filled with parameters, to the Zalo account of a phone number.
Each of our template names maps to an approved template id (``CQS_ZALO_TEMPLATE_IDS``,
``otp_code=123456,dossier_status=…``); its parameters are the template's context keys, as the text stored on
the outbox row.

Request: ``POST CQS_ZALO_URL`` with header ``access_token`` and the JSON
``{"phone": "84912345678", "template_id": ..., "template_data": {...}, "tracking_id": ...}``.
Answer (HTTP 200 either way): ``{"error": 0, "message": "Success", "data": {"msg_id": ...}}`` or a negative
``error`` with its ``message``. The codes below are the ones this adapter acts on; an unknown non-zero code is
treated as final. Check them against the provider's current table before going live.
"""

from __future__ import annotations

from django.conf import settings

from chinhquyenso.core.notifications.adapters import DeliveryError
from chinhquyenso.core.notifications.adapters.http import post_json

ZNS_ERRORS: dict[int, tuple[str, bool]] = {
    -124: ("invalid_access_token", True),  # the OA token expired: refreshed by the operator, then retried
    -108: ("invalid_phone", False),
    -118: ("no_zalo_account", False),
    -109: ("template_not_found", False),
    -111: ("invalid_template_data", False),
    -32: ("rate_limited", True),
    -1: ("server_error", True),
}


def zalo_template_ids() -> dict[str, str]:
    pairs = (item.split("=", 1) for item in settings.ZALO_TEMPLATE_IDS if "=" in item)
    return {name.strip(): template_id.strip() for name, template_id in pairs}


def zalo_payload(*, to: str, template_id: str, context: dict, tracking_id: str) -> dict:
    return {
        "phone": to.removeprefix("+"),
        "template_id": template_id,
        "template_data": {key: str(value) for key, value in context.items() if value not in (None, "")},
        "tracking_id": tracking_id,
    }


def zalo_interpret(status: int, answer: dict) -> str:
    if status >= 500 or status in {408, 429}:
        raise DeliveryError(f"http_{status}", str(answer.get("message") or ""), retryable=True)
    error = answer.get("error")
    if status == 200 and error == 0 and (answer.get("data") or {}).get("msg_id"):
        return str(answer["data"]["msg_id"])
    if not isinstance(error, int) or error == 0:
        raise DeliveryError(f"http_{status}", f"unexpected answer: {answer!r}"[:300], retryable=True)
    code, retryable = ZNS_ERRORS.get(error, (f"zns_{error}", False))
    raise DeliveryError(code, f"{error} {answer.get('message') or ''}".strip(), retryable=retryable)


class HttpZaloOA:
    """The production client: posts to the ZNS endpoint with the OA's access token."""

    def __init__(self, *, url: str, access_token: str, timeout: float):
        self.url, self.access_token, self.timeout = url, access_token, timeout

    def submit(self, payload: dict) -> tuple[int, dict]:
        return post_json(self.url, payload, headers={"access_token": self.access_token}, timeout=self.timeout)


class ZaloAdapter:
    channel = "zalo"

    def __init__(self, oa):
        self.oa = oa

    def send(self, notification) -> str:
        template_id = zalo_template_ids().get(notification.template)
        if not template_id:
            raise DeliveryError(
                "no_zns_template",
                f"no approved ZNS template for {notification.template!r} in CQS_ZALO_TEMPLATE_IDS",
                retryable=False,
            )
        payload = zalo_payload(
            to=notification.recipient,
            template_id=template_id,
            context=notification.context,
            tracking_id=f"cqs-{notification.pk}",
        )
        return zalo_interpret(*self.oa.submit(payload))
