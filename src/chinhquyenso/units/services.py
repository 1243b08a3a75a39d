"""Writes of agencies: validated, one transaction, audited."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from chinhquyenso.core.errors import PermissionDenied, ValidationFailed
from chinhquyenso.core.models import Role
from chinhquyenso.core.permissions import has_role
from chinhquyenso.core.services.audit import audit_record
from chinhquyenso.units.identifiers import identifier_errors
from chinhquyenso.units.models import AdministrativeUnit, Agency, AgencyKind


def agency_create(
    *,
    actor,
    name: str,
    identifier: str,
    unit: AdministrativeUnit,
    kind: str = AgencyKind.OTHER,
    short_name: str = "",
    parent: Agency | None = None,
    address: str = "",
) -> Agency:
    if actor is not None and not has_role(actor, Role.SYSTEM_ADMIN):
        raise PermissionDenied()
    identifier = (identifier or "").strip().upper()
    fields: dict[str, list[str]] = {}
    if not (name or "").strip():
        fields["name"] = [_("The agency name is required.")]
    if errors := identifier_errors(identifier):
        fields["identifier"] = errors
    elif Agency.objects.filter(identifier=identifier).exists():
        fields["identifier"] = [_("Another agency already has this electronic identifier.")]
    if kind not in AgencyKind.values:
        fields["kind"] = [_("Unknown agency kind.")]
    if fields:
        raise ValidationFailed(fields=fields)
    with transaction.atomic():
        agency = Agency.objects.create(
            name=name.strip(),
            identifier=identifier,
            unit=unit,
            kind=kind,
            short_name=short_name,
            parent=parent,
            address=address,
        )
        audit_record(
            actor=actor,
            action="agency.create",
            obj=agency,
            summary={"name": agency.name, "identifier": identifier, "unit": unit.path},
        )
    return agency
