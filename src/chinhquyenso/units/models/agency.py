from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from chinhquyenso.units.models.unit import path_prefix_q


class AgencyKind(models.TextChoices):
    PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")
    DEPARTMENT = "department", _("Department")
    ONE_STOP = "one_stop", _("Public administrative service centre")
    OTHER = "other", _("Other agency")


class AgencyQuerySet(models.QuerySet):
    def within_units(self, path_prefixes: list[str] | None) -> AgencyQuerySet:
        """Agencies whose unit lies under one of the prefixes; ``None`` means no restriction."""
        if path_prefixes is None:
            return self
        return self.filter(path_prefix_q("unit__path", path_prefixes))


class Agency(models.Model):
    """An organisation (cơ quan, đơn vị) that receives, handles or issues things."""

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    identifier = models.CharField(_("electronic identifier"), max_length=35, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=AgencyKind.choices, default=AgencyKind.OTHER)
    unit = models.ForeignKey("units.AdministrativeUnit", on_delete=models.PROTECT, related_name="agencies")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
