from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountKind(models.TextChoices):
    STAFF = "staff", _("Staff")
    CITIZEN = "citizen", _("Citizen")


class Role(models.TextChoices):
    ONE_STOP_OFFICER = "one_stop_officer", _("One-stop officer")
    SPECIALIST = "specialist", _("Specialist")
    UNIT_LEADER = "unit_leader", _("Unit leader")
    CLERK = "clerk", _("Clerk")
    REPORTING_OFFICER = "reporting_officer", _("Reporting officer")
    AGENCY_ADMIN = "agency_admin", _("Agency administrator")
    SYSTEM_ADMIN = "system_admin", _("System administrator")


class User(AbstractUser):
    """A staff member (belongs to an agency, holds roles) or a citizen (portal account)."""

    kind = models.CharField(_("account kind"), max_length=10, choices=AccountKind.choices, default=AccountKind.STAFF)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    agency = models.ForeignKey(
        "units.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        verbose_name=_("agency"),
    )
    failed_login_count = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="citizen", agency__isnull=True) | models.Q(kind="staff"),
                name="citizen_has_no_agency",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def is_staff_account(self) -> bool:
        return self.kind == AccountKind.STAFF


class RoleAssignment(models.Model):
    """A role held over an agency; its scope is the agency's administrative unit and everything under it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    agency = models.ForeignKey("units.Agency", on_delete=models.CASCADE, related_name="+", verbose_name=_("agency"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "agency"], name="role_assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.agency}"
