"""Reads of dossiers: every staff read is scoped to the officer's units (404 outside), the public one is not."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from chinhquyenso.core.errors import NotFound
from chinhquyenso.core.permissions import scope_prefixes
from chinhquyenso.core.query_template import QueryTemplate
from chinhquyenso.dossiers.access import roles_over
from chinhquyenso.dossiers.codes import CODE_RE
from chinhquyenso.dossiers.masking import mask_name
from chinhquyenso.dossiers.models import Dossier, DossierFile
from chinhquyenso.dossiers.states import FINAL, FINISHED, NATIONAL_STATUS, DossierState
from chinhquyenso.dossiers.workflow import actions_for
from chinhquyenso.units.models.unit import path_prefix_q

OPEN_STATES = [s for s in DossierState.values if s not in FINAL and s not in FINISHED]


def dossiers_visible_to(user) -> QuerySet[Dossier]:
    prefixes = scope_prefixes(user)
    queryset = Dossier.objects.all()
    if prefixes is None:
        return queryset
    if not prefixes:
        return queryset.none()
    return queryset.filter(path_prefix_q("unit_path", prefixes))


@dataclass(frozen=True)
class InboxFilter:
    agency_id: int | None = None
    state: str | None = None
    flag: str | None = None  # "overdue" | "due_soon" | "supplement" (answered online, not yet taken)
    assigned_to_me: bool = False
    q: str = ""


def due_soon_delta() -> timedelta:
    # Inbox highlighting is an approximation in wall-clock hours; statistics use workcal.rules.classify.
    return timedelta(hours=settings.DUE_SOON_HOURS * 3)


INBOX_FLAGS = ("overdue", "due_soon", "supplement")


def dossier_inbox(*, user, filters: InboxFilter, offset: int = 0, limit: int = 20) -> tuple[list[Dossier], int]:
    """Open dossiers sorted by due time (soonest first; none last), with the total for paging."""
    queryset = dossiers_visible_to(user)
    if filters.agency_id:
        queryset = queryset.filter(agency_id=filters.agency_id)
    queryset = queryset.filter(state=filters.state) if filters.state else queryset.filter(state__in=OPEN_STATES)
    now = timezone.now()
    if filters.flag == "overdue":
        queryset = queryset.filter(due_at__lt=now)
    elif filters.flag == "due_soon":
        queryset = queryset.filter(due_at__gte=now, due_at__lt=now + due_soon_delta())
    elif filters.flag == "supplement":
        queryset = queryset.filter(supplement_arrived_at__isnull=False)
    if filters.assigned_to_me:
        queryset = queryset.filter(assignee=user)
    if filters.q:
        term = filters.q.strip()
        queryset = queryset.filter(Q(code__startswith=term) | Q(owner_name__icontains=term))
    total = queryset.count()
    rows = list(
        queryset.order_by("due_at", "id").only(
            "code",
            "procedure_code",
            "procedure_name",
            "owner_name",
            "state",
            "channel",
            "received_at",
            "submitted_at",
            "due_at",
            "assignee_id",
            "version",
            "calendar_version",
            "supplement_arrived_at",
        )[offset : offset + limit]
    )
    return rows, total


def dossier_state_counts(*, user, agency_id: int | None = None) -> dict[str, int]:
    queryset = dossiers_visible_to(user).filter(state__in=OPEN_STATES)
    if agency_id:
        queryset = queryset.filter(agency_id=agency_id)
    counts = dict(queryset.values_list("state").annotate(n=Count("id")).values_list("state", "n"))
    return {state: counts.get(state, 0) for state in OPEN_STATES}


def dossier_get_for(*, user, code: str) -> Dossier:
    dossier = (
        Dossier.objects.select_related("agency", "agency__unit", "assignee", "procedure_version")
        .filter(code=code)
        .first()
    )
    if dossier is None or not roles_over(user, dossier.unit_path):
        raise NotFound(_("No dossier has the code %(code)s.") % {"code": code})
    return dossier


def dossier_file_get(*, user, code: str, file_id: int) -> DossierFile:
    """A file of a dossier the officer may see: the citizen's uploads, supplements and results alike."""
    dossier = dossier_get_for(user=user, code=code)
    found = DossierFile.objects.filter(pk=file_id, dossier=dossier).first()
    if found is None:
        raise NotFound(_("No such file."))
    return found


def dossier_detail(*, user, code: str) -> dict:
    dossier = dossier_get_for(user=user, code=code)
    roles = roles_over(user, dossier.unit_path)
    return {
        "dossier": dossier,
        "components": list(dossier.components.all()),
        "events": list(dossier.events.select_related("agency").all()),
        "files": list(dossier.files.defer("content").all()),
        "actions": actions_for(dossier.state, roles),
        "national_status": NATIONAL_STATUS[dossier.state],
    }


def dossier_register(
    *, user, agency_id: int | None, start: datetime, end: datetime, procedure_code: str = "", state: str = ""
) -> QuerySet[Dossier]:
    """Form 06: every dossier received in [start, end), in code order."""
    queryset = dossiers_visible_to(user).filter(submitted_at__gte=start, submitted_at__lt=end)
    if agency_id:
        queryset = queryset.filter(agency_id=agency_id)
    if procedure_code:
        queryset = queryset.filter(procedure_code=procedure_code)
    if state:
        queryset = queryset.filter(state=state)
    return queryset.select_related("received_by").order_by("submitted_at", "code")


@dataclass(frozen=True)
class PublicStatus:
    code: str
    procedure_code: str
    procedure_name: str
    state: str
    state_label: str
    national_status: int
    received_at: datetime | None
    due_at: datetime | None
    current_step: str
    result_available: bool
    owner: str
    agency_name: str


# The public lookup is the platform's busiest read: compiled once (the code is unique, so no ordering is needed).
_PUBLIC_STATUS = QueryTemplate(
    lambda code: Dossier.objects.filter(code=code).values(
        "code",
        "procedure_code",
        "procedure_name",
        "state",
        "received_at",
        "due_at",
        "owner_name",
        "step_plan",
        "current_step",
        "agency__name",
    ),
    str,
)


def dossier_public_status(code: str) -> PublicStatus:
    """What anyone holding the code may see: no personal data beyond the masked owner name."""
    wanted = code.strip().upper()
    row = _PUBLIC_STATUS.first(wanted) if CODE_RE.fullmatch(wanted) else None  # junk never reaches the database
    if row is None:
        raise NotFound(_("No dossier has the code %(code)s. Check the code printed on your receipt.") % {"code": code})
    plan, step = row["step_plan"] or [], row["current_step"]
    state = row["state"]
    return PublicStatus(
        code=row["code"],
        procedure_code=row["procedure_code"],
        procedure_name=row["procedure_name"],
        state=state,
        state_label=str(DossierState(state).label),
        national_status=NATIONAL_STATUS[state],
        received_at=row["received_at"],
        due_at=row["due_at"],
        current_step=plan[step]["name"] if state not in FINAL and step < len(plan) else "",
        result_available=state == DossierState.RESOLVED,
        owner=mask_name(row["owner_name"]),
        agency_name=row["agency__name"],
    )
