"""Search ignores diacritics and case, matches every word, covers fields, and stays inside the user's agencies."""

import pytest
from django.db import connection

from chinhquyenso.documents.folding import fold
from chinhquyenso.documents.selectors import document_search, incoming_list_for, outgoing_list_for
from tests.documents.flows import draft, numbered, paper_incoming

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents(staff, tho_xuan, lam_son, types):
    return {
        "kien_toan": numbered(staff, tho_xuan, types, subject="Về việc kiện toàn Ban Chỉ đạo chuyển đổi số").document,
        "ngan_sach": paper_incoming(
            staff, tho_xuan, types, subject="Hướng dẫn lập dự toán ngân sách năm 2027"
        ).document,
        "dat_dai": draft(staff, tho_xuan, types, subject="Tờ trình về quản lý đất đai", code="to-trinh"),
        "lam_son": draft(staff, lam_son, types, subject="Kiện toàn Tổ công tác đất đai xã Lâm Sơn"),
    }


def _subjects(results):
    return sorted(d.subject for d in results)


def test_words_match_without_diacritics_or_case(staff, documents):
    clerk = staff["clerk"]
    assert _subjects(document_search(user=clerk, text="kien toan chuyen doi so")) == [documents["kien_toan"].subject]
    assert _subjects(document_search(user=clerk, text="NGÂN SÁCH 2027")) == [documents["ngan_sach"].subject]
    assert _subjects(document_search(user=clerk, text="Đất Đai")) == [documents["dat_dai"].subject]
    assert document_search(user=clerk, text="dat dai lam son") == []  # Lâm Sơn's draft is not Thọ Xuân's


def test_number_notation_and_issuing_body_are_searchable(staff, documents):
    clerk = staff["clerk"]
    assert _subjects(document_search(user=clerk, text="01/QĐ-UBND")) == [documents["kien_toan"].subject]
    assert _subjects(document_search(user=clerk, text="so tai chinh")) == [documents["ngan_sach"].subject]


def test_field_filters(staff, documents):
    clerk = staff["clerk"]
    assert list(outgoing_list_for(user=clerk, status="numbered")) == [documents["kien_toan"]]
    assert list(outgoing_list_for(user=clerk, type_code="to-trinh")) == [documents["dat_dai"]]
    assert list(incoming_list_for(user=clerk, organ="Sở Tài chính")) == [documents["ngan_sach"]]
    assert list(incoming_list_for(user=clerk, notation="STC-NS")) == [documents["ngan_sach"]]
    assert list(document_search(user=clerk, text="kien toan", direction="incoming")) == []


def test_the_folded_column_agrees_with_postgresql_unaccent():
    if connection.vendor != "postgresql":
        pytest.skip("unaccent is PostgreSQL's")
    samples = ["Đà Nẵng", "Quyết định KIỆN TOÀN", "Thọ Xuân, Thanh Hóa", "ưu tiên ỨNG DỤNG", "Hỏa tốc - Thượng khẩn"]
    with connection.cursor() as cursor:
        for sample in samples:
            cursor.execute("SELECT lower(unaccent(%s))", [sample])
            assert " ".join(cursor.fetchone()[0].split()) == fold(sample)


def test_postgresql_has_the_trigram_index():
    if connection.vendor != "postgresql":
        pytest.skip("GIN trigram indexes are PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%gin_trgm_ops%' ORDER BY indexname")
        assert [row[0] for row in cursor.fetchall()] == ["incoming_search_trgm", "outgoing_search_trgm"]
