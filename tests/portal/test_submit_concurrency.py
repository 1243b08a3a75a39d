"""A double tap on "Nộp hồ sơ" submits once; the confirmation hook goes through the notification outbox when
that package is installed, inside the submission's transaction."""

from __future__ import annotations

import sys
import threading
import types

import pytest
from django.db import connection

from chinhquyenso.core.errors import NotFound
from chinhquyenso.dossiers.models import Dossier
from chinhquyenso.portal.services.submit import draft_submit
from tests.portal.conftest import CERTIFIED_COPY, COPY_FORM, pdf_bytes


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submissions_of_one_draft_make_one_dossier(apply, citizen):
    draft = apply(CERTIFIED_COPY, COPY_FORM, files={0: pdf_bytes()})
    barrier = threading.Barrier(2)
    outcomes = []

    def submit():
        try:
            barrier.wait()
            outcomes.append(draft_submit(actor=citizen, draft_id=draft.pk).code)
        except NotFound:
            outcomes.append("not found")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes, key=len) == sorted([Dossier.objects.get().code, "not found"], key=len)


@pytest.mark.django_db
def test_the_confirmation_goes_through_the_notification_outbox(apply, citizen, monkeypatch):
    sent = []

    def notification_send(*, channel, to, template, context, reference=""):
        from django.db import transaction

        assert transaction.get_connection().in_atomic_block  # written with the dossier, or not at all
        sent.append((channel, to, template, context, reference))

    module = types.ModuleType("chinhquyenso.core.notifications")
    module.notification_send = notification_send
    monkeypatch.setitem(sys.modules, "chinhquyenso.core.notifications", module)
    dossier = draft_submit(actor=citizen, draft_id=apply(CERTIFIED_COPY, COPY_FORM, files={0: pdf_bytes()}).pk)
    [(channel, to, template, context, reference)] = sent
    assert (channel, to, template, reference) == ("email", "an.nguyen@example.vn", "dossier_submitted", dossier.code)
    assert context["code"] == dossier.code and context["procedure_name"] == dossier.procedure_name
    assert context["lookup_url"].endswith(f"/tra-cuu/?ma={dossier.code}")
