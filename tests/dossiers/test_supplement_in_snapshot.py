"""The portal hears of a supplement request in the same outbox item as the state change that made it."""

from __future__ import annotations

import pytest

from chinhquyenso.dossiers.services.transitions import dossier_act
from chinhquyenso.dvcqg.models import OutboxItem

pytestmark = pytest.mark.django_db


def test_the_request_travels_with_the_state_it_caused(intake, all_roles, clock):
    dossier = intake()
    dossier_act(actor=all_roles, code=dossier.code, action="assign", assignee=all_roles.pk)
    dossier_act(
        actor=all_roles,
        code=dossier.code,
        action="request_supplement",
        items=["Bản sao giấy khai sinh"],
        reason="Thiếu",
    )
    latest = OutboxItem.objects.filter(dossier_code=dossier.code, kind="dossier").order_by("-id").first()
    assert "Bản sao giấy khai sinh" in str(latest.payload)
