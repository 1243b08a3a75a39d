"""A real SMTP server on a loopback port (aiosmtpd) that keeps what it receives, for tests and browser journeys.

Used through the ``smtp_server`` fixture (tests/conftest.py), which points EMAIL_HOST/EMAIL_PORT at it and
switches Django to the SMTP backend::

    def test_x(smtp_server):
        ...  # something that sends e-mail
        mail = smtp_server.wait_for(1, to="an@example.vn")[0]
        assert "Mã xác thực" in mail.subject and "123456" in mail.text
"""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from aiosmtpd.controller import Controller

logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every SMTP command at INFO


@dataclass(frozen=True)
class ReceivedMail:
    sender: str
    to: list[str]  # the envelope recipients
    subject: str
    text: str  # the text/plain part, decoded
    html: str  # the text/html part, "" if none
    message: EmailMessage

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"] or "").strip()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Handler:
    def __init__(self, capture: SmtpCapture):
        self.capture = capture

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's name
        refusal = self.capture.refusals.get(address.lower())
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        if self.capture.delay:
            await asyncio.sleep(self.capture.delay)  # a slow server: the sender holds its row locked meanwhile
        if self.capture.take_temporary_failure():
            return "451 4.3.0 Temporary failure, please try again later"
        self.capture.record(envelope)
        return "250 Message accepted for delivery"


class SmtpCapture:
    def __init__(self, port: int | None = None):
        self.port = port or _free_port()
        self.refusals: dict[str, str] = {}  # address → SMTP reply to RCPT TO, e.g. "550 5.1.1 No such user"
        self.delay = 0.0
        self._lock = threading.Condition()
        self._received: list[ReceivedMail] = []
        self._temporary_failures = 0
        self._controller: Controller | None = None

    # Lifecycle: stop() then start() again on the same port simulates the mail server being down for a while.
    def start(self) -> SmtpCapture:
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def running(self) -> bool:
        return self._controller is not None

    # Behaviour.
    def refuse(self, address: str, reply: str = "550 5.1.1 No such user here") -> None:
        self.refusals[address.lower()] = reply

    def fail_next(self, times: int = 1) -> None:
        """The next ``times`` messages get a temporary 451 at the end of DATA."""
        with self._lock:
            self._temporary_failures += times

    def take_temporary_failure(self) -> bool:
        with self._lock:
            if self._temporary_failures:
                self._temporary_failures -= 1
                return True
            return False

    def record(self, envelope) -> None:
        message = BytesParser(policy=policy.default).parsebytes(envelope.original_content or envelope.content)
        plain = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        received = ReceivedMail(
            sender=envelope.mail_from,
            to=list(envelope.rcpt_tos),
            # Django folds a long encoded subject onto a continuation line; unfolding leaves its leading space.
            subject=str(message["Subject"] or "").strip(),
            text=plain.get_content() if plain is not None else "",
            html=html.get_content() if html is not None else "",
            message=message,
        )
        with self._lock:
            self._received.append(received)
            self._lock.notify_all()

    # Reading.
    @property
    def messages(self) -> list[ReceivedMail]:
        with self._lock:
            return list(self._received)

    def messages_to(self, address: str) -> list[ReceivedMail]:
        return [m for m in self.messages if address.lower() in (a.lower() for a in m.to)]

    def wait_for(self, count: int = 1, *, to: str | None = None, timeout: float = 10.0) -> list[ReceivedMail]:
        """Waits until at least ``count`` messages (to ``to``, if given) arrived; returns them. Fails on timeout."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                found = [m for m in self._received if to is None or to.lower() in (a.lower() for a in m.to)]
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"expected {count} e-mail(s){' to ' + to if to else ''}, got {len(found)}")
                self._lock.wait(remaining)
