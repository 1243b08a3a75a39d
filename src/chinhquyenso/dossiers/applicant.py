"""The applicant's details as typed at the counter or on the portal, checked with one message per field."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from chinhquyenso.core.errors import ValidationFailed
from chinhquyenso.dossiers.states import OwnerKind

# 12-digit citizen ID (CCCD), 9-digit old ID (CMND) or a passport number.
ID_NUMBER_RE = re.compile(r"^(\d{12}|\d{9}|[A-Z]\d{7,8})$")
PHONE_RE = re.compile(r"^(\+84|0)\d{9,10}$")


@dataclass(frozen=True)
class Applicant:
    submitter_name: str = ""
    submitter_id_number: str = ""
    submitter_phone: str = ""
    submitter_email: str = ""
    submitter_address: str = ""
    owner_name: str = ""  # empty: the submitter is the owner
    owner_id_number: str = ""
    owner_address: str = ""
    owner_kind: str = OwnerKind.CITIZEN

    def cleaned(self) -> Applicant:
        """Trimmed values, the owner defaulting to the submitter; raises ``ValidationFailed`` listing every field."""
        values = {f.name: " ".join(str(getattr(self, f.name) or "").split()) for f in fields(self)}
        values["submitter_phone"] = values["submitter_phone"].replace(" ", "").replace(".", "")
        values["submitter_id_number"] = values["submitter_id_number"].upper()
        values["owner_id_number"] = values["owner_id_number"].upper()
        if not values["owner_name"]:
            values["owner_name"] = values["submitter_name"]
            values["owner_id_number"] = values["owner_id_number"] or values["submitter_id_number"]
            values["owner_address"] = values["owner_address"] or values["submitter_address"]
        errors: dict[str, list[str]] = {}
        for name in ("submitter_name", "owner_name"):
            if not values[name]:
                errors[name] = [_("Enter the full name.")]
            elif len(values[name]) > 200:
                errors[name] = [_("At most 200 characters.")]
        for name in ("submitter_id_number", "owner_id_number"):
            if values[name] and not ID_NUMBER_RE.match(values[name]):
                errors[name] = [
                    _("A citizen ID has 12 digits, an old ID card 9 digits, a passport a letter and 7–8 digits.")
                ]
        if values["submitter_phone"] and not PHONE_RE.match(values["submitter_phone"]):
            errors["submitter_phone"] = [_("A phone number starts with 0 or +84 and has 10 or 11 digits.")]
        if values["submitter_email"]:
            try:
                validate_email(values["submitter_email"])
            except DjangoValidationError:
                errors["submitter_email"] = [_("Enter a valid e-mail address.")]
        for name in ("submitter_address", "owner_address"):
            if len(values[name]) > 300:
                errors[name] = [_("At most 300 characters.")]
        if values["owner_kind"] not in OwnerKind.values:
            errors["owner_kind"] = [_("Choose who the owner is.")]
        if errors:
            raise ValidationFailed(fields=errors)
        return Applicant(**values)
