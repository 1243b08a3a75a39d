"""Between stored versions and the exchange format: the document one version exports to."""

from __future__ import annotations

from chinhquyenso.catalog.exchange import FORMAT
from chinhquyenso.catalog.models import Field, ProcedureVersion, VersionStatus


def exchange_number(value):
    """A Decimal as the exchange format writes it: 3, not 3.00; 0.5 stays 0.5."""
    return int(value) if value == value.to_integral_value() else float(value)


def exchange_time_limit(value, unit: str, cutoff) -> dict:
    time_limit = {"value": exchange_number(value), "unit": unit}
    if cutoff:
        time_limit["same_day_cutoff"] = cutoff.strftime("%H:%M")
    return time_limit


def version_to_spec(version: ProcedureVersion) -> dict:
    time_limit = exchange_time_limit(version.time_limit, version.time_limit_unit, version.same_day_cutoff)
    return {
        "national_code": version.procedure.national_code,
        "name": version.name,
        "field_code": version.field.code,
        "level": version.level,
        "competent_agency": version.competent_agency,
        "online_level": version.online_level,
        "time_limit": time_limit,
        "supplement_rule": version.supplement_rule,
        "fees": [
            {
                "code": f.code,
                "name": f.name,
                "kind": f.kind,
                "amount_vnd": f.amount_vnd,
                "unit_note": f.unit_note,
                "collector": f.collector,
            }
            for f in version.fees.all()
        ],
        "components": [
            {"name": c.name, "form": c.form, "quantity": c.quantity, "required": c.required, "reusable": c.reusable}
            for c in version.components.all()
        ],
        "result": version.result,
        "legal_basis": list(version.legal_basis),
        "steps": [{"name": s.name, "role": s.role, "budget": exchange_number(s.budget)} for s in version.steps.all()],
        "eform": list(version.eform),
        "source": version.source,
        "verified": version.verified,
        "notes": version.notes,
    }


def published_versions():
    return (
        ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED)
        .select_related("procedure", "field")
        .prefetch_related("fees", "components", "steps")
        .order_by("procedure__national_code")
    )


def catalog_document(versions=None) -> dict:
    """The exchange document of the given versions (default: every published one), with their fields."""
    versions = list(published_versions() if versions is None else versions)
    used = {v.field_id for v in versions}
    return {
        "format": FORMAT,
        "fields": [{"code": f.code, "name": f.name} for f in Field.objects.filter(pk__in=used).order_by("code")],
        "procedures": [version_to_spec(v) for v in versions],
    }
