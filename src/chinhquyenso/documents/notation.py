"""Document number and notation (số, ký hiệu), Decree 30/2020 App. I component 3. Pure functions.

``05/QĐ-UBND``: the number (below 10 with a leading 0), "/", then the notation: the type abbreviation and the
issuing body's abbreviation (and optionally the drafting unit), joined by "-" with no spaces. A công văn has no
type abbreviation: ``123/UBND-VP``. A legal normative document carries the year: ``12/2026/QĐ-UBND``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

_GROUP = re.compile(r"^[^\W_]+$")  # letters (Vietnamese included) and digits
_YEAR = re.compile(r"^(19|20)\d\d$")


def format_number(number: int) -> str:
    """The printed number: at least two digits (``05``, ``10``, ``123``)."""
    if number < 1:
        raise ValueError("document numbers start at 1")
    return f"{number:02d}"


def build_notation(*, type_abbreviation: str, organ: str, unit: str = "", year: int | None = None) -> str:
    groups = [g for g in (type_abbreviation, organ, unit) if g]
    notation = "-".join(groups)
    return f"{year}/{notation}" if year is not None else notation


@dataclass(frozen=True)
class ParsedNotation:
    year: int | None
    groups: tuple[str, ...]


def notation_problems(notation: str, *, type_abbreviation: str = "", legal_normative: bool = False) -> list[str]:
    """What is wrong with a notation (the part after the number), as messages; empty when it is valid."""
    problems: list[str] = []
    if not notation:
        return [_("Enter the notation, e.g. QĐ-UBND.")]
    if any(ch.isspace() for ch in notation):
        problems.append(_("The notation has no spaces: groups are joined by '-'."))
        return problems
    year_part, _slash, rest = notation.rpartition("/")
    if legal_normative:
        if not _YEAR.match(year_part):
            problems.append(_("A legal normative document's notation starts with its year, e.g. 2026/QĐ-UBND."))
    elif year_part:
        problems.append(_("The notation contains no '/': write the number separately."))
    groups = rest.split("-")
    if len(groups) < 2 or any(not g for g in groups):
        problems.append(_("The notation has at least two groups joined by '-', e.g. QĐ-UBND or UBND-VP."))
        return problems
    for group in groups:
        if not _GROUP.match(group):
            problems.append(_("Only letters and digits between the '-': %(group)s") % {"group": group})
        elif group != type_abbreviation and group != group.upper():
            problems.append(_("The notation is written in capitals: %(group)s") % {"group": group})
    if type_abbreviation and groups[0] != type_abbreviation:
        problems.append(
            _("The notation starts with the abbreviation of the document type: %(abbr)s") % {"abbr": type_abbreviation}
        )
    return problems


def split_number_notation(text: str) -> tuple[str, str] | None:
    """``"05/QĐ-UBND"`` → ``("05", "QĐ-UBND")``; None when there is no number before the first "/"."""
    number, slash, notation = (text or "").strip().partition("/")
    if not slash or not number.isdigit():
        return None
    return number, notation


def number_problems(number: str) -> list[str]:
    if not number.isdigit() or int(number) < 1:
        return [_("The number is made of digits and starts at 01.")]
    if len(number) > 11:  # App. VI CodeNumber String 11
        return [_("At most 11 digits.")]
    if number != format_number(int(number)):
        return [_("Write the number as 05, 12 or 123: a leading 0 only below 10.")]
    return []


def document_identifier(*, organ_id: str, issued_on, number: str, notation: str) -> str:
    """The edXML DocumentId: ``{OrganId},{YYYY/MM/DD},{number}/{notation}``."""
    return f"{organ_id},{issued_on:%Y/%m/%d},{number}/{notation}"
