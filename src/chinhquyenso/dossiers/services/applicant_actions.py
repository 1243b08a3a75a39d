"""The applicant's own actions on an online dossier (``workflow.APPLICANT_TRANSITIONS``), through the same
handlers, history and portal queue as the officers' actions."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chinhquyenso.core.errors import NotFound, ValidationFailed
from chinhquyenso.core.models import AccountKind
from chinhquyenso.dossiers.errors import TransitionNotAllowed
from chinhquyenso.dossiers.models import Dossier
from chinhquyenso.dossiers.services.history import record_event
from chinhquyenso.dossiers.services.transitions import HANDLERS, Act
from chinhquyenso.dossiers.states import DossierState
from chinhquyenso.dossiers.workflow import APPLICANT_TRANSITIONS, applicant_actions_in


def dossier_applicant_act(*, actor, code: str, action: str, at: datetime | None = None, **values) -> Dossier:
    """Applies ``action`` for the citizen who owns the dossier. Someone else's dossier is 404, an action the
    applicant's table does not allow in the current state 409 with the allowed ones, a missing field 422."""
    with transaction.atomic():
        dossier = (
            Dossier.objects.select_for_update(of=("self",))
            .select_related("agency", "procedure_version")
            .filter(code=code)
            .first()
        )
        owner = dossier is not None and actor.kind == AccountKind.CITIZEN and dossier.citizen_id == actor.pk
        if not owner:
            raise NotFound(_("No dossier has the code %(code)s.") % {"code": code})
        transition = APPLICANT_TRANSITIONS.get(action)
        allowed = [t.action for t in applicant_actions_in(dossier.state)]
        if transition is None or dossier.state not in transition.sources:
            raise TransitionNotAllowed(
                _("This cannot be done to a dossier that is “%(state)s”.")
                % {"state": DossierState(dossier.state).label},
                state=dossier.state,
                allowed=allowed,
            )
        missing = {name: [_("This field is required.")] for name in transition.required if not values.get(name)}
        if missing:
            raise ValidationFailed(fields=missing)
        from_state = dossier.state
        act = Act(dossier, actor, at or timezone.now(), values)
        content, data = HANDLERS[action](act)
        dossier.move_to(transition.target)
        dossier.resume_state = ""
        dossier.version += 1
        dossier.save()
        record_event(
            dossier,
            actor=actor,
            action=action,
            from_state=from_state,
            at=act.now,
            content=content,
            data={**data, "by": "applicant"},
        )
    return dossier


def dossier_withdraw_by_applicant(*, actor, code: str, reason: str, at: datetime | None = None) -> Dossier:
    return dossier_applicant_act(actor=actor, code=code, action="withdraw", reason=reason, at=at)
