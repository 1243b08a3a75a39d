"""Reads of documents, each fetched and authorised in one step (outside the user's agencies: 404)."""

from __future__ import annotations

from django.db.models import Q

from chinhquyenso.core.errors import NotFound
from chinhquyenso.documents.access import agency_ids_for, roles_over
from chinhquyenso.documents.folding import fold
from chinhquyenso.documents.models import (
    ApprovalChannel,
    DocumentNotice,
    IncomingDocument,
    Medium,
    OutgoingDocument,
    WorkFile,
    WorkFileStatus,
)
from chinhquyenso.documents.workflow import INCOMING, OUTGOING

LIST_FIELDS = (
    "id",
    "agency_id",
    "number",
    "notation",
    "issued_date",
    "type_name",
    "organ_name",
    "subject",
    "status",
    "urgency",
    "secrecy",
    "medium",
    "year",
    "due_date",
    "signer_full_name",
)


def _scoped(queryset, user):
    agencies = agency_ids_for(user)
    return queryset if agencies is None else queryset.filter(agency_id__in=agencies)


def text_filter(queryset, text: str):
    """Every word of the query, folded, must appear in the folded search column (trigram index on PostgreSQL)."""
    for word in fold(text).split()[:8]:
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def _filtered(
    queryset,
    *,
    agency_id=None,
    year=None,
    status=None,
    text=None,
    type_code=None,
    date_from=None,
    date_to=None,
    date_field="issued_date",
    organ=None,
    notation=None,
):
    if agency_id:
        queryset = queryset.filter(agency_id=agency_id)
    if year:
        queryset = queryset.filter(year=year)
    if status:
        queryset = queryset.filter(status=status)
    if type_code:
        queryset = queryset.filter(document_type__code=type_code)
    if date_from:
        queryset = queryset.filter(**{f"{date_field}__gte": date_from})
    if date_to:
        queryset = queryset.filter(**{f"{date_field}__lte": date_to})
    if organ:
        queryset = text_filter(queryset, organ).filter(
            Q(organ_name__icontains=organ.strip()) | Q(search_text__contains=fold(organ))
        )
    if notation:
        queryset = queryset.filter(Q(notation__icontains=notation.strip()) | Q(number=notation.strip()))
    if text:
        queryset = text_filter(queryset, text)
    return queryset


def outgoing_list_for(*, user, **filters):
    """The outgoing register: numbered documents by number, then drafts by last change."""
    queryset = _scoped(OutgoingDocument.objects.all(), user)
    return _filtered(queryset, **filters).order_by("-year", "-sequence", "-updated_at", "-id")


def incoming_list_for(*, user, **filters):
    queryset = _scoped(IncomingDocument.objects.all(), user)
    filters.setdefault("date_field", "arrival_date")
    return _filtered(queryset, **filters).order_by("-year", "-arrival_number", "-id")


def outgoing_get_for(*, user, document_id: int) -> OutgoingDocument:
    found = (
        _scoped(OutgoingDocument.objects.select_related("agency", "document_type", "series"), user)
        .filter(pk=document_id)
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def incoming_get_for(*, user, document_id: int) -> IncomingDocument:
    found = (
        _scoped(IncomingDocument.objects.select_related("agency", "document_type", "source_recipient"), user)
        .filter(pk=document_id)
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def allowed_actions(*, user, document) -> list[tuple[str, str]]:
    """(action, label) the user may take now on this document: the buttons of the document page."""
    table = OUTGOING if isinstance(document, OutgoingDocument) else INCOMING
    held = roles_over(user, document.agency_id)
    hidden = set()
    if isinstance(document, OutgoingDocument):
        # A document the leader signed digitally is sealed before it is dispatched; others have no seal step.
        waiting_for_seal = document.seal_required and document.sealed_at is None
        hidden = {"dispatch"} if waiting_for_seal else {"seal"}
    return [
        (name, str(t.label))
        for name, t in table.items()
        if document.status in t.sources and t.roles & held and name not in hidden
    ]


def notices_for(*, user, unread_only: bool = True):
    agencies = agency_ids_for(user)
    queryset = (
        DocumentNotice.objects.all() if agencies is None else DocumentNotice.objects.filter(agency_id__in=agencies)
    )
    return queryset.filter(read_at__isnull=True) if unread_only else queryset


def work_file_is_processed_online(documents) -> bool:
    """Every document received or issued electronically, and every approval in it given in the system."""
    if not documents:
        return False
    for document in documents:
        if document.medium != Medium.ELECTRONIC:
            return False
        if isinstance(document, OutgoingDocument) and document.approval_channel != ApprovalChannel.SYSTEM:
            return False
    return True


def work_files_processed_online_share(agency, period) -> tuple[int, int, float]:
    """For the scorecard: (processed online, total, share) over the agency's work files closed in ``period``
    (a ``(first_day, last_day)`` pair). A file counts once closed; an empty file is not processed online."""
    first_day, last_day = period
    files = (
        WorkFile.objects.filter(
            catalogue__agency=agency,
            status=WorkFileStatus.CLOSED,
            end_date__gte=first_day,
            end_date__lte=last_day,
        )
        .prefetch_related("entries__outgoing", "entries__incoming")
        .order_by("id")
    )
    total = online = 0
    for work_file in files:
        total += 1
        documents = [entry.outgoing or entry.incoming for entry in work_file.entries.all()]
        online += work_file_is_processed_online(documents)
    return online, total, (online / total if total else 0.0)


def work_files_for(*, user, year=None, agency_id=None):
    agencies = agency_ids_for(user)
    queryset = WorkFile.objects.select_related("catalogue", "catalogue__agency")
    if agencies is not None:
        queryset = queryset.filter(catalogue__agency_id__in=agencies)
    if agency_id:
        queryset = queryset.filter(catalogue__agency_id=agency_id)
    if year:
        queryset = queryset.filter(catalogue__year=year)
    return queryset.order_by("-catalogue__year", "code")


def work_file_get_for(*, user, work_file_id: int) -> WorkFile:
    found = work_files_for(user=user).filter(pk=work_file_id).first()
    if found is None:
        raise NotFound()
    return found


def document_search(*, user, text: str = "", direction: str = "", limit: int = 100, **filters) -> list:
    """Full-text and field search over both registers, ignoring diacritics and case; newest first."""
    found: list = []
    if direction in ("", "incoming"):
        found += list(incoming_list_for(user=user, text=text, **filters).select_related("agency")[:limit])
    if direction in ("", "outgoing"):
        found += list(outgoing_list_for(user=user, text=text, **filters).select_related("agency")[:limit])
    found.sort(key=lambda d: (d.updated_at, d.pk), reverse=True)
    return found[:limit]
