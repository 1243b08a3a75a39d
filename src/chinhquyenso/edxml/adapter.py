"""The documents app's exchange adapter for bodies that are not on this platform: edXML through the axis.

``documents.outgoing_release.outgoing_dispatch`` hands each recipient off the platform to ``EdxmlExchange.send``
inside its transaction; the adapter only builds the package and enqueues it (``services.package_enqueue``), and
``chinhquyenso edxml send`` delivers it later with retries. Recalls go as status 13; the steps of documents that
arrived through the exchange go back to their sender as status packages (03 received, 04 assigned, 06 done,
02 returned, 15 recall accepted) through ``report``. ``intake.inbox_apply`` is the other direction.

``EdxmlConfig.ready`` registers the adapter when an axis is configured (``CQS_EDXML_AXIS_URL``).
"""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from chinhquyenso.core.errors import Conflict, ValidationFailed
from chinhquyenso.documents.exchange import Delivery, OutgoingPackage, PackageFile
from chinhquyenso.documents.models import CONG_VAN, RecipientStatus
from chinhquyenso.edxml.package import (
    DOCUMENT_TYPE_OFFICIAL_LETTER,
    Attachment,
    EdxmlDocument,
    EdxmlStatus,
    write_package,
    write_status,
)
from chinhquyenso.edxml.services import package_enqueue
from chinhquyenso.units.identifiers import identifier_errors

logger = logging.getLogger(__name__)
VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# What this platform tells a sender about a document it received (edXML status codes, domain.md §4.9).
STATUS_CODE_OF = {
    RecipientStatus.DELIVERED: "01",
    RecipientStatus.RETURNED: "02",
    RecipientStatus.RECEIVED: "03",
    RecipientStatus.ASSIGNED: "04",
    RecipientStatus.DONE: "06",
    RecipientStatus.RECALLED: "15",
}
# And what a recipient's status package means for the sender's tracking row ("05 in process" is shown as
# assigned: the recipient is working on it).
RECIPIENT_STATUS_OF = {
    "01": RecipientStatus.DELIVERED,
    "02": RecipientStatus.RETURNED,
    "03": RecipientStatus.RECEIVED,
    "04": RecipientStatus.ASSIGNED,
    "05": RecipientStatus.ASSIGNED,
    "06": RecipientStatus.DONE,
    "15": RecipientStatus.RECALLED,
}
RECALL_REQUEST = "13"


def local_now() -> datetime:
    """edXML timestamps are Vietnam local time without a zone."""
    return datetime.now(VN_TZ).replace(tzinfo=None, microsecond=0)


def edxml_document(package: OutgoingPackage, to_organ_ids: tuple[str, ...]) -> EdxmlDocument:
    """The edXML document package of a numbered outgoing document (App. VI fields under their edXML names)."""
    if not (package.number and package.notation and package.issued_date):
        raise ValidationFailed(fields={"document": [_("Only a numbered document can be exchanged.")]})
    return EdxmlDocument(
        from_organ_id=package.sender_organ_id,
        from_organ_name=package.sender_organ_name,
        to_organ_ids=to_organ_ids,
        code_number=package.number,
        code_notation=package.notation,
        promulgation_place=package.promulgation_place or package.sender_organ_name,
        promulgation_date=package.issued_date,
        # Only the công văn code (18) is confirmed; the Vietnamese TypeName carries the exact type.
        document_type=DOCUMENT_TYPE_OFFICIAL_LETTER if package.type_code == CONG_VAN else 0,
        document_type_name=package.type_name,
        subject=package.subject,
        signer_full_name=package.signer_full_name or "—",
        signer_position=package.signer_position or "—",
        document_id=package.document_identifier,
        due_date=package.due_date,
        priority=package.priority,
        content=package.description,
        attachments=tuple(Attachment(f.name, f.content, f.content_type) for f in package.files),
    )


def outgoing_package_from(document: EdxmlDocument) -> OutgoingPackage:
    """A received edXML document in the documents app's terms (the first attachment is the main document)."""
    return OutgoingPackage(
        outgoing_id=0,
        document_identifier=document.document_id,
        sender_organ_id=document.from_organ_id,
        sender_organ_name=document.from_organ_name,
        number=document.code_number,
        notation=document.code_notation,
        issued_date=document.promulgation_date,
        type_code=CONG_VAN if document.document_type == DOCUMENT_TYPE_OFFICIAL_LETTER else "",
        type_name=document.document_type_name,
        subject=document.subject,
        signer_position=document.signer_position,
        signer_full_name=document.signer_full_name,
        priority=document.priority,
        secrecy=0,
        due_date=document.due_date,
        page_amount=None,
        language="Tiếng Việt",
        description=document.content,
        files=tuple(PackageFile(a.name, a.content_type, a.content, "", "received") for a in document.attachments),
        promulgation_place=document.promulgation_place,
    )


class EdxmlExchange:
    name = "edxml"

    def send(self, package: OutgoingPackage, recipient) -> Delivery:
        problems = identifier_errors(recipient.organ_id)
        if problems:
            return Delivery(RecipientStatus.FAILED, note=_("Not an electronic identifier: %s") % " ".join(problems))
        if package.secrecy:
            return Delivery(
                RecipientStatus.FAILED, note=_("Secret documents are not sent through the document exchange.")
            )
        items = package_enqueue(actor=None, package=write_package(edxml_document(package, (recipient.organ_id,))))
        return Delivery(
            RecipientStatus.QUEUED, reference=f"edxml-{items[0].pk}", note=_("Queued for the document exchange.")
        )

    def recall(self, package: OutgoingPackage, recipient, reason: str) -> Delivery:
        if identifier_errors(recipient.organ_id) or recipient.status == RecipientStatus.FAILED:
            return Delivery(RecipientStatus.RECALLED, note=_("Tell this recipient outside the system."))
        status = EdxmlStatus(
            from_organ_id=package.sender_organ_id,
            from_organ_name=package.sender_organ_name,
            response_for_organ_id=recipient.organ_id,
            response_for_code_number=package.number,
            response_for_code_notation=package.notation,
            response_for_promulgation_date=package.issued_date,
            response_for_document_id=package.document_identifier,
            status_code=RECALL_REQUEST,
            timestamp=local_now(),
            description=reason[:500],
        )
        package_enqueue(actor=None, package=write_status(status))
        return Delivery(
            RecipientStatus.RECALLED,
            reference=recipient.reference,
            note=_("The recall order is queued for the document exchange."),
        )

    def report(self, document, status: str, note: str = "") -> None:
        """Tells the sender of a document received through the exchange what happened to it here."""
        code = STATUS_CODE_OF.get(status)
        if code is None or not document.document_identifier or document.issued_date is None:
            return
        agency = document.agency
        package = write_status(
            EdxmlStatus(
                from_organ_id=agency.identifier,
                from_organ_name=agency.name,
                response_for_organ_id=document.organ_id,
                response_for_code_number=document.number,
                response_for_code_notation=document.notation,
                response_for_promulgation_date=document.issued_date,
                response_for_document_id=document.document_identifier,
                status_code=code,
                timestamp=local_now(),
                description=(note or RecipientStatus(status).label)[:500],
                staff_department=agency.short_name or agency.name,
            )
        )
        try:
            package_enqueue(actor=None, package=package)
        except (ValidationFailed, Conflict) as error:
            # A sender we cannot answer (an invalid identifier) must not block the clerk's work.
            logger.warning("status %s for %s not queued: %s", code, document.document_identifier, error.message)
