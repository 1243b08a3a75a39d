"""The two document flows as tables: which action moves a document from which statuses to which, and who may.

Services check every action against these tables while holding the document's row lock; a wrong action is a
409 that lists the actions allowed now. States set only by the system (recalled incoming, delivered) have no
human role.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chinhquyenso.core.errors import Conflict
from chinhquyenso.core.models import Role
from chinhquyenso.documents.models import IncomingStatus, OutgoingStatus


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str | None  # None: the status does not change (editing, proposing)
    roles: frozenset[str]
    label: str


def _t(sources, target, roles, label) -> Transition:
    return Transition(frozenset(sources), target, frozenset(roles), label)


_WRITERS = {Role.SPECIALIST, Role.CLERK, Role.UNIT_LEADER}
OUTGOING = {
    "edit": _t({OutgoingStatus.DRAFT}, None, _WRITERS, gettext_lazy("Edit the draft")),
    "submit": _t({OutgoingStatus.DRAFT}, OutgoingStatus.IN_REVIEW, _WRITERS, gettext_lazy("Send for review")),
    "return": _t({OutgoingStatus.IN_REVIEW}, OutgoingStatus.DRAFT, {Role.UNIT_LEADER}, gettext_lazy("Return")),
    "approve": _t({OutgoingStatus.IN_REVIEW}, OutgoingStatus.APPROVED, {Role.UNIT_LEADER}, gettext_lazy("Approve")),
    "sign": _t({OutgoingStatus.APPROVED}, OutgoingStatus.SIGNED, {Role.UNIT_LEADER}, gettext_lazy("Sign")),
    "number": _t({OutgoingStatus.SIGNED}, OutgoingStatus.NUMBERED, {Role.CLERK}, gettext_lazy("Give a number")),
    # After the number (Art. 14), for documents the leader signed digitally: the seal and the attachment stamps.
    "seal": _t(
        {OutgoingStatus.NUMBERED}, None, {Role.CLERK}, gettext_lazy("Apply the organisation's digital signature")
    ),
    "dispatch": _t({OutgoingStatus.NUMBERED}, OutgoingStatus.DISPATCHED, {Role.CLERK}, gettext_lazy("Dispatch")),
    "recall": _t(
        {OutgoingStatus.DISPATCHED}, OutgoingStatus.RECALLED, {Role.CLERK, Role.UNIT_LEADER}, gettext_lazy("Recall")
    ),
}

_HANDLERS = {Role.SPECIALIST, Role.UNIT_LEADER}
INCOMING = {
    "receive": _t({IncomingStatus.PENDING}, IncomingStatus.RECEIVED, {Role.CLERK}, gettext_lazy("Receive")),
    "return": _t({IncomingStatus.PENDING}, IncomingStatus.RETURNED, {Role.CLERK}, gettext_lazy("Return to the sender")),
    "assign": _t(
        {IncomingStatus.RECEIVED, IncomingStatus.ASSIGNED},
        IncomingStatus.ASSIGNED,
        {Role.UNIT_LEADER},
        gettext_lazy("Assign"),
    ),
    "propose": _t({IncomingStatus.ASSIGNED}, None, _HANDLERS, gettext_lazy("Record a proposal")),
    "complete": _t({IncomingStatus.ASSIGNED}, IncomingStatus.DONE, _HANDLERS, gettext_lazy("Mark as done")),
    # Only the sender's recall order moves an incoming document here (system action).
    "recall": _t(
        {IncomingStatus.PENDING, IncomingStatus.RECEIVED, IncomingStatus.ASSIGNED, IncomingStatus.DONE},
        IncomingStatus.RECALLED,
        set(),
        gettext_lazy("Recall"),
    ),
}


class TransitionNotAllowed(Conflict):
    code = "transition_not_allowed"


def actions_from(table: dict[str, Transition], status: str) -> list[str]:
    return [name for name, t in table.items() if status in t.sources and t.roles]


def check_transition(table: dict[str, Transition], action: str, status: str, status_label: str) -> Transition:
    transition = table.get(action)
    if transition is None or status not in transition.sources:
        allowed = actions_from(table, status)
        raise TransitionNotAllowed(
            _("This action is not possible while the document is “%(status)s”.") % {"status": status_label},
            fields={"action": [action], "allowed_actions": allowed},
        )
    return transition
