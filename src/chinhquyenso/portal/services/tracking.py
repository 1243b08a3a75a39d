"""What the citizen does to a submitted dossier: send the supplement asked for, and rate the handling."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from chinhquyenso.core.errors import Conflict, NotFound, ValidationFailed
from chinhquyenso.core.services.audit import audit_record
from chinhquyenso.dossiers.errors import TransitionNotAllowed
from chinhquyenso.dossiers.models import Dossier, DossierEvent, DossierFile, DossierRating, Satisfaction
from chinhquyenso.dossiers.services.history import record_event
from chinhquyenso.dossiers.states import DossierState
from chinhquyenso.dossiers.workflow import applicant_actions_in
from chinhquyenso.portal.services.drafts import require_citizen
from chinhquyenso.portal.uploads import UploadRefused, check_total, read_upload

NOTE_MAX = 2000
SCALE_ASPECTS = (
    "time_to_result",
    "procedure_accuracy",
    "staff_attitude",
    "lawfulness",
    "feedback_answers",
    "online_service",
)
COUNT_ASPECTS = ("agencies_contacted", "contacts_needed")


def _locked_own(actor, code: str) -> Dossier:
    require_citizen(actor)
    dossier = (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("agency", "procedure_version")
        .filter(code=code, citizen_id=actor.pk)
        .first()
    )
    if dossier is None:
        raise NotFound(_("No dossier has the code %(code)s.") % {"code": code})
    return dossier


def open_supplement_request(dossier: Dossier) -> DossierEvent | None:
    """The officer's supplement request the dossier is waiting on, if it is waiting."""
    if dossier.state != DossierState.WAITING_SUPPLEMENT:
        return None
    return dossier.events.filter(action="request_supplement").order_by("-seq").first()


def supplement_submit(*, actor, code: str, uploads: Sequence[tuple[str, object]], note: str = "") -> DossierEvent:
    """Stores the files answering the open supplement request and records ``supplement_submitted`` in the
    history for the officer, who then takes it with ``receive_supplement``. The state does not change.
    ``uploads`` pairs each file with the requested item it answers. All files or none."""
    note = (note or "").strip()
    with transaction.atomic():
        dossier = _locked_own(actor, code)
        request = open_supplement_request(dossier)
        if request is None:
            raise TransitionNotAllowed(
                _("This dossier is not waiting for a supplement."),
                state=dossier.state,
                allowed=[t.action for t in applicant_actions_in(dossier.state)],
            )
        errors: dict[str, list[str]] = {}
        checked = []
        for index, (item, upload) in enumerate(uploads):
            try:
                checked.append((item, read_upload(upload)))
            except UploadRefused as refused:
                errors[f"file_{index}"] = [str(refused)]
        if len(note) > NOTE_MAX:
            errors["note"] = [_("At most %(count)d characters.") % {"count": NOTE_MAX}]
        if not checked and not errors:
            errors["files"] = [_("Attach at least one file answering the request.")]
        already = (
            DossierFile.objects.filter(dossier=dossier, kind=DossierFile.Kind.UPLOAD).aggregate(n=Sum("size"))["n"] or 0
        )
        try:
            check_total(already + sum(f.size for _item, f in checked))
        except UploadRefused as refused:
            errors.setdefault("files", []).append(str(refused))
        if errors:
            raise ValidationFailed(_("Nothing was sent: correct the problems shown and try again."), fields=errors)
        now = timezone.now()
        stored = [
            DossierFile.objects.create(
                dossier=dossier,
                kind=DossierFile.Kind.UPLOAD,
                name=f.name,
                content_type=f.content_type,
                content=f.content,
                sha256=f.sha256,
                size=f.size,
                uploaded_by=actor,
                uploaded_at=now,
            )
            for _item, f in checked
        ]
        dossier.supplement_arrived_at = now
        dossier.save(update_fields=["supplement_arrived_at", "updated_at"])
        event = record_event(
            dossier,
            actor=actor,
            action="supplement_submitted",
            from_state=dossier.state,
            at=now,
            content=note,
            data={
                "request_seq": request.seq,
                "files": [
                    {"item": item, "file_id": f.pk, "name": f.name, "sha256": f.sha256}
                    for (item, _checked), f in zip(checked, stored, strict=True)
                ],
            },
        )
    return event


def _scale(value, name: str, errors: dict, *, required: bool = False) -> str:
    value = (value or "").strip()
    if not value:
        if required:
            errors[name] = [_("Choose how satisfied you are.")]
        return ""
    if value not in Satisfaction.values:
        errors[name] = [_("Choose one of the listed options.")]
        return ""
    return value


def _count(value, name: str, errors: dict) -> int | None:
    text = str(value if value is not None else "").strip()
    if not text:
        return None
    if not text.isdigit() or int(text) > 50:
        errors[name] = [_("Enter a number from 0 to 50.")]
        return None
    return int(text)


def rating_submit(
    *, actor, code: str, overall: str, comment: str = "", aspects: Mapping | None = None
) -> DossierRating:
    """The citizen's one rating of a dossier whose result was returned (Decree 61 Art. 31)."""
    aspects = aspects or {}
    with transaction.atomic():
        dossier = _locked_own(actor, code)
        if dossier.state != DossierState.RETURNED:
            raise Conflict(_("You can rate the handling once the result has been returned."), code="not_returned")
        if DossierRating.objects.filter(dossier=dossier).exists():
            raise Conflict(_("You have already rated this dossier."), code="already_rated")
        errors: dict[str, list[str]] = {}
        values = {"overall": _scale(overall, "overall", errors, required=True)}
        for name in SCALE_ASPECTS:
            values[name] = _scale(aspects.get(name), name, errors)
        for name in COUNT_ASPECTS:
            values[name] = _count(aspects.get(name), name, errors)
        comment = (comment or "").strip()
        if len(comment) > NOTE_MAX:
            errors["comment"] = [_("At most %(count)d characters.") % {"count": NOTE_MAX}]
        if errors:
            raise ValidationFailed(fields=errors)
        rating = DossierRating.objects.create(
            dossier=dossier, citizen=actor, comment=comment, rated_at=timezone.now(), **values
        )
        audit_record(actor=actor, action="portal.rate", obj=dossier, summary={"overall": rating.overall})
    return rating
