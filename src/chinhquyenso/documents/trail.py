"""Labels of trail events, as shown on the document page and in exports."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chinhquyenso.documents.workflow import INCOMING, OUTGOING

_EXTRA = {
    "create": _("Draft created"),
    "attach": _("File attached"),
    "signed_file": _("Signed file stored"),
    "recipient_status": _("Status at a recipient"),
    "deliver": _("Arrived on the platform"),
    "register_paper": _("Paper document registered"),
    "digital_signature": _("Digital signature verified"),
    "signature_check": _("Signature checked on arrival"),
    "exchange_arrival": _("Arrived through the document exchange"),
}


def event_label(event) -> str:
    table = OUTGOING if event.outgoing_id else INCOMING
    if event.action in _EXTRA:
        return str(_EXTRA[event.action])
    if event.action in table:
        return str(table[event.action].label)
    return event.action
