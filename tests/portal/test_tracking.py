"""After submission: supplement online, withdrawal by the applicant, the result with its signature check, and the
rating (once)."""

from __future__ import annotations

import pytest
from django.utils import translation

from chinhquyenso.core.errors import Conflict, ValidationFailed
from chinhquyenso.dossiers.errors import TransitionNotAllowed
from chinhquyenso.dossiers.models import Dossier, DossierFile, DossierRating
from chinhquyenso.dossiers.services.applicant_actions import dossier_applicant_act
from chinhquyenso.dossiers.services.transitions import dossier_act
from chinhquyenso.dossiers.states import DossierState
from chinhquyenso.dossiers.workflow import APPLICANT, APPLICANT_TRANSITIONS, TRANSITIONS, applicant_actions_in
from chinhquyenso.portal.services.submit import draft_submit
from chinhquyenso.portal.services.tracking import rating_submit
from tests.portal.conftest import CERTIFIED_COPY, COMMUNE, COPY_FORM, make_citizen, pdf_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


@pytest.fixture
def submitted(apply, citizen, clock):
    return draft_submit(actor=citizen, draft_id=apply(CERTIFIED_COPY, COPY_FORM, files={0: pdf_bytes()}).pk)


@pytest.fixture
def crew(catalog):
    from chinhquyenso.core.models import Role, RoleAssignment
    from tests.factories import make_staff

    user = make_staff("daunoi", agency=catalog[COMMUNE], role=Role.ONE_STOP_OFFICER)
    for role in (Role.SPECIALIST, Role.UNIT_LEADER):
        RoleAssignment.objects.create(user=user, role=role, agency=catalog[COMMUNE])
    return user


def test_the_citizen_answers_a_supplement_request_online(submitted, citizen_client, crew, clock, client):
    code = submitted.code
    # The one-stop officer checks the online dossier and asks for more before receiving it.
    dossier_act(
        actor=crew,
        code=code,
        action="request_supplement",
        items=["Bản chính rõ nét hơn", "Giấy ủy quyền"],
        reason="Bản chụp bị mờ",
    )
    page = citizen_client.get(f"/dich-vu-cong/ho-so-cua-toi/{code}/").content.decode()
    assert "Bản chụp bị mờ" in page and "Giấy ủy quyền" in page and "Chờ bổ sung" in page
    version = Dossier.objects.get(code=code).version

    bad = citizen_client.post(
        f"/dich-vu-cong/ho-so-cua-toi/{code}/bo-sung/",
        {"item": ["Bản chính rõ nét hơn", "Giấy ủy quyền"], "file_0": upload("a.pdf", b"MZ" + b"\0" * 99)},
    )
    assert bad.status_code == 422 and "PDF, JPEG hoặc PNG" in bad.content.decode()
    clock.shift(600)  # ten minutes later (the session lives 30 idle minutes)
    good = citizen_client.post(
        f"/dich-vu-cong/ho-so-cua-toi/{code}/bo-sung/",
        {
            "item": ["Bản chính rõ nét hơn", "Giấy ủy quyền"],
            "file_0": upload("ban-chinh-moi.pdf", pdf_bytes()),
            "file_1": upload("uy-quyen.pdf", pdf_bytes(2)),
            "note": "Đã chụp lại",
        },
    )
    assert good.status_code == 302 and good["Location"] == f"/dich-vu-cong/ho-so-cua-toi/{code}/"
    dossier = Dossier.objects.get(code=code)
    assert dossier.state == "waiting_supplement" and dossier.version == version  # unchanged: the officer takes it
    event = dossier.events.last()
    assert (event.action, event.from_state, event.to_state) == ("supplement_submitted", *(["waiting_supplement"] * 2))
    assert event.content == "Đã chụp lại" and [f["item"] for f in event.data["files"]] == [
        "Bản chính rõ nét hơn",
        "Giấy ủy quyền",
    ]
    assert event.action_label == "Công dân đã nộp bổ sung trực tuyến"
    assert DossierFile.objects.filter(dossier=dossier, kind="upload").count() == 3
    timeline = citizen_client.get(f"/dich-vu-cong/ho-so-cua-toi/{code}/").content.decode()
    assert "Công dân đã nộp bổ sung trực tuyến" in timeline and "uy-quyen.pdf" in timeline
    # The officer's inbox flags it, and a filter lists the dossiers whose supplement has arrived.
    client.force_login(crew)
    arrived = client.get("/ho-so/", {"flag": "supplement"}).content.decode()
    assert code in arrived and "Đã nộp bổ sung trực tuyến" in arrived
    # The officer then takes the supplement, and the dossier goes back to where it was, no longer flagged.
    assert dossier_act(actor=crew, code=code, action="receive_supplement").state == "submitted"
    assert Dossier.objects.get(code=code).supplement_arrived_at is None
    assert code not in client.get("/ho-so/", {"flag": "supplement"}).content.decode()
    assert code in client.get("/ho-so/").content.decode()


