"""``FakeAxis``: a local HTTP stand-in for the document-exchange axis, for tests and demos. Not a real axis.

It enforces the contract ``axis.AxisClient`` speaks (see that module): the SystemId/SecretKey pair, a strictly
well-formed edXML package (``read_package``), the sender being the authenticated system's organ, recipients that
are valid Decision 20/2020 identifiers known to the axis and named in the package, one delivery per document and
recipient, and it answers each delivered document with the recipient's status package 01 (arrived). Failures can
be injected (``fail_next``) to exercise retries. It listens on 127.0.0.1 only.
"""

from __future__ import annotations

import base64
import json
import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from chinhquyenso.edxml.package import EdxmlDocument, EdxmlError, EdxmlStatus, read_package, write_status
from chinhquyenso.units.identifiers import identifier_errors


@dataclass
class Message:
    message_id: str
    to_organ_id: str
    package: bytes
    done: bool = False


@dataclass
class FakeAxisState:
    # system id -> (secret, organ id), or (secret, (organ id, ...)) for a platform that serves several agencies
    # (a provincial LGSP connection speaks for every agency on it)
    systems: dict[str, tuple[str, str | tuple[str, ...]]]
    organs: dict[str, str]  # organ id -> organ name: the organs the axis knows
    messages: list[Message] = field(default_factory=list)
    failures: list[int] = field(default_factory=list)  # HTTP statuses to answer the next requests with
    requests: list[tuple[str, str]] = field(default_factory=list)  # (method, path) of every request
    lock: threading.Lock = field(default_factory=threading.Lock)


def _handler(state: FakeAxisState):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep test output quiet
            pass

        def _answer(self, status: int, body: dict | None = None):
            data = b"" if body is None else json.dumps(body).encode()
            self.send_response(status)
            if body is not None:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _error(self, status: int, code: str, message: str):
            self._answer(status, {"code": code, "message": message})

        def _organ(self) -> tuple[str, ...] | None:
            system = state.systems.get(self.headers.get("X-System-Id", ""))
            if system is None or system[0] != self.headers.get("X-Secret-Key"):
                self._error(401, "unauthorized", "unknown system id or wrong secret key")
                return None
            return (system[1],) if isinstance(system[1], str) else tuple(system[1])

        def _start(self) -> tuple[str, ...] | None:
            with state.lock:
                state.requests.append((self.command, self.path))
                failure = state.failures.pop(0) if state.failures else None
            if failure is not None:
                self._error(failure, "unavailable", "injected failure")
                return None
            return self._organ()

        def do_GET(self):  # noqa: N802 - the http.server naming
            organ = self._start()
            if organ is None:
                return
            if self.path != "/edocs/pending":
                return self._error(404, "not_found", self.path)
            with state.lock:
                items = [
                    {"message_id": m.message_id, "package": base64.b64encode(m.package).decode()}
                    for m in state.messages
                    if m.to_organ_id in organ and not m.done
                ]
            self._answer(200, {"items": items})

        def do_POST(self):  # noqa: N802
            organ = self._start()
            if organ is None:
                return
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.path == "/edocs":
                return self._deliver(organ, body)
            parts = self.path.strip("/").split("/")
            if len(parts) == 3 and parts[0] == "edocs" and parts[2] == "done":
                with state.lock:
                    message = next(
                        (m for m in state.messages if m.message_id == parts[1] and m.to_organ_id in organ), None
                    )
                    if message is not None:
                        message.done = True
                return self._answer(204) if message else self._error(404, "not_found", parts[1])
            return self._error(404, "not_found", self.path)

        def _deliver(self, organ: tuple[str, ...], body: bytes):
            if not self.headers.get("Content-Type", "").startswith("application/xml"):
                return self._error(415, "unsupported_media_type", "packages are application/xml")
            try:
                package = read_package(body)
            except EdxmlError as error:
                return self._error(400, "invalid_package", str(error.message))
            recipient = self.headers.get("X-To-Organ-Id", "")
            if package.from_organ_id not in organ:
                return self._error(403, "from_mismatch", "the package's From organ is not this system's organ")
            addressed = package.to_organ_ids if isinstance(package, EdxmlDocument) else (package.response_for_organ_id,)
            for organ_id in {recipient, *addressed}:
                if identifier_errors(organ_id):
                    return self._error(422, "invalid_organ_id", f"{organ_id!r} is not a Decision 20/2020 identifier")
            if recipient not in addressed:
                return self._error(422, "not_addressed", f"the package is not addressed to {recipient}")
            if recipient not in state.organs:
                return self._error(422, "unknown_organ", f"{recipient} is not connected to the axis")
            key = package.document_id if isinstance(package, EdxmlDocument) else None
            with state.lock:
                if key and any(m.to_organ_id == recipient and _document_id(m.package) == key for m in state.messages):
                    return self._error(409, "duplicate", f"{key} was already delivered to {recipient}")
                message = Message(uuid.uuid4().hex, recipient, body)
                state.messages.append(message)
            statuses = []
            if isinstance(package, EdxmlDocument):
                arrived = EdxmlStatus(
                    from_organ_id=recipient,
                    from_organ_name=state.organs[recipient],
                    response_for_organ_id=package.from_organ_id,
                    response_for_code_number=package.code_number,
                    response_for_code_notation=package.code_notation,
                    response_for_promulgation_date=package.promulgation_date,
                    response_for_document_id=package.document_id,
                    status_code="01",
                    timestamp=datetime.now().replace(microsecond=0),  # noqa: DTZ005 - edXML's local time
                    description="Đã đến",
                )
                statuses.append(base64.b64encode(write_status(arrived)).decode())
            self._answer(200, {"message_id": message.message_id, "statuses": statuses})

    return Handler


def _document_id(package: bytes) -> str | None:
    parsed = read_package(package)
    return parsed.document_id if isinstance(parsed, EdxmlDocument) else None


class FakeAxis:
    """Start with ``with FakeAxis(systems=..., organs=...) as axis:``; ``axis.url`` is its base URL."""

    def __init__(self, *, systems: dict[str, tuple[str, str | tuple[str, ...]]], organs: dict[str, str]):
        self.state = FakeAxisState(systems=systems, organs=organs)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.state))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    def __enter__(self) -> FakeAxis:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def fail_next(self, count: int, status: int = 503) -> None:
        with self.state.lock:
            self.state.failures.extend([status] * count)

    def deliver(self, to_organ_id: str, package: bytes) -> str:
        """Put a package from another agency into ``to_organ_id``'s mailbox; returns its message id."""
        message = Message(uuid.uuid4().hex, to_organ_id, package)
        with self.state.lock:
            self.state.messages.append(message)
        return message.message_id

    def mailbox(self, organ_id: str) -> list[Message]:
        with self.state.lock:
            return [m for m in self.state.messages if m.to_organ_id == organ_id]
