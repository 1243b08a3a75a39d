"""Outgoing and incoming documents with the App. VI metadata (Decree 30/2020), their files and their trail.

Field names follow App. VI Part II (and so edXML): TypeName → ``type_name``, CodeNumber → ``number``,
CodeNotation → ``notation``, OrganName → ``organ_name``, Subject → ``subject`` …; the lengths are App. VI's.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chinhquyenso.documents.models.types import Medium, Secrecy, Urgency


class OutgoingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    SIGNED = "signed", _("Signed")
    NUMBERED = "numbered", _("Numbered")
    DISPATCHED = "dispatched", _("Dispatched")
    RECALLED = "recalled", _("Recalled")


class IncomingStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the clerk")
    RECEIVED = "received", _("Registered")
    ASSIGNED = "assigned", _("Assigned")
    DONE = "done", _("Done")
    RETURNED = "returned", _("Returned to the sender")
    RECALLED = "recalled", _("Recalled by the sender")


class ApprovalChannel(models.TextChoices):
    SYSTEM = "system", _("In the system")
    PAPER = "paper", _("On paper")


class DocumentMetadata(models.Model):
    """The App. VI fields shared by outgoing and incoming documents."""

    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="+")
    document_type = models.ForeignKey("documents.DocumentType", on_delete=models.PROTECT, related_name="+")
    type_name = models.CharField(_("type name"), max_length=100)
    number = models.CharField(_("number"), max_length=11, blank=True)  # as printed: "05"
    notation = models.CharField(_("notation"), max_length=30, blank=True)  # "QĐ-UBND"
    issued_date = models.DateField(_("issued date"), null=True, blank=True)
    organ_id = models.CharField(_("identifier of the issuing body"), max_length=13, blank=True)
    organ_name = models.CharField(_("issuing body"), max_length=200)
    subject = models.CharField(_("subject"), max_length=500)
    language = models.CharField(_("language"), max_length=30, default="Tiếng Việt")
    page_amount = models.PositiveSmallIntegerField(_("pages"), null=True, blank=True)
    description = models.CharField(_("description"), max_length=500, blank=True)
    signer_position = models.CharField(_("signer's position"), max_length=100, blank=True)
    signer_full_name = models.CharField(_("signer's full name"), max_length=50, blank=True)
    urgency = models.PositiveSmallIntegerField(_("urgency"), choices=Urgency.choices, default=Urgency.NORMAL)
    secrecy = models.PositiveSmallIntegerField(_("secrecy"), choices=Secrecy.choices, default=Secrecy.NONE)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    medium = models.CharField(_("medium"), max_length=10, choices=Medium.choices, default=Medium.ELECTRONIC)
    year = models.PositiveSmallIntegerField(_("register year"), null=True, blank=True)
    # Lower-case text without diacritics of the searchable fields (see documents.text.fold).
    search_text = models.TextField(default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def number_notation(self) -> str:
        return f"{self.number}/{self.notation}" if self.number and self.notation else (self.notation or "")

    @property
    def priority(self) -> int:
        """App. VI Priority (Number 1)."""
        return int(self.urgency)


class OutgoingDocument(DocumentMetadata):
    """A document this agency issues (văn bản đi)."""

    status = models.CharField(_("status"), max_length=20, choices=OutgoingStatus.choices, default=OutgoingStatus.DRAFT)
    series = models.ForeignKey(
        "documents.RegisterSeries", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    register = models.ForeignKey(
        "documents.DocumentRegister", null=True, blank=True, on_delete=models.PROTECT, related_name="outgoing"
    )
    sequence = models.PositiveIntegerField(_("number in the register"), null=True, blank=True)
    drafting_unit = models.CharField(_("drafting unit (abbreviation)"), max_length=20, blank=True)
    issued_amount = models.PositiveSmallIntegerField(_("copies issued"), null=True, blank=True)
    drafter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approval_channel = models.CharField(max_length=10, choices=ApprovalChannel.choices, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    numbered_at = models.DateTimeField(null=True, blank=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    document_identifier = models.CharField(_("document identifier"), max_length=100, blank=True)
    recalled_at = models.DateTimeField(null=True, blank=True)
    recalled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recall_reason = models.CharField(_("reason for the recall"), max_length=500, blank=True)
    # Signed in the platform by the competent person: the organisation's digital signature (seal) must follow
    # before dispatch (Decree 30/2020 Art. 5 and 14).
    seal_required = models.BooleanField(default=False)
    sealed_at = models.DateTimeField(null=True, blank=True)
    sealed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("outgoing document")
        verbose_name_plural = _("outgoing documents")
        indexes = [
            models.Index(fields=["agency", "year", "sequence"], name="outgoing_register_order"),
            models.Index(fields=["agency", "status", "updated_at"], name="outgoing_agency_status"),
            models.Index(fields=["organ_id", "number", "notation"], name="outgoing_number_notation"),
            models.Index(fields=["document_identifier"], name="outgoing_identifier"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "sequence"],
                condition=models.Q(register__isnull=False),
                name="outgoing_number_unique_in_register",
            ),
        ]

    def __str__(self) -> str:
        return self.number_notation or str(self.subject)[:60]


class ReceivedVia(models.TextChoices):
    PAPER = "", _("Registered by the clerk")
    PLATFORM = "platform", _("On this platform")
    EXCHANGE = "exchange", _("Through the document exchange")


class IncomingDocument(DocumentMetadata):
    """A document this agency received (văn bản đến); ``number``/``notation``/``organ_*`` are the sender's."""

    status = models.CharField(
        _("status"), max_length=20, choices=IncomingStatus.choices, default=IncomingStatus.RECEIVED
    )
    register = models.ForeignKey(
        "documents.DocumentRegister", null=True, blank=True, on_delete=models.PROTECT, related_name="incoming"
    )
    arrival_number = models.PositiveBigIntegerField(_("arrival number"), null=True, blank=True)
    arrival_date = models.DateField(_("arrival date"), null=True, blank=True)
    arrived_at = models.DateTimeField(_("received at"), null=True, blank=True)
    to_places = models.CharField(_("receiving units or persons"), max_length=1000, blank=True)
    trace_header_list = models.TextField(_("distribution, instructions and status"), blank=True)
    document_identifier = models.CharField(_("document identifier"), max_length=100, blank=True)
    # Delivered on the platform: the sender's document and its recipient row (for status back to the sender).
    source_recipient = models.OneToOneField(
        "documents.OutgoingRecipient", null=True, blank=True, on_delete=models.PROTECT, related_name="incoming"
    )
    leader_instruction = models.TextField(_("leader's instruction"), blank=True)
    assigned_at = models.DateTimeField(null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proposal = models.TextField(_("handler's proposal"), blank=True)
    proposal_at = models.DateTimeField(null=True, blank=True)
    result = models.TextField(_("result"), blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    returned_reason = models.CharField(_("reason for returning"), max_length=500, blank=True)
    recalled_at = models.DateTimeField(null=True, blank=True)
    recall_reason = models.CharField(_("reason for the recall"), max_length=500, blank=True)
    # How an electronic document arrived; statuses go back the same way (platform row or edXML status package).
    received_via = models.CharField(max_length=10, choices=ReceivedVia.choices, blank=True, default="")

    class Meta:
        verbose_name = _("incoming document")
        verbose_name_plural = _("incoming documents")
        indexes = [
            models.Index(fields=["agency", "year", "arrival_number"], name="incoming_register_order"),
            models.Index(fields=["agency", "status", "updated_at"], name="incoming_agency_status"),
            models.Index(fields=["agency", "organ_name", "number", "notation"], name="incoming_number_notation"),
            models.Index(fields=["document_identifier"], name="incoming_identifier"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "arrival_number"],
                condition=models.Q(register__isnull=False),
                name="incoming_arrival_unique_in_register",
            ),
        ]

    def __str__(self) -> str:
        return self.number_notation or str(self.subject)[:60]


class RecipientChannel(models.TextChoices):
    PLATFORM = "platform", _("On this platform")
    EXCHANGE = "exchange", _("Through the document exchange")
    PAPER = "paper", _("On paper")


class RecipientStatus(models.TextChoices):
    """What the sender sees of each recipient (edXML status codes in brackets)."""

    PENDING = "pending", _("Not sent yet")
    QUEUED = "queued", _("Queued for the exchange")
    DELIVERED = "delivered", _("Arrived")  # 01
    RETURNED = "returned", _("Returned")  # 02
    RECEIVED = "received", _("Received")  # 03
    ASSIGNED = "assigned", _("Assigned")  # 04
    DONE = "done", _("Completed")  # 06
    FAILED = "failed", _("Sending failed")
    RECALLED = "recalled", _("Recalled")  # 15


class OutgoingRecipient(models.Model):
    """One addressee of an outgoing document (App. VI To {OrganId, OrganName}) and its receipt status."""

    document = models.ForeignKey(OutgoingDocument, on_delete=models.CASCADE, related_name="recipients")
    agency = models.ForeignKey("units.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    organ_id = models.CharField(_("identifier"), max_length=13, blank=True)
    organ_name = models.CharField(_("name"), max_length=200)
    channel = models.CharField(_("channel"), max_length=10, choices=RecipientChannel.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=RecipientStatus.choices, default=RecipientStatus.PENDING
    )
    status_at = models.DateTimeField(null=True, blank=True)
    status_note = models.CharField(max_length=500, blank=True)
    reference = models.CharField(_("exchange reference"), max_length=100, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "agency"], condition=models.Q(agency__isnull=False), name="recipient_agency_once"
            ),
        ]

    def __str__(self) -> str:
        return self.organ_name


