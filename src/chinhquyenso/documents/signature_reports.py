"""Signature checks of document files, kept as JSON on the file (``DocumentFile.signature_report``).

Every PDF a document carries from a signature onwards, or receives from another system, is verified by
``signing.pdf_verify.verify_pdf`` and the result is stored in Vietnamese with the facts a clerk needs (valid,
signer, issuing CA, signing time, integrity). ``signed`` says whether the file carries any signature at all, so an
unsigned file (a draft sent unsigned, a scan) is told apart from a signature that failed.
"""

from __future__ import annotations

import logging

from django.utils import timezone
from django.utils.translation import gettext as _

from chinhquyenso.signing.errors import NotAPdf, SigningConfigurationError
from chinhquyenso.signing.pdf_verify import VerificationReport, verify_pdf

logger = logging.getLogger(__name__)
PDF = "application/pdf"


def report_json(report: VerificationReport) -> dict:
    return {
        "valid": report.valid,
        "signed": bool(report.signatures),
        "readable": True,
        "checked_at": timezone.now().isoformat(timespec="seconds"),
        "summary": report.summary,
        "signatures": [
            {
                "field": s.field_name,
                "valid": s.valid,
                "signer": s.signer,
                "issuer": s.issuer,
                "managing_unit": s.managing_unit,
                "signing_time": s.signing_time.isoformat(timespec="seconds") if s.signing_time else None,
                "intact": s.intact and not s.modified_after_signing,
                "trusted_root": s.trusted_root,
                "certificate_valid_at_signing": s.certificate_valid_at_signing,
                "problems": list(s.problems),
            }
            for s in report.signatures
        ],
    }


def check_pdf(content: bytes) -> dict:
    """The verification report of a PDF as stored JSON; an unreadable file is reported, never raised."""
    try:
        return report_json(verify_pdf(content, language="vi"))
    except NotAPdf:
        pass
    except SigningConfigurationError as error:
        # Signed, but this platform has no trust roots to check it against: not valid until it can be checked.
        return {
            "valid": False,
            "signed": True,
            "readable": True,
            "checked_at": timezone.now().isoformat(timespec="seconds"),
            "summary": _("The signature could not be checked: %(reason)s") % {"reason": error.message},
            "signatures": [],
        }
    except Exception:  # noqa: BLE001 - a damaged file from another system must not stop its delivery
        logger.warning("signature check failed on a damaged PDF", exc_info=True)
    return {
        "valid": False,
        "signed": False,
        "readable": False,
        "checked_at": timezone.now().isoformat(timespec="seconds"),
        "summary": _("The file is not a readable PDF document: its signature cannot be checked."),
        "signatures": [],
    }


def check_file(content: bytes, content_type: str) -> dict | None:
    """A report for PDFs; None for other files (a Word attachment carries no PAdES signature)."""
    if content_type != PDF and not content.startswith(b"%PDF-"):
        return None
    return check_pdf(content)


def failed_signature(reports) -> dict | None:
    """The first report of a PDF that cannot be trusted: a signature failed (tampered, untrusted …) or the file is
    too damaged to check. An intact PDF without any signature is not a failure (the caller warns about it)."""
    for report in reports:
        if report and (report.get("readable") is False or (report.get("signed") and not report.get("valid"))):
            return report
    return None


def any_valid_signature(reports) -> bool:
    return any(report and report.get("valid") for report in reports)


def headline(report: dict | None) -> str:
    """The first line of a stored report, for the trail."""
    if not report:
        return ""
    return (report.get("summary") or "").split("\n", 1)[0]
