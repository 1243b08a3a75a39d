"""Which of a procedure's components the citizen must upload online.

The declaration (a component named "Tờ khai …" or "Đơn …") is answered by the e-form when the procedure has one,
and documents marked electronic are taken by the agency from the national databases (Decree 45/2020: do not ask
again for what the State holds): neither needs a file, though the citizen may still attach one.
"""

from __future__ import annotations

from dataclasses import dataclass

from chinhquyenso.catalog.models import ComponentForm
from chinhquyenso.catalog.search import fold

_DECLARATION_WORDS = ("to khai", "don ")


@dataclass(frozen=True)
class Slot:
    position: int
    name: str
    form: str
    form_label: str
    quantity: int
    required: bool
    reusable: bool
    by_eform: bool  # answered by the e-form
    from_national_db: bool  # the agency looks it up

    @property
    def needs_file(self) -> bool:
        return self.required and not self.by_eform and not self.from_national_db


def slots_of(version) -> list[Slot]:
    has_eform = bool(version.eform)
    slots = []
    for c in version.components.all():
        declaration = fold(c.name).startswith(_DECLARATION_WORDS)
        slots.append(
            Slot(
                position=c.position,
                name=c.name,
                form=c.form,
                form_label=str(c.get_form_display()),
                quantity=c.quantity,
                required=c.required,
                reusable=c.reusable,
                by_eform=has_eform and declaration,
                from_national_db=c.form == ComponentForm.ELECTRONIC,
            )
        )
    return slots
