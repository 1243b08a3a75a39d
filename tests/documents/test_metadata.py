"""App. VI metadata: every field's length limit is enforced before anything is written, in Vietnamese."""

import pytest
from django.utils import translation

from chinhquyenso.core.errors import ValidationFailed
from chinhquyenso.documents.metadata import INCOMING_NUMBERS, INCOMING_TEXT, OUTGOING_NUMBERS, OUTGOING_TEXT
from chinhquyenso.documents.models import IncomingDocument, OutgoingDocument
from chinhquyenso.documents.services.incoming import incoming_register_paper
from chinhquyenso.documents.services.outgoing import RecipientIn, outgoing_create

pytestmark = pytest.mark.django_db

APP_VI = {
    "type_name": 100,
    "number": 11,
    "notation": 30,
    "organ_id": 13,
    "organ_name": 200,
    "subject": 500,
    "language": 30,
    "description": 500,
    "signer_position": 100,
    "signer_full_name": 50,
}


def test_the_limits_are_app_vi_and_match_the_columns():
    for name, limit in APP_VI.items():
        assert OUTGOING_TEXT[name] == INCOMING_TEXT[name] == limit
        assert OutgoingDocument._meta.get_field(name).max_length == limit
        assert IncomingDocument._meta.get_field(name).max_length == limit
    assert INCOMING_TEXT["to_places"] == IncomingDocument._meta.get_field("to_places").max_length == 1000
    assert OUTGOING_NUMBERS == {"page_amount": 3, "issued_amount": 3}
    assert INCOMING_NUMBERS == {"page_amount": 3, "arrival_number": 10}


@pytest.mark.parametrize(
    "field", ["subject", "description", "signer_position", "signer_full_name", "language", "drafting_unit"]
)
def test_an_outgoing_field_one_character_too_long_is_refused_in_vietnamese(staff, tho_xuan, types, field):
    limit = OUTGOING_TEXT[field]
    values = {"subject": "Về việc kiện toàn", field: "A" * (limit + 1)}
    with translation.override("vi"), pytest.raises(ValidationFailed) as raised:
        outgoing_create(actor=staff["specialist"], agency=tho_xuan, document_type=types["quyet-dinh"], **values)
    messages = [str(m) for m in raised.value.fields[field]]
    if field != "drafting_unit":
        assert messages == [f"Tối đa {limit} ký tự (Phụ lục VI Nghị định 30/2020); đang có {limit + 1}."]
    assert not OutgoingDocument.objects.exists()


def test_at_the_limit_is_accepted(staff, tho_xuan, types):
    document = outgoing_create(
        actor=staff["specialist"],
        agency=tho_xuan,
        document_type=types["quyet-dinh"],
        subject="Đ" * 500,
        signer_full_name="N" * 50,
        page_amount=999,
        recipients=[RecipientIn(organ_name="X" * 200)],
    )
    assert len(document.subject) == 500


def test_incoming_numbers_and_recipients_are_checked(staff, tho_xuan, types):
    with translation.override("vi"), pytest.raises(ValidationFailed) as raised:
        incoming_register_paper(
            actor=staff["clerk"],
            agency=tho_xuan,
            document_type=types["cong-van"],
            subject="",
            organ_name="Sở Tài chính",
            page_amount=1000,
            number="5",
            notation="stc ns",
            to_places="x" * 1001,
        )
    fields = {k: [str(m) for m in v] for k, v in raised.value.fields.items()}
    assert fields["subject"] == ["Nhập trích yếu nội dung."]
    assert fields["page_amount"] == ["Tối đa 3 chữ số (Phụ lục VI Nghị định 30/2020)."]
    assert fields["number"] == ["Ghi số dạng 05, 12 hoặc 123: chỉ thêm số 0 phía trước với số nhỏ hơn 10."]
    assert fields["notation"] == ["Ký hiệu không có dấu cách: các nhóm chữ nối với nhau bằng dấu '-'."]
    assert "to_places" in fields
    with translation.override("vi"), pytest.raises(ValidationFailed) as raised:
        outgoing_create(
            actor=staff["specialist"],
            agency=tho_xuan,
            document_type=types["cong-van"],
            subject="Về việc",
            recipients=[RecipientIn(organ_id="1" * 14, organ_name="Y" * 201)],
        )
    assert set(raised.value.fields) == {"recipients.0.organ_id", "recipients.0.organ_name", "drafting_unit"}
    assert [str(m) for m in raised.value.fields["drafting_unit"]] == [
        "Ký hiệu công văn cần đơn vị soạn thảo, ví dụ UBND-VP."
    ]
