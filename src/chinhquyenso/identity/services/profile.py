"""The citizen edits the data e-forms are pre-filled from."""

from __future__ import annotations

import re
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chinhquyenso.core.errors import PermissionDenied, ValidationFailed
from chinhquyenso.core.models import AccountKind
from chinhquyenso.core.services.audit import audit_record
from chinhquyenso.identity.models import CitizenProfile

ID_NUMBER = re.compile(r"\d{12}")


def citizen_profile_update(
    *, actor, full_name: str, id_number: str, birth_date: date | None, address: str
) -> CitizenProfile:
    """Updates the citizen's own profile. An identity number verified by VNeID cannot be changed by hand."""
    if actor.kind != AccountKind.CITIZEN:
        raise PermissionDenied()
    errors: dict[str, list[str]] = {}
    full_name = " ".join((full_name or "").split())
    id_number = (id_number or "").strip()
    address = " ".join((address or "").split())
    if not full_name:
        errors["full_name"] = [_("Enter your full name.")]
    elif len(full_name) > 150:
        errors["full_name"] = [_("The name is too long (at most 150 characters).")]
    if id_number and not ID_NUMBER.fullmatch(id_number):
        errors["id_number"] = [_("The personal identity number has 12 digits.")]
    if birth_date is not None and (birth_date > timezone.localdate() or birth_date.year < 1900):
        errors["birth_date"] = [_("Enter a real date of birth.")]
    if len(address) > 300:
        errors["address"] = [_("The address is too long (at most 300 characters).")]
    with transaction.atomic():
        profile, _created = CitizenProfile.objects.select_for_update().get_or_create(user=actor)
        if profile.id_verified and id_number != profile.id_number:
            errors["id_number"] = [_("This number was verified through VNeID and cannot be changed here.")]
        if errors:
            raise ValidationFailed(fields=errors)
        changed = sorted(
            name
            for name, old, new in (
                ("full_name", actor.full_name, full_name),
                ("id_number", profile.id_number, id_number),
                ("birth_date", profile.birth_date, birth_date),
                ("address", profile.address, address),
            )
            if old != new
        )
        get_user_model().objects.filter(pk=actor.pk).update(full_name=full_name)
        actor.full_name = full_name
        profile.id_number, profile.birth_date, profile.address = id_number, birth_date, address
        profile.save(update_fields=["id_number", "birth_date", "address", "updated_at"])
        audit_record(actor=actor, action="identity.profile_update", obj=profile, summary={"changed": changed})
    return profile
