"""Every action of the transition table, in every state: applied where the table allows it, 409 elsewhere."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from chinhquyenso.dossiers.errors import TransitionNotAllowed
from chinhquyenso.dossiers.models import Dossier
from chinhquyenso.dossiers.services.transitions import dossier_act
from chinhquyenso.dossiers.states import NATIONAL_STATUS, DossierState
from chinhquyenso.dossiers.workflow import RESUME, TRANSITIONS, actions_in
from chinhquyenso.workcal.calendar import VN_TZ
from tests.dossiers.conftest import COMMUNE

pytestmark = pytest.mark.django_db

CASES = [(action, state) for action in TRANSITIONS for state in DossierState.values]


def _values(action: str, specialist_id: int, other_agency_id: int) -> dict:
    return {
        "request_supplement": {"items": ["Bản sao giấy khai sinh"], "reason": "Thiếu giấy tờ"},
        "refuse": {"reason": "Không đủ điều kiện"},
        "assign": {"assignee": specialist_id},
        "request_payment": {"amount_vnd": 50_000, "content": "Lệ phí"},
        "consult": {"consulted_agency": other_agency_id, "content": "Xin ý kiến", "limit_days": "2"},
        "record_answer": {"content": "Đồng ý"},
        "transfer": {"to_agency": other_agency_id, "content": "Liên thông", "limit_days": 3},
        "take_back": {"content": "Đã có kết quả liên thông"},
        "extend": {"reason": "Cần xác minh thêm", "new_due": datetime(2026, 3, 20, 9, 0, tzinfo=VN_TZ)},
        "stop": {"reason": "Người dân đề nghị"},
        "withdraw": {"reason": "Người dân rút hồ sơ"},
        "decide": {"content": "Cấp giấy xác nhận"},
        "attach_result": {"file": SimpleUploadedFile("ket-qua.pdf", b"%PDF-1.7 result", "application/pdf")},
    }.get(action, {})


@pytest.mark.parametrize(("action", "state"), CASES, ids=[f"{a}-from-{s}" for a, s in CASES])
def test_transition_table(action, state, intake, clock, all_roles, catalog):
    dossier = intake(actor=all_roles)
    # Put the dossier in the state under test, as the earlier steps would have left it.
    resume = DossierState.PROCESSING if state in ("waiting_supplement", "waiting_payment") else ""
    paused = datetime(2026, 3, 2, 8, 0, tzinfo=VN_TZ) if resume else None
    Dossier.objects.filter(pk=dossier.pk).update(state=state, resume_state=resume, paused_at=paused)
    transition = TRANSITIONS[action]
    values = _values(action, all_roles.pk, catalog["000.00.15.H56"].pk)
    history = dossier.events.count()

    if state not in transition.sources:
        with pytest.raises(TransitionNotAllowed) as caught:
            dossier_act(actor=all_roles, code=dossier.code, action=action, **values)
        assert caught.value.status == 409
        assert caught.value.as_dict()["allowed_actions"] == [t.action for t in actions_in(state)]
        assert Dossier.objects.get(pk=dossier.pk).state == state
        assert dossier.events.count() == history
        return

    after = dossier_act(actor=all_roles, code=dossier.code, action=action, **values)
    expected = resume if transition.target == RESUME else (transition.target or state)
    assert after.state == expected
    event = after.events.last()
    assert (event.action, event.from_state, event.to_state) == (action, state, expected)
    assert event.actor_name and event.agency.identifier == COMMUNE


def test_every_state_maps_to_a_national_status_code():
    assert set(NATIONAL_STATUS) == set(DossierState.values)
    assert set(NATIONAL_STATUS.values()) == set(range(1, 11))


def test_every_non_final_state_has_a_way_forward():
    final = {"refused", "withdrawn", "stopped", "returned"}
    for state in DossierState.values:
        assert bool(actions_in(state)) == (state not in final), state
