"""A double tap on "Nộp hồ sơ" submits once; the confirmation is one e-mail in the notification outbox."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from chinhquyenso.core.errors import NotFound
from chinhquyenso.core.notifications import Notification
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
def test_the_confirmation_is_one_e_mail_in_the_outbox(apply, citizen):
    dossier = draft_submit(actor=citizen, draft_id=apply(CERTIFIED_COPY, COPY_FORM, files={0: pdf_bytes()}).pk)
    [mail] = Notification.objects.filter(reference=dossier.code)
    assert (mail.channel, mail.recipient, mail.template) == ("email", "an.nguyen@example.vn", "dossier_submitted")
    assert dossier.code in mail.body and f"/tra-cuu/?ma={dossier.code}" in mail.body
