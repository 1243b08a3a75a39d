"""Drafts of online dossiers: start (or resume), save the e-form, attach files, discard."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chinhquyenso.core.errors import NotFound, PermissionDenied, ValidationFailed
from chinhquyenso.core.models import AccountKind
from chinhquyenso.core.services.audit import audit_record
from chinhquyenso.portal.components import slots_of
from chinhquyenso.portal.eform import draft_values, fields_of
from chinhquyenso.portal.models import DossierDraft, DraftFile
from chinhquyenso.portal.selectors import offered_online, procedure_public, receiving_agency, reusable_results
from chinhquyenso.portal.uploads import UploadRefused, check_total, read_upload


def require_citizen(actor) -> None:
    if not getattr(actor, "is_authenticated", False) or actor.kind != AccountKind.CITIZEN:
        raise PermissionDenied()


def locked_draft(actor, draft_id) -> DossierDraft:
    """The citizen's draft, row-locked for the rest of the transaction; 404 for anyone else's."""
    require_citizen(actor)
    try:
        draft_id = int(draft_id)
    except (TypeError, ValueError):
        draft_id = 0
    draft = (
        DossierDraft.objects.select_for_update(of=("self",))
        .select_related("procedure_version", "procedure_version__procedure", "agency")
        .filter(pk=draft_id, citizen_id=actor.pk)
        .first()
    )
    if draft is None:
        raise NotFound(_("This draft does not exist or is not yours."))
    return draft


@transaction.atomic
def draft_start(*, actor, procedure_code: str, agency_id) -> DossierDraft:
    """The citizen's draft for this procedure at this agency: the one they left, or a new one."""
    require_citizen(actor)
    version = procedure_public(procedure_code)
    if not offered_online(version):
        raise ValidationFailed(_("This procedure is not offered online: submit it at the agency's counter."))
    agency = receiving_agency(version, agency_id)
    existing = (
        DossierDraft.objects.filter(citizen_id=actor.pk, procedure_version=version, agency=agency)
        .order_by("-updated_at")
        .first()
    )
    if existing is not None:
        return existing
    now = timezone.now()
    draft = DossierDraft.objects.create(
        citizen=actor, procedure_version=version, agency=agency, data={}, created_at=now, updated_at=now
    )
    audit_record(actor=actor, action="portal.draft_start", obj=draft, summary={"procedure": procedure_code})
    return draft


@transaction.atomic
def draft_save(*, actor, draft_id, values: Mapping) -> DossierDraft:
    """Keeps the e-form as typed (checked only at submission)."""
    draft = locked_draft(actor, draft_id)
    fields = fields_of(draft.procedure_version.eform)
    draft.data = {**draft.data, **draft_values(fields, values)}
    draft.updated_at = timezone.now()
    draft.save(update_fields=["data", "updated_at"])
    audit_record(actor=actor, action="portal.draft_save", obj=draft, summary={"fields": len(draft.data)})
    return draft


@transaction.atomic
def draft_attach(*, actor, draft_id, uploads: Mapping[int, object], reuse: Mapping[int, object]) -> list[DraftFile]:
    """Attaches, per component position, an uploaded file or one of the citizen's earlier results. Every file is
    checked first; if any is refused nothing is stored and each problem is reported under ``file_<position>``."""
    draft = locked_draft(actor, draft_id)
    slots = {s.position: s for s in slots_of(draft.procedure_version)}
    errors: dict[str, list[str]] = {}
    checked = {}
    for position, upload in uploads.items():
        if position not in slots:
            errors[f"file_{position}"] = [_("Unknown document.")]
            continue
        try:
            checked[position] = read_upload(upload)
        except UploadRefused as refused:
            errors[f"file_{position}"] = [str(refused)]
    results = {f.pk: f for f in reusable_results(actor)}
    reused = {}
    for position, file_id in reuse.items():
        if position in checked or f"file_{position}" in errors:
            continue  # an upload for the same document wins
        slot = slots.get(position)
        try:
            earlier = results.get(int(file_id))
        except (TypeError, ValueError):
            earlier = None
        if slot is None or not slot.reusable or earlier is None:
            errors[f"file_{position}"] = [_("This earlier result cannot be used for this document.")]
            continue
        reused[position] = earlier
    if not errors and not checked and not reused:
        errors["files"] = [_("Choose a file to upload or an earlier result to reuse.")]
    kept = {f.component_position: f.size for f in draft.files.filter(reused_from__isnull=True).only("size")}
    replaced = set(checked) | set(reused)
    total = sum(size for position, size in kept.items() if position not in replaced)
    total += sum(f.size for f in checked.values())
    try:
        check_total(total)
    except UploadRefused as refused:
        errors.setdefault("files", []).append(str(refused))
    if errors:
        raise ValidationFailed(_("No file was saved: correct the problems shown and try again."), fields=errors)

    now = timezone.now()
    draft.files.filter(component_position__in=replaced).delete()
    stored = [
        DraftFile(
            draft=draft,
            component_position=position,
            name=f.name,
            content_type=f.content_type,
            content=f.content,
            sha256=f.sha256,
            size=f.size,
            uploaded_at=now,
        )
        for position, f in checked.items()
    ] + [
        DraftFile(
            draft=draft,
            component_position=position,
            name=earlier.name,
            content_type=earlier.content_type,
            content=b"",
            sha256=earlier.sha256,
            size=earlier.size,
            reused_from=earlier,
            uploaded_at=now,
        )
        for position, earlier in reused.items()
    ]
    DraftFile.objects.bulk_create(stored)
    draft.updated_at = now
    draft.save(update_fields=["updated_at"])
    audit_record(
        actor=actor,
        action="portal.draft_attach",
        obj=draft,
        summary={"files": {str(f.component_position): f.sha256 for f in stored}},
    )
    return stored


@transaction.atomic
def draft_detach(*, actor, draft_id, position: int) -> None:
    draft = locked_draft(actor, draft_id)
    removed, _count = draft.files.filter(component_position=position).delete()
    if removed:
        draft.updated_at = timezone.now()
        draft.save(update_fields=["updated_at"])
        audit_record(actor=actor, action="portal.draft_detach", obj=draft, summary={"position": position})


@transaction.atomic
def draft_discard(*, actor, draft_id) -> None:
    draft = locked_draft(actor, draft_id)
    audit_record(actor=actor, action="portal.draft_discard", obj=draft, summary={})
    draft.delete()
