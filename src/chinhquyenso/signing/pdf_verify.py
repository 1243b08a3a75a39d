"""Verification of the signatures in a PDF, reported in Vietnamese (the verification-software requirements).

For each signature: is it valid; who signed; which CA issued the certificate and which unit manages it; the signing
time from the trusted timestamp; whether the signed bytes are intact (hash recomputed); whether the certificate was
valid at the signing time and chains to a trusted root (``CQS_SIGNING_TRUST_ROOTS``, the dev CA by default); the
certificate's validity period; and whether the document was changed after signing in a way that is not another
signature. A document is valid when it has at least one signature and every signature is valid.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from asn1crypto import x509 as asn1_x509
from django.utils import translation
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko_certvalidator.errors import PathError
from pyhanko_certvalidator.errors import ValidationError as CertValidationError

from chinhquyenso.signing.errors import NotAPdf
from chinhquyenso.signing.event_loop import outside_event_loop
from chinhquyenso.signing.trust import trust_roots, validation_context

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
_ACCEPTED_LATER_CHANGES = {ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING}


@dataclass(frozen=True)
class SignatureReport:
    field_name: str
    valid: bool
    signer: str  # common name of the signer's certificate
    signer_subject: str
    issuer: str  # the CA that issued the certificate
    managing_unit: str  # organisation of the issuing CA
    signing_time: datetime | None  # from the trusted timestamp; None without one
    timestamp_trusted: bool
    intact: bool  # the signed bytes hash to what was signed
    signature_valid: bool  # the CMS signature verifies with the certificate's public key
    certificate_valid_at_signing: bool
    certificate_not_before: datetime
    certificate_not_after: datetime
    trusted_root: bool
    trust_anchor: str | None
    modified_after_signing: bool
    problems: list[str] = field(default_factory=list)
    summary: str = ""


@dataclass(frozen=True)
class VerificationReport:
    valid: bool
    signatures: list[SignatureReport]
    summary: str


def _name_part(name: asn1_x509.Name, key: str) -> str:
    return str(name.native.get(key, "")) if name.native else ""


def _when(moment: datetime | None) -> str:
    if moment is None:
        return "—"
    return moment.astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M:%S") + " (UTC+07:00)"


# What validating a signature may raise about the file or its certificates: reported, never a 500.
UNREADABLE = (SignatureValidationError, ValueError, PdfError, CertValidationError, PathError)


def _signature_report(embedded, roots) -> SignatureReport:
    certificate = embedded.signer_cert
    problems: list[str] = []
    try:
        status = validate_pdf_signature(embedded, validation_context(roots), validation_context(roots))
    except UNREADABLE as error:
        status = None
        problems.append(_("The signature cannot be read: %(error)s") % {"error": error})

    not_before = certificate["tbs_certificate"]["validity"]["not_before"].native
    not_after = certificate["tbs_certificate"]["validity"]["not_after"].native
    timestamp = status.timestamp_validity if status else None
    timestamp_trusted = bool(timestamp and timestamp.intact and timestamp.valid and timestamp.trusted)
    signing_time = timestamp.timestamp if timestamp else None
    if status is not None and status.trust_problem_indic is not None and timestamp_trusted:
        # The certificate may have expired since: judge it at the trusted signing time instead (PAdES B-T).
        try:
            moment_status = validate_pdf_signature(
                embedded, validation_context(roots, moment=signing_time), validation_context(roots)
            )
        except UNREADABLE:
            moment_status = None  # e.g. a certificate not yet valid at that moment: keep the first verdict
        if moment_status is not None and moment_status.trusted:
            status = moment_status

    intact = bool(status and status.intact)
    signature_valid = bool(status and status.valid)
    trusted = bool(status and status.trusted)
    valid_at_signing = bool(trusted and signing_time and not_before <= signing_time <= not_after)
    modified = True
    if status is not None:
        if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
            modified = False
        elif status.coverage == SignatureCoverageLevel.ENTIRE_REVISION:
            modified = not (status.modification_level in _ACCEPTED_LATER_CHANGES and status.docmdp_ok)

    if status is not None:
        if not intact:
            problems.append(_("The document was changed after it was signed (the content hash does not match)."))
        elif not signature_valid:
            problems.append(_("The signature does not match the signer's certificate."))
        if not trusted:
            problems.append(_("The certificate is not issued by a trusted certification authority."))
        if timestamp is None:
            problems.append(_("The signature has no timestamp from a time-stamping authority."))
        elif not timestamp_trusted:
            problems.append(_("The signature's timestamp is not valid or not from a trusted authority."))
        if trusted and signing_time and not valid_at_signing:
            problems.append(_("The certificate was not valid at the signing time."))
        if intact and modified:
            problems.append(_("The document was modified after signing by changes other than signatures."))
    valid = not problems

    issuer_name = certificate.issuer
    trust_anchor = status.validation_path[0].subject.human_friendly if status and status.validation_path else None
    report = SignatureReport(
        field_name=embedded.field_name,
        valid=valid,
        signer=_name_part(certificate.subject, "common_name"),
        signer_subject=certificate.subject.human_friendly,
        issuer=_name_part(issuer_name, "common_name") or issuer_name.human_friendly,
        managing_unit=_name_part(issuer_name, "organization_name"),
        signing_time=signing_time,
        timestamp_trusted=timestamp_trusted,
        intact=intact,
        signature_valid=signature_valid,
        certificate_valid_at_signing=valid_at_signing,
        certificate_not_before=not_before,
        certificate_not_after=not_after,
        trusted_root=trusted,
        trust_anchor=trust_anchor,
        modified_after_signing=modified,
        problems=problems,
    )
    return _with_summary(report)


def _yes_no(value: object) -> str:
    return _("yes") if value else _("no")


def _with_summary(report: SignatureReport) -> SignatureReport:
    verdict = _("The signature is VALID.") if report.valid else _("The signature is NOT VALID.")
    lines = [
        verdict,
        _("Signer: %(name)s") % {"name": report.signer},
        _("Issuing CA: %(issuer)s") % {"issuer": report.issuer},
        _("Certificate managed by: %(unit)s") % {"unit": report.managing_unit or "—"},
        _("Signing time (timestamp): %(time)s") % {"time": _when(report.signing_time)},
        _("Integrity intact: %(answer)s") % {"answer": _yes_no(report.intact and not report.modified_after_signing)},
        _("Certificate valid at signing time: %(answer)s") % {"answer": _yes_no(report.certificate_valid_at_signing)},
        _("Certificate validity: %(start)s to %(end)s")
        % {"start": _when(report.certificate_not_before), "end": _when(report.certificate_not_after)},
        _("Trusted root: %(answer)s") % {"answer": report.trust_anchor or _("none")},
    ]
    lines += [f"- {problem}" for problem in report.problems]
    return SignatureReport(**{**report.__dict__, "summary": "\n".join(lines)})


def verify_pdf(pdf_bytes: bytes, *, roots=None, language: str = "vi") -> VerificationReport:
    """Verify every signature of the PDF against ``roots`` (default: the configured trust roots)."""
    return outside_event_loop(_verify_pdf, pdf_bytes, roots=roots, language=language)


def _verify_pdf(pdf_bytes: bytes, *, roots, language: str) -> VerificationReport:
    with translation.override(language):
        if not pdf_bytes.startswith(b"%PDF-"):
            raise NotAPdf()
        try:
            reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
            embedded = list(reader.embedded_regular_signatures)
        except (PdfError, ValueError, KeyError, IndexError):
            raise NotAPdf() from None
        # The trust roots are needed only when there is a signature to check.
        if embedded:
            roots = list(roots) if roots is not None else list(trust_roots())
        reports = [_signature_report(sig, roots) for sig in embedded]
        valid = bool(reports) and all(r.valid for r in reports)
        if not reports:
            head = _("The document has no digital signature.")
        elif valid:
            head = _("The document is VALID: %(count)d signature(s), all valid.") % {"count": len(reports)}
        else:
            bad = sum(not r.valid for r in reports)
            head = _("The document is NOT VALID: %(bad)d of %(count)d signature(s) failed.") % {
                "bad": bad,
                "count": len(reports),
            }
        parts = [head] + [
            _("Signature %(number)d (%(field)s):") % {"number": n, "field": r.field_name} + "\n" + r.summary
            for n, r in enumerate(reports, start=1)
        ]
        return VerificationReport(valid=valid, signatures=reports, summary="\n\n".join(parts))
