"""Client of the document-exchange axis (the national VDXP or a provincial LGSP), over HTTP with the standard library.

The contract this adapter speaks (and ``fake_axis.FakeAxis`` enforces):

* every request carries ``X-System-Id`` and ``X-Secret-Key`` (the SystemId/SecretKey pair the operator issues);
* ``POST {url}/edocs`` with an edXML package (``application/xml``) and ``X-To-Organ-Id`` naming the recipient of
  this delivery → ``200 {"message_id": "...", "statuses": [base64 edXML status package, ...]}``;
* ``GET {url}/edocs/pending`` → ``200 {"items": [{"message_id": "...", "package": base64}, ...]}`` addressed to us;
* ``POST {url}/edocs/{message_id}/done`` → ``204``: we stored it (the SDK's ``UpdateStatus(docId, "done")``);
* errors are ``{"code", "message"}``: 401 ``unauthorized``, 400 ``invalid_package``, 422 ``invalid_organ_id`` /
  ``unknown_organ``, 409 ``duplicate``; 429 and 5xx mean "try again later".
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from chinhquyenso.core.errors import ApplicationError


class AxisError(Exception):
    """A delivery failed. ``retry`` says whether trying again later can help."""

    def __init__(self, message: str, *, retry: bool, code: str = ""):
        super().__init__(message)
        self.retry = retry
        self.code = code


class AxisNotConfigured(ApplicationError):
    status = 503
    code = "edxml_axis_not_configured"
    default_message = _("The document-exchange axis is not configured (CQS_EDXML_AXIS_URL and its credentials).")


@dataclass(frozen=True)
class Delivery:
    message_id: str
    statuses: list[bytes]


@dataclass(frozen=True)
class Incoming:
    message_id: str
    package: bytes


class AxisClient:
    def __init__(self, url: str, system_id: str, secret: str, *, timeout: float = 15):
        self.url = url.rstrip("/")
        self.system_id = system_id
        self.secret = secret
        self.timeout = timeout

    @classmethod
    def from_settings(cls) -> AxisClient:
        if not (settings.EDXML_AXIS_URL and settings.EDXML_AXIS_SYSTEM_ID and settings.EDXML_AXIS_SECRET):
            raise AxisNotConfigured()
        return cls(settings.EDXML_AXIS_URL, settings.EDXML_AXIS_SYSTEM_ID, settings.EDXML_AXIS_SECRET)

    def _request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        request = urllib.request.Request(  # noqa: S310 - the operator's configured axis URL
            self.url + path,
            data=body,
            method=method,
            headers={"X-System-Id": self.system_id, "X-Secret-Key": self.secret, **(headers or {})},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                payload = response.read()
                return json.loads(payload) if payload else None
        except urllib.error.HTTPError as error:
            try:
                detail = json.loads(error.read() or b"{}")
            except ValueError:
                detail = {}
            message = f"axis answered {error.code}: {detail.get('message', error.reason)}"
            retry = error.code == 429 or error.code >= 500
            raise AxisError(message, retry=retry, code=detail.get("code", "")) from None
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise AxisError(f"axis unreachable: {error}", retry=True) from None

    def send(self, package: bytes, *, to_organ_id: str) -> Delivery:
        answer = self._request(
            "POST",
            "/edocs",
            package,
            {"Content-Type": "application/xml; charset=utf-8", "X-To-Organ-Id": to_organ_id},
        )
        try:
            return Delivery(answer["message_id"], [base64.b64decode(s, validate=True) for s in answer["statuses"]])
        except (KeyError, TypeError, ValueError):
            raise AxisError("axis answered with an unexpected body", retry=True) from None

    def pending(self) -> list[Incoming]:
        answer = self._request("GET", "/edocs/pending")
        try:
            return [Incoming(i["message_id"], base64.b64decode(i["package"], validate=True)) for i in answer["items"]]
        except (KeyError, TypeError, ValueError):
            raise AxisError("axis answered with an unexpected body", retry=True) from None

    def done(self, message_id: str) -> None:
        self._request("POST", f"/edocs/{urllib.request.quote(message_id, safe='')}/done")
