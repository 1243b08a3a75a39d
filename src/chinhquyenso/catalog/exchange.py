"""The catalogue exchange format (``chinhquyenso.catalog/1``): validation with a message per bad value.

The same document shape is used for JSON import/export and, flattened, for Excel (``spreadsheet.py``).
Validation collects every problem with its path (``procedures[3].fees[0].amount_vnd``) before anything is
written, so an import is all or nothing.
"""

from __future__ import annotations

import re
from datetime import time
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from chinhquyenso.catalog.models import ComponentForm, FeeKind, OnlineLevel, ProcedureLevel, SupplementRule
from chinhquyenso.core.models import Role
from chinhquyenso.workcal.engine import LimitUnit

FORMAT = "chinhquyenso.catalog/1"
NATIONAL_CODE = re.compile(r"^\d\.\d{6}$")
EFORM_TYPES = {"text", "textarea", "integer", "date", "select", "email", "phone", "id_number"}
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
STEP_ROLES = {Role.ONE_STOP_OFFICER, Role.SPECIALIST, Role.UNIT_LEADER, Role.CLERK}


class Problems:
    def __init__(self):
        self.fields: dict[str, list[str]] = {}

    def add(self, path: str, message: str) -> None:
        self.fields.setdefault(path, []).append(str(message))

    def __bool__(self) -> bool:
        return bool(self.fields)


def _text(problems, path, value, *, required=True, max_length=None) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            problems.add(path, _("This value is required."))
        return ""
    if not isinstance(value, str):
        problems.add(path, _("Expected text."))
        return ""
    if max_length and len(value) > max_length:
        problems.add(path, _("At most %(n)d characters.") % {"n": max_length})
    return value.strip()


def _choice(problems, path, value, choices) -> str:
    if value not in choices:
        problems.add(path, _("Must be one of: %(choices)s.") % {"choices": ", ".join(sorted(map(str, choices)))})
    return value


def _number(problems, path, value) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        problems.add(path, _("Expected a number."))
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        problems.add(path, _("Expected a number."))
        return None
    if not number.is_finite() or number < 0:
        problems.add(path, _("Must be zero or more."))
        return None
    return number


def _boolean(problems, path, value) -> bool:
    if not isinstance(value, bool):
        problems.add(path, _("Expected true or false."))
        return False
    return value


def _list(problems, path, value) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        problems.add(path, _("Expected a list."))
        return []
    return value


def _time_limit(problems, path, raw) -> tuple[Decimal, str, time | None]:
    if not isinstance(raw, dict):
        problems.add(path, _("Expected an object with value and unit."))
        return Decimal(0), "", None
    unit = _choice(problems, f"{path}.unit", raw.get("unit"), {u.value for u in LimitUnit})
    value = _number(problems, f"{path}.value", raw.get("value"))
    if value is not None and unit == LimitUnit.WORKING_DAYS and (value * 2) % 1:
        problems.add(f"{path}.value", _("Working days come in multiples of 0.5."))
    if value is not None and unit == LimitUnit.CALENDAR_DAYS and value % 1:
        problems.add(f"{path}.value", _("Calendar days must be a whole number."))
    cutoff = None
    if raw.get("same_day_cutoff"):
        try:
            cutoff = time.fromisoformat(raw["same_day_cutoff"])
        except (TypeError, ValueError):
            problems.add(f"{path}.same_day_cutoff", _("Expected a time like 15:00."))
    return value or Decimal(0), unit, cutoff


def clean_procedure(problems: Problems, path: str, raw, field_codes: set[str]) -> dict:
    if not isinstance(raw, dict):
        problems.add(path, _("Expected an object."))
        return {}
    spec = {
        "national_code": _text(problems, f"{path}.national_code", raw.get("national_code"), max_length=20),
        "name": _text(problems, f"{path}.name", raw.get("name")),
        "field_code": _text(problems, f"{path}.field_code", raw.get("field_code"), max_length=20),
        "level": _choice(problems, f"{path}.level", raw.get("level"), set(ProcedureLevel.values)),
        "competent_agency": _text(problems, f"{path}.competent_agency", raw.get("competent_agency"), max_length=300),
        "online_level": _choice(problems, f"{path}.online_level", raw.get("online_level"), set(OnlineLevel.values)),
        "supplement_rule": _choice(
            problems, f"{path}.supplement_rule", raw.get("supplement_rule"), set(SupplementRule.values)
        ),
        "result": _text(problems, f"{path}.result", raw.get("result")),
        "source": _text(problems, f"{path}.source", raw.get("source"), required=False),
        "notes": _text(problems, f"{path}.notes", raw.get("notes"), required=False),
        "verified": bool(raw.get("verified", False)),
    }
    if spec["national_code"] and not NATIONAL_CODE.match(spec["national_code"]):
        problems.add(f"{path}.national_code", _("A national code looks like 1.001193."))
    if spec["field_code"] and spec["field_code"] not in field_codes:
        problems.add(f"{path}.field_code", _("Unknown field code %(code)s.") % {"code": spec["field_code"]})
    spec["time_limit"], spec["time_limit_unit"], spec["same_day_cutoff"] = _time_limit(
        problems, f"{path}.time_limit", raw.get("time_limit")
    )
    spec["legal_basis"] = [
        _text(problems, f"{path}.legal_basis[{i}]", item)
        for i, item in enumerate(_list(problems, f"{path}.legal_basis", raw.get("legal_basis")))
    ]
    spec["fees"] = [
        _fee(problems, f"{path}.fees[{i}]", item)
        for i, item in enumerate(_list(problems, f"{path}.fees", raw.get("fees")))
    ]
    spec["components"] = [
        _component(problems, f"{path}.components[{i}]", item)
        for i, item in enumerate(_list(problems, f"{path}.components", raw.get("components")))
    ]
    if not spec["components"]:
        problems.add(f"{path}.components", _("A procedure needs at least one required component."))
    spec["steps"] = [
        _step(problems, f"{path}.steps[{i}]", item)
        for i, item in enumerate(_list(problems, f"{path}.steps", raw.get("steps")))
    ]
    _check_budgets(problems, f"{path}.steps", spec)
    spec["eform"] = _eform(problems, f"{path}.eform", _list(problems, f"{path}.eform", raw.get("eform")))
    return spec


