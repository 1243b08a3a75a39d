"""Submitting a draft: one transaction makes the back-office dossier (status 1), its files, the form and how the
citizen signed in, then the draft is gone."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chinhquyenso.catalog.models import VersionStatus
from chinhquyenso.core.errors import Conflict, ValidationFailed
from chinhquyenso.core.services.audit import audit_record
from chinhquyenso.dossiers.applicant import Applicant
from chinhquyenso.dossiers.models import Dossier, DossierFile, SubmitterAuth
from chinhquyenso.dossiers.services.intake import dossier_intake
from chinhquyenso.dossiers.states import Channel, Delivery
from chinhquyenso.portal.components import slots_of
from chinhquyenso.portal.eform import clean, fields_of, profile_values
from chinhquyenso.portal.selectors import offered_online
from chinhquyenso.portal.services.drafts import locked_draft


def _first(values: dict, *names: str) -> str:
    for name in names:
        if values.get(name):
            return str(values[name])
    return ""


def applicant_for(actor, values: dict) -> Applicant:
    """The submitter is the signed-in citizen; the form fills what the account does not know."""
    known = profile_values(actor)
    return Applicant(
        submitter_name=known.get("full_name") or _first(values, "ho_ten_nguoi_yeu_cau", "ho_ten_nguoi_dang_ky"),
        submitter_id_number=known.get("id_number")
        or _first(values, "so_dinh_danh_nguoi_yeu_cau", "so_dinh_danh_nguoi_dang_ky", "so_dinh_danh_nguoi_de_nghi"),
        submitter_phone=_first(values, "so_dien_thoai") or known.get("phone", ""),
        submitter_email=known.get("email") or _first(values, "email"),
        submitter_address=known.get("address", ""),
    )


def draft_submit(*, actor, draft_id, auth_method: str = "", delivery: str = Delivery.COUNTER) -> Dossier:
    """Checks the form and the required files, then submits. Raises ValidationFailed with the fields to fix
    (``<field name>`` for the form, ``file_<position>`` for documents, ``submitter_*`` for the account's data)."""
    with transaction.atomic():
        draft = locked_draft(actor, draft_id)
        version = draft.procedure_version
        if version.status != VersionStatus.PUBLISHED:
            raise Conflict(
                _("This procedure was updated after you started. Start again from the procedure page."),
                code="procedure_updated",
            )
        if not offered_online(version):
            raise ValidationFailed(_("This procedure is not offered online: submit it at the agency's counter."))
        values, errors = clean(fields_of(version.eform), draft.data)
        slots = slots_of(version)
        files = {f.component_position: f for f in draft.files.select_related("reused_from")}
        for slot in slots:
            if slot.needs_file and slot.position not in files:
                errors[f"file_{slot.position}"] = [_("Attach this document.")]
        if errors:
            raise ValidationFailed(_("Some information is missing or not valid."), fields=errors)
        provided = sorted(set(files) | {s.position for s in slots if s.by_eform})
        dossier = dossier_intake(
            actor=actor,
            agency_id=draft.agency_id,
            procedure_code=version.procedure.national_code,
            channel=Channel.ONLINE,
            outcome="submit",
            applicant=applicant_for(actor, values),
            provided=provided,
            delivery=delivery if delivery in Delivery.values else Delivery.COUNTER,
        )
        dossier.submitter_auth = auth_method if auth_method in SubmitterAuth.values else ""
        dossier.form_data = values
        Dossier.objects.filter(pk=dossier.pk).update(submitter_auth=dossier.submitter_auth, form_data=values)
        now = timezone.now()
        stored = DossierFile.objects.bulk_create(
            DossierFile(
                dossier=dossier,
                kind=DossierFile.Kind.UPLOAD,
                name=f.name,
                content_type=f.content_type,
                content=bytes(f.reused_from.content) if f.reused_from_id else bytes(f.content),
                sha256=f.sha256,
                size=f.size,
                uploaded_by=actor,
                uploaded_at=now,
                component_position=f.component_position,
                reused_from=f.reused_from,
            )
            for f in files.values()
        )
        audit_record(
            actor=actor,
            action="portal.submit",
            obj=dossier,
            summary={
                "code": dossier.code,
                "auth": dossier.submitter_auth,
                "files": {str(f.component_position): f.sha256 for f in stored},
            },
        )
        draft.delete()
    # The confirmation e-mail is the dossier's own "submitted" message (dossiers.notify), sent with the intake.
    return dossier
