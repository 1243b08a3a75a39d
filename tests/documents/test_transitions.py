"""Every action of both flows, tried from every status: allowed ones pass the table, others are 409 with the list
of allowed actions."""

import pytest

from chinhquyenso.documents.models import IncomingStatus, OutgoingStatus
from chinhquyenso.documents.workflow import INCOMING, OUTGOING, TransitionNotAllowed, actions_from, check_transition

CASES = [(OUTGOING, OutgoingStatus, name, status) for name in OUTGOING for status in OutgoingStatus.values] + [
    (INCOMING, IncomingStatus, name, status) for name in INCOMING for status in IncomingStatus.values
]


@pytest.mark.parametrize(("table", "statuses", "action", "status"), CASES)
def test_every_pair_is_allowed_or_refused_with_the_allowed_list(table, statuses, action, status):
    if status in table[action].sources:
        assert check_transition(table, action, status, "x") is table[action]
        return
    with pytest.raises(TransitionNotAllowed) as raised:
        check_transition(table, action, status, "x")
    error = raised.value
    assert error.status == 409
    assert error.fields["allowed_actions"] == actions_from(table, status)


def test_a_recalled_outgoing_document_is_frozen():
    assert actions_from(OUTGOING, OutgoingStatus.RECALLED) == []


def test_nobody_recalls_an_incoming_document_by_hand():
    assert "recall" not in actions_from(INCOMING, IncomingStatus.RECEIVED)


@pytest.mark.django_db
def test_a_wrong_transition_through_the_service_is_409_and_changes_nothing(staff, tho_xuan, types):
    from chinhquyenso.documents.services.outgoing_release import outgoing_dispatch
    from tests.documents.flows import draft

    document = draft(staff, tho_xuan, types)
    with pytest.raises(TransitionNotAllowed) as raised:
        outgoing_dispatch(actor=staff["clerk"], document=document)
    assert raised.value.fields["allowed_actions"] == ["edit", "submit"]
    document.refresh_from_db()
    assert document.status == OutgoingStatus.DRAFT
    assert list(document.events.values_list("action", flat=True)) == ["create"]