def test_a_supplement_is_refused_when_none_was_asked(submitted, citizen_client):
    answer = citizen_client.post(
        f"/dich-vu-cong/ho-so-cua-toi/{submitted.code}/bo-sung/",
        {"item": ["x"], "file_0": upload("a.pdf", pdf_bytes())},
    )
    assert answer.status_code == 409
    assert not DossierFile.objects.filter(dossier=submitted, component_position__isnull=True).exists()


CASES = [(action, state) for action in APPLICANT_TRANSITIONS for state in DossierState.values]


@pytest.mark.parametrize(("action", "state"), CASES, ids=[f"{a}-from-{s}" for a, s in CASES])
def test_applicant_transition_table(action, state, submitted, citizen):
    resume = DossierState.RECEIVED if state in ("waiting_supplement", "waiting_payment") else ""
    Dossier.objects.filter(pk=submitted.pk).update(state=state, resume_state=resume)
    transition = APPLICANT_TRANSITIONS[action]
    history = submitted.events.count()
    if state not in transition.sources:
        with pytest.raises(TransitionNotAllowed) as caught:
            dossier_applicant_act(actor=citizen, code=submitted.code, action=action, reason="Không cần nữa")
        assert caught.value.as_dict()["allowed_actions"] == [t.action for t in applicant_actions_in(state)]
        assert Dossier.objects.get(pk=submitted.pk).state == state and submitted.events.count() == history
        return
    after = dossier_applicant_act(actor=citizen, code=submitted.code, action=action, reason="Không cần nữa")
    assert after.state == transition.target
    event = after.events.last()
    assert (event.action, event.from_state, event.to_state) == (action, state, transition.target)
    assert event.data["by"] == "applicant" and event.actor == citizen


def test_the_applicant_side_of_the_table_stays_within_the_officers_table():
    for action, transition in APPLICANT_TRANSITIONS.items():
        assert transition.roles == {APPLICANT}
        assert transition.sources <= TRANSITIONS[action].sources
        assert transition.target == TRANSITIONS[action].target


def test_withdrawal_needs_a_reason_and_only_the_owner_may(submitted, citizen, citizen_client):
    with pytest.raises(ValidationFailed):
        dossier_applicant_act(actor=citizen, code=submitted.code, action="withdraw", reason="")
    stranger = make_citizen("nguoi.khac", full_name="Người Khác")
    from chinhquyenso.core.errors import NotFound

    with pytest.raises(NotFound):
        dossier_applicant_act(actor=stranger, code=submitted.code, action="withdraw", reason="x")
    page = citizen_client.get(f"/dich-vu-cong/ho-so-cua-toi/{submitted.code}/").content.decode()
    assert "Rút hồ sơ này" in page
    answer = citizen_client.post(f"/dich-vu-cong/ho-so-cua-toi/{submitted.code}/rut/", {"reason": "Đã nộp nhầm"})
    assert answer.status_code == 302
    dossier = Dossier.objects.get(pk=submitted.pk)
    assert dossier.state == "withdrawn" and dossier.closed_at is not None
    assert "Rút hồ sơ này" not in citizen_client.get(f"/dich-vu-cong/ho-so-cua-toi/{submitted.code}/").content.decode()


def _returned_with_result(dossier, crew, content: bytes) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    code = dossier.code
    dossier_act(actor=crew, code=code, action="receive")
    dossier_act(actor=crew, code=code, action="assign", assignee=crew.pk)
    dossier_act(actor=crew, code=code, action="decide", content="Chứng thực 3 bản sao")
    dossier_act(
        actor=crew,
        code=code,
        action="attach_result",
        file=SimpleUploadedFile("ban-sao-chung-thuc.pdf", content, "application/pdf"),
    )
    dossier_act(actor=crew, code=code, action="return_result")


