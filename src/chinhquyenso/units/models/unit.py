from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")


def path_prefix_q(lookup: str, prefixes) -> models.Q:
    """``lookup`` starts with any of ``prefixes`` (no prefix matches nothing)."""
    condition = models.Q(pk__in=[])
    for prefix in prefixes:
        condition |= models.Q(**{f"{lookup}__startswith": prefix})
    return condition


class UnitQuerySet(models.QuerySet):
    def descendants_of(self, unit: AdministrativeUnit) -> UnitQuerySet:
        # One indexed prefix scan on the materialised path; no recursion.
        return self.filter(path__startswith=unit.path).exclude(pk=unit.pk)

    def in_force_on(self, day) -> UnitQuerySet:
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day),
        )


class AdministrativeUnit(models.Model):
    """A province, district (before 07/2025 only) or commune, effective-dated.

    ``path`` is a materialised path (``N38/14755/`` for the two-tier system, ``L38/395/15934/`` for the
    legacy three-tier one) so "every commune of this province" is one prefix query.
    """

    code = models.CharField(_("code"), max_length=5)
    name = models.CharField(_("name"), max_length=120)
    division_type = models.CharField(_("division type"), max_length=40)
    level = models.CharField(_("level"), max_length=10, choices=UnitLevel.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    path = models.CharField(max_length=40, unique=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self", through="UnitSuccession", symmetrical=False, related_name="predecessors", blank=True
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["level", "code", "valid_from"], name="unit_code_unique_per_period"),
        ]
        indexes = [
            models.Index(fields=["path"], name="unit_path_prefix", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["level", "code"], name="unit_level_code"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_legacy(self) -> bool:
        return self.path.startswith("L")


class UnitSuccession(models.Model):
    """A legacy unit's territory passed (wholly or in part) to a unit of the current system."""

    predecessor = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="+")
    successor = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="+")
    partial = models.BooleanField(_("partly merged"), default=False)
    effective_on = models.DateField(_("effective on"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="unit_succession_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"
