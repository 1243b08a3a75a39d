"""Intake reads the agency, its calendar and the published procedure in one query and writes in one statement;
these tests show the shortcuts never serve stale data."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chinhquyenso.catalog.models import Field, ProcedureVersion
from chinhquyenso.catalog.services import procedure_draft_create, procedure_draft_update, procedure_publish
from chinhquyenso.core.models import Role, User
from chinhquyenso.core.services.audit import audit_verify
from chinhquyenso.dossiers.services.intake import dossier_intake
from chinhquyenso.dvcqg.models import OutboxItem
from chinhquyenso.workcal.engine import as_local
from chinhquyenso.workcal.services import calendar_day_set
from tests.dossiers.conftest import APPLICANT, COMMUNE, THREE_DAYS
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


def test_a_counter_intake_costs_four_queries_and_the_audit_chain_still_verifies(intake, catalog, officer, clock):
    intake()  # warms the per-process procedure cache, as any earlier intake of the day would
    version = ProcedureVersion.objects.get(procedure__national_code=THREE_DAYS, status="published")
    required = [c.position for c in version.components.all() if c.required]
    with CaptureQueriesContext(connection) as captured:
        dossier = dossier_intake(
            actor=officer,
            agency_id=catalog[COMMUNE].pk,
            procedure_code=THREE_DAYS,
            channel="counter",
            applicant=APPLICANT,
            provided=required,
        )
    # The agency with its calendar and procedure keys, the number with the row id, the audit head, the writes.
    statements = [q["sql"] for q in captured.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    assert len(statements) == 4, statements
    assert dossier.events.count() == 2
    assert OutboxItem.objects.filter(dossier_code=dossier.code).count() == 2  # its state, then the receipt step
    assert audit_verify() is None


def test_a_newly_published_version_is_used_at_once(intake, clock):
    first = intake()
    admin = User.objects.get(username="admin")
    current = ProcedureVersion.objects.get(procedure__national_code=THREE_DAYS, status="published")
    draft = procedure_draft_create(actor=admin, procedure=current.procedure)
    components = [
        {"name": "Tờ khai theo mẫu mới", "form": "original", "quantity": 1, "required": True, "reusable": False}
    ]
    draft = procedure_draft_update(actor=admin, version=draft, changes={"name": "Tên mới", "components": components})
    procedure_publish(actor=admin, version=draft)

    second = intake()
    assert first.procedure_version_id == current.pk
    assert (second.procedure_version_id, second.procedure_name) == (draft.pk, "Tên mới")
    assert list(second.components.values_list("name", flat=True)) == ["Tờ khai theo mẫu mới"]


def test_a_renamed_field_reaches_the_national_portal(intake, clock):
    intake()
    version = ProcedureVersion.objects.get(procedure__national_code=THREE_DAYS, status="published")
    Field.objects.filter(pk=version.field_id).update(name="Hộ tịch (tên mới)")
    dossier = intake()
    payload = OutboxItem.objects.filter(dossier_code=dossier.code, kind="dossier").get().payload
    assert "Hộ tịch (tên mới)" in str(payload)


def test_a_day_off_declared_after_an_intake_moves_the_next_due_time(intake, catalog, clock):
    before = intake()
    admin = make_staff("quantri.lich", agency=catalog[COMMUNE], role=Role.AGENCY_ADMIN)
    due_day = as_local(before.due_at).date()
    # The commune closes on the day the first dossier falls due (a local event): the next one must skip it.
    calendar_day_set(actor=admin, agency=catalog[COMMUNE], day=due_day, kind="holiday", name="Sự kiện địa phương")
    after = intake()
    assert after.calendar_version != before.calendar_version
    assert as_local(after.due_at).date() > due_day
