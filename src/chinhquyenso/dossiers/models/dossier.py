"""A dossier (hồ sơ TTHC): one application for one procedure, with its checklist, history and files."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import JSONField, Value
from django.utils.translation import gettext_lazy as _

from chinhquyenso.catalog.models import ComponentForm
from chinhquyenso.dossiers.states import Channel, Delivery, DossierState, OwnerKind


class SubmitterAuth(models.TextChoices):
    NONE = "", _("Not signed in")
    PASSWORD = "password", _("Password")
    OTP = "otp", _("One-time code")
    VNEID = "vneid", _("VNeID")


class Dossier(models.Model):
    code = models.CharField(_("dossier code"), max_length=40, unique=True)
    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="dossiers")
    # The agency's unit path when received: scope filters and the inbox read it without a join.
    unit_path = models.CharField(max_length=120, db_index=True)
    procedure_version = models.ForeignKey("catalog.ProcedureVersion", on_delete=models.PROTECT, related_name="+")
    # Copied from the version so lists, lookups and the register need no join.
    procedure_code = models.CharField(_("procedure code"), max_length=20)
    procedure_name = models.TextField(_("procedure"))
    time_limit = models.DecimalField(max_digits=7, decimal_places=2)
    time_limit_unit = models.CharField(max_length=20)
    same_day_cutoff = models.TimeField(null=True, blank=True)
    supplement_rule = models.CharField(max_length=10)

    channel = models.CharField(_("submission channel"), max_length=10, choices=Channel.choices)
    delivery = models.CharField(_("result delivery"), max_length=10, choices=Delivery.choices, default="counter")
    state = models.CharField(_("state"), max_length=20, choices=DossierState.choices)
    resume_state = models.CharField(max_length=20, blank=True)  # where a wait returns to
    version = models.PositiveIntegerField(default=1)  # bumped by every transition: stale forms get 409

    submitter_name = models.CharField(_("submitter"), max_length=200)
    submitter_id_number = models.CharField(_("ID number"), max_length=20, blank=True)
    submitter_phone = models.CharField(_("phone"), max_length=20, blank=True)
    submitter_email = models.EmailField(_("e-mail"), blank=True)
    submitter_address = models.CharField(_("address"), max_length=300, blank=True)
    owner_name = models.CharField(_("owner"), max_length=200)
    owner_id_number = models.CharField(_("owner's ID number"), max_length=20, blank=True)
    owner_address = models.CharField(_("owner's address"), max_length=300, blank=True)
    owner_kind = models.CharField(max_length=12, choices=OwnerKind.choices, default=OwnerKind.CITIZEN)
    summary = models.TextField(_("summary"), blank=True)
    sets = models.PositiveSmallIntegerField(_("number of sets"), default=1)
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    submitted_at = models.DateTimeField()
    received_at = models.DateTimeField(null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    calendar_version = models.CharField(max_length=40, blank=True)
    transfer_due_at = models.DateTimeField(null=True, blank=True)  # the 15:00 rule for paper dossiers
    paused_at = models.DateTimeField(null=True, blank=True)
    original_due_at = models.DateTimeField(null=True, blank=True)
    extended_at = models.DateTimeField(null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    step_plan = models.JSONField(default=list)  # [{"name", "role", "due_at"}] from the procedure's step budgets
    current_step = models.PositiveSmallIntegerField(default=0)
    decided_at = models.DateTimeField(null=True, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)  # refused, withdrawn or stopped
    # The applicant answered the open supplement request online; cleared when the dossier leaves the wait.
    supplement_arrived_at = models.DateTimeField(null=True, blank=True)
    result_summary = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Online dossiers: how the citizen signed in when submitting (DVCQG ``TaiKhoanDuocXacThucVoiVNeID``) and the
    # e-form as filled, keyed by the procedure version's field names. Database defaults too, so bulk writers that
    # name their columns (volume/generate.py) need not know these.
    submitter_auth = models.CharField(
        _("authenticated by"), max_length=10, choices=SubmitterAuth.choices, blank=True, default="", db_default=""
    )
    form_data = models.JSONField(_("electronic form"), default=dict, blank=True, db_default=Value({}, JSONField()))

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        indexes = [
            # The officer's inbox: one agency, one state, soonest due first.
            models.Index(fields=["agency", "state", "due_at", "id"], include=["unit_path"], name="dossier_inbox_scope"),
            models.Index(fields=["agency", "submitted_at"], name="dossier_register"),
        ]

    def __str__(self) -> str:
        return self.code

    def move_to(self, state: str) -> None:
        """Changes the state (the services' transitions call it). A supplement that arrived online belongs to the
        wait being left, so its flag goes with it."""
        if state != self.state:
            self.state = state
            self.supplement_arrived_at = None


class DossierComponent(models.Model):
    """One line of the checklist, copied from the procedure version at intake and ticked by the officer."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="components")
    position = models.PositiveSmallIntegerField()
    name = models.TextField(_("name"))
    form = models.CharField(_("form"), max_length=30, choices=ComponentForm.choices)
    quantity = models.PositiveSmallIntegerField(_("quantity"), default=1)
    required = models.BooleanField(default=True)
    provided = models.BooleanField(_("provided"), default=False)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class DossierEvent(models.Model):
    """One step of the history: who did what, for which agency, when, and by when the step was due."""

    # No index of its own: the unique (dossier, seq) index leads with it, and every intake writes two events.
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events", db_index=False)
    seq = models.PositiveIntegerField()
    action = models.CharField(max_length=30)
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(max_length=200, blank=True)
    agency = models.ForeignKey("units.Agency", null=True, on_delete=models.PROTECT, related_name="+")
    occurred_at = models.DateTimeField()
    step_name = models.TextField(blank=True)
    step_due_at = models.DateTimeField(null=True, blank=True)
    content = models.TextField(blank=True)
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["seq"]
        constraints = [models.UniqueConstraint(fields=["dossier", "seq"], name="dossier_event_seq")]

    def __str__(self) -> str:
        return f"{self.dossier_id}#{self.seq} {self.action}"

    @property
    def action_label(self) -> str:
        from chinhquyenso.dossiers.workflow import action_label

        return action_label(self.action)


class DossierFile(models.Model):
    class Kind(models.TextChoices):
        RESULT = "result", _("Result")
        SCAN = "scan", _("Scanned component")
        UPLOAD = "upload", _("Uploaded by the applicant")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField()
    # The checklist line this file stands for (None: a result, or a supplement answering a free-text request).
    component_position = models.PositiveSmallIntegerField(null=True, blank=True)
    # Set when the applicant reused an earlier result instead of uploading (DVCQG ``DuocTaiSuDung``).
    reused_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class DossierCodeCounter(models.Model):
    """The running number of dossiers an agency received on one day; the code's last four digits."""

    agency = models.ForeignKey("units.Agency", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "day"], name="dossier_counter_unique")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day}: {self.last}"


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    ACCEPTABLE = "acceptable", _("Acceptable")
    NOT_SATISFIED = "not_satisfied", _("Not satisfied")


