"""Administrative procedures (TTHC), versioned: a draft is edited, a published version is frozen, and a
dossier keeps the exact version it was received under."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from chinhquyenso.catalog.search import fold


class OnlineLevel(models.TextChoices):
    NONE = "none", _("Not online")
    PARTIAL = "partial", _("Partly online")
    FULL = "full", _("Fully online")


class ProcedureLevel(models.TextChoices):
    COMMUNE = "commune", _("Commune level")
    PROVINCE = "province", _("Province level")


class SupplementRule(models.TextChoices):
    PAUSE = "pause", _("The clock pauses while waiting for the supplement")
    RESTART = "restart", _("The time limit restarts from the supplement")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RETIRED = "retired", _("Retired")


class FeeKind(models.TextChoices):
    FEE = "fee", _("Fee")
    CHARGE = "charge", _("Charge")


class ComponentForm(models.TextChoices):
    ORIGINAL = "original", _("Original")
    CERTIFIED_COPY = "certified_copy", _("Certified copy")
    PHOTOCOPY = "photocopy", _("Photocopy")
    ORIGINAL_OR_CERTIFIED_COPY = "original_or_certified_copy", _("Original or certified copy")
    ELECTRONIC = "electronic", _("Electronic")


class Field(models.Model):
    """A field (lĩnh vực) of procedures."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Procedure(models.Model):
    """The identity of a procedure across its versions."""

    national_code = models.CharField(_("national code"), max_length=20, unique=True)

    class Meta:
        ordering = ["national_code"]

    def __str__(self) -> str:
        return self.national_code


class ProcedureVersion(models.Model):
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)
    name = models.TextField(_("name"))
    field = models.ForeignKey(Field, on_delete=models.PROTECT, related_name="+", verbose_name=_("field"))
    level = models.CharField(_("competent level"), max_length=10, choices=ProcedureLevel.choices)
    competent_agency = models.CharField(_("competent agency"), max_length=300)
    online_level = models.CharField(_("online level"), max_length=10, choices=OnlineLevel.choices)
    time_limit = models.DecimalField(_("time limit"), max_digits=7, decimal_places=2)
    time_limit_unit = models.CharField(_("time limit unit"), max_length=20)
    same_day_cutoff = models.TimeField(_("same-day cut-off"), null=True, blank=True)
    supplement_rule = models.CharField(_("after a supplement"), max_length=10, choices=SupplementRule.choices)
    result = models.TextField(_("result"))
    legal_basis = models.JSONField(_("legal basis"), default=list)
    eform = models.JSONField(_("electronic form"), default=list)
    source = models.TextField(_("source"), blank=True)
    verified = models.BooleanField(_("verified against the source"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    # Code and name without diacritics, kept by save(): the staff search matches words in it.
    search_text = models.TextField(blank=True, default="", editable=False)

    class Meta:
        ordering = ["procedure__national_code", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="procedure_version_unique"),
            models.UniqueConstraint(
                fields=["procedure"], condition=models.Q(status="draft"), name="procedure_one_draft"
            ),
            models.UniqueConstraint(
                fields=["procedure"], condition=models.Q(status="published"), name="procedure_one_published"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure.national_code} v{self.number}"

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.procedure.national_code} {self.name}")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)


class Fee(models.Model):
    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="fees")
    position = models.PositiveSmallIntegerField()
    code = models.CharField(_("code"), max_length=40, blank=True)
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=FeeKind.choices)
    amount_vnd = models.PositiveBigIntegerField(_("amount (VND)"))
    unit_note = models.TextField(_("how it is counted"), blank=True)
    collector = models.CharField(_("collected by"), max_length=300, blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class RequiredComponent(models.Model):
    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="components")
    position = models.PositiveSmallIntegerField()
    name = models.TextField(_("name"))
    form = models.CharField(_("form"), max_length=30, choices=ComponentForm.choices)
    quantity = models.PositiveSmallIntegerField(_("quantity"), default=1)
    required = models.BooleanField(_("required"), default=True)
    reusable = models.BooleanField(_("may be reused from earlier results"), default=False)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class ProcedureStep(models.Model):
    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(_("name"), max_length=300)
    role = models.CharField(_("role"), max_length=30)
    budget = models.DecimalField(_("time budget"), max_digits=7, decimal_places=2)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name
