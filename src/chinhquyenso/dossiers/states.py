"""Dossier states, channels and their national codes (DVCQG ``TrangThaiHoSo`` 1–10, ``KenhThucHien`` 1–3)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    RECEIVED = "received", _("Received")
    REFUSED = "refused", _("Refused")
    PROCESSING = "processing", _("Processing")
    WAITING_SUPPLEMENT = "waiting_supplement", _("Waiting for supplement")
    WAITING_PAYMENT = "waiting_payment", _("Waiting for payment")
    CONSULTING = "consulting", _("Consulting other units")
    INTER_AGENCY = "inter_agency", _("At another agency")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    STOPPED = "stopped", _("Stopped")
    RESOLVED = "resolved", _("Resolved, result not yet returned")
    RETURNED = "returned", _("Result returned")


# Internal sub-states that the portal does not know collapse onto "processing" (4).
NATIONAL_STATUS: dict[str, int] = {
    DossierState.SUBMITTED: 1,
    DossierState.RECEIVED: 2,
    DossierState.REFUSED: 3,
    DossierState.PROCESSING: 4,
    DossierState.CONSULTING: 4,
    DossierState.INTER_AGENCY: 4,
    DossierState.WAITING_SUPPLEMENT: 5,
    DossierState.WAITING_PAYMENT: 6,
    DossierState.WITHDRAWN: 7,
    DossierState.STOPPED: 8,
    DossierState.RESOLVED: 9,
    DossierState.RETURNED: 10,
}

# States in which the citizen holds the clock: the deadline does not run.
CITIZEN_WAITING = frozenset({DossierState.WAITING_SUPPLEMENT, DossierState.WAITING_PAYMENT})
# States after which nothing more happens to the dossier.
FINAL = frozenset({DossierState.REFUSED, DossierState.WITHDRAWN, DossierState.STOPPED, DossierState.RETURNED})
# States counted as "finished" against the deadline (the decision is made).
FINISHED = frozenset({DossierState.RESOLVED, DossierState.RETURNED})


class Channel(models.TextChoices):
    COUNTER = "counter", _("At the counter")
    ONLINE = "online", _("Online")
    POST = "post", _("By public post")


NATIONAL_CHANNEL = {Channel.COUNTER: 1, Channel.ONLINE: 2, Channel.POST: 3}


class Delivery(models.TextChoices):
    COUNTER = "counter", _("Collect at the counter")
    POST = "post", _("By post")


class OwnerKind(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    ENTERPRISE = "enterprise", _("Enterprise")
    AGENCY = "agency", _("State agency")
    OTHER = "other", _("Other organisation")


NATIONAL_OWNER_KIND = {OwnerKind.CITIZEN: 1, OwnerKind.ENTERPRISE: 2, OwnerKind.AGENCY: 3, OwnerKind.OTHER: 4}
