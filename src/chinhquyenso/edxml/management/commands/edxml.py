"""``chinhquyenso edxml read FILE | write (--document ID | --from-json FILE) --out FILE | enqueue FILE | send |
receive``.

``read`` prints one JSON object (see ``package.package_summary``); any malformed package exits 2 with a one-line
reason. ``write --document ID`` writes the package of a numbered outgoing document, addressed to its recipients
that have an electronic identifier (those on the document exchange first). ``write --from-json`` takes the JSON
shape ``read`` prints (``kind`` "document") plus ``attachments``: ``[{"name": ..., "path": ...}]`` or
``[{"name": ..., "content_base64": ...}]``. ``send`` and ``receive`` also apply what came back (documents,
status packages) to the documents app.
"""

import base64
import binascii
import json
import sys
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from chinhquyenso.core.errors import ApplicationError
from chinhquyenso.edxml.package import (
    Attachment,
    EdxmlDocument,
    EdxmlError,
    make_document_id,
    package_summary,
    read_package,
    write_package,
)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _fail(message: str) -> CommandError:
    return CommandError(_one_line(message), returncode=2)


def document_from_json(data: dict, base: Path) -> EdxmlDocument:
    def day(key: str) -> date | None:
        value = data.get(key)
        return None if value is None else date.fromisoformat(value)

    attachments = []
    for entry in data.get("attachments", []):
        if "path" in entry:
            content = (base / entry["path"]).read_bytes()
        else:
            content = base64.b64decode(entry["content_base64"], validate=True)
        attachments.append(Attachment(entry["name"], content, entry.get("content_type", "application/octet-stream")))
    promulgation_date = day("promulgation_date")
    document_id = data.get("document_id") or make_document_id(
        data["from_organ_id"], promulgation_date, data["code_number"], data["code_notation"]
    )
    return EdxmlDocument(
        from_organ_id=data["from_organ_id"],
        from_organ_name=data["from_organ_name"],
        to_organ_ids=tuple(data["to_organ_ids"]),
        code_number=data["code_number"],
        code_notation=data["code_notation"],
        promulgation_place=data["promulgation_place"],
        promulgation_date=promulgation_date,
        document_type=int(data.get("document_type") or 18),
        subject=data["subject"],
        signer_full_name=data["signer_full_name"],
        signer_position=data["signer_position"],
        document_id=document_id,
        due_date=day("due_date"),
        priority=int(data.get("priority") or 0),
        response_for_document_id=data.get("response_for_document_id"),
        attachments=tuple(attachments),
    )


class Command(BaseCommand):
    help = "edXML packages (QCVN 102:2016): read, write from JSON, enqueue for the axis, send, receive."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["read", "write", "enqueue", "send", "receive"])
        parser.add_argument("file", nargs="?", help="the package to read or enqueue")
        parser.add_argument("--from-json", dest="from_json", help="write: the document as JSON")
        parser.add_argument("--document", type=int, help="write: the id of a numbered outgoing document")
        parser.add_argument("--out", help="write: the package file to create")

    def handle(self, *args, **options):
        action = options["action"]
        try:
            if action == "read":
                return self._read(options["file"])
            if action == "write" and options["document"] is not None:
                return self._write_document(options["document"], options["out"])
            if action == "write":
                return self._write(options["from_json"], options["out"])
            if action == "enqueue":
                return self._enqueue(options["file"])
            return self._exchange(action)
        except ApplicationError as error:
            details = "; ".join(f"{k}: {', '.join(map(str, v))}" for k, v in error.fields.items())
            raise _fail(f"{error.message} {details}".strip()) from None

    def _bytes(self, file: str | None) -> bytes:
        if not file:
            raise _fail("a FILE is required")
        try:
            return Path(file).read_bytes()
        except OSError as error:
            raise _fail(f"cannot read {file}: {error.strerror}") from None

    def _read(self, file):
        try:
            package = read_package(self._bytes(file))
        except EdxmlError as error:
            raise _fail(f"invalid edXML package: {error.message}") from None
        sys.stdout.write(json.dumps(package_summary(package), ensure_ascii=False) + "\n")

    def _write(self, source, out):
        if not source or not out:
            raise _fail("edxml write needs --from-json FILE and --out FILE")
        try:
            data = json.loads(self._bytes(source))
            document = document_from_json(data, Path(source).parent)
        except (ValueError, KeyError, TypeError, binascii.Error, OSError) as error:
            raise _fail(f"cannot build a document from {source}: {type(error).__name__} {error}") from None
        Path(out).write_bytes(write_package(document))
        self.stdout.write(f"wrote {out}")

    def _write_document(self, document_id: int, out):
        from chinhquyenso.documents.exchange import package_for
        from chinhquyenso.documents.models import OutgoingDocument, RecipientChannel
        from chinhquyenso.edxml.adapter import edxml_document
        from chinhquyenso.units.identifiers import identifier_errors

        if not out:
            raise _fail("edxml write needs --out FILE")
        document = OutgoingDocument.objects.select_related("agency__unit", "document_type").filter(pk=document_id)
        document = document.first()
        if document is None:
            raise _fail(f"no outgoing document {document_id}")
        recipients = sorted(
            (r for r in document.recipients.all() if r.organ_id and not identifier_errors(r.organ_id)),
            key=lambda r: (r.channel != RecipientChannel.EXCHANGE, r.id),
        )
        if not recipients:
            raise _fail(f"outgoing document {document_id} has no recipient with an electronic identifier")
        package = write_package(edxml_document(package_for(document), tuple(r.organ_id for r in recipients)))
        Path(out).write_bytes(package)
        self.stdout.write(f"wrote {out}")

    def _enqueue(self, file):
        from chinhquyenso.edxml.services import package_enqueue

        items = package_enqueue(actor=None, package=self._bytes(file))
        self.stdout.write(f"queued for {', '.join(item.to_organ_id for item in items)}")

    def _exchange(self, action):
        from chinhquyenso.edxml.axis import AxisClient
        from chinhquyenso.edxml.intake import inbox_apply
        from chinhquyenso.edxml.services import inbox_fetch, outbox_send_due

        client = AxisClient.from_settings()
        if action == "send":
            result = outbox_send_due(actor=None, client=client)
            self.stdout.write(
                f"sent {result.sent}, retrying {result.retrying}, failed {result.failed}, "
                f"status packages received {result.statuses_received}"
            )
        else:
            self.stdout.write(f"received {len(inbox_fetch(actor=None, client=client))}")
        applied = inbox_apply(actor=None)
        self.stdout.write(
            f"applied: {applied.documents} incoming document(s), {applied.statuses} status update(s), "
            f"{applied.ignored} package(s) with nothing to apply"
        )
