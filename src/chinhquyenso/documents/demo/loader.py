"""A handful of demo documents in the demo communes, made through the services (so trail and audit exist)."""

from __future__ import annotations

from datetime import date

from chinhquyenso.documents.services.common import FileUpload

THO_XUAN = "000.01.27.H56"
LAM_SON = "000.02.27.H56"


def _pdf(title: str) -> FileUpload:
    from weasyprint import HTML

    html = f'<html lang="vi"><body style="font-family: \'Liberation Serif\'"><h1>{title}</h1></body></html>'
    return FileUpload("van-ban.pdf", "application/pdf", HTML(string=html).write_pdf())


REQUEST_SUBJECT = "Về việc báo cáo kết quả triển khai chuyển đổi số năm 2026"


def ensure_demo_documents(agencies, *, signing: bool = False) -> int:
    """Creates the demo documents once; returns how many documents exist for the demo communes. With
    ``signing`` (the development PKI exists), Lâm Sơn also sends Thọ Xuân a digitally signed request that waits
    in Thọ Xuân's incoming tray: the start of the documents journey."""
    from chinhquyenso.documents.models import IncomingDocument, OutgoingDocument

    _ensure_first_documents(agencies)
    if signing:
        ensure_signed_request(agencies)
    return OutgoingDocument.objects.count() + IncomingDocument.objects.count()


def ensure_signed_request(agencies) -> None:
    """Lâm Sơn's request for a report, drafted, approved, signed by its chairman, numbered, sealed and sent to
    Thọ Xuân on the platform, each step by the Lâm Sơn demo official whose job it is."""
    from chinhquyenso.core.models import User
    from chinhquyenso.documents.demo.drafts import draft_pdf
    from chinhquyenso.documents.models import DocumentType, OutgoingDocument
    from chinhquyenso.documents.seed import ensure_document_types
    from chinhquyenso.documents.services.outgoing import (
        RecipientIn,
        outgoing_approve,
        outgoing_create,
        outgoing_submit,
    )
    from chinhquyenso.documents.services.outgoing_release import outgoing_dispatch, outgoing_number
    from chinhquyenso.documents.services.signatures import outgoing_seal, outgoing_sign

    tho_xuan, lam_son = agencies[THO_XUAN], agencies[LAM_SON]
    if OutgoingDocument.objects.filter(agency=lam_son, subject=REQUEST_SUBJECT).exists():
        return
    users = {u.username: u for u in User.objects.filter(username__in=_LAM_SON_STAFF)}
    if len(users) < len(_LAM_SON_STAFF):
        return
    clerk, specialist, leader = (users[name] for name in _LAM_SON_STAFF)
    ensure_document_types()
    cong_van = DocumentType.objects.get(code="cong-van")
    pdf = draft_pdf(
        parent="",
        agency="Ủy ban nhân dân xã Lam Sơn",
        notation="UBND-VP",
        place="Lam Sơn",
        year=date.today().year,  # noqa: DTZ011 - a demo draft
        type_name="",
        subject="V/v " + REQUEST_SUBJECT.removeprefix("Về việc "),
        paragraphs=[
            "Kính gửi: Ủy ban nhân dân xã Thọ Xuân.",
            "Để tổng hợp báo cáo Ủy ban nhân dân tỉnh, Ủy ban nhân dân xã Lam Sơn đề nghị Ủy ban nhân dân xã Thọ "
            "Xuân báo cáo kết quả triển khai chuyển đổi số năm 2026: tỷ lệ hồ sơ trực tuyến, văn bản điện tử có "
            "chữ ký số và hồ sơ công việc xử lý trên môi trường mạng.",
            "Văn bản trả lời gửi qua hệ thống quản lý văn bản trước ngày 30 của tháng.",
        ],
        competence="TM. ỦY BAN NHÂN DÂN",
        position="Chủ tịch",
        full_name=leader.full_name,
    )
    request = outgoing_create(
        actor=specialist,
        agency=lam_son,
        document_type=cong_van,
        subject=REQUEST_SUBJECT,
        drafting_unit="VP",
        signer_position="Chủ tịch",
        signer_full_name=leader.full_name,
        page_amount=1,
        recipients=[RecipientIn(agency_id=tho_xuan.pk)],
        draft=FileUpload("cong-van-de-nghi-bao-cao.pdf", "application/pdf", pdf),
    )
    outgoing_submit(actor=specialist, document=request)
    outgoing_approve(actor=leader, document=request)
    outgoing_sign(actor=leader, document=request)
    outgoing_number(actor=clerk, document=request)
    outgoing_seal(actor=clerk, document=request)
    outgoing_dispatch(actor=clerk, document=request)


_LAM_SON_STAFF = ("vanthu.lamson", "chuyenvien.lamson", "lanhdao.lamson")


