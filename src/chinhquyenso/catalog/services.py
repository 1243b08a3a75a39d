"""Writes to the catalogue: import (all or nothing), drafts and publication. Published versions are frozen."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from chinhquyenso.catalog.exchange import Problems, clean_document, clean_procedure
from chinhquyenso.catalog.models import (
    Fee,
    Field,
    Procedure,
    ProcedureStep,
    ProcedureVersion,
    RequiredComponent,
    VersionStatus,
)
from chinhquyenso.catalog.permissions import can_manage_catalog
from chinhquyenso.catalog.serialize import exchange_number, exchange_time_limit, version_to_spec
from chinhquyenso.catalog.spreadsheet import workbook_document
from chinhquyenso.core.errors import Conflict, PermissionDenied, ValidationFailed
from chinhquyenso.core.services.audit import audit_record


@dataclass(frozen=True)
class ImportResult:
    published: list[str]
    unchanged: list[str]


def _require_catalog_admin(actor) -> None:
    if actor is not None and not can_manage_catalog(actor):
        raise PermissionDenied()


def _comparable(spec: dict) -> dict:
    """The exchange form of a cleaned spec, so it compares equal to an exported version."""
    out = {k: v for k, v in spec.items() if k not in {"time_limit", "time_limit_unit", "same_day_cutoff"}}
    out["time_limit"] = exchange_time_limit(spec["time_limit"], spec["time_limit_unit"], spec["same_day_cutoff"])
    out["steps"] = [{**s, "budget": exchange_number(s["budget"])} for s in spec["steps"]]
    return out


def _create_version(
    procedure: Procedure, spec: dict, fields: dict[str, Field], status: str, number: int | None = None
) -> ProcedureVersion:
    if number is None:
        number = (procedure.versions.aggregate(latest=Max("number"))["latest"] or 0) + 1
    version = ProcedureVersion.objects.create(
        procedure=procedure,
        number=number,
        status=status,
        published_at=timezone.now() if status == VersionStatus.PUBLISHED else None,
        name=spec["name"],
        field=fields[spec["field_code"]],
        level=spec["level"],
        competent_agency=spec["competent_agency"],
        online_level=spec["online_level"],
        time_limit=spec["time_limit"],
        time_limit_unit=spec["time_limit_unit"],
        same_day_cutoff=spec["same_day_cutoff"],
        supplement_rule=spec["supplement_rule"],
        result=spec["result"],
        legal_basis=spec["legal_basis"],
        eform=spec["eform"],
        source=spec["source"],
        verified=spec["verified"],
        notes=spec["notes"],
    )
    Fee.objects.bulk_create([Fee(version=version, position=i, **fee) for i, fee in enumerate(spec["fees"])])
    RequiredComponent.objects.bulk_create(
        [RequiredComponent(version=version, position=i, **c) for i, c in enumerate(spec["components"])]
    )
    ProcedureStep.objects.bulk_create(
        [ProcedureStep(version=version, position=i, **s) for i, s in enumerate(spec["steps"])]
    )
    return version


def _retire_published(procedure: Procedure) -> None:
    procedure.versions.filter(status=VersionStatus.PUBLISHED).update(
        status=VersionStatus.RETIRED, retired_at=timezone.now()
    )


def catalog_import(*, actor, document) -> ImportResult:
    """Imports a whole exchange document: every procedure that differs gets a new published version."""
    _require_catalog_admin(actor)
    field_rows, specs, problems = clean_document(document)
    if problems:
        raise ValidationFailed(_("The catalogue was not imported; nothing was changed."), fields=problems.fields)
    published, unchanged = [], []
    with transaction.atomic():
        fields = {}
        for row in field_rows:
            fields[row["code"]], _created = Field.objects.update_or_create(
                code=row["code"], defaults={"name": row["name"]}
            )
        for spec in specs:
            procedure, _created = Procedure.objects.select_for_update().get_or_create(
                national_code=spec["national_code"]
            )
            current = procedure.versions.filter(status=VersionStatus.PUBLISHED).first()
            if current is not None and version_to_spec(current) == _comparable(spec):
                unchanged.append(spec["national_code"])
                continue
            _retire_published(procedure)
            _create_version(procedure, spec, fields, VersionStatus.PUBLISHED)
            published.append(spec["national_code"])
        audit_record(
            actor=actor,
            action="catalog.import",
            object_type="catalog.procedure",
            summary={"published": published, "unchanged": len(unchanged)},
        )
    return ImportResult(published=published, unchanged=unchanged)


def catalog_import_workbook(*, actor, data: bytes) -> ImportResult:
    """Imports an .xlsx workbook (``spreadsheet.py``) under the same rules and transaction as a JSON document.

    A bad workbook raises ``spreadsheet.WorkbookInvalid``, whose problems name sheet, row and column.
    """
    _require_catalog_admin(actor)
    return catalog_import(actor=actor, document=workbook_document(data))


def procedure_draft_create(*, actor, procedure: Procedure) -> ProcedureVersion:
    """A new draft copied from the published version, to be edited and published."""
    _require_catalog_admin(actor)
    with transaction.atomic():
        Procedure.objects.select_for_update().get(pk=procedure.pk)
        if procedure.versions.filter(status=VersionStatus.DRAFT).exists():
            raise Conflict(_("This procedure already has a draft."))
        source = procedure.versions.filter(status=VersionStatus.PUBLISHED).first()
        if source is None:
            raise Conflict(_("This procedure has no published version to start from."))
        spec = version_to_spec(source)
        problems = Problems()
        cleaned = clean_procedure(problems, "draft", spec, {source.field.code})
        draft = _create_version(procedure, cleaned, {source.field.code: source.field}, VersionStatus.DRAFT)
        audit_record(actor=actor, action="catalog.draft_create", obj=draft, summary={"from": source.number})
    return draft


def procedure_draft_update(*, actor, version: ProcedureVersion, changes: dict) -> ProcedureVersion:
    """Changes a draft (fields of the exchange format). A published or retired version is frozen: 409."""
    _require_catalog_admin(actor)
    with transaction.atomic():
        locked = ProcedureVersion.objects.select_for_update().select_related("procedure", "field").get(pk=version.pk)
        if locked.status != VersionStatus.DRAFT:
            raise Conflict(_("A published version cannot be changed; create a draft instead."))
        spec = {**version_to_spec(locked), **changes, "national_code": locked.procedure.national_code}
        problems = Problems()
        known = set(Field.objects.values_list("code", flat=True))
        cleaned = clean_procedure(problems, "draft", spec, known)
        if problems:
            raise ValidationFailed(fields=problems.fields)
        number = locked.number
        locked.delete()  # a draft has no history of its own: rewrite it whole
        fields = {f.code: f for f in Field.objects.filter(code=cleaned["field_code"])}
        draft = _create_version(locked.procedure, cleaned, fields, VersionStatus.DRAFT, number=number)
        audit_record(actor=actor, action="catalog.draft_update", obj=draft, summary={"changed": sorted(changes)})
    return draft


def procedure_publish(*, actor, version: ProcedureVersion) -> ProcedureVersion:
    _require_catalog_admin(actor)
    with transaction.atomic():
        locked = ProcedureVersion.objects.select_for_update().get(pk=version.pk)
        if locked.status != VersionStatus.DRAFT:
            raise Conflict(_("Only a draft can be published."))
        _retire_published(locked.procedure)
        locked.status = VersionStatus.PUBLISHED
        locked.published_at = timezone.now()
        locked.save(update_fields=["status", "published_at"])
        audit_record(actor=actor, action="catalog.publish", obj=locked, summary={"number": locked.number})
    return locked
