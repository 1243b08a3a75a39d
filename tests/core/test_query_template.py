"""A read compiled once and run with new values: each run answers for its own values."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from chinhquyenso.core.query_template import QueryTemplate
from chinhquyenso.dvcqg.models import OutboxItem

pytestmark = pytest.mark.django_db


def _rows():
    OutboxItem.objects.bulk_create(
        [
            OutboxItem(kind="history", dossier_code=code, payload={"n": n}, idempotency_key=f"{code}-{n}", attempts=n)
            for n, code in enumerate(["A-1", "A-1", "B-2", "C-3"])
        ]
    )


def test_each_run_answers_for_its_own_values():
    _rows()
    template = QueryTemplate(
        lambda code, least: (
            OutboxItem.objects.filter(dossier_code=code, attempts__gte=least)
            .order_by("attempts")
            .values("idempotency_key", "payload")
        ),
        str,
        int,
    )
    assert [r["idempotency_key"] for r in template.rows("A-1", 0)] == ["A-1-0", "A-1-1"]
    assert template.rows("A-1", 1) == [{"idempotency_key": "A-1-1", "payload": {"n": 1}}]  # JSON decoded by Django
    assert template.first("B-2", 0)["idempotency_key"] == "B-2-2"
    assert template.first("B-2", 3) is None
    assert template.rows("Z-9", 0) == []


def test_a_parameter_django_rewrites_is_refused_rather_than_run_with_the_marker():
    template = QueryTemplate(lambda code: OutboxItem.objects.filter(dossier_code__icontains=code).values("id"), str)
    with pytest.raises(ImproperlyConfigured):
        template.rows("A")


def test_a_key_beyond_any_column_finds_nothing():
    template = QueryTemplate(lambda pk: OutboxItem.objects.filter(pk=pk).values("id"), int)
    assert template.rows(2**70) == []
