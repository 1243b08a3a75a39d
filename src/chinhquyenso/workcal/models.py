"""The stored calendar: dated exceptions to the weekly pattern, per-agency sessions, and versions.

The national calendar (``agency`` empty) is seeded from ``holidays.VN`` and edited by a system administrator;
an agency may add, rename or cancel days and set its own sessions. Every change creates a ``CalendarVersion``
holding a snapshot of its scope, so a deadline computed under version N can be recomputed and explained later.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Day off")
    MAKEUP_WORKDAY = "makeup_workday", _("Make-up working day")
    # Agency scope only: a working day although the national calendar has a day off on that date.
    WORKDAY = "workday", _("Working day")


class CalendarDay(models.Model):
    agency = models.ForeignKey("units.Agency", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=DayKind.choices)
    name = models.CharField(_("name"), max_length=200)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)

    class Meta:
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "day"], name="calendar_day_unique_per_agency"),
            models.UniqueConstraint(
                fields=["day"], condition=models.Q(agency__isnull=True), name="calendar_day_unique_national"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.name}"


class AgencyWorkingHours(models.Model):
    agency = models.OneToOneField("units.Agency", on_delete=models.CASCADE, related_name="+")
    sessions = models.JSONField(help_text='[["07:30", "11:30"], ["13:30", "17:30"]]')
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)

    def __str__(self) -> str:
        return f"{self.agency_id}: {self.sessions}"


class CalendarVersion(models.Model):
    """One numbered state of a scope (national or one agency), with the snapshot needed to rebuild it."""

    agency = models.ForeignKey("units.Agency", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(max_length=300, blank=True)
    snapshot = models.JSONField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="calendar_version_unique"),
            models.UniqueConstraint(
                fields=["number"],
                condition=models.Q(agency__isnull=True),
                name="calendar_version_unique_national",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id or 'national'} v{self.number}"
