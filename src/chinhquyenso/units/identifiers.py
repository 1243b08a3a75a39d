"""Agency electronic identifiers under Decision 20/2020/QĐ-TTg (domain.md §1.6).

A state agency's identifier is dot-separated groups read right to left: the level-1 code ``MX1X2`` (M a letter
A–Y, then two digits) comes last, lower levels before it, unused levels zero-filled (``000.00.00.H56``).
Organisations outside the state tree use a scheme code ``Z01``…``Z99`` followed directly by up to 32 characters.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from chinhquyenso.core.errors import ValidationFailed

MAX_LENGTH = 35
_ALPHABET = re.compile(r"^[0-9A-Z.]+$")
_LEVEL1 = re.compile(r"^[A-Y][0-9]{2}$")
_LOWER_LEVEL = re.compile(r"^[0-9]{2,3}$")
_OTHER_ORG = re.compile(r"^Z[0-9]{2}[0-9A-Z.]{1,32}$")


def identifier_errors(value: str) -> list[str]:
    """Every reason the value is not a valid identifier; empty when it is valid."""
    if not value:
        return [_("The electronic identifier is required.")]
    errors: list[str] = []
    if len(value) > MAX_LENGTH:
        errors.append(_("An electronic identifier has at most 35 characters."))
    if not _ALPHABET.match(value):
        errors.append(_("Only digits 0–9, capital letters A–Z and the dot are allowed."))
        return errors
    if value.startswith("Z"):
        if value[1:3] == "00" or not _OTHER_ORG.match(value):
            errors.append(_("An organisation code starts with Z01–Z99 followed by at most 32 characters."))
        return errors
    groups = value.split(".")
    if any(group == "" for group in groups):
        errors.append(_("Groups are separated by single dots, with no empty group."))
        return errors
    if not _LEVEL1.match(groups[-1]):
        errors.append(_("The last group must be a level-1 code: a letter A–Y followed by two digits (e.g. H56)."))
    if any(not _LOWER_LEVEL.match(group) for group in groups[:-1]):
        errors.append(_("Groups before the level-1 code are 2 or 3 digits each (e.g. 000.00.00.H56)."))
    return errors


def validate_identifier(value: str) -> None:
    errors = identifier_errors(value)
    if errors:
        raise ValidationFailed(fields={"identifier": errors})
