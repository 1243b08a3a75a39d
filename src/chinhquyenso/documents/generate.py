"""Bulk test data: ``chinhquyenso generate documents --count N`` inserts N documents (half outgoing, half
incoming) across the agencies on the platform, with numbers, arrival numbers and registers kept consistent,
so numbering continues correctly afterwards. Bulk inserts, not services: one audit row records the run.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from django.db import transaction
from django.db.models import Max

from chinhquyenso.core.services.audit import audit_record
from chinhquyenso.documents.folding import search_text_of
from chinhquyenso.documents.models import (
    DocumentRegister,
    DocumentType,
    IncomingDocument,
    IncomingStatus,
    Medium,
    OutgoingDocument,
    OutgoingStatus,
)
from chinhquyenso.documents.notation import build_notation, document_identifier, format_number
from chinhquyenso.documents.numbering import incoming_series, organ_abbreviation, outgoing_series
from chinhquyenso.documents.seed import ensure_document_types
from chinhquyenso.units.models import Agency

PREFIXES = ["Về việc", "Kế hoạch", "Hướng dẫn", "Báo cáo kết quả", "Tăng cường", "Triển khai", "Tổ chức"]
TOPICS = [
    "chuyển đổi số",
    "cải cách hành chính",
    "phòng, chống cháy rừng",
    "thu ngân sách",
    "dự toán ngân sách",
    "quản lý đất đai",
    "xây dựng nông thôn mới",
    "phòng, chống dịch bệnh",
    "an toàn giao thông",
    "tuyển sinh đầu cấp",
    "tiêm chủng mở rộng",
    "bảo hiểm y tế",
    "giảm nghèo bền vững",
    "chi trả trợ cấp",
    "quốc phòng toàn dân",
    "tuyển quân",
    "phòng chống thiên tai",
    "vệ sinh an toàn thực phẩm",
    "bầu cử đại biểu",
    "thi đua khen thưởng",
    "kiện toàn Ban Chỉ đạo",
    "tiếp công dân",
    "giải quyết khiếu nại",
    "cấp giấy chứng nhận quyền sử dụng đất",
    "đăng ký hộ tịch",
    "chứng thực điện tử",
    "dịch vụ công trực tuyến",
    "thanh toán không dùng tiền mặt",
    "định danh điện tử",
    "môi trường và rác thải",
    "nước sạch nông thôn",
    "xây dựng đường giao thông",
    "trồng rừng thay thế",
    "chăn nuôi an toàn",
    "phát triển du lịch",
    "văn hóa cơ sở",
    "thể dục thể thao",
    "trẻ em có hoàn cảnh khó khăn",
    "người cao tuổi",
    "lao động việc làm",
]
PLACES = ["trên địa bàn xã", "năm 2026", "quý I", "quý II", "6 tháng đầu năm", "giai đoạn 2026-2030", "tháng 9"]
SENDERS = [
    ("000.00.00.H56", "Ủy ban nhân dân tỉnh Thanh Hóa", "UBND"),
    ("000.00.12.H56", "Sở Tài chính tỉnh Thanh Hóa", "STC"),
    ("000.00.16.H56", "Sở Nội vụ tỉnh Thanh Hóa", "SNV"),
    ("000.00.20.H56", "Sở Nông nghiệp và Môi trường tỉnh Thanh Hóa", "SNNMT"),
    ("000.00.18.H56", "Sở Y tế tỉnh Thanh Hóa", "SYT"),
]
TYPE_CODES = ["cong-van", "quyet-dinh", "ke-hoach", "bao-cao", "thong-bao", "to-trinh", "giay-moi", "huong-dan"]
BATCH = 5000


def _subject(rng: random.Random) -> str:
    return f"{rng.choice(PREFIXES)} {rng.choice(TOPICS)} {rng.choice(PLACES)}"


def generate_documents(*, count: int, years=(2024, 2025, 2026), seed: int = 2026, progress=None) -> dict:
    """Inserts ``count`` documents; returns {"outgoing": n, "incoming": n, "agencies": n}."""
    ensure_document_types()
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    agencies = list(Agency.objects.order_by("id"))
    if not agencies:
        raise ValueError("no agency: load the demo data first (chinhquyenso demo)")
    types = {t.code: t for t in DocumentType.objects.filter(code__in=TYPE_CODES)}
    abbreviations = {a.pk: organ_abbreviation(a) for a in agencies}
    # Per (agency, year): the administrative and incoming registers and their next numbers.
    registers: dict[tuple[str, int, int], list] = {}
    with transaction.atomic():
        for agency in agencies:
            administrative = outgoing_series(agency, document_type=types["cong-van"])
            arrivals = incoming_series(agency)
            for year in years:
                for kind, series, model, field in (
                    ("out", administrative, OutgoingDocument, "sequence"),
                    ("in", arrivals, IncomingDocument, "arrival_number"),
                ):
                    DocumentRegister.objects.bulk_create(
                        [DocumentRegister(series=series, year=year)], ignore_conflicts=True
                    )
                    register = DocumentRegister.objects.get(series=series, year=year)
                    used = model.objects.filter(register=register).aggregate(m=Max(field))["m"] or 0
                    registers[(kind, agency.pk, year)] = [register, max(used, register.last_number)]
    made = {"outgoing": 0, "incoming": 0}
    day_span = {year: (date(year, 1, 2), date(year, 12, 30)) for year in years}
    remaining = count
    while remaining > 0:
        size = min(BATCH, remaining)
        outgoing_rows, incoming_rows = [], []
        for _ in range(size):
            agency = rng.choice(agencies)
            year = rng.choice(years)
            first, last = day_span[year]
            day = first + timedelta(days=rng.randrange((last - first).days))
            moment = datetime(day.year, day.month, day.day, rng.randrange(1, 10), rng.randrange(60), tzinfo=UTC)
            kind = types[rng.choice(TYPE_CODES)]
            if rng.random() < 0.5:
                slot = registers[("out", agency.pk, year)]
                slot[1] += 1
                number = format_number(slot[1])
                notation = build_notation(
                    type_abbreviation=kind.abbreviation,
                    organ=abbreviations[agency.pk],
                    unit="VP" if not kind.abbreviation else "",
                )
                row = OutgoingDocument(
                    agency=agency,
                    document_type=kind,
                    type_name=kind.name,
                    number=number,
                    notation=notation,
                    issued_date=day,
                    organ_id=agency.identifier[:13],
                    organ_name=agency.name[:200],
                    subject=_subject(rng),
                    signer_position="Chủ tịch",
                    signer_full_name="Nguyễn Văn An",
                    status=OutgoingStatus.DISPATCHED,
                    register=slot[0],
                    sequence=slot[1],
                    year=year,
                    approval_channel="system",
                    medium=Medium.ELECTRONIC,
                    numbered_at=moment,
                    dispatched_at=moment,
                    document_identifier=document_identifier(
                        organ_id=agency.identifier, issued_on=day, number=number, notation=notation
                    ),
                )
                row.search_text = search_text_of(row)
                outgoing_rows.append(row)
            else:
                slot = registers[("in", agency.pk, year)]
                slot[1] += 1
                sender_id, sender_name, sender_abbr = rng.choice(SENDERS)
                row = IncomingDocument(
                    agency=agency,
                    document_type=kind,
                    type_name=kind.name,
                    number=format_number(rng.randrange(1, 3000)),
                    notation=build_notation(
                        type_abbreviation=kind.abbreviation,
                        organ=sender_abbr,
                        unit="VP" if not kind.abbreviation else "",
                    ),
                    issued_date=day - timedelta(days=rng.randrange(0, 3)),
                    organ_id=sender_id,
                    organ_name=sender_name,
                    subject=_subject(rng),
                    status=rng.choice([IncomingStatus.RECEIVED, IncomingStatus.DONE]),
                    register=slot[0],
                    arrival_number=slot[1],
                    arrival_date=day,
                    arrived_at=moment,
                    year=year,
                    medium=rng.choice([Medium.ELECTRONIC, Medium.PAPER]),
                )
                row.search_text = search_text_of(row)
                incoming_rows.append(row)
        with transaction.atomic():
            OutgoingDocument.objects.bulk_create(outgoing_rows, batch_size=1000)
            IncomingDocument.objects.bulk_create(incoming_rows, batch_size=1000)
        made["outgoing"] += len(outgoing_rows)
        made["incoming"] += len(incoming_rows)
        remaining -= size
        if progress is not None:
            progress(count - remaining)
    with transaction.atomic():
        for register, last in registers.values():
            DocumentRegister.objects.filter(pk=register.pk, last_number__lt=last).update(last_number=last)
        audit_record(actor=None, action="documents.generate", object_type="documents.document", summary=made)
    return {**made, "agencies": len(agencies)}
