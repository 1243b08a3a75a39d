"""App. VI (Decree 30/2020, Part II) metadata limits and their checks, with messages a clerk can act on."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

# String lengths of App. VI Part II; ``drafting_unit`` is the last group of a notation.
COMMON_TEXT = {
    "type_name": 100,
    "number": 11,
    "notation": 30,
    "organ_id": 13,
    "organ_name": 200,
    "subject": 500,
    "language": 30,
    "description": 500,
    "signer_position": 100,
    "signer_full_name": 50,
}
OUTGOING_TEXT = {**COMMON_TEXT, "drafting_unit": 20}
INCOMING_TEXT = {**COMMON_TEXT, "to_places": 1000}
RECIPIENT_TEXT = {"organ_id": 13, "organ_name": 200}
WORK_FILE_TEXT = {
    "code": 20,
    "title": 500,
    "maintenance": 30,
    "rights": 30,
    "creator": 30,
    "language": 50,
    "description": 500,
}
# Number fields: App. VI gives digits; the largest value is 10^digits - 1.
COMMON_NUMBERS = {"page_amount": 3}
OUTGOING_NUMBERS = {**COMMON_NUMBERS, "issued_amount": 3}
INCOMING_NUMBERS = {**COMMON_NUMBERS, "arrival_number": 10}


class Problems:
    """Collects field errors; ``fields`` is the ``{field: [messages]}`` of the error shape."""

    def __init__(self) -> None:
        self.fields: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.fields.setdefault(field, []).append(message)

    def __bool__(self) -> bool:
        return bool(self.fields)


def check_text(data: dict, limits: dict[str, int], problems: Problems, *, prefix: str = "") -> None:
    for name, limit in limits.items():
        value = data.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            problems.add(prefix + name, _("Enter text."))
            continue
        if len(value) > limit:
            problems.add(
                prefix + name,
                _("At most %(limit)d characters (App. VI of Decree 30/2020); this has %(length)d.")
                % {"limit": limit, "length": len(value)},
            )


def check_numbers(data: dict, digits: dict[str, int], problems: Problems) -> None:
    for name, width in digits.items():
        value = data.get(name)
        if value is None or value == "":
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            problems.add(name, _("Enter a whole number of zero or more."))
        elif value >= 10**width:
            problems.add(
                name,
                _("At most %(digits)d digits (App. VI of Decree 30/2020).") % {"digits": width},
            )


def check_required(data: dict, names: dict[str, str], problems: Problems) -> None:
    for name, message in names.items():
        value = data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            problems.add(name, message)


def check_dates(data: dict, names: tuple[str, ...], problems: Problems) -> None:
    for name in names:
        value = data.get(name)
        if value is not None and not isinstance(value, date):
            problems.add(name, _("Enter a date (dd/mm/yyyy)."))
