"""The owner's name as the public lookup shows it: the family name whole, then initials (Nguyễn V** A**)."""

from __future__ import annotations


def mask_name(full_name: str) -> str:
    words = full_name.split()
    if not words:
        return ""
    return " ".join([words[0], *(w[0] + "**" for w in words[1:])])
