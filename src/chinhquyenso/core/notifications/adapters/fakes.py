"""Fakes of the SMS gateway and the Zalo OA for development and tests. They enforce the contracts the real
clients follow (see ``sms.py`` and ``zalo.py``), answer with the same codes, record what they accept, and can be
told to fail the next N requests. State is per process and shared by every instance, so a test or a browser
journey reads what the background worker sent: ``FakeSmsGateway.messages(to="+84912345678")``.
"""

from __future__ import annotations

import re
import threading
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from chinhquyenso.core.notifications.adapters.sms import sms_encoding, sms_segments

_MOBILE = re.compile(r"84[35789]\d{8}")


@dataclass(frozen=True)
class FakeMessage:
    message_id: str
    to: str  # as +84…, the way the outbox stores it
    text: str
    payload: dict
    at: datetime = field(default_factory=timezone.now)


class _Recorder:
    """Accepted messages and queued failures, behind one lock (the worker thread and the test both use them)."""

    prefix = "fake"

    def __init__(self):
        self._lock = threading.Lock()
        self._sent: list[FakeMessage] = []
        self._failures: deque = deque()
        self._refs: dict[str, str] = {}

    def reset(self) -> None:
        with self._lock:
            self._sent.clear()
            self._failures.clear()
            self._refs.clear()

    def messages(self, *, to: str | None = None) -> list[FakeMessage]:
        with self._lock:
            return [m for m in self._sent if to is None or m.to == to]

    def _queue_failures(self, times: int, answer: tuple[int, dict]) -> None:
        with self._lock:
            self._failures.extend([answer] * times)

    def _take_failure(self):
        with self._lock:
            return self._failures.popleft() if self._failures else None

    def _accept(self, ref: str, to: str, text: str, payload: dict) -> tuple[str, bool]:
        """Records the message once per ``ref``; returns its id and whether it was new."""
        with self._lock:
            if ref in self._refs:
                return self._refs[ref], False
            message_id = f"{self.prefix}-{len(self._refs) + 1:06d}"
            self._refs[ref] = message_id
            self._sent.append(FakeMessage(message_id, "+" + to, text, dict(payload)))
            return message_id, True


class _FakeSmsState(_Recorder):
    prefix = "fake-sms"


class _FakeZaloState(_Recorder):
    prefix = "fake-zns"


_SMS = _FakeSmsState()
_ZALO = _FakeZaloState()


class FakeSmsGateway:
    """An in-process stand-in for the brandname SMS gateway. Not for production: nothing leaves the machine."""

    API_KEY = "fake-sms-key"  # the key it accepts; CQS_SMS_API_KEY defaults to it in the dev and test profiles
    MAX_SEGMENTS = 3
    MAX_SENDER_LENGTH = 11  # alphanumeric sender ids are at most 11 characters

    def __init__(self, *, api_key: str):
        self.api_key = api_key

    # What a test or the journey calls.
    @staticmethod
    def messages(*, to: str | None = None) -> list[FakeMessage]:
        return _SMS.messages(to=to)

    @staticmethod
    def reset() -> None:
        _SMS.reset()

    @staticmethod
    def fail_next(times: int = 1, *, status: int = 503, code: str = "unavailable") -> None:
        """The next ``times`` requests are answered ``status`` with ``code`` (503 and 429 are retried)."""
        _SMS._queue_failures(times, (status, {"status": "error", "code": code, "message": "failure requested"}))

    # The gateway's side of the contract.
    def submit(self, payload: dict) -> tuple[int, dict]:
        if self.api_key != self.API_KEY:
            return 401, {"status": "error", "code": "unauthorized", "message": "unknown API key"}
        failure = _SMS._take_failure()
        if failure is not None:
            return failure
        expected = {"to", "sender", "text", "encoding", "client_ref"}
        if set(payload) != expected or not all(isinstance(payload[k], str) for k in expected):
            return 400, {"status": "error", "code": "invalid_request", "message": f"fields must be {sorted(expected)}"}
        to, text = payload["to"], payload["text"]
        if not _MOBILE.fullmatch(to):
            return 400, {"status": "error", "code": "invalid_phone", "message": f"not a mobile number: {to}"}
        if not payload["sender"] or len(payload["sender"]) > self.MAX_SENDER_LENGTH:
            return 400, {"status": "error", "code": "invalid_sender", "message": "sender must be 1–11 characters"}
        if not text.strip():
            return 400, {"status": "error", "code": "empty_text", "message": "text is empty"}
        if payload["encoding"] != sms_encoding(text):
            return 400, {"status": "error", "code": "wrong_encoding", "message": "encoding does not fit the text"}
        if sms_segments(text) > self.MAX_SEGMENTS:
            return 400, {
                "status": "error",
                "code": "text_too_long",
                "message": f"{sms_segments(text)} parts, at most {self.MAX_SEGMENTS}",
            }
        if not payload["client_ref"]:
            return 400, {"status": "error", "code": "invalid_request", "message": "client_ref is required"}
        message_id, new = _SMS._accept(payload["client_ref"], to, text, payload)
        if not new:
            return 409, {"status": "error", "code": "duplicate_ref", "message_id": message_id, "message": "already"}
        return 202, {"status": "accepted", "message_id": message_id}


class FakeZaloOA:
    """An in-process stand-in for the Zalo OA's ZNS endpoint. Knows the approved templates and their parameters."""

    ACCESS_TOKEN = "fake-zalo-token"  # noqa: S105 - a fake's fixed token, accepted only by this fake
    MAX_PARAM_LENGTH = 100

    def __init__(self, *, access_token: str, templates: dict[str, tuple[str, ...]]):
        """``templates``: approved template id → its required parameter names."""
        self.access_token = access_token
        self.templates = templates

    @staticmethod
    def messages(*, to: str | None = None) -> list[FakeMessage]:
        return _ZALO.messages(to=to)

    @staticmethod
    def reset() -> None:
        _ZALO.reset()

    @staticmethod
    def fail_next(times: int = 1, *, error: int = -1, status: int = 200) -> None:
        """The next ``times`` requests are answered with ZNS ``error`` (``-1`` and ``-32`` are retried)."""
        _ZALO._queue_failures(times, (status, {"error": error, "message": "failure requested"}))

    def submit(self, payload: dict) -> tuple[int, dict]:
        if self.access_token != self.ACCESS_TOKEN:
            return 200, {"error": -124, "message": "Access token is invalid"}
        failure = _ZALO._take_failure()
        if failure is not None:
            return failure
        phone, template_id, data = payload.get("phone"), payload.get("template_id"), payload.get("template_data")
        if not isinstance(phone, str) or not _MOBILE.fullmatch(phone):
            return 200, {"error": -108, "message": "Phone number is invalid"}
        if template_id not in self.templates:
            return 200, {"error": -109, "message": "Template not found"}
        if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
            return 200, {"error": -111, "message": "template_data must map names to strings"}
        missing = [name for name in self.templates[template_id] if not data.get(name)]
        too_long = [name for name, value in data.items() if len(value) > self.MAX_PARAM_LENGTH]
        if missing or too_long:
            return 200, {"error": -111, "message": f"missing {missing}, too long {too_long}"}
        tracking_id = payload.get("tracking_id") or ""
        text = ", ".join(f"{k}={v}" for k, v in sorted(data.items()))
        message_id, _new = _ZALO._accept(tracking_id or phone + text, phone, text, payload)
        return 200, {"error": 0, "message": "Success", "data": {"msg_id": message_id}}
