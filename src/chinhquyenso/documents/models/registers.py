"""Registers (sổ đăng ký văn bản): numbering series configured per agency, and one counter per series and year."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SeriesKind(models.TextChoices):
    """Decree 30 Art. 15: the separate number series, plus the incoming register (Art. 22)."""

    ADMINISTRATIVE = "administrative", _("Administrative documents")
    LEGAL_NORMATIVE = "legal_normative", _("Legal normative documents (one series per type)")
    SPECIALISED = "specialised", _("Specialised documents")
    SECRET = "secret", _("Secret documents")
    ADVISORY = "advisory", _("Advisory council or board")
    INCOMING = "incoming", _("Incoming documents")


class AgencyDocumentProfile(models.Model):
    """How an agency writes its notation and place name (e.g. ``UBND``, ``Thọ Xuân``)."""

    agency = models.OneToOneField("units.Agency", on_delete=models.CASCADE, related_name="document_profile")
    abbreviation = models.CharField(_("abbreviation of the issuing body"), max_length=20)
    place_name = models.CharField(_("place name"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("document profile of an agency")

    def __str__(self) -> str:
        return f"{self.agency} ({self.abbreviation})"


class RegisterSeries(models.Model):
    """A numbering series of one agency, kept as configuration: which documents it numbers, with which notation."""

    agency = models.ForeignKey("units.Agency", on_delete=models.CASCADE, related_name="register_series")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=SeriesKind.choices)
    # Only for legal-normative series: each type has its own numbers.
    document_type = models.ForeignKey(
        "documents.DocumentType", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # An advisory board issuing under the agency's seal uses its own abbreviation in the notation.
    organ_abbreviation = models.CharField(_("abbreviation used in the notation"), max_length=20, blank=True)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("register series")
        verbose_name_plural = _("register series")
        ordering = ["agency_id", "kind", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="register_series_code_unique"),
            models.CheckConstraint(
                condition=models.Q(kind="legal_normative", document_type__isnull=False)
                | ~models.Q(kind="legal_normative"),
                name="legal_normative_series_has_type",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class DocumentRegister(models.Model):
    """The counter of one series in one calendar year: numbers run from 01 on 1 January (Art. 15)."""

    series = models.ForeignKey(RegisterSeries, on_delete=models.PROTECT, related_name="registers")
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number given"), default=0)

    class Meta:
        verbose_name = _("document register")
        verbose_name_plural = _("document registers")
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="register_one_per_series_year")]

    def __str__(self) -> str:
        return f"{self.series.name} {self.year}"
