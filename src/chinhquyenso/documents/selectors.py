"""Reads of documents, each fetched and authorised in one step (outside the user's agencies: 404)."""

from __future__ import annotations

from django.db.models import Q

from chinhquyenso.core.errors import NotFound
from chinhquyenso.documents.access import agency_ids_for, roles_over
from chinhquyenso.documents.folding import fold
from chinhquyenso.documents.models import (
    DocumentNotice,
    IncomingDocument,
    OutgoingDocument,
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
    return [(name, str(t.label)) for name, t in table.items() if document.status in t.sources and t.roles & held]


def notices_for(*, user, unread_only: bool = True):
    agencies = agency_ids_for(user)
    queryset = (
        DocumentNotice.objects.all() if agencies is None else DocumentNotice.objects.filter(agency_id__in=agencies)
    )
    return queryset.filter(read_at__isnull=True) if unread_only else queryset
