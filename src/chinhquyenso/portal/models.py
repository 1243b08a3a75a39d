"""Drafts of online dossiers: what a citizen has filled and uploaded before submitting."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierDraft(models.Model):
    citizen = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    procedure_version = models.ForeignKey("catalog.ProcedureVersion", on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="+")
    data = models.JSONField(default=dict, blank=True)  # the e-form as typed, keyed by field name
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("dossier draft")
        verbose_name_plural = _("dossier drafts")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["citizen", "-updated_at"], name="draft_by_citizen")]

    def __str__(self) -> str:
        return f"{self.citizen_id}: {self.procedure_version_id}"


class DraftFile(models.Model):
    """One component's file in a draft: uploaded (bytes here) or reused from an earlier result (no bytes)."""

    draft = models.ForeignKey(DossierDraft, on_delete=models.CASCADE, related_name="files")
    component_position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField(blank=True, default=b"")
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    reused_from = models.ForeignKey("dossiers.DossierFile", null=True, blank=True, on_delete=models.CASCADE)
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["component_position"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "component_position"], name="draft_file_one_per_component")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def reused(self) -> bool:
        return self.reused_from_id is not None
