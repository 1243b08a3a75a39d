"""Register series and yearly counters (Decree 30/2020 Art. 15, 22) and the duplicate warnings of App. VI.

Numbers come from the database: the counter row of (series, year) is locked with ``SELECT … FOR UPDATE`` inside
the caller's transaction, so concurrent numberings in one register get consecutive numbers and never the same one.
A new year has a new counter row, so numbering restarts at 01 on 1 January. Call these only from services.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from chinhquyenso.documents.models import (
    AgencyDocumentProfile,
    DocumentRegister,
    DocumentType,
    IncomingDocument,
    IncomingStatus,
    OutgoingDocument,
    RegisterSeries,
    SeriesKind,
)
from chinhquyenso.units.models import AgencyKind

ADMINISTRATIVE_CODE = "hanh-chinh"
SECRET_CODE = "mat"  # noqa: S105 - a series code ("mật" = secret), not a password
INCOMING_CODE = "van-ban-den"


def _ensure_series(agency, *, code: str, kind: str, name: str, document_type=None) -> RegisterSeries:
    # INSERT … ON CONFLICT DO NOTHING then read: safe when two first documents of an agency arrive together.
    RegisterSeries.objects.bulk_create(
        [RegisterSeries(agency=agency, code=code, kind=kind, name=name, document_type=document_type)],
        ignore_conflicts=True,
    )
    return RegisterSeries.objects.get(agency=agency, code=code)


def incoming_series(agency) -> RegisterSeries:
    return _ensure_series(agency, code=INCOMING_CODE, kind=SeriesKind.INCOMING, name=_("Incoming documents"))


def outgoing_series(agency, *, document_type: DocumentType, secrecy: int = 0, chosen=None) -> RegisterSeries:
    """The series that numbers an outgoing document: a chosen advisory/specialised series, else secret,
    legal normative (one per type) or administrative."""
    if chosen is not None:
        return chosen
    if secrecy:
        return _ensure_series(agency, code=SECRET_CODE, kind=SeriesKind.SECRET, name=_("Secret documents"))
    if document_type.legal_normative:
        return _ensure_series(
            agency,
            code=f"qppl-{document_type.code}"[:40],
            kind=SeriesKind.LEGAL_NORMATIVE,
            name=_("Legal normative: %(type)s") % {"type": document_type.name},
            document_type=document_type,
        )
    return _ensure_series(
        agency, code=ADMINISTRATIVE_CODE, kind=SeriesKind.ADMINISTRATIVE, name=_("Administrative documents")
    )


def next_number(series: RegisterSeries, year: int) -> tuple[DocumentRegister, int]:
    """Takes the next number of ``series`` in ``year``; holds the counter's row lock until the caller commits."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number must run inside the numbering transaction")
    DocumentRegister.objects.bulk_create([DocumentRegister(series=series, year=year)], ignore_conflicts=True)
    register = DocumentRegister.objects.select_for_update().get(series=series, year=year)
    register.last_number += 1
    register.save(update_fields=["last_number"])
    return register, register.last_number


_KIND_ABBREVIATIONS = {AgencyKind.PEOPLES_COMMITTEE: "UBND", AgencyKind.ONE_STOP: "TTPVHCC"}
_PLACE_WORDS = (" tỉnh ", " thành phố ", " huyện ", " xã ", " phường ", " thị xã ", " quận ", " đặc khu ")


def organ_abbreviation(agency) -> str:
    """The issuing body's abbreviation in notations: the agency's profile, else a default from its kind/name."""
    profile = AgencyDocumentProfile.objects.filter(agency=agency).first()
    if profile is not None:
        return profile.abbreviation
    if agency.kind in _KIND_ABBREVIATIONS:
        return _KIND_ABBREVIATIONS[agency.kind]
    name = f" {agency.name} "
    for word in _PLACE_WORDS:
        if word in name:
            name = name[: name.index(word)]
    return "".join(w[0] for w in name.split()).upper() or "CQ"


@dataclass(frozen=True)
class DuplicateWarning:
    code: str
    message: str

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message}


def outgoing_duplicates(*, agency, year: int, number: str, notation: str, identifier: str, exclude_id=None):
    """App. VI 1: warn (not refuse) when number + notation + issuing body, or the identifier, already exist."""
    found = []
    same = OutgoingDocument.objects.filter(agency=agency, year=year, number=number, notation=notation)
    if exclude_id is not None:
        same = same.exclude(pk=exclude_id)
    if number and same.exists():
        found.append(
            DuplicateWarning(
                "duplicate_number_notation",
                _("%(code)s has already been issued by this agency this year.") % {"code": f"{number}/{notation}"},
            )
        )
    if identifier:
        others = OutgoingDocument.objects.filter(document_identifier=identifier)
        if exclude_id is not None:
            others = others.exclude(pk=exclude_id)
        if others.exists():
            found.append(
                DuplicateWarning(
                    "duplicate_identifier", _("The document identifier %(id)s already exists.") % {"id": identifier}
                )
            )
    return found


def incoming_duplicates(
    *,
    agency,
    organ_name: str,
    organ_id: str,
    number: str,
    notation: str,
    issued_date,
    identifier: str,
    exclude_id: int | None = None,
):
    """Warns the clerk that the same document (same sender, number and notation) seems registered already: with
    an arrival number, other than the one being registered."""
    found = []
    live = IncomingDocument.objects.filter(agency=agency, arrival_number__isnull=False).exclude(
        status=IncomingStatus.RECALLED
    )
    if exclude_id is not None:
        live = live.exclude(pk=exclude_id)
    if number and notation:
        same = live.filter(number=number, notation=notation)
        same = same.filter(organ_id=organ_id) if organ_id else same.filter(organ_name__iexact=organ_name.strip())
        if issued_date is not None:
            same = same.filter(issued_date__year=issued_date.year)
        hit = same.order_by("arrival_number").first()
        if hit is not None:
            found.append(
                DuplicateWarning(
                    "duplicate_number_notation",
                    _("%(code)s of %(organ)s is already registered as incoming number %(arrival)s.")
                    % {"code": f"{number}/{notation}", "organ": organ_name, "arrival": hit.arrival_number},
                )
            )
    if identifier and live.filter(document_identifier=identifier).exists():
        found.append(
            DuplicateWarning(
                "duplicate_identifier", _("The document identifier %(id)s is already registered.") % {"id": identifier}
            )
        )
    return found
