"""Handing an outgoing document to its recipients: one interface, two kinds of adapter.

* ``PlatformDelivery`` (built in): the recipient is an agency on this platform; the document lands directly in
  its incoming tray as a pending ``IncomingDocument``, in the same transaction as the dispatch.
* An external adapter (the edXML exchange with the national axis, another app) is registered with
  ``register_exchange_adapter``. Adapters run inside the dispatch transaction, so they must only *enqueue*
  (a transactional outbox) and report what they did; network calls happen later, from the queue, which then
  reports status changes back through ``services.outgoing_release.outgoing_recipient_report``.

An adapter may also implement ``report(incoming, status, note)``: documents that arrived through it
(``IncomingDocument.received_via == "exchange"``) tell their sender each step (received, assigned, done,
returned) through it, inside the clerk's transaction, again by enqueueing only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from chinhquyenso.documents.models import FileKind, OutgoingDocument, OutgoingRecipient, RecipientStatus


@dataclass(frozen=True)
class PackageFile:
    name: str
    content_type: str
    content: bytes
    sha256: str
    kind: str
    signature_report: dict | None = None


@dataclass(frozen=True)
class OutgoingPackage:
    """Everything a recipient system needs, in App. VI / edXML terms."""

    outgoing_id: int
    document_identifier: str
    sender_organ_id: str
    sender_organ_name: str
    number: str
    notation: str
    issued_date: date | None
    type_code: str
    type_name: str
    subject: str
    signer_position: str
    signer_full_name: str
    priority: int
    secrecy: int
    due_date: date | None
    page_amount: int | None
    language: str
    description: str
    files: tuple[PackageFile, ...]
    promulgation_place: str = ""


@dataclass(frozen=True)
class Delivery:
    """What an adapter did with one recipient: a ``RecipientStatus`` value, a reference, a note for the clerk."""

    status: str
    reference: str = ""
    note: str = ""


class ExchangeAdapter(Protocol):
    name: str

    def send(self, package: OutgoingPackage, recipient: OutgoingRecipient) -> Delivery: ...

    def recall(self, package: OutgoingPackage, recipient: OutgoingRecipient, reason: str) -> Delivery: ...


def package_for(document: OutgoingDocument) -> OutgoingPackage:
    """The package of a numbered document: its signed file when there is one, else its draft, plus attachments."""
    files = list(document.files.order_by("id"))
    signed = [f for f in files if f.kind == FileKind.SIGNED]
    main = signed[-1:] if signed else [f for f in files if f.kind == FileKind.DRAFT][-1:]
    # The newest version of each attachment (the stamped one once the organisation has signed).
    attachments = {f.name: f for f in files if f.kind == FileKind.ATTACHMENT}
    chosen = main + list(attachments.values())
    return OutgoingPackage(
        outgoing_id=document.pk,
        document_identifier=document.document_identifier,
        sender_organ_id=document.organ_id,
        sender_organ_name=document.organ_name,
        number=document.number,
        notation=document.notation,
        issued_date=document.issued_date,
        type_code=document.document_type.code,
        type_name=document.type_name,
        subject=document.subject,
        signer_position=document.signer_position,
        signer_full_name=document.signer_full_name,
        priority=document.priority,
        secrecy=document.secrecy,
        due_date=document.due_date,
        page_amount=document.page_amount,
        language=document.language,
        description=document.description,
        files=tuple(
            PackageFile(f.name, f.content_type, bytes(f.content), f.sha256, f.kind, f.signature_report) for f in chosen
        ),
        promulgation_place=document.agency.unit.name if document.agency_id else "",
    )


class PlatformDelivery:
    """Delivers to an agency on this platform: a pending incoming document in its tray, and a notice."""

    name = "platform"

    def send(self, package: OutgoingPackage, recipient: OutgoingRecipient) -> Delivery:
        from chinhquyenso.documents.services.incoming_arrival import incoming_deliver

        incoming = incoming_deliver(package=package, recipient=recipient)
        return Delivery(RecipientStatus.DELIVERED, reference=str(incoming.pk))

    def recall(self, package: OutgoingPackage, recipient: OutgoingRecipient, reason: str) -> Delivery:
        from chinhquyenso.documents.services.incoming import incoming_recall_by_sender

        incoming_recall_by_sender(recipient=recipient, reason=reason)
        return Delivery(RecipientStatus.RECALLED, reference=recipient.reference)


_external: ExchangeAdapter | None = None


def register_exchange_adapter(adapter: ExchangeAdapter | None) -> None:
    """The exchange app calls this at start-up (AppConfig.ready); None removes it (tests)."""
    global _external  # noqa: PLW0603 - one process-wide registration, set at start-up
    _external = adapter


def external_adapter() -> ExchangeAdapter | None:
    return _external


PLATFORM = PlatformDelivery()