def _ensure_first_documents(agencies) -> None:
    from chinhquyenso.core.models import User
    from chinhquyenso.documents.models import DocumentType, OutgoingDocument
    from chinhquyenso.documents.seed import ensure_document_types
    from chinhquyenso.documents.services.incoming import (
        UnitAssignment,
        incoming_assign,
        incoming_receive,
        incoming_register_paper,
    )
    from chinhquyenso.documents.services.outgoing import (
        RecipientIn,
        outgoing_approve,
        outgoing_create,
        outgoing_mark_signed,
        outgoing_submit,
    )
    from chinhquyenso.documents.services.outgoing_release import outgoing_dispatch, outgoing_number
    from chinhquyenso.documents.services.workfiles import work_file_add_document, work_file_create

    tho_xuan, lam_son = agencies[THO_XUAN], agencies[LAM_SON]
    if OutgoingDocument.objects.filter(agency=tho_xuan).exists():
        return
    ensure_document_types()
    types = {t.code: t for t in DocumentType.objects.all()}
    users = {u.username: u for u in User.objects.filter(username__in=["vanthu", "chuyenvien", "lanhdao"])}
    clerk, specialist, leader = users.get("vanthu"), users.get("chuyenvien"), users.get("lanhdao")

    # Lâm Sơn invites Thọ Xuân to a meeting, on the platform (done by the system for the demo).
    invitation = outgoing_create(
        actor=None,
        agency=lam_son,
        document_type=types["giay-moi"],
        subject="Mời dự hội nghị triển khai chuyển đổi số cấp xã năm 2026",
        signer_position="Chủ tịch",
        signer_full_name="Lê Văn Minh",
        recipients=[RecipientIn(agency_id=tho_xuan.pk)],
        draft=_pdf("Giấy mời hội nghị chuyển đổi số"),
    )
    outgoing_submit(actor=None, document=invitation)
    outgoing_approve(actor=None, document=invitation)
    outgoing_mark_signed(actor=None, document=invitation)
    outgoing_number(actor=None, document=invitation)
    outgoing_dispatch(actor=None, document=invitation)

    # Thọ Xuân: two paper documents, one of them assigned; the invitation received; a decision issued.
    guide = incoming_register_paper(
        actor=clerk,
        agency=tho_xuan,
        document_type=types["huong-dan"],
        subject="Hướng dẫn lập dự toán ngân sách xã năm 2027",
        organ_name="Sở Tài chính tỉnh Thanh Hóa",
        number="215",
        notation="HD-STC",
        issued_date=date(2026, 1, 5),
        signer_position="Giám đốc",
        signer_full_name="Nguyễn Văn Bình",
        page_amount=6,
        scan=_pdf("Hướng dẫn lập dự toán ngân sách"),
    ).document
    incoming_assign(
        actor=leader,
        document=guide,
        lead=UnitAssignment("Bộ phận Tài chính - Kế toán", 10, handler_id=getattr(specialist, "pk", None)),
        cooperating=[UnitAssignment("Văn phòng HĐND và UBND", 5)],
        instruction="Bộ phận Tài chính chủ trì, tham mưu dự toán trình UBND xã.",
    )
    incoming_register_paper(
        actor=clerk,
        agency=tho_xuan,
        document_type=types["cong-van"],
        subject="Về việc tăng cường phòng, chống cháy rừng mùa khô",
        organ_name="Ủy ban nhân dân tỉnh Thanh Hóa",
        number="1024",
        notation="UBND-NN",
        issued_date=date(2026, 1, 8),
        urgency=1,
    )
    arrived = invitation.recipients.get().incoming
    incoming_receive(actor=clerk, document=arrived)

    decision = outgoing_create(
        actor=specialist,
        agency=tho_xuan,
        document_type=types["quyet-dinh"],
        subject="Về việc kiện toàn Ban Chỉ đạo chuyển đổi số xã Thọ Xuân",
        signer_position="Chủ tịch",
        signer_full_name="Trịnh Đình Thắng",
        page_amount=2,
        issued_amount=10,
        recipients=[
            RecipientIn(agency_id=lam_son.pk),
            RecipientIn(organ_name="Các thành viên Ban Chỉ đạo", paper=True),
        ],
        draft=_pdf("Quyết định kiện toàn Ban Chỉ đạo chuyển đổi số"),
    )
    outgoing_submit(actor=specialist, document=decision)
    outgoing_approve(actor=leader, document=decision)
    outgoing_mark_signed(actor=leader, document=decision)
    outgoing_number(actor=clerk, document=decision)
    outgoing_dispatch(actor=clerk, document=decision)
    outgoing_create(
        actor=specialist,
        agency=tho_xuan,
        document_type=types["bao-cao"],
        subject="Báo cáo kết quả thực hiện chuyển đổi số quý I năm 2026",
        recipients=[RecipientIn(organ_id="000.00.00.H56", organ_name="UBND tỉnh")],
    )

    work_file = work_file_create(
        actor=clerk,
        agency=tho_xuan,
        year=date.today().year,  # noqa: DTZ011 - the local year is what the catalogue wants
        code="01.VP",
        title="Hồ sơ kiện toàn Ban Chỉ đạo chuyển đổi số xã",
        maintenance="10 năm",
        rights="Công khai",
    )
    work_file_add_document(actor=clerk, work_file=work_file, document=arrived)
    work_file_add_document(actor=clerk, work_file=work_file, document=decision)
