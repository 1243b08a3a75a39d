"""The electronic result carries the agency's digital signature, so the citizen's copy proves where it came from.

A PDF result gets the organisation's text stamp (Decree 30/2020 App. I, as on attachments) with the dossier code,
signed with the agency's key and time-stamped. Without a key on file, or for a file that is not a readable PDF,
the result is kept as uploaded and the history says it is unsigned: the officer's upload is never lost.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from chinhquyenso.core.errors import ApplicationError
from chinhquyenso.signing.credentials import agency_identity
from chinhquyenso.signing.pdf_sign import SignatureKind, sign_pdf


def sign_result(content: bytes, *, agency, dossier_code: str) -> tuple[bytes, bool]:
    """The result as it is stored and whether it was signed."""
    if not content.startswith(b"%PDF-"):
        return content, False
    try:
        signed = sign_pdf(
            content,
            signer=agency_identity(agency.identifier),
            kind=SignatureKind.ATTACHMENT,
            document_code=dossier_code,
            reason=_("Electronic result of dossier %(code)s") % {"code": dossier_code},
            location=agency.name,
        )
    except (ApplicationError, OSError, ValueError):
        return content, False
    return signed, True
