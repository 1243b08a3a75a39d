"""Digital signatures in the outgoing flow (Decree 30/2020 Art. 5, 14 and App. I), with ``signing``'s keys.

1. ``outgoing_sign`` — the competent leader signs the approved document's main PDF with their personal key: the
   blue signature image goes between the position title and the name. The document becomes "signed"
   (``outgoing_mark_signed``) with the signed PDF as its file and the verification report beside it.
2. The clerk numbers it (``outgoing_release.outgoing_number``): number and date come before the organisation's
   signature (Art. 14).
3. ``outgoing_seal`` — the clerk applies the organisation's digital signature: the red seal over the left third
   of the personal signature on the main PDF, and the text-only stamp (number and symbol, agency, ISO 8601 time)
   on each PDF attachment. Only then may a document signed this way be dispatched.

Each step is one transaction holding the document's row lock, so two clicks never sign twice; a signing failure
(no key, TSA down, not a PDF) leaves nothing written.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chinhquyenso.core.errors import Conflict, ValidationFailed
from chinhquyenso.core.services.audit import audit_record
from chinhquyenso.documents.access import require_roles
from chinhquyenso.documents.models import FileKind, Medium, OutgoingDocument
from chinhquyenso.documents.services.common import FileUpload, record_event, store_file
from chinhquyenso.documents.services.outgoing import lock_outgoing, outgoing_mark_signed
from chinhquyenso.documents.signature_reports import PDF, check_pdf, headline
from chinhquyenso.documents.workflow import OUTGOING, check_transition
from chinhquyenso.signing.credentials import agency_identity, person_identity
from chinhquyenso.signing.errors import SigningError
from chinhquyenso.signing.locate import signature_box_between
from chinhquyenso.signing.pdf_sign import SignatureKind, sign_pdf


class SealNotNeeded(Conflict):
    code = "seal_not_needed"


def latest_files(document, kind: str) -> list:
    """The newest version of each file of ``kind`` (files are never overwritten: a new version is a new row)."""
    newest: dict[str, object] = {}
    for stored in document.files.filter(kind=kind).order_by("id"):
        newest[stored.name] = stored
    return list(newest.values())


def _checked(content: bytes, what: str) -> dict:
    report = check_pdf(content)
    if not report["valid"]:
        # Our own signature must verify; if it does not, nothing is stored and the reason is shown.
        raise SigningError(
            _("The %(what)s was made but does not verify: %(reason)s") % {"what": what, "reason": headline(report)},
            code="signature_not_verified",
        )
    return report


def outgoing_sign(*, actor, document: OutgoingDocument) -> OutgoingDocument:
    """The competent leader digitally signs the approved electronic document's latest PDF draft."""
    with transaction.atomic():
        document = lock_outgoing(document)
        check_transition(OUTGOING, "sign", document.status, document.get_status_display())
        require_roles(actor, document.agency_id, OUTGOING["sign"].roles)
        if document.medium != Medium.ELECTRONIC:
            raise ValidationFailed(
                fields={"medium": [_("A paper document is signed by hand; record its signature instead.")]}
            )
        drafts = list(document.files.filter(kind=FileKind.DRAFT).order_by("id"))
        main = drafts[-1] if drafts else None
        if main is None or main.content_type != PDF:
            raise ValidationFailed(fields={"draft": [_("Attach the draft as a PDF before signing it.")]})
        identity = person_identity(actor.username)
        full_name = (actor.full_name or identity.display_name)[:50]
        position = (document.signer_position or identity.position)[:100]
        content = bytes(main.content)
        found = signature_box_between(content, full_name=document.signer_full_name or full_name, position=position)
        page, box = found if found else (None, None)
        signed = sign_pdf(
            content,
            signer=identity,
            kind=SignatureKind.PERSONAL,
            page=page,
            box=box,
            reason=_("Signed by the competent person"),
            location=document.organ_name,
        )
        report = _checked(signed, _("personal signature"))
        name = main.name if main.name.lower().endswith(".pdf") else f"{main.name}.pdf"
        document = outgoing_mark_signed(
            actor=actor,
            document=document,
            signed_file=FileUpload(name, PDF, signed),
            signature_report=report,
            signer_position=position,
            signer_full_name=full_name,
        )
        document.seal_required = True
        document.save(update_fields=["seal_required"])
        record_event(
            owner_field="outgoing",
            owner=document,
            action="digital_signature",
            actor=actor,
            note=report["summary"].split("\n\n", 1)[-1],
            data={"kind": "personal", "signatures": len(report["signatures"])},
        )
    return document


def outgoing_seal(*, actor, document: OutgoingDocument) -> OutgoingDocument:
    """The clerk applies the organisation's digital signature to the numbered document and its PDF attachments."""
    with transaction.atomic():
        document = lock_outgoing(document)
        check_transition(OUTGOING, "seal", document.status, document.get_status_display())
        require_roles(actor, document.agency_id, OUTGOING["seal"].roles)
        if not document.seal_required:
            raise SealNotNeeded(_("This document was not signed digitally in the system: there is nothing to seal."))
        if document.sealed_at is not None:
            raise SealNotNeeded(_("The organisation's digital signature is already on this document."))
        signed_files = latest_files(document, FileKind.SIGNED)
        if not signed_files:
            raise ValidationFailed(fields={"signed_file": [_("The signed document is missing.")]})
        identity = agency_identity(document.organ_id)
        main = signed_files[-1]
        sealed = sign_pdf(
            bytes(main.content),
            signer=identity,
            kind=SignatureKind.ORGANISATION,
            reason=_("Digital signature of the organisation"),
            location=document.organ_name,
        )
        report = _checked(sealed, _("organisation's signature"))
        stored = store_file(
            owner_field="outgoing",
            owner=document,
            upload=FileUpload(main.name, PDF, sealed),
            kind=FileKind.SIGNED,
            actor=actor,
            signature_report=report,
        )
        stamped, unsigned = [], []
        for attachment in latest_files(document, FileKind.ATTACHMENT):
            if attachment.content_type != PDF:
                unsigned.append(attachment.name)
                continue
            content = sign_pdf(
                bytes(attachment.content),
                signer=identity,
                kind=SignatureKind.ATTACHMENT,
                document_code=document.number_notation,
                reason=_("Attachment of %(code)s") % {"code": document.number_notation},
            )
            store_file(
                owner_field="outgoing",
                owner=document,
                upload=FileUpload(attachment.name, PDF, content),
                kind=FileKind.ATTACHMENT,
                actor=actor,
                signature_report=_checked(content, _("attachment stamp")),
            )
            stamped.append(attachment.name)
        now = timezone.now()
        document.sealed_at = now
        document.sealed_by = actor
        document.save(update_fields=["sealed_at", "sealed_by", "updated_at"])
        note = report["summary"].split("\n\n")[-1]
        if unsigned:
            note += "\n" + _("Not PDF, sent without a signature: %(names)s") % {"names": ", ".join(unsigned)}
        record_event(
            owner_field="outgoing",
            owner=document,
            action="seal",
            actor=actor,
            note=note,
            data={"sha256": stored.sha256, "stamped": stamped, "unsigned": unsigned},
        )
        audit_record(
            actor=actor,
            action="documents.outgoing_seal",
            obj=document,
            summary={"sha256": stored.sha256, "attachments": len(stamped)},
        )
    return document
