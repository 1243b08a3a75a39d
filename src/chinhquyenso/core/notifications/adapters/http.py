"""A small JSON-over-HTTPS client for the SMS and Zalo providers (standard library only)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from chinhquyenso.core.notifications.adapters import DeliveryError


def post_json(url: str, payload: dict, *, headers: dict[str, str], timeout: float) -> tuple[int, dict]:
    """POSTs ``payload``; returns (HTTP status, decoded answer). Transport failures raise a retryable error."""
    request = urllib.request.Request(  # noqa: S310 - the URL comes from the operator's settings (https)
        url,
        data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json; charset=utf-8", "Accept": "application/json", **headers},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    except (urllib.error.URLError, OSError) as error:
        raise DeliveryError("unreachable", str(error), retryable=True) from None
    try:
        answer = json.loads(raw.decode("utf-8")) if raw else {}
    except ValueError:
        answer = {"message": raw[:200].decode("utf-8", "replace")}
    return status, answer if isinstance(answer, dict) else {"message": str(answer)[:200]}
