"""Reads of the outbox: the synchronisation ratio that Decision 766 scores (indicator 1.4, 6 points)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils.translation import gettext as _

from chinhquyenso.core.errors import ValidationFailed
from chinhquyenso.dvcqg.models import OutboxItem, OutboxKind, OutboxStatus
from chinhquyenso.dvcqg.payload import PORTAL_ZONE


@dataclass(frozen=True)
class SyncRatio:
    date_from: date
    date_to: date
    known: int  # dossiers received in the period that were queued for the portal
    synced: int  # … of which the portal accepted at least one state
    failed: int  # … of which none reached the portal and at least one state was given up
    denominator: int  # the larger of ``known`` and the count reported elsewhere
    ratio: float | None  # synced ÷ denominator; None when there is nothing to divide by (no points in 766)


def dvcqg_sync_ratio(
    *, date_from: date, date_to: date, agency_identifier: str | None = None, reported_total: int | None = None
) -> SyncRatio:
    """Dossiers received from ``date_from`` to ``date_to`` (both included, Vietnam days) synced ÷ counted.

    766 divides by the larger of the counts reported to the national reporting system and to the portal; pass the
    dossiers app's own count of received dossiers as ``reported_total`` and the larger one is used.
    ``agency_identifier`` keeps dossiers whose code starts with that agency's identifier (``{identifier}-…``).
    This is an aggregate with no personal data; the scorecard that shows it decides who may see it.
    """
    if date_to < date_from:
        raise ValidationFailed(fields={"date_to": [_("The end of the period is before its start.")]})
    start = datetime.combine(date_from, time.min, tzinfo=PORTAL_ZONE)
    end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=PORTAL_ZONE)
    items = OutboxItem.objects.filter(kind=OutboxKind.DOSSIER, received_at__gte=start, received_at__lt=end)
    if agency_identifier:
        items = items.filter(dossier_code__startswith=f"{agency_identifier}-")
    codes = items.order_by().values("dossier_code")
    known = codes.distinct().count()
    synced_codes = OutboxItem.objects.filter(
        kind=OutboxKind.DOSSIER, dossier_code__in=codes, status=OutboxStatus.SENT
    ).values("dossier_code")
    synced = synced_codes.distinct().count()
    failed = (
        items.filter(status=OutboxStatus.FAILED)
        .exclude(dossier_code__in=synced_codes)
        .values("dossier_code")
        .distinct()
        .count()
    )
    denominator = max(known, reported_total or 0)
    return SyncRatio(
        date_from=date_from,
        date_to=date_to,
        known=known,
        synced=synced,
        failed=failed,
        denominator=denominator,
        ratio=(synced / denominator) if denominator else None,
    )
