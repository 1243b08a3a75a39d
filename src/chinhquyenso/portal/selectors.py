"""Reads for the citizen portal. Procedures are public; dossiers, drafts and files are the signed-in citizen's
own (anyone else's is 404, so existence is not revealed)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from chinhquyenso.catalog.models import OnlineLevel, ProcedureVersion, VersionStatus
from chinhquyenso.catalog.search import search_words
from chinhquyenso.core.errors import NotFound, ValidationFailed
from chinhquyenso.dossiers.models import Dossier, DossierFile
from chinhquyenso.dossiers.states import FINISHED
from chinhquyenso.portal.models import DossierDraft
from chinhquyenso.units.models import Agency, AgencyKind

ONLINE = (OnlineLevel.FULL, OnlineLevel.PARTIAL)
RECEIVING_KINDS = (AgencyKind.PEOPLES_COMMITTEE, AgencyKind.ONE_STOP)


def offered_online(version: ProcedureVersion) -> bool:
    return version.online_level in ONLINE


def receiving_agencies(level: str = "") -> QuerySet[Agency]:
    """Agencies that receive dossiers today (People's Committees and service centres of current units), of the
    procedure's level when given."""
    today = timezone.localdate()
    found = (
        Agency.objects.filter(kind__in=RECEIVING_KINDS, unit__path__startswith="N")
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .select_related("unit")
    )
    if level:
        found = found.filter(unit__level=level)
    return found.order_by("unit__level", "name")


def procedure_search(*, q: str = "", field: str = "", agency_id: int | None = None, online_level: str = ""):
    """Published procedures matching every word of ``q`` in their code or name, diacritics and case ignored;
    filtered by field code, by a receiving agency (procedures of its level) and by online level ("online" means
    full or partial)."""
    found = ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED).select_related("procedure", "field")
    for word in search_words(q or ""):
        found = found.filter(search_text__contains=word)
    if field:
        found = found.filter(field__code=field)
    if agency_id:
        agency = receiving_agencies().filter(pk=agency_id).first()
        found = found.filter(level=agency.unit.level) if agency else found.none()
    if online_level == "online":
        found = found.filter(online_level__in=ONLINE)
    elif online_level:
        found = found.filter(online_level=online_level if online_level in OnlineLevel.values else "-")
    return found.order_by("procedure__national_code")


def procedure_public(national_code: str) -> ProcedureVersion:
    version = (
        ProcedureVersion.objects.filter(procedure__national_code=national_code, status=VersionStatus.PUBLISHED)
        .select_related("procedure", "field")
        .prefetch_related("fees", "components", "steps")
        .first()
    )
    if version is None:
        raise NotFound(_("No published procedure has the code %(code)s.") % {"code": national_code})
    return version


def receiving_agency(version: ProcedureVersion, agency_id) -> Agency:
    try:
        agency = receiving_agencies(version.level).filter(pk=int(agency_id)).first()
    except (TypeError, ValueError):
        agency = None
    if agency is None:
        raise ValidationFailed(fields={"agency": [_("Choose the agency that receives your dossier.")]})
    return agency


def citizen_dossiers(user) -> QuerySet[Dossier]:
    return Dossier.objects.filter(citizen_id=user.pk).order_by("-submitted_at", "-id")


def citizen_dossier_get(user, code: str) -> Dossier:
    dossier = (
        Dossier.objects.select_related("agency", "agency__unit", "procedure_version")
        .filter(code=code, citizen_id=user.pk)
        .first()
    )
    if dossier is None:
        raise NotFound(_("No dossier has the code %(code)s.") % {"code": code})
    return dossier


def citizen_drafts(user) -> QuerySet[DossierDraft]:
    return DossierDraft.objects.filter(citizen_id=user.pk).select_related(
        "procedure_version", "procedure_version__procedure", "agency"
    )


def citizen_draft_get(user, draft_id: int) -> DossierDraft:
    draft = citizen_drafts(user).filter(pk=draft_id).first()
    if draft is None:
        raise NotFound(_("This draft does not exist or is not yours."))
    return draft


def reusable_results(user) -> QuerySet[DossierFile]:
    """Result files of the citizen's finished dossiers: documents they may attach again instead of uploading."""
    return (
        DossierFile.objects.filter(
            dossier__citizen_id=user.pk, kind=DossierFile.Kind.RESULT, dossier__state__in=FINISHED
        )
        .select_related("dossier")
        .defer("content")
        .order_by("-uploaded_at")
    )


def citizen_file_get(user, code: str, file_id: int) -> DossierFile:
    """A file of the citizen's dossier: what they uploaded at any time, the result once the dossier is resolved."""
    dossier = citizen_dossier_get(user, code)
    found = DossierFile.objects.filter(pk=file_id, dossier=dossier).first()
    if found is None or (found.kind == DossierFile.Kind.RESULT and dossier.state not in FINISHED):
        raise NotFound(_("No such file."))
    return found
