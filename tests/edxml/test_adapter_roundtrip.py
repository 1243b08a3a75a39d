"""An outgoing document survives the trip through edXML: what the recipient system reads back is what was sent."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from chinhquyenso.documents.exchange import OutgoingPackage, PackageFile
from chinhquyenso.edxml.adapter import edxml_document, outgoing_package_from
from chinhquyenso.edxml.package import read_package, write_package

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
text = st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " ,.-()/0123456789", min_size=1, max_size=200)
notation = st.from_regex(r"[A-ZĐ]{1,4}(-[A-ZĐ]{1,5}){1,2}", fullmatch=True)
files = st.lists(
    st.tuples(st.from_regex(r"[a-z0-9-]{1,20}\.(pdf|docx)", fullmatch=True), st.binary(max_size=300)),
    max_size=3,
    unique_by=lambda f: f[0],
)


@settings(max_examples=60, deadline=None)
@given(
    subject=text,
    signer=text,
    position=text,
    number=st.integers(1, 9999).map(lambda n: f"{n:02d}"),
    notation=notation,
    issued=st.dates(date(2000, 1, 1), date(2099, 12, 31)),
    due=st.none() | st.dates(date(2000, 1, 1), date(2099, 12, 31)),
    priority=st.integers(0, 3),
    official_letter=st.booleans(),
    attachments=files,
)
def test_an_outgoing_document_reads_back_as_sent(
    subject, signer, position, number, notation, issued, due, priority, official_letter, attachments
):
    sent = OutgoingPackage(
        outgoing_id=1,
        document_identifier=f"000.01.27.H56,{issued:%Y/%m/%d},{number}/{notation}",
        sender_organ_id="000.01.27.H56",
        sender_organ_name="Ủy ban nhân dân xã Thọ Xuân",
        number=number,
        notation=notation,
        issued_date=issued,
        type_code="cong-van" if official_letter else "quyet-dinh",
        type_name="Công văn" if official_letter else "Quyết định",
        subject=subject,
        signer_position=position,
        signer_full_name=signer,
        priority=priority,
        secrecy=0,
        due_date=due,
        page_amount=None,
        language="Tiếng Việt",
        description="",
        files=tuple(PackageFile(name, "application/pdf", content, "", "signed") for name, content in attachments),
        promulgation_place="Thọ Xuân",
    )
    got = outgoing_package_from(read_package(write_package(edxml_document(sent, ("000.02.27.H56",)))))
    for name in (
        "document_identifier",
        "sender_organ_id",
        "sender_organ_name",
        "number",
        "notation",
        "issued_date",
        "type_name",
        "subject",
        "signer_position",
        "signer_full_name",
        "priority",
        "due_date",
        "promulgation_place",
    ):
        assert getattr(got, name) == getattr(sent, name), name
    assert got.type_code == ("cong-van" if official_letter else "")
    assert [(f.name, f.content) for f in got.files] == [(f.name, f.content) for f in sent.files]
