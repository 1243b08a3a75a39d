"""Vietnamese text folded for search: lower case, no diacritics, đ → d, single spaces.

The same function fills the ``search_text`` columns and folds the query, so PostgreSQL (trigram index) and
SQLite (plain LIKE) compare like with like. It agrees with PostgreSQL's ``lower(unaccent(x))`` on Vietnamese.
"""

from __future__ import annotations

import unicodedata

_D = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", (text or "").translate(_D))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.lower().split())


def search_text_of(document) -> str:
    """The folded searchable fields of an outgoing or incoming document."""
    parts = [
        document.number_notation,
        document.type_name,
        document.subject,
        document.organ_name,
        document.signer_full_name,
        document.signer_position,
        document.description,
        getattr(document, "to_places", ""),
    ]
    return fold(" ".join(p for p in parts if p))
