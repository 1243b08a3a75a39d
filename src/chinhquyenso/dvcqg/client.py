"""The HTTP adapter for the national portal (standard library only) and how its answers are read.

Every endpoint takes a JSON **array** of objects (one dossier, or process steps) and answers
``{"error_code", "message"}``; ``error_code`` ``"0"`` is success. "Already exists" on create is ``error_code`` 3 or
-3, or a message containing "đã tồn tại", as observed. Nothing here touches the database.
"""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from enum import StrEnum

from chinhquyenso.dvcqg.config import PortalConfig

EXISTS_CODES = frozenset({"3", "-3"})
EXISTS_PHRASE = "đã tồn tại"
TRANSIENT_HTTP = frozenset({408, 425, 429})
AUTH_HTTP = frozenset({401, 403})


class Verdict(StrEnum):
    OK = "ok"
    EXISTS = "exists"  # create refused because the portal already has the dossier
    RETRY = "retry"  # transport error, timeout, 5xx, 408/429: the same request may succeed later
    REJECTED = "rejected"  # the portal refused the content (4xx or an error_code): sending again will not help
    AUTH = "auth"  # the portal refused our token: no item is at fault


@dataclass(frozen=True)
class PortalAnswer:
    verdict: Verdict
    http_status: int | None
    error_code: str
    message: str

    def describe(self) -> str:
        where = f"HTTP {self.http_status}" if self.http_status is not None else "no answer"
        code = f", error_code {self.error_code}" if self.error_code else ""
        return f"{where}{code}: {self.message}".strip()


def _read_body(raw: bytes) -> tuple[str, str] | None:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, dict) or "error_code" not in data:
        return None
    return str(data.get("error_code")), str(data.get("message") or "")


def classify(http_status: int, raw: bytes, *, creating: bool) -> PortalAnswer:
    """Reads one HTTP answer of the portal into a verdict."""
    body = _read_body(raw)
    error_code, message = body if body is not None else ("", raw[:500].decode("utf-8", "replace").strip())
    if http_status in AUTH_HTTP:
        verdict = Verdict.AUTH
    elif http_status >= 500 or http_status in TRANSIENT_HTTP:
        verdict = Verdict.RETRY
    elif creating and (error_code in EXISTS_CODES or EXISTS_PHRASE in message.lower()):
        verdict = Verdict.EXISTS
    elif 400 <= http_status < 500:
        verdict = Verdict.REJECTED
    elif body is None:
        # A 2xx that is not the portal's JSON (a proxy page, a truncated body): not a verdict on our content.
        verdict = Verdict.RETRY
        message = message or "empty answer"
    elif error_code == "0":
        verdict = Verdict.OK
    else:
        verdict = Verdict.REJECTED
    return PortalAnswer(verdict, http_status, error_code, message)


class PortalClient:
    def __init__(self, config: PortalConfig):
        self.config = config

    def _post(self, url: str, items: list[dict], *, creating: bool = False) -> PortalAnswer:
        request = urllib.request.Request(  # noqa: S310  (the scheme is checked to be http/https in config)
            url,
            data=json.dumps(items, ensure_ascii=False).encode("utf-8"),
            method="POST",
            headers={
                "Authorization": f"Bearer {self.config.token}",
                "Content-Type": "application/json; charset=utf-8",
                "Accept": "application/json",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.config.timeout_seconds) as response:  # noqa: S310
                return classify(response.status, response.read(), creating=creating)
        except urllib.error.HTTPError as error:
            with error:
                try:
                    raw = error.read()
                except (OSError, http.client.HTTPException):
                    raw = b""  # the status alone still decides
                return classify(error.code, raw, creating=creating)
        except (OSError, http.client.HTTPException) as error:
            # Refused connection, DNS failure, timeout, reset, malformed HTTP: the portal never judged the content.
            reason = getattr(error, "reason", None) or error
            return PortalAnswer(Verdict.RETRY, None, "", f"{type(error).__name__}: {reason}")

    def create_dossier(self, payload: dict) -> PortalAnswer:
        return self._post(self.config.create_url, [payload], creating=True)

    def update_dossier(self, payload: dict) -> PortalAnswer:
        return self._post(self.config.update_url, [payload])

    def send_history(self, payload: dict) -> PortalAnswer:
        return self._post(self.config.history_url, [payload])
