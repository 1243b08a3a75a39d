"""What a dossier owes: the procedure's fees and charges, and any amount an officer requested, less what is paid.

- **Fees** come from the procedure version the dossier was received under (catalogue ``Fee``). A free line
  (0 đồng) owes nothing. Schedules list some fees twice, once per way of submitting ("nộp trực tiếp" /
  "nộp qua Cổng dịch vụ công"): a line marked for another channel than the dossier's does not apply.
- **Requests**: each ``request_payment`` step of the dossier (state 6, "Yêu cầu thực hiện nghĩa vụ tài chính")
  with an amount owes that amount, unless an officer later confirmed payment by other means
  (``confirm_payment``).
- An obligation is settled once a succeeded payment has a line for it (``source``, ``source_ref``), so paying
  twice for one fee is impossible by construction.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from chinhquyenso.dossiers.states import Channel
from chinhquyenso.payments.models import PaymentLine, PaymentStatus

# Words in a fee's name that tie it to one way of submitting (lower case; names keep their diacritics).
_ONLINE_MARKERS = ("cổng dịch vụ công", "trực tuyến", "qua mạng")
_PAPER_MARKERS = ("nộp trực tiếp", "hồ sơ giấy")


@dataclass(frozen=True)
class DueLine:
    source: str
    source_ref: str
    code: str
    name: str
    amount_vnd: int
    collector: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.source, self.source_ref)


def _applies(name: str, channel: str) -> bool:
    lowered = name.lower()
    online = any(marker in lowered for marker in _ONLINE_MARKERS)
    paper = any(marker in lowered for marker in _PAPER_MARKERS)
    if channel == Channel.ONLINE:
        return not paper or online
    return not online or paper


def fee_lines(dossier) -> list[DueLine]:
    return [
        DueLine(PaymentLine.Source.FEE, str(fee.pk), fee.code, fee.name, fee.amount_vnd, fee.collector)
        for fee in dossier.procedure_version.fees.all()
        if fee.amount_vnd > 0 and _applies(fee.name, dossier.channel)
    ]


def requested_lines(dossier) -> list[DueLine]:
    lines, confirmed_up_to = [], 0
    events = list(dossier.events.filter(action__in=("request_payment", "confirm_payment")).order_by("seq"))
    for event in events:
        if event.action == "confirm_payment":
            confirmed_up_to = event.seq
    for event in events:
        amount = event.data.get("amount_vnd")
        if event.action != "request_payment" or event.seq < confirmed_up_to:
            continue
        if isinstance(amount, int) and not isinstance(amount, bool) and amount > 0:
            name = event.content or _("Financial obligation requested by the agency")
            lines.append(DueLine(PaymentLine.Source.REQUEST, str(event.seq), f"YC-{event.seq}", name[:300], amount))
    return lines


def settled_keys(dossier) -> set[tuple[str, str]]:
    rows = PaymentLine.objects.filter(payment__dossier=dossier, payment__status=PaymentStatus.SUCCEEDED)
    return set(rows.values_list("source", "source_ref"))


def outstanding_lines(dossier) -> list[DueLine]:
    """Everything the dossier still owes, in the order shown to the citizen: the procedure's fees first."""
    settled = settled_keys(dossier)
    return [line for line in fee_lines(dossier) + requested_lines(dossier) if line.key not in settled]
