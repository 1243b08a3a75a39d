"""Electronic documents arriving (Decree 30/2020 Art. 21): from another agency on the platform or through the
document exchange (edXML). Each lands in the addressed agency's tray, waiting for its clerk, with every PDF's
signature checked by this platform on arrival; the clerk then receives or returns it (``incoming.py``)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from chinhquyenso.core.services.audit import audit_record
from chinhquyenso.documents.models import (
    CONG_VAN,
    DocumentType,
    FileKind,
    IncomingDocument,
    IncomingStatus,
    Medium,
    ReceivedVia,
    Urgency,
)
from chinhquyenso.documents.services.common import (
    FileUpload,
    notify_agency,
    record_event,
    refresh_search_text,
    store_file,
)
from chinhquyenso.documents.signature_reports import any_valid_signature, check_file, failed_signature, headline


def _arrive(*, agency, package, via: str, source_recipient=None) -> IncomingDocument:
    """An electronic document lands in ``agency``'s tray, waiting for its clerk; each PDF's signature is checked
    now, by this platform, whatever the sender claims (Art. 21: authenticity and integrity on receipt)."""
    document_type = (
        DocumentType.objects.filter(code=package.type_code).first()
        or DocumentType.objects.filter(name=package.type_name).first()
        or DocumentType.objects.filter(code=CONG_VAN).first()
    )
    document = IncomingDocument(
        agency=agency,
        document_type=document_type,
        type_name=(package.type_name or document_type.name)[:100],
        number=package.number[:11],
        notation=package.notation[:30],
        issued_date=package.issued_date,
        organ_id=package.sender_organ_id[:13],
        organ_name=package.sender_organ_name[:200],
        subject=package.subject[:500],
        language=package.language[:30],
        page_amount=package.page_amount,
        description=package.description[:500],
        signer_position=package.signer_position[:100],
        signer_full_name=package.signer_full_name[:50],
        urgency=package.priority if package.priority in Urgency.values else Urgency.NORMAL,
        secrecy=package.secrecy,
        due_date=package.due_date,
        medium=Medium.ELECTRONIC,
        status=IncomingStatus.PENDING,
        document_identifier=package.document_identifier[:100],
        source_recipient=source_recipient,
        received_via=via,
    )
    refresh_search_text(document)
    document.save()
    reports = []
    for item in package.files:
        report = check_file(item.content, item.content_type)
        reports.append(report)
        store_file(
            owner_field="incoming",
            owner=document,
            upload=FileUpload(item.name, item.content_type, item.content),
            kind=FileKind.RECEIVED,
            actor=None,
            signature_report=report,
        )
    record_event(
        owner_field="incoming",
        owner=document,
        action="deliver" if via == ReceivedVia.PLATFORM else "exchange_arrival",
        actor=None,
        after=document.status,
    )
    checked = [r for r in reports if r is not None]
    failed = failed_signature(checked)
    if checked:
        record_event(
            owner_field="incoming",
            owner=document,
            action="signature_check",
            actor=None,
            note=headline(failed) if failed else headline(checked[0]),
            data={"valid": failed is None and any_valid_signature(checked), "files": len(checked)},
        )
    notify_agency(
        agency=agency,
        kind="arrived",
        message=_("New document %(code)s from %(organ)s: %(subject)s")
        % {"code": document.number_notation, "organ": document.organ_name, "subject": document.subject},
        incoming=document,
    )
    audit_record(
        actor=None,
        action="documents.incoming_deliver",
        obj=document,
        summary={"from": package.document_identifier, "via": via, "signature_failed": failed is not None},
    )
    return document


def incoming_deliver(*, package, recipient) -> IncomingDocument:
    """A document sent on the platform lands in the recipient agency's tray, waiting for its clerk (system)."""
    return _arrive(agency=recipient.agency, package=package, via=ReceivedVia.PLATFORM, source_recipient=recipient)


def incoming_arrive_from_exchange(*, agency, package) -> tuple[IncomingDocument, bool]:
    """A document received through the document exchange (edXML) for ``agency``: (document, created). The same
    document from the same sender lands once, however often the axis offers it."""
    with transaction.atomic():
        existing = (
            IncomingDocument.objects.filter(
                agency=agency,
                received_via=ReceivedVia.EXCHANGE,
                organ_id=package.sender_organ_id[:13],
                document_identifier=package.document_identifier[:100],
            )
            .order_by("id")
            .first()
        )
        if existing is not None and package.document_identifier:
            return existing, False
        return _arrive(agency=agency, package=package, via=ReceivedVia.EXCHANGE), True
