from datetime import UTC, datetime

import pytest
from django.db import transaction

from chinhquyenso.dvcqg.fake_portal import FakeDvcqgPortal
from chinhquyenso.dvcqg.services import dvcqg_enqueue_dossier, dvcqg_enqueue_history
from chinhquyenso.dvcqg.snapshots import (
    Attachment,
    Channel,
    DossierSnapshot,
    FeeLine,
    HistoryStep,
    IdentifierKind,
    ResultDocument,
)

TOKEN = "token-thu-nghiem"
RECEIVED = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)  # 08:30 in Hà Nội


def make_snapshot(code="000.00.15.H38-260302-0001", **overrides) -> DossierSnapshot:
    values = {
        "code": code,
        "procedure_code": "2.000908",
        "procedure_name": "Chứng thực bản sao từ bản chính",
        "field_code": "G09-TP06",
        "field_name": "Chứng thực",
        "channel": Channel.COUNTER,
        "owner_name": "Nguyễn Thị Hoà",
        "owner_id_number": "038190000123",
        "owner_id_kind": IdentifierKind.CITIZEN_ID,
        "phone": "0912345678",
        "summary": "Chứng thực 3 bản sao giấy khai sinh",
        "received_at": RECEIVED,
        "due_at": datetime(2026, 3, 3, 9, 0, tzinfo=UTC),
        "submitted_at": RECEIVED,
        "status": 2,
        "processing_unit": "UBND xã Quảng Phú",
        "fees": [FeeLine(name="Lệ phí chứng thực", code="LP01", amount=6000)],
        "attachments": [Attachment(name="Giấy khai sinh", component_code="TP01", download_url="https://x.vn/f/1")],
        "result_documents": [ResultDocument(name="Bản sao chứng thực", result_code="KQ01")],
    }
    values.update(overrides)
    return DossierSnapshot(**values)


def make_step(code="000.00.15.H38-260302-0001", **overrides) -> HistoryStep:
    values = {
        "dossier_code": code,
        "handler": "Lê Văn Tâm",
        "title": "Công chức tư pháp",
        "handled_at": datetime(2026, 3, 2, 2, 0, tzinfo=UTC),
        "department": "Bộ phận Một cửa",
        "content": "Tiếp nhận hồ sơ",
        "status": 2,
    }
    values.update(overrides)
    return HistoryStep(**values)


def enqueue(*things):
    """Queue snapshots and steps the way the dossiers app does: inside its own transaction."""
    items = []
    with transaction.atomic():
        for thing in things:
            if isinstance(thing, DossierSnapshot):
                items.append(dvcqg_enqueue_dossier(snapshot=thing))
            else:
                items.append(dvcqg_enqueue_history(step=thing))
    return items


@pytest.fixture
def portal(settings):
    with FakeDvcqgPortal(token=TOKEN) as fake:
        settings.DVCQG_CREATE_URL = fake.create_url
        settings.DVCQG_UPDATE_URL = fake.update_url
        settings.DVCQG_HISTORY_URL = fake.history_url
        settings.DVCQG_TOKEN = TOKEN
        settings.DVCQG_TIMEOUT_SECONDS = 2
        settings.DVCQG_MAX_ATTEMPTS = 3
        settings.DVCQG_RETRY_BASE_SECONDS = 60
        yield fake
