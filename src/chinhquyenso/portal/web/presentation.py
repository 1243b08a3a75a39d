"""How dossiers read on the citizen's pages: the state's colour, the timeline in plain words, the rating's aspects
and the signature check of result files."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from chinhquyenso.dossiers.states import DossierState as S
from chinhquyenso.signing.errors import NotAPdf, SigningConfigurationError

_TONES = {
    S.SUBMITTED: "info",
    S.RECEIVED: "info",
    S.PROCESSING: "info",
    S.CONSULTING: "info",
    S.INTER_AGENCY: "info",
    S.WAITING_SUPPLEMENT: "warn",
    S.WAITING_PAYMENT: "warn",
    S.RESOLVED: "ok",
    S.RETURNED: "ok",
    S.REFUSED: "bad",
    S.STOPPED: "bad",
    S.WITHDRAWN: "muted",
}

# Decree 61/2018 Art. 31: (name, label, "scale" or "count"); (i) "other" is the comment.
RATING_ASPECTS = (
    ("time_to_result", _("(a) Time to the result compared with the rule"), "scale"),
    ("agencies_contacted", _("(b) Number of agencies you had to contact"), "count"),
    ("contacts_needed", _("(c) Number of times you had to contact them to complete the dossier"), "count"),
    ("procedure_accuracy", _("(d) Accuracy of the published procedure"), "scale"),
    ("staff_attitude", _("(đ) Attitude of the staff"), "scale"),
    ("lawfulness", _("(e) Lawful result and costs, with no unlawful extra cost"), "scale"),
    ("feedback_answers", _("(g) Quality of the answers to your questions"), "scale"),
    ("online_service", _("(h) Progress and quality of the online service"), "scale"),
)


def vnd(amount: int) -> str:
    """Whole đồng with the Vietnamese thousands dot: 15.000 đồng."""
    return f"{amount:,} đồng".replace(",", ".")


def state_tone(state: str) -> str:
    return _TONES.get(state, "info")


@dataclass(frozen=True)
class Entry:
    event: object
    label: str
    items: list
    files: list
    by_applicant: bool


def timeline(events) -> list[Entry]:
    """Newest first, each with what it asked for (supplement items) or carried (files sent)."""
    entries = []
    for event in events:
        data = event.data or {}
        entries.append(
            Entry(
                event=event,
                label=event.action_label,
                items=list(data.get("items") or []) if event.action == "request_supplement" else [],
                files=list(data.get("files") or []) if event.action == "supplement_submitted" else [],
                by_applicant=event.action in ("submit", "supplement_submitted") or data.get("by") == "applicant",
            )
        )
    return entries[::-1]


@dataclass(frozen=True)
class ResultCheck:
    file: object
    report: object | None  # signing.pdf_verify.VerificationReport
    not_pdf: bool
    unavailable: bool = False  # the platform's trust roots are not configured


def result_checks(files) -> list[ResultCheck]:
    from chinhquyenso.signing.pdf_verify import verify_pdf

    checks = []
    for f in files:
        try:
            report = verify_pdf(bytes(f.content))
        except NotAPdf:
            checks.append(ResultCheck(file=f, report=None, not_pdf=True))
        except SigningConfigurationError:
            checks.append(ResultCheck(file=f, report=None, not_pdf=False, unavailable=True))
        else:
            checks.append(ResultCheck(file=f, report=report, not_pdf=False))
    return checks
