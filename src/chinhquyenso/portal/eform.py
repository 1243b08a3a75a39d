"""A procedure version's electronic form (``ProcedureVersion.eform``): how each field renders, what the citizen's
profile pre-fills, and the server-side check with one Vietnamese message per field.

The form is data (the catalogue's ``chinhquyenso.catalog/1`` format): each field has ``name``, ``label``, ``type``
(text, textarea, integer, date, select, email, phone, id_number), ``required``, and optionally ``max_length``,
``min``/``max`` (numbers; ISO dates for dates), ``choices``, ``help`` (a sentence shown under the field) and
``prefill`` (a profile key: full_name, email, phone, id_number, birth_date, address).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from chinhquyenso.dossiers.applicant import ID_NUMBER_RE, PHONE_RE

TEXT_MAX = 255
TEXTAREA_MAX = 2000
DRAFT_VALUE_MAX = 5000  # drafts keep what was typed, unchecked, but not without bound

# The person filling the form is the one signed in: these fields are theirs unless the form says otherwise.
_SELF_NAMES = ("nguoi_yeu_cau", "nguoi_dang_ky", "nguoi_de_nghi", "nguoi_nop")
PROFILE_KEYS = ("full_name", "email", "phone", "id_number", "birth_date", "address")


@dataclass(frozen=True)
class EField:
    name: str
    label: str
    type: str
    required: bool
    help: str = ""
    max_length: int | None = None
    min: object = None
    max: object = None
    choices: tuple[str, ...] = ()
    prefill: str = ""

    @property
    def input_type(self) -> str:
        return {"date": "date", "email": "email", "phone": "tel", "integer": "number"}.get(self.type, "text")

    @property
    def inputmode(self) -> str:
        return {"integer": "numeric", "id_number": "numeric", "phone": "tel"}.get(self.type, "")

    @property
    def autocomplete(self) -> str:
        return {"full_name": "name", "email": "email", "phone": "tel", "address": "street-address"}.get(
            self.prefill, "off"
        )

    @property
    def limit(self) -> int:
        default = TEXTAREA_MAX if self.type == "textarea" else TEXT_MAX
        return int(self.max_length or default)


def _prefill_key(raw: Mapping) -> str:
    if raw.get("prefill") in PROFILE_KEYS:
        return raw["prefill"]
    kind, name = raw.get("type"), raw.get("name", "")
    if kind == "email":
        return "email"
    if kind == "phone":
        return "phone"
    if any(name.endswith(who) for who in _SELF_NAMES):
        if name.startswith("ho_ten"):
            return "full_name"
        if name.startswith("so_dinh_danh"):
            return "id_number"
        if name.startswith("ngay_sinh"):
            return "birth_date"
        if name.startswith("dia_chi"):
            return "address"
    return ""


def fields_of(eform: list) -> list[EField]:
    fields = []
    for raw in eform or []:
        if not isinstance(raw, Mapping) or not raw.get("name"):
            continue
        fields.append(
            EField(
                name=raw["name"],
                label=str(raw.get("label") or raw["name"]),
                type=str(raw.get("type") or "text"),
                required=bool(raw.get("required")),
                help=str(raw.get("help") or raw.get("help_text") or ""),
                max_length=raw.get("max_length"),
                min=raw.get("min"),
                max=raw.get("max"),
                choices=tuple(str(c) for c in raw.get("choices") or ()),
                prefill=_prefill_key(raw),
            )
        )
    return fields


def profile_values(user) -> dict[str, str]:
    """What the platform already knows about the citizen. The identity profile arrives with its own app, so it
    is read defensively."""
    values = {
        "full_name": getattr(user, "full_name", "") or "",
        "email": getattr(user, "email", "") or "",
        "phone": getattr(user, "phone", "") or "",
    }
    # A missing one-to-one row raises a subclass of AttributeError, so getattr's default covers it too.
    profile = getattr(user, "citizen_profile", None)
    if profile is not None:
        birth = getattr(profile, "birth_date", None)
        values["id_number"] = getattr(profile, "id_number", "") or ""
        values["birth_date"] = birth.isoformat() if isinstance(birth, date) else str(birth or "")
        values["address"] = getattr(profile, "address", "") or ""
    return {k: v for k, v in values.items() if v}


def prefilled(fields: list[EField], user, data: Mapping) -> dict[str, str]:
    """The values to show: what the draft holds, else what the profile knows."""
    known = profile_values(user)
    shown = {}
    for field in fields:
        if field.name in data and data[field.name] not in (None, ""):
            shown[field.name] = str(data[field.name])
        elif field.prefill and field.prefill in known:
            shown[field.name] = known[field.prefill]
        else:
            shown[field.name] = ""
    return shown


def draft_values(fields: list[EField], raw: Mapping) -> dict[str, str]:
    """The form as typed, for a draft: known fields only, trimmed and bounded, not checked."""
    return {f.name: str(raw.get(f.name) or "").strip()[:DRAFT_VALUE_MAX] for f in fields if f.name in raw}


def _number(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _check(field: EField, text: str):
    """The stored value of one field, or raises ValueError with the message to show next to it."""
    if field.type in ("text", "textarea"):
        text = text if field.type == "textarea" else " ".join(text.split())
        if len(text) > field.limit:
            raise ValueError(_("At most %(count)d characters.") % {"count": field.limit})
        return text
    if field.type == "integer":
        number = _number(text.replace(".", "").replace(" ", ""))
        if number is None:
            raise ValueError(_("Enter a whole number."))
        low, high = _number(field.min), _number(field.max)
        if low is not None and number < low:
            raise ValueError(_("At least %(min)d.") % {"min": low})
        if high is not None and number > high:
            raise ValueError(_("At most %(max)d.") % {"max": high})
        return number
    if field.type == "date":
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise ValueError(_("Enter a date (day/month/year).")) from None
        if field.min and day < date.fromisoformat(str(field.min)):
            raise ValueError(
                _("Not before %(day)s.") % {"day": date.fromisoformat(str(field.min)).strftime("%d/%m/%Y")}
            )
        if field.max and day > date.fromisoformat(str(field.max)):
            raise ValueError(_("Not after %(day)s.") % {"day": date.fromisoformat(str(field.max)).strftime("%d/%m/%Y")})
        return day.isoformat()
    if field.type == "select":
        if text not in field.choices:
            raise ValueError(_("Choose one of the listed options."))
        return text
    if field.type == "email":
        try:
            validate_email(text)
        except DjangoValidationError:
            raise ValueError(_("Enter a valid e-mail address.")) from None
        return text
    if field.type == "phone":
        phone = text.replace(" ", "").replace(".", "")
        if not PHONE_RE.match(phone):
            raise ValueError(_("A phone number starts with 0 or +84 and has 10 or 11 digits."))
        return phone
    if field.type == "id_number":
        number = text.replace(" ", "").upper()
        if not ID_NUMBER_RE.match(number):
            raise ValueError(
                _("A citizen ID has 12 digits, an old ID card 9 digits, a passport a letter and 7–8 digits.")
            )
        return number
    return text


def clean(fields: list[EField], raw: Mapping) -> tuple[dict, dict[str, list[str]]]:
    """(values, errors): every field checked, every problem reported under its field name."""
    values: dict = {}
    errors: dict[str, list[str]] = {}
    for field in fields:
        text = str(raw.get(field.name) or "").strip()
        if not text:
            if field.required:
                errors[field.name] = [_("This field is required.")]
            continue
        try:
            values[field.name] = _check(field, text)
        except ValueError as problem:
            errors[field.name] = [str(problem)]
    return values, errors
