"""The sync ratio of a period (Decision 766, indicator 1.4): dossiers received in it that reached the portal."""

from datetime import UTC, date, datetime

import pytest

from chinhquyenso.core.errors import ValidationFailed
from chinhquyenso.dvcqg.models import OutboxItem, OutboxStatus
from chinhquyenso.dvcqg.selectors import dvcqg_sync_ratio
from tests.dvcqg.conftest import enqueue, make_snapshot

pytestmark = pytest.mark.django_db

MARCH = {"date_from": date(2026, 3, 1), "date_to": date(2026, 3, 31)}


def queue(code, received, status=None):
    (item,) = enqueue(make_snapshot(code=code, received_at=received, submitted_at=received))
    if status is not None:
        OutboxItem.objects.filter(pk=item.pk).update(status=status, sent_at=received)
    return item


def test_ratio_counts_dossiers_received_in_the_period_once_each():
    queue("A-260302-0001", datetime(2026, 3, 2, 1, 0, tzinfo=UTC), OutboxStatus.SENT)
    # A later state of the same dossier, still pending: the dossier is synced already.
    enqueue(make_snapshot(code="A-260302-0001", received_at=datetime(2026, 3, 2, 1, 0, tzinfo=UTC), status=4))
    queue("A-260303-0002", datetime(2026, 3, 3, 1, 0, tzinfo=UTC), OutboxStatus.FAILED)
    queue("A-260304-0003", datetime(2026, 3, 4, 1, 0, tzinfo=UTC))
    queue("A-260401-0004", datetime(2026, 4, 1, 1, 0, tzinfo=UTC), OutboxStatus.SENT)  # outside
    ratio = dvcqg_sync_ratio(**MARCH)
    assert (ratio.known, ratio.synced, ratio.failed, ratio.denominator) == (3, 1, 1, 3)
    assert ratio.ratio == pytest.approx(1 / 3)


def test_period_days_are_vietnam_days():
    # 31/03 17:30 UTC is 01/04 00:30 in Vietnam: April, not March.
    queue("A-260401-0001", datetime(2026, 3, 31, 17, 30, tzinfo=UTC), OutboxStatus.SENT)
    assert dvcqg_sync_ratio(**MARCH).known == 0
    assert dvcqg_sync_ratio(date_from=date(2026, 4, 1), date_to=date(2026, 4, 1)).known == 1


def test_the_larger_reported_total_is_the_denominator_and_an_agency_filters_by_code():
    queue("000.00.15.H38-260302-0001", datetime(2026, 3, 2, 1, 0, tzinfo=UTC), OutboxStatus.SENT)
    queue("000.00.16.H38-260302-0001", datetime(2026, 3, 2, 1, 0, tzinfo=UTC), OutboxStatus.SENT)
    assert dvcqg_sync_ratio(**MARCH, reported_total=4).ratio == 0.5
    assert dvcqg_sync_ratio(**MARCH, reported_total=1).ratio == 1.0
    mine = dvcqg_sync_ratio(**MARCH, agency_identifier="000.00.15.H38")
    assert (mine.known, mine.synced) == (1, 1)


def test_an_empty_period_has_no_ratio_and_a_reversed_one_is_refused():
    assert dvcqg_sync_ratio(**MARCH).ratio is None
    with pytest.raises(ValidationFailed):
        dvcqg_sync_ratio(date_from=date(2026, 3, 31), date_to=date(2026, 3, 1))
