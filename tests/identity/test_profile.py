"""The citizen's profile: edited on the account page, read by the portal to pre-fill e-forms."""

from datetime import date

import pytest
from django.core.management import call_command
from django.test import RequestFactory

from chinhquyenso.core.models import AuditEvent
from chinhquyenso.identity.selectors import citizen_prefill
from chinhquyenso.identity.session import auth_method, auth_method_set
from chinhquyenso.identity.web import citizen_required

pytestmark = pytest.mark.django_db


def save(client, **fields):
    values = {"full_name": "Nguyễn Văn An", "id_number": "", "birth_date": "", "address": ""}
    values.update(fields)
    return client.post("/tai-khoan/ho-so/", values)


def test_the_citizen_saves_the_details_forms_are_filled_from(client, citizen):
    client.force_login(citizen)
    response = save(
        client,
        full_name=" Nguyễn  Văn An ",
        id_number="038090001234",
        birth_date="1990-05-12",
        address="Thôn Xuân Lai, xã Thọ Xuân, tỉnh Thanh Hóa",
    )
    assert response.status_code == 302
    assert "Đã lưu thông tin cá nhân." in client.get("/tai-khoan/ho-so/").content.decode()
    citizen.refresh_from_db()
    assert citizen_prefill(citizen) == {
        "full_name": "Nguyễn Văn An",
        "id_number": "038090001234",
        "birth_date": "1990-05-12",
        "address": "Thôn Xuân Lai, xã Thọ Xuân, tỉnh Thanh Hóa",
        "phone": "0912345678",
        "email": "",
        "id_verified": "",
    }
    assert citizen.citizen_profile.birth_date == date(1990, 5, 12)
    event = AuditEvent.objects.get(action="identity.profile_update")
    assert event.summary["changed"] == ["address", "birth_date", "id_number"]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"id_number": "03809000123"}, "id_number", "Số định danh cá nhân gồm 12 chữ số."),
        ({"birth_date": "2999-01-01"}, "birth_date", "Vui lòng nhập ngày sinh hợp lệ."),
        ({"birth_date": "12/05/1990x"}, "birth_date", "Nhập ngày theo dạng ngày/tháng/năm."),
        ({"full_name": ""}, "full_name", "Vui lòng nhập họ và tên."),
    ],
)
def test_bad_details_are_refused_next_to_the_field_and_nothing_is_saved(client, citizen, fields, field, message):
    client.force_login(citizen)
    response = save(client, address="Địa chỉ mới", **fields)
    assert response.status_code == 422
    text = response.content.decode()
    assert message in text[text.index(f'data-testid="error-{field}"') :][:300]
    citizen.citizen_profile.refresh_from_db()
    assert citizen.citizen_profile.address == ""


def test_a_number_verified_by_vneid_cannot_be_changed_by_hand(client, citizen):
    profile = citizen.citizen_profile
    profile.id_number, profile.id_verified, profile.vneid_subject = "038090001234", True, "038090001234"
    profile.save()
    client.force_login(citizen)
    page = client.get("/tai-khoan/ho-so/").content.decode()
    assert "readonly" in page[page.index('id="id_id_number"') :][:300]
    response = save(client, id_number="038090009999")
    assert response.status_code == 422
    assert "Số này đã được xác thực qua VNeID" in response.content.decode()


def test_prefill_is_empty_for_staff_and_visitors(demo):
    from django.contrib.auth.models import AnonymousUser

    from chinhquyenso.core.models import User

    assert citizen_prefill(User.objects.get(username="motcua"))["id_number"] == ""
    assert set(citizen_prefill(AnonymousUser()).values()) == {""}


def test_auth_method_reads_the_session():
    request = RequestFactory().get("/")
    request.session = {}
    assert auth_method(request) == ""
    auth_method_set(request, "vneid")
    assert request.session["cqs_auth_method"] == "vneid" and auth_method(request) == "vneid"
    request.session["cqs_auth_method"] = "something-else"
    assert auth_method(request) == ""
    with pytest.raises(ValueError, match="unknown"):
        auth_method_set(request, "magic")


def test_citizen_required_lets_a_citizen_through(citizen):
    @citizen_required
    def page(request):
        return "ok"

    request = RequestFactory().get("/dich-vu-cong/nop/")
    request.user = citizen
    assert page(request) == "ok"


def test_demo_creates_a_citizen_and_prints_its_log_in(capsys, units):
    call_command("demo")
    call_command("demo")  # idempotent
    out = capsys.readouterr().out
    assert "Công dân demo" in out and "0912345678" in out
    from chinhquyenso.core.models import AccountKind, User

    citizen = User.objects.get(kind=AccountKind.CITIZEN)
    assert citizen.citizen_profile.verified_phone == "0912345678"
    assert citizen.citizen_profile.id_number == "038090001234"