def _fee(problems, path, raw) -> dict:
    raw = raw if isinstance(raw, dict) else {}
    amount = raw.get("amount_vnd")
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        problems.add(f"{path}.amount_vnd", _("Amounts are whole VND, zero or more."))
        amount = 0
    return {
        "code": _text(problems, f"{path}.code", raw.get("code"), required=False, max_length=40),
        "name": _text(problems, f"{path}.name", raw.get("name"), max_length=300),
        "kind": _choice(problems, f"{path}.kind", raw.get("kind"), set(FeeKind.values)),
        "amount_vnd": amount,
        "unit_note": _text(problems, f"{path}.unit_note", raw.get("unit_note"), required=False),
        "collector": _text(problems, f"{path}.collector", raw.get("collector"), required=False, max_length=300),
    }


def _component(problems, path, raw) -> dict:
    raw = raw if isinstance(raw, dict) else {}
    quantity = raw.get("quantity", 1)
    if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= 100:
        problems.add(f"{path}.quantity", _("The quantity is a whole number from 1 to 100."))
        quantity = 1
    return {
        "name": _text(problems, f"{path}.name", raw.get("name")),
        "form": _choice(problems, f"{path}.form", raw.get("form"), set(ComponentForm.values)),
        "quantity": quantity,
        "required": _boolean(problems, f"{path}.required", raw.get("required", True)),
        "reusable": _boolean(problems, f"{path}.reusable", raw.get("reusable", False)),
    }


def _step(problems, path, raw) -> dict:
    raw = raw if isinstance(raw, dict) else {}
    return {
        "name": _text(problems, f"{path}.name", raw.get("name"), max_length=300),
        "role": _choice(problems, f"{path}.role", raw.get("role"), {str(r) for r in STEP_ROLES}),
        "budget": _number(problems, f"{path}.budget", raw.get("budget")) or Decimal(0),
    }


def _check_budgets(problems, path, spec) -> None:
    if not spec["steps"]:
        problems.add(path, _("A procedure needs its internal steps."))
        return
    total = sum((s["budget"] for s in spec["steps"]), Decimal(0))
    if spec["time_limit_unit"] == LimitUnit.SAME_DAY:
        if total > 1:
            problems.add(path, _("Step budgets of a same-day procedure add up to at most 1 day."))
    elif spec["time_limit_unit"] and total != spec["time_limit"]:
        problems.add(
            path,
            _("Step budgets add up to %(total)s but the time limit is %(limit)s.")
            % {"total": total.normalize(), "limit": spec["time_limit"].normalize()},
        )


def _eform(problems, path, items) -> list[dict]:
    cleaned, seen = [], set()
    for i, raw in enumerate(items):
        item_path = f"{path}[{i}]"
        if not isinstance(raw, dict):
            problems.add(item_path, _("Expected an object."))
            continue
        name = raw.get("name", "")
        if not isinstance(name, str) or not FIELD_NAME.match(name):
            problems.add(f"{item_path}.name", _("Field names are lower-case letters, digits and _."))
        elif name in seen:
            problems.add(f"{item_path}.name", _("Field name %(name)s is repeated.") % {"name": name})
        seen.add(name)
        _text(problems, f"{item_path}.label", raw.get("label"))
        _choice(problems, f"{item_path}.type", raw.get("type"), EFORM_TYPES)
        if raw.get("type") == "select" and not (isinstance(raw.get("choices"), list) and raw["choices"]):
            problems.add(f"{item_path}.choices", _("A select field needs its choices."))
        cleaned.append(raw)
    return cleaned


def clean_document(document, *, where=None) -> tuple[list[dict], list[dict], Problems]:
    """(fields, procedures, problems) from a parsed document.

    ``where(index)`` names procedure ``index`` in the duplicate-code message; the Excel reader passes its row.
    """
    where = where or (lambda index: f"procedures[{index}]")
    problems = Problems()
    if not isinstance(document, dict):
        problems.add("$", _("Expected a JSON object."))
        return [], [], problems
    if document.get("format") != FORMAT:
        problems.add("format", _("Expected format %(format)s.") % {"format": FORMAT})
    fields = []
    for i, raw in enumerate(_list(problems, "fields", document.get("fields"))):
        raw = raw if isinstance(raw, dict) else {}
        fields.append(
            {
                "code": _text(problems, f"fields[{i}].code", raw.get("code"), max_length=20),
                "name": _text(problems, f"fields[{i}].name", raw.get("name"), max_length=200),
            }
        )
    field_codes = {f["code"] for f in fields}
    procedures, seen = [], {}
    for i, raw in enumerate(_list(problems, "procedures", document.get("procedures"))):
        spec = clean_procedure(problems, f"procedures[{i}]", raw, field_codes)
        code = spec.get("national_code")
        if code and code in seen:
            problems.add(f"procedures[{i}].national_code", _("Also at %(where)s.") % {"where": where(seen[code])})
        seen.setdefault(code, i)
        procedures.append(spec)
    if not procedures and not problems:
        problems.add("procedures", _("The document has no procedure."))
    return fields, procedures, problems
