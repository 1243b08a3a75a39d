"""Work files (hồ sơ công việc) and the yearly file catalogue (danh mục hồ sơ), App. VI Part II "File".

A document is linked into a file, never copied: one document may sit in several files.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FileCatalogue(models.Model):
    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))  # FileCode.FileCatalog Number 4
    title = models.CharField(_("title"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("file catalogue")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="file_catalogue_one_per_year")]

    def __str__(self) -> str:
        return self.title


class WorkFileStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class WorkFile(models.Model):
    catalogue = models.ForeignKey(FileCatalogue, on_delete=models.PROTECT, related_name="files")
    code = models.CharField(_("file notation"), max_length=20)  # FileCode.FileNotation String 20
    title = models.CharField(_("title"), max_length=500)
    maintenance = models.CharField(_("retention period"), max_length=30)
    rights = models.CharField(_("access regime"), max_length=30, blank=True)
    creator = models.CharField(_("creator"), max_length=30, blank=True)
    language = models.CharField(_("language"), max_length=50, default="Tiếng Việt")
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    description = models.CharField(_("description"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=WorkFileStatus.choices, default=WorkFileStatus.OPEN)
    keeper = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("work file")
        ordering = ["catalogue", "code"]
        constraints = [models.UniqueConstraint(fields=["catalogue", "code"], name="work_file_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def file_code(self) -> str:
        """App. VI FileCode: OrganId.FileCatalog.FileNotation."""
        return f"{self.catalogue.agency.identifier}.{self.catalogue.year}.{self.code}"


class WorkFileEntry(models.Model):
    """A link from a work file to one document; ``ordinal`` is App. VI DocOrdinal (Number 3)."""

    work_file = models.ForeignKey(WorkFile, on_delete=models.CASCADE, related_name="entries")
    outgoing = models.ForeignKey(
        "documents.OutgoingDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="file_entries"
    )
    incoming = models.ForeignKey(
        "documents.IncomingDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="file_entries"
    )
    ordinal = models.PositiveSmallIntegerField()
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["work_file", "ordinal"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(outgoing__isnull=False) & models.Q(incoming__isnull=True))
                | (models.Q(outgoing__isnull=True) & models.Q(incoming__isnull=False)),
                name="work_file_entry_one_document",
            ),
            models.UniqueConstraint(fields=["work_file", "ordinal"], name="work_file_entry_ordinal_unique"),
            models.UniqueConstraint(
                fields=["work_file", "outgoing"], condition=models.Q(outgoing__isnull=False), name="wf_outgoing_once"
            ),
            models.UniqueConstraint(
                fields=["work_file", "incoming"], condition=models.Q(incoming__isnull=False), name="wf_incoming_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.work_file.code} #{self.ordinal}"
