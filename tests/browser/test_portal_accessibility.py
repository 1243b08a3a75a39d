"""The portal's main pages at phone size and on a desktop: axe-core (vendored) finds no serious or critical
WCAG 2.1 A/AA violation, nothing is wider than the screen, and the rating form works from the keyboard alone.

With ``CQS_SCREENSHOT_DIR`` set (``scripts/portal-screenshots.sh``), the phone-size pages are also saved there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from chinhquyenso.core.models import AccountKind, Role, RoleAssignment, User
from chinhquyenso.dossiers.models import DossierRating
from chinhquyenso.dossiers.services.transitions import dossier_act
from chinhquyenso.portal.services.drafts import draft_attach, draft_save, draft_start
from chinhquyenso.portal.services.submit import draft_submit
from tests.browser.portal_pages import (
    PHONE,
    citizen_context,
    describe,
    fits_the_screen,
    serious_violations,
    wider_than_the_screen,
)
from tests.factories import make_staff
from tests.portal.conftest import COPY_FORM, MARITAL_FORM, RESIDENCE_FORM, image_bytes, pdf_bytes, upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMMUNE = "000.01.27.H56"
DESKTOP = {"width": 1366, "height": 900}
PKI_PASSWORD = "portal-browser-pki"


@pytest.fixture
def world(demo, settings, tmp_path):
    """A citizen with a draft, a dossier waiting for a supplement, one received and one returned with a signed
    result; and the development PKI that signed it."""
    from chinhquyenso.catalog.demo.loader import ensure_demo_catalog
    from chinhquyenso.signing.credentials import agency_identity
    from chinhquyenso.signing.pdf_sign import sign_pdf
    from chinhquyenso.signing.pki import AgencySpec, pki_init

    ensure_demo_catalog()
    commune = AgencySpec(COMMUNE, demo[COMMUNE].name, "UBND xã Thọ Xuân")
    pki_init(tmp_path / "pki", PKI_PASSWORD, people=[], agencies=[commune])
    settings.PKI_DIR, settings.PKI_PASSWORD, settings.SIGNING_TRUST_ROOTS = tmp_path / "pki", PKI_PASSWORD, []
    settings.TSA_URL, settings.SIGNATURE_BACKEND = None, "file"

    citizen = User.objects.create(
        username="an.nguyen",
        kind=AccountKind.CITIZEN,
        full_name="Nguyễn Văn An",
        phone="0912345678",
        email="an.nguyen@example.vn",
    )
    crew = make_staff("daunoi", agency=demo[COMMUNE], role=Role.ONE_STOP_OFFICER)
    crew.full_name = "Nguyễn Thị Hoa"
    crew.save()
    for role in (Role.SPECIALIST, Role.UNIT_LEADER):
        RoleAssignment.objects.create(user=crew, role=role, agency=demo[COMMUNE])
    agency = demo[COMMUNE].pk

    def submitted(code, form, files):
        draft = draft_start(actor=citizen, procedure_code=code, agency_id=agency)
        draft_save(actor=citizen, draft_id=draft.pk, values=form)
        if files:
            uploads = {pos: upload(name, content) for pos, (name, content) in files.items()}
            draft_attach(actor=citizen, draft_id=draft.pk, uploads=uploads, reuse={})
        return draft_submit(actor=citizen, draft_id=draft.pk, auth_method="vneid")

    returned = submitted("1.004873", MARITAL_FORM, {})
    for action, values in (
        ("receive", {}),
        ("assign", {"assignee": crew.pk}),
        ("decide", {"content": "Cấp Giấy xác nhận tình trạng hôn nhân"}),
    ):
        dossier_act(actor=crew, code=returned.code, action=action, **values)
    signed = sign_pdf(pdf_bytes(), signer=agency_identity(COMMUNE), kind="attachment", document_code="25/GXN-UBND")
    dossier_act(
        actor=crew,
        code=returned.code,
        action="attach_result",
        file=SimpleUploadedFile("giay-xac-nhan-tinh-trang-hon-nhan.pdf", signed, "application/pdf"),
    )
    dossier_act(actor=crew, code=returned.code, action="return_result")

    received = submitted("1.004194", RESIDENCE_FORM, {1: ("hop-dong-thue-nha.pdf", pdf_bytes(2))})
    dossier_act(actor=crew, code=received.code, action="receive")

    waiting = submitted(
        "2.000815",
        COPY_FORM,
        {0: ("bang-tot-nghiep.pdf", pdf_bytes(2)), 1: ("ban-chup.jpg", image_bytes("JPEG", (300, 400)))},
    )
    dossier_act(
        actor=crew,
        code=waiting.code,
        action="request_supplement",
        items=["Bản chụp bản chính rõ nét, đủ các trang"],
        reason="Bản chụp trang 2 bị mờ, không đọc được số hiệu văn bằng",
    )

    draft = draft_start(actor=citizen, procedure_code="1.004873", agency_id=demo["000.02.27.H56"].pk)
    copy_draft = draft_start(actor=citizen, procedure_code="2.000815", agency_id=agency)
    draft_save(actor=citizen, draft_id=copy_draft.pk, values=COPY_FORM)
    draft_attach(
        actor=citizen,
        draft_id=copy_draft.pk,
        uploads={0: upload("van-bang.pdf", pdf_bytes(2))},
        reuse={},
    )
    return {
        "citizen": citizen,
        "returned": returned.code,
        "received": received.code,
        "waiting": waiting.code,
        "draft": draft.pk,
        "copy_draft": copy_draft.pk,
        "signed": signed,
    }


PAGES = [
    # (screenshot name, path builder, what to do on the page before checking)
    ("01-tim-thu-tuc", lambda w: "/dich-vu-cong/?q=chung+thuc+ban+sao", None),
    ("02-trang-thu-tuc", lambda w: "/dich-vu-cong/thu-tuc/2.000815/", None),
    ("03-to-khai", lambda w: f"/dich-vu-cong/ho-so-nhap/{w['draft']}/", None),
    ("04-to-khai-bao-loi", lambda w: f"/dich-vu-cong/ho-so-nhap/{w['draft']}/", "submit-empty"),
    ("05-giay-to", lambda w: f"/dich-vu-cong/ho-so-nhap/{w['copy_draft']}/giay-to/", None),
    ("06-kiem-tra-va-nop", lambda w: f"/dich-vu-cong/ho-so-nhap/{w['copy_draft']}/nop/", None),
    ("07-ho-so-cua-toi", lambda w: "/dich-vu-cong/ho-so-cua-toi/", None),
    ("08-tien-do-va-bo-sung", lambda w: f"/dich-vu-cong/ho-so-cua-toi/{w['waiting']}/", None),
    ("09-da-tiep-nhan", lambda w: f"/dich-vu-cong/ho-so-cua-toi/{w['received']}/", None),
    ("10-danh-gia", lambda w: f"/dich-vu-cong/ho-so-cua-toi/{w['returned']}/", "open-aspects"),
    ("11-ket-qua-dien-tu", lambda w: f"/dich-vu-cong/ho-so-cua-toi/{w['returned']}/ket-qua/", None),
    ("12-kiem-tra-chu-ky", lambda w: "/dich-vu-cong/kiem-tra-chu-ky/", "check-signed"),
]


def _prepare(page, step: str | None, world, tmp_path: Path) -> None:
    if step == "submit-empty":
        page.get_by_label("Số điện thoại liên hệ").fill("12345")
        page.get_by_role("button", name="Tiếp tục: đính kèm giấy tờ").click()
        page.get_by_test_id("form-errors").wait_for()
    elif step == "open-aspects":
        page.locator("details.p-more summary").first.click()
    elif step == "check-signed":
        signed = tmp_path / "ket-qua-da-ky.pdf"
        signed.write_bytes(world["signed"])
        page.get_by_label("Tệp PDF").set_input_files(str(signed))
        page.get_by_role("button", name="Kiểm tra", exact=True).click()
        page.get_by_test_id("verdict").wait_for()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_main_portal_pages_have_no_serious_accessibility_violation(browser, live_server, world, viewport, tmp_path):
    shots = os.environ.get("CQS_SCREENSHOT_DIR") if viewport == PHONE else None
    context = citizen_context(browser, live_server.url, world["citizen"], viewport=viewport)
    page = context.new_page()
    problems = {}
    for name, path, step in PAGES:
        page.goto(live_server.url + path(world))
        _prepare(page, step, world, tmp_path)
        assert page.locator("h1").count() == 1, name
        assert fits_the_screen(page, viewport["width"]), (name, wider_than_the_screen(page))
        found = serious_violations(page)
        if found:
            problems[name] = found
        if shots:
            Path(shots).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(shots) / f"{name}.png"), full_page=True)
    context.close()
    assert not problems, describe(problems)


def test_the_rating_form_works_from_the_keyboard_alone(browser, live_server, world):
    context = citizen_context(browser, live_server.url, world["citizen"])
    page = context.new_page()
    page.goto(f"{live_server.url}/dich-vu-cong/ho-so-cua-toi/{world['returned']}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"  # the first stop skips to the content
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "overall":
            break
    else:
        pytest.fail("the satisfaction choices cannot be reached with Tab")
    page.keyboard.press("Space")  # the first choice: Hài lòng
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Gửi đánh giá":
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Cảm ơn bạn: đánh giá đã được ghi nhận." in page.content()
    assert DossierRating.objects.get().overall == "satisfied"
    context.close()