class FileKind(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ATTACHMENT = "attachment", _("Attachment")
    SIGNED = "signed", _("Signed document")
    SCAN = "scan", _("Scanned copy")
    RECEIVED = "received", _("Received file")


class DocumentFile(models.Model):
    """An immutable file of a document: a draft, an attachment, a scan or a signed PDF (never rewritten).

    ``signature_report`` holds the verification result of a signed PDF (filled by the signing app).
    """

    outgoing = models.ForeignKey(
        OutgoingDocument, null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )
    incoming = models.ForeignKey(
        IncomingDocument, null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=FileKind.choices)
    version = models.PositiveSmallIntegerField(default=1)
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()
    signature_report = models.JSONField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(outgoing__isnull=False) & models.Q(incoming__isnull=True))
                | (models.Q(outgoing__isnull=True) & models.Q(incoming__isnull=False)),
                name="document_file_has_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class DocumentEvent(models.Model):
    """The processing trail of a document (append-only): who did what, when, from which status to which."""

    outgoing = models.ForeignKey(
        OutgoingDocument, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    incoming = models.ForeignKey(
        IncomingDocument, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(max_length=40)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    actor_label = models.CharField(max_length=150, blank=True)
    occurred_at = models.DateTimeField()
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.action} {self.occurred_at:%Y-%m-%d %H:%M}"

    @property
    def label(self) -> str:
        from chinhquyenso.documents.trail import event_label

        return event_label(self)


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Lead unit")
    COOPERATING = "cooperating", _("Cooperating unit")


class IncomingAssignment(models.Model):
    """One unit named by the leader on an incoming document, with its deadline from workcal."""

    document = models.ForeignKey(IncomingDocument, on_delete=models.CASCADE, related_name="assignments")
    role = models.CharField(_("role"), max_length=12, choices=AssignmentRole.choices)
    unit_name = models.CharField(_("unit"), max_length=200)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_at = models.DateTimeField(_("deadline"))
    calendar_version = models.CharField(max_length=40)
    done_at = models.DateTimeField(null=True, blank=True)
    active = models.BooleanField(default=True)  # a re-assignment retires the previous rows

    class Meta:
        ordering = ["-role", "id"]  # the lead unit first
        indexes = [models.Index(fields=["active", "done_at", "due_at"], name="assignment_open_due")]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.unit_name}"


class ReminderKind(models.TextChoices):
    BEFORE = "before", _("Deadline approaching")
    AFTER = "after", _("Deadline passed")


class DocumentReminder(models.Model):
    """A reminder sent about one assignment; one of each kind per day at most."""

    assignment = models.ForeignKey(IncomingAssignment, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    sent_on = models.DateField()
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assignment", "kind", "sent_on"], name="reminder_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.sent_on}"


class DocumentNotice(models.Model):
    """A message to an agency's clerks inside the platform (a document arrived, was recalled, returned …)."""

    agency = models.ForeignKey("units.Agency", on_delete=models.CASCADE, related_name="+")
    outgoing = models.ForeignKey(OutgoingDocument, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    incoming = models.ForeignKey(IncomingDocument, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30)
    message = models.CharField(max_length=500)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["agency", "read_at"], name="notice_agency_unread")]

    def __str__(self) -> str:
        return self.message
