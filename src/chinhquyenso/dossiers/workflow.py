"""The dossier workflow as one table: which action applies in which state, who may take it, what it needs.

Services in ``services/transitions.py`` read this table and nothing else to decide whether an action applies;
the tests are parametrised from it, and the UI shows exactly the actions it allows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from chinhquyenso.core.models import Role
from chinhquyenso.dossiers.states import DossierState as S

# Target meaning "back to the state the dossier was in before it started waiting".
RESUME = "resume"

OPEN_WORK = frozenset({S.PROCESSING, S.CONSULTING, S.INTER_AGENCY})
ONE_STOP = Role.ONE_STOP_OFFICER
SPECIALIST = Role.SPECIALIST
LEADER = Role.UNIT_LEADER


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset[str]
    target: str | None  # None: the state does not change; RESUME: back to where it was
    roles: frozenset[str]
    required: tuple[str, ...] = ()
    style: str = "secondary"  # how the UI draws the button


def _t(action, label, sources, target, roles, required=(), style="secondary") -> Transition:
    return Transition(action, label, frozenset(sources), target, frozenset(roles), tuple(required), style)


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        _t("receive", _("Receive"), {S.SUBMITTED}, S.RECEIVED, {ONE_STOP}, style="primary"),
        _t(
            "request_supplement",
            _("Request a supplement"),
            {S.SUBMITTED, S.PROCESSING},
            S.WAITING_SUPPLEMENT,
            {ONE_STOP, SPECIALIST},
            ("items", "reason"),
        ),
        _t("receive_supplement", _("Take the supplement"), {S.WAITING_SUPPLEMENT}, RESUME, {ONE_STOP}, style="primary"),
        _t(
            "refuse",
            _("Refuse"),
            {S.SUBMITTED, S.RECEIVED, S.PROCESSING},
            S.REFUSED,
            {ONE_STOP, SPECIALIST, LEADER},
            ("reason",),
            "danger",
        ),
        _t(
            "assign",
            _("Assign a specialist"),
            {S.RECEIVED, S.PROCESSING},
            S.PROCESSING,
            {ONE_STOP, LEADER},
            ("assignee",),
            "primary",
        ),
        _t(
            "request_payment",
            _("Request payment"),
            {S.PROCESSING, S.RESOLVED},
            S.WAITING_PAYMENT,
            {ONE_STOP, SPECIALIST},
            ("amount_vnd", "content"),
        ),
        _t("confirm_payment", _("Confirm payment"), {S.WAITING_PAYMENT}, RESUME, {ONE_STOP, SPECIALIST}),
        _t(
            "consult",
            _("Consult another unit"),
            {S.PROCESSING},
            S.CONSULTING,
            {SPECIALIST, LEADER},
            ("consulted_agency", "content", "limit_days"),
        ),
        _t("record_answer", _("Record the answer"), {S.CONSULTING}, S.PROCESSING, {SPECIALIST, LEADER}, ("content",)),
        _t(
            "transfer",
            _("Transfer to another agency"),
            {S.PROCESSING},
            S.INTER_AGENCY,
            {SPECIALIST, LEADER},
            ("to_agency", "content", "limit_days"),
        ),
        _t(
            "take_back",
            _("Take back from the other agency"),
            {S.INTER_AGENCY},
            S.PROCESSING,
            {ONE_STOP, SPECIALIST, LEADER},
            ("content",),
        ),
        _t(
            "extend",
            _("Apologise and extend (Form 04)"),
            {S.RECEIVED, S.WAITING_PAYMENT} | OPEN_WORK,
            None,
            {LEADER, SPECIALIST, ONE_STOP},
            ("reason", "new_due"),
        ),
        _t(
            "stop",
            _("Stop processing"),
            {S.WAITING_SUPPLEMENT, S.WAITING_PAYMENT} | OPEN_WORK,
            S.STOPPED,
            {LEADER},
            ("reason",),
            "danger",
        ),
        _t(
            "withdraw",
            _("Withdraw at the applicant's request"),
            {S.SUBMITTED, S.RECEIVED, S.WAITING_SUPPLEMENT, S.WAITING_PAYMENT} | OPEN_WORK,
            S.WITHDRAWN,
            {ONE_STOP},
            ("reason",),
            "danger",
        ),
        _t("decide", _("Approve the result"), {S.PROCESSING}, S.RESOLVED, {LEADER}, ("content",), "primary"),
        _t("attach_result", _("Attach the result file"), {S.RESOLVED}, None, {ONE_STOP, SPECIALIST, LEADER}, ("file",)),
        _t("return_result", _("Return the result"), {S.RESOLVED}, S.RETURNED, {ONE_STOP}, style="primary"),
    ]
}


# The dossier's own citizen account, as a pseudo-role: never assigned, held only by the applicant who submitted
# the dossier online. The applicant's side of the table is separate, so no officer's action changes by it.
APPLICANT = "applicant"

APPLICANT_TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        _t(
            "withdraw",
            _("Withdraw my dossier"),
            {S.SUBMITTED, S.WAITING_SUPPLEMENT},
            S.WITHDRAWN,
            {APPLICANT},
            ("reason",),
            "danger",
        ),
    ]
}


# History entries that are not transitions: the applicant's acts that leave the state as it is.
def applicant_actions_in(state: str) -> list[Transition]:
    """What the applicant may do to their own dossier in ``state``."""
    return [t for t in APPLICANT_TRANSITIONS.values() if state in t.sources]


def actions_in(state: str) -> list[Transition]:
    """Every action the table allows in ``state``, whoever takes it."""
    return [t for t in TRANSITIONS.values() if state in t.sources]


def actions_for(state: str, roles: set[str]) -> list[Transition]:
    """The actions a user holding ``roles`` may take in ``state``: what the UI draws as buttons."""
    return [t for t in actions_in(state) if t.roles & roles]


# History steps that are not table actions: the dossier's arrival, and a fee paid online by the citizen.
# History events that are not table actions: the dossier's arrival and what the applicant does online.
EVENT_LABELS = {
    "submit": _("Submitted"),
    "pay_online": _("Paid online"),
    "supplement_submitted": _("Supplement submitted online by the applicant"),
}


def action_label(action: str) -> str:
    """The history's wording of an action."""
    if action in EVENT_LABELS:
        return EVENT_LABELS[action]
    transition = TRANSITIONS.get(action)
    return transition.label if transition else action
