"""Search text without diacritics, so "dang ky khai sinh" finds "Đăng ký khai sinh"."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower case, no combining marks, đ as d, single spaces."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def search_words(query: str) -> list[str]:
    return fold(query).split()
