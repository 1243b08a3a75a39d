"""The dossier's side of an online payment: one history step, and the end of a wait for payment.

Called by ``chinhquyenso.payments`` inside its own transaction, with the dossier row already locked. A
citizen holds no role, so this does not go through ``dossier_act``; it resumes the dossier exactly as the
officer's ``confirm_payment`` does (the deadline moves later by the working time the wait lasted).
"""

from __future__ import annotations

from datetime import datetime

from chinhquyenso.dossiers.models import Dossier, DossierEvent
from chinhquyenso.dossiers.services.history import record_event
from chinhquyenso.dossiers.services.transitions import Act, _resume
from chinhquyenso.dossiers.states import DossierState


def dossier_record_online_payment(
    *, dossier: Dossier, payer, at: datetime, resume: bool, content: str = "", data: dict | None = None
) -> DossierEvent:
    data = dict(data or {})
    from_state = dossier.state
    if resume and dossier.state == DossierState.WAITING_PAYMENT:
        data.update(_resume(Act(dossier, payer, at, {}), restart=False))
        resume, dossier.resume_state = dossier.resume_state, ""
        dossier.move_to(resume)
        dossier.version += 1
        dossier.save()
    return record_event(
        dossier, actor=payer, action="pay_online", from_state=from_state, at=at, content=content, data=data
    )
