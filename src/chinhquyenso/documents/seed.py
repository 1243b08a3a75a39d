"""The reference list of document types, loaded by migration and re-loadable (idempotent)."""

from __future__ import annotations

from chinhquyenso.documents.models.types import ARTICLE_7_TYPES, LEGAL_NORMATIVE_TYPES


def ensure_document_types(model=None) -> int:
    """Creates the missing types; returns how many were added. ``model`` is the historical model in a migration."""
    if model is None:
        from chinhquyenso.documents.models import DocumentType as model
    existing = set(model.objects.values_list("code", flat=True))
    rows = [(code, name, abbr, False) for code, name, abbr in ARTICLE_7_TYPES]
    rows += [(code, name, abbr, True) for code, name, abbr in LEGAL_NORMATIVE_TYPES]
    missing = [
        model(code=code, name=name, abbreviation=abbr, legal_normative=qppl, position=i)
        for i, (code, name, abbr, qppl) in enumerate(rows, start=1)
        if code not in existing
    ]
    model.objects.bulk_create(missing)
    return len(missing)