def test_the_result_is_downloaded_with_its_signature_check(submitted, crew, citizen_client, signing):
    content = pdf_bytes()
    assert citizen_client.get(f"/dich-vu-cong/ho-so-cua-toi/{submitted.code}/ket-qua/").status_code == 404
    _returned_with_result(submitted, crew, content)
    page = citizen_client.get(f"/dich-vu-cong/ho-so-cua-toi/{submitted.code}/ket-qua/").content.decode()
    assert "ban-sao-chung-thuc.pdf" in page
    assert "Văn bản không có chữ ký số." in page
    result = DossierFile.objects.get(dossier=submitted, kind="result")
    download = citizen_client.get(f"/dich-vu-cong/ho-so-cua-toi/{submitted.code}/tep/{result.pk}/")
    assert download.status_code == 200 and download.content == content


def test_rating_after_the_result_once(submitted, crew, citizen, citizen_client):
    with pytest.raises(Conflict):
        rating_submit(actor=citizen, code=submitted.code, overall="satisfied")
    _returned_with_result(submitted, crew, pdf_bytes())
    page = citizen_client.get(f"/dich-vu-cong/ho-so-cua-toi/{submitted.code}/").content.decode()
    assert "Hài lòng" in page and "Bình thường" in page and "Không hài lòng" in page
    bad = citizen_client.post(f"/dich-vu-cong/ho-so-cua-toi/{submitted.code}/danh-gia/", {"overall": "tot"})
    assert bad.status_code == 422 and not DossierRating.objects.exists()
    answer = citizen_client.post(
        f"/dich-vu-cong/ho-so-cua-toi/{submitted.code}/danh-gia/",
        {
            "overall": "satisfied",
            "staff_attitude": "satisfied",
            "time_to_result": "acceptable",
            "agencies_contacted": "1",
            "contacts_needed": "",
            "comment": "Nhanh gọn",
        },
    )
    assert answer.status_code == 302
    rating = DossierRating.objects.get()
    assert (rating.overall, rating.staff_attitude, rating.time_to_result) == ("satisfied", "satisfied", "acceptable")
    assert (rating.agencies_contacted, rating.contacts_needed, rating.comment) == (1, None, "Nhanh gọn")
    assert rating.citizen == citizen
    again = citizen_client.post(f"/dich-vu-cong/ho-so-cua-toi/{submitted.code}/danh-gia/", {"overall": "not_satisfied"})
    assert again.status_code == 409
    assert DossierRating.objects.get().overall == "satisfied"
    with pytest.raises(Conflict):
        rating_submit(actor=citizen, code=submitted.code, overall="not_satisfied")


def test_the_officer_opens_what_the_citizen_uploaded_and_an_outsider_cannot(submitted, crew, client, catalog):
    from tests.factories import make_staff

    uploaded = submitted.files.get()
    client.force_login(crew)
    page = client.get(f"/ho-so/{submitted.code}/").content.decode()
    link = f"/ho-so/{submitted.code}/tep/{uploaded.pk}/"
    assert link in page  # the staff dossier page links every file
    opened = client.get(link)
    assert opened.status_code == 200 and opened.content == bytes(uploaded.content)
    assert opened["Content-Type"] == "application/pdf" and opened["Content-Disposition"].startswith("inline;")
    assert client.get(f"/ho-so/{submitted.code}/tep/{uploaded.pk + 999}/").status_code == 404

    other = next(agency for agency in catalog.values() if not submitted.unit_path.startswith(agency.unit.path))
    client.force_login(make_staff("xakhac", agency=other, role="one_stop_officer"))
    assert client.get(link).status_code == 404  # outside the officer's units: not even its existence


def test_withdrawing_while_a_supplement_waits_clears_its_flag(submitted, crew, citizen):
    from chinhquyenso.portal.services.tracking import supplement_submit

    code = submitted.code
    dossier_act(actor=crew, code=code, action="request_supplement", items=["Giấy ủy quyền"], reason="Thiếu")
    supplement_submit(actor=citizen, code=code, uploads=[("Giấy ủy quyền", upload("uy-quyen.pdf", pdf_bytes()))])
    assert Dossier.objects.get(code=code).supplement_arrived_at is not None
    dossier_applicant_act(actor=citizen, code=code, action="withdraw", reason="Không cần nữa")
    withdrawn = Dossier.objects.get(code=code)
    assert withdrawn.state == "withdrawn" and withdrawn.supplement_arrived_at is None
