"""Reminders on incoming documents: before the deadline (within N working days) and after it.

``reminders_due`` only reads; ``reminders_send`` writes one reminder per assignment, kind and day (so running
the command twice a day sends nothing new) and leaves a notice for the agency.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chinhquyenso.core.services.audit import audit_record
from chinhquyenso.documents.models import (
    DocumentReminder,
    IncomingAssignment,
    IncomingStatus,
    ReminderKind,
)
from chinhquyenso.documents.services.common import notify_agency
from chinhquyenso.workcal.selectors import deadline_compute


@dataclass(frozen=True)
class DueReminder:
    assignment: IncomingAssignment
    kind: str

    @property
    def line(self) -> str:
        document = self.assignment.document
        due = timezone.localtime(self.assignment.due_at)
        label = _("due") if self.kind == ReminderKind.BEFORE else _("overdue since")
        return (
            f"{document.agency.name} | {_('arrival no.')} {document.arrival_number} | {document.number_notation} | "
            f"{self.assignment.unit_name} | {label} {due:%d/%m/%Y %H:%M}"
        )


def reminders_due(*, at: datetime | None = None, before_working_days: int = 1) -> list[DueReminder]:
    at = at or timezone.now()
    open_rows = (
        IncomingAssignment.objects.filter(active=True, done_at__isnull=True, document__status=IncomingStatus.ASSIGNED)
        .select_related("document", "document__agency", "handler")
        .order_by("due_at", "id")
    )
    found: list[DueReminder] = []
    horizons: dict[int, datetime] = {}
    for row in open_rows.iterator(chunk_size=500):
        if row.due_at <= at:
            found.append(DueReminder(row, ReminderKind.AFTER))
            continue
        agency_id = row.document.agency_id
        if agency_id not in horizons:
            horizons[agency_id] = deadline_compute(
                agency_id=agency_id, received=at, limit=before_working_days, unit="working-days"
            ).due_at
        if row.due_at <= horizons[agency_id]:
            found.append(DueReminder(row, ReminderKind.BEFORE))
    return found


def reminders_send(*, at: datetime | None = None, before_working_days: int = 1) -> list[DueReminder]:
    """Sends what is due and not yet sent today; returns what was sent."""
    at = at or timezone.now()
    today = timezone.localdate(at)
    sent: list[DueReminder] = []
    for item in reminders_due(at=at, before_working_days=before_working_days):
        try:
            with transaction.atomic():
                DocumentReminder.objects.create(assignment=item.assignment, kind=item.kind, sent_on=today, sent_at=at)
                document = item.assignment.document
                message = (
                    _("Deadline approaching: %(code)s (%(unit)s), due %(due)s")
                    if item.kind == ReminderKind.BEFORE
                    else _("Deadline passed: %(code)s (%(unit)s), was due %(due)s")
                ) % {
                    "code": document.number_notation or document.subject[:60],
                    "unit": item.assignment.unit_name,
                    "due": f"{timezone.localtime(item.assignment.due_at):%d/%m/%Y %H:%M}",
                }
                notify_agency(agency=document.agency, kind=f"reminder_{item.kind}", message=message, incoming=document)
                audit_record(
                    actor=None,
                    action="documents.reminder_send",
                    obj=item.assignment,
                    summary={"kind": item.kind, "document": document.pk},
                )
        except IntegrityError:
            continue  # already sent today
        sent.append(item)
    return sent
