"""Recall: the outgoing document is frozen with the recall's metadata; recipients on the platform lose the
content, keep the register line and get a notice."""

import pytest

from chinhquyenso.core.errors import ValidationFailed
from chinhquyenso.documents.models import DocumentNotice, IncomingStatus, OutgoingStatus, RecipientStatus
from chinhquyenso.documents.services.incoming import UnitAssignment, incoming_assign, incoming_receive
from chinhquyenso.documents.services.outgoing import RecipientIn, outgoing_update
from chinhquyenso.documents.services.outgoing_release import outgoing_dispatch, outgoing_recall
from chinhquyenso.documents.workflow import TransitionNotAllowed
from tests.documents.flows import numbered

pytestmark = pytest.mark.django_db


def _dispatched(staff, tho_xuan, lam_son, types):
    document = numbered(
        staff,
        tho_xuan,
        types,
        recipients=[RecipientIn(agency_id=lam_son.pk), RecipientIn(organ_name="Báo Thanh Hóa", paper=True)],
        description="Nội dung mật của quyết định",
    ).document
    return outgoing_dispatch(actor=staff["clerk"], document=document)


def test_recall_freezes_the_outgoing_document_and_keeps_the_recall(staff, tho_xuan, lam_son, types):
    document = _dispatched(staff, tho_xuan, lam_son, types)
    arrived = document.recipients.get(agency=lam_son).incoming
    incoming_receive(actor=staff["clerk_ls"], document=arrived)
    incoming_assign(actor=staff["leader_ls"], document=arrived, lead=UnitAssignment("Văn phòng", 3))

    outgoing_recall(actor=staff["leader"], document=document, reason="Sai căn cứ ban hành")
    document.refresh_from_db()
    assert document.status == OutgoingStatus.RECALLED
    assert (document.recall_reason, document.recalled_by) == ("Sai căn cứ ban hành", staff["leader"])
    assert document.files.exists()  # the issuer keeps its original
    with pytest.raises(TransitionNotAllowed) as raised:
        outgoing_update(actor=staff["specialist"], document=document, subject="x")
    assert raised.value.fields["allowed_actions"] == []

    arrived.refresh_from_db()
    assert arrived.status == IncomingStatus.RECALLED
    assert (arrived.arrival_number, arrived.number_notation) == (1, document.number_notation)  # register line stays
    assert arrived.recall_reason == "Sai căn cứ ban hành"
    assert not arrived.files.exists()
    assert arrived.description == ""
    assert not arrived.assignments.filter(active=True).exists()
    assert DocumentNotice.objects.filter(agency=lam_son, kind="recalled", incoming=arrived).exists()
    assert set(document.recipients.values_list("status", flat=True)) == {RecipientStatus.RECALLED}


def test_recall_needs_a_reason_and_a_dispatched_document(staff, tho_xuan, lam_son, types):
    document = _dispatched(staff, tho_xuan, lam_son, types)
    with pytest.raises(ValidationFailed):
        outgoing_recall(actor=staff["leader"], document=document, reason="  ")
    outgoing_recall(actor=staff["leader"], document=document, reason="Ban hành nhầm")
    with pytest.raises(TransitionNotAllowed):
        outgoing_recall(actor=staff["leader"], document=document, reason="Lần hai")