class DossierRating(models.Model):
    """The applicant's rating of how the dossier was handled (Decree 61 Art. 31), once per dossier.

    ``overall`` is required; each aspect is optional. Aspects (b) and (c) are counts the applicant reports; the
    others use the same three-step scale; (i) "other" is the free comment.
    """

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="rating")
    citizen = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    overall = models.CharField(_("overall"), max_length=15, choices=Satisfaction.choices)
    # (a) time to result compared with the rule
    time_to_result = models.CharField(max_length=15, choices=Satisfaction.choices, blank=True)
    # (b) agencies the applicant had to contact, (c) contacts needed to complete the dossier
    agencies_contacted = models.PositiveSmallIntegerField(null=True, blank=True)
    contacts_needed = models.PositiveSmallIntegerField(null=True, blank=True)
    # (d) accuracy of the published procedure
    procedure_accuracy = models.CharField(max_length=15, choices=Satisfaction.choices, blank=True)
    # (đ) staff attitude
    staff_attitude = models.CharField(max_length=15, choices=Satisfaction.choices, blank=True)
    # (e) lawfulness of the result and of the costs (no illegal extra costs)
    lawfulness = models.CharField(max_length=15, choices=Satisfaction.choices, blank=True)
    # (g) quality of answers to feedback
    feedback_answers = models.CharField(max_length=15, choices=Satisfaction.choices, blank=True)
    # (h) progress and quality of the online service
    online_service = models.CharField(max_length=15, choices=Satisfaction.choices, blank=True)
    # (i) other
    comment = models.TextField(_("comment"), blank=True)
    rated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.overall}"
