"""Generated volume data (``chinhquyenso generate dossiers``) reads like real intake, and the benchmark runs on it."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, datetime, timedelta

import pytest
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from chinhquyenso.core.models import AuditEvent, User
from chinhquyenso.dossiers.applicant import ID_NUMBER_RE, PHONE_RE, Applicant
from chinhquyenso.dossiers.codes import CODE_RE
from chinhquyenso.dossiers.deadlines import compute_due, restart_due, transfer_due
from chinhquyenso.dossiers.models import Dossier, DossierCodeCounter, DossierComponent, DossierEvent
from chinhquyenso.dossiers.services.receipt import TRANSFER_CUTOFF
from chinhquyenso.dossiers.states import FINAL, FINISHED, DossierState
from chinhquyenso.dossiers.volume.generate import generate_dossiers, plan_groups
from chinhquyenso.dossiers.volume.histories import AgencyInfo
from chinhquyenso.dossiers.volume.people import FAMILY_NAMES
from chinhquyenso.dossiers.workflow import RESUME, TRANSITIONS
from chinhquyenso.dvcqg.models import OutboxItem
from chinhquyenso.units.models import Agency
from chinhquyenso.workcal.calendar import VN_TZ
from chinhquyenso.workcal.engine import as_local, resume_after_pause
from chinhquyenso.workcal.store import calendar_at
from tests.dossiers.conftest import COMMUNE, MONDAY_9

pytestmark = pytest.mark.django_db
NOW = MONDAY_9
OPEN = [s for s in DossierState.values if s not in FINAL and s not in FINISHED]


@pytest.fixture
def generated(catalog):
    report = generate_dossiers(count=500, seed=5, days=30, now=NOW, batch_size=200)
    return report


def _number(code: str) -> int:
    return int(code[-4:])


def test_the_requested_count_is_written_with_events_and_components(generated):
    assert generated.done == Dossier.objects.count() == 500
    assert DossierEvent.objects.count() == generated.events
    assert DossierComponent.objects.count() == generated.components
    # Every generated row points at rows that exist (the bulk load may skip the deferred FK triggers).
    assert not DossierEvent.objects.exclude(dossier__in=Dossier.objects.all()).exists()
    assert not Dossier.objects.exclude(agency__in=Agency.objects.all()).exists()
    assert not Dossier.objects.filter(assignee__isnull=False).exclude(assignee__in=User.objects.all()).exists()


def test_codes_are_consecutive_per_agency_and_day_in_order_of_arrival(generated):
    by_day = defaultdict(list)
    for d in Dossier.objects.select_related("agency").order_by("submitted_at", "id"):
        match = CODE_RE.match(d.code)
        assert match, d.code
        local_day = as_local(d.submitted_at).date()
        assert match["agency"] == d.agency.identifier
        assert match["day"] == local_day.strftime("%y%m%d")
        by_day[(d.agency_id, local_day)].append(_number(d.code))
    for numbers in by_day.values():
        assert numbers == list(range(1, len(numbers) + 1))
    counters = {(c.agency_id, c.day): c.last for c in DossierCodeCounter.objects.all()}
    assert counters == {key: len(numbers) for key, numbers in by_day.items()}


def test_a_real_intake_afterwards_takes_the_next_number(generated, intake):
    commune = Agency.objects.get(identifier=COMMUNE)
    counter = DossierCodeCounter.objects.filter(agency=commune).order_by("-day").first()
    at = datetime.combine(counter.day, datetime.min.time(), VN_TZ) + timedelta(hours=16)
    dossier = intake(at=at)
    assert dossier.code == f"{COMMUNE}-{counter.day:%y%m%d}-{counter.last + 1:04d}"


def test_a_second_run_continues_the_numbering(generated):
    before = dict(DossierCodeCounter.objects.values_list("day", "last").filter(agency__identifier=COMMUNE))
    generate_dossiers(count=100, seed=6, days=30, now=NOW, agencies=[COMMUNE])
    codes = list(Dossier.objects.filter(agency__identifier=COMMUNE).values_list("code", flat=True))
    assert len(codes) == len(set(codes))
    for day, last in DossierCodeCounter.objects.filter(agency__identifier=COMMUNE).values_list("day", "last"):
        numbers = sorted(_number(c) for c in codes if c.split("-")[1] == f"{day:%y%m%d}")
        assert numbers == list(range(1, last + 1))
        assert last >= before.get(day, 0)


def test_every_state_appears_most_dossiers_are_returned_some_are_late(generated):
    counts = {s: Dossier.objects.filter(state=s).count() for s in DossierState.values}
    assert all(counts.values()), counts
    assert counts[DossierState.RETURNED] > sum(counts.values()) / 2
    late = Dossier.objects.filter(state__in=OPEN, due_at__lt=NOW).count()
    assert late > 0
    late_returns = [
        d
        for d in Dossier.objects.filter(state=DossierState.RETURNED).only("decided_at", "due_at")
        if d.decided_at > d.due_at
    ]
    assert 0 < len(late_returns) < counts[DossierState.RETURNED] / 5


def test_histories_follow_the_transition_table_and_end_in_the_dossiers_state(generated):
    events = defaultdict(list)
    for e in DossierEvent.objects.order_by("dossier_id", "seq"):
        events[e.dossier_id].append(e)
    for d in Dossier.objects.all():
        history = events[d.id]
        assert 1 <= len(history) <= 6
        assert [e.seq for e in history] == list(range(1, len(history) + 1))
        assert (history[0].action, history[0].from_state, history[0].to_state) == ("submit", "", "submitted")
        waiting_from = None
        for before, event in zip(history, history[1:], strict=False):
            transition = TRANSITIONS[event.action]
            assert event.from_state == before.to_state
            assert event.from_state in transition.sources, (d.code, event.action, event.from_state)
            assert event.occurred_at >= before.occurred_at
            if event.action in ("request_supplement", "request_payment"):
                waiting_from = event.from_state
            if transition.target == RESUME:
                assert event.to_state == waiting_from
            elif transition.target is None:
                assert event.to_state == event.from_state
            else:
                assert event.to_state == transition.target
        assert history[-1].to_state == d.state
        assert d.version == len(history)
        assert history[-1].occurred_at <= NOW
        if len(history) == 1:
            assert d.state == DossierState.SUBMITTED  # only an online dossier nobody has checked yet


def test_due_times_are_the_working_calendar_computation(generated):
    received = Dossier.objects.filter(received_at__isnull=False)
    assert received.count() > 400
    assert not Dossier.objects.filter(received_at__isnull=True, due_at__isnull=False).exists()
    for d in received.prefetch_related("events"):
        calendar = calendar_at(d.calendar_version)
        due = compute_due(calendar, d, d.received_at)
        for event in d.events.all():
            if event.action == "receive_supplement" and event.data:
                assert datetime.fromisoformat(event.data["old_due"]) == due
                if event.data["restarted"]:
                    due = restart_due(calendar, d, event.occurred_at)
                else:
                    due = resume_after_pause(
                        calendar, due, datetime.fromisoformat(event.data["paused_at"]), event.occurred_at
                    )
            elif event.action == "confirm_payment":
                paused = datetime.fromisoformat(event.data["paused_at"])
                due = resume_after_pause(calendar, due, paused, event.occurred_at)
            elif event.action == "extend":
                assert d.original_due_at == due
                due = datetime.fromisoformat(event.data["new_due"])
                assert due > d.original_due_at
        assert d.due_at == due, d.code
        plan = d.step_plan
        assert plan and all(datetime.fromisoformat(step["due_at"]) <= d.due_at for step in plan)
        if d.channel != "online":
            assert d.transfer_due_at == transfer_due(calendar, d.received_at, TRANSFER_CUTOFF)


def test_applicants_have_vietnamese_names_valid_ids_and_phones(generated):
    families = {name for name, _ in FAMILY_NAMES}
    for d in Dossier.objects.all()[:200]:
        words = d.submitter_name.split()
        assert len(words) >= 3 and words[0] in families
        assert ID_NUMBER_RE.match(d.submitter_id_number) and d.submitter_id_number.startswith("038")
        assert PHONE_RE.match(d.submitter_phone)
        assert re.search(r", (xã|phường) .+, tỉnh Thanh Hóa$", d.submitter_address), d.submitter_address
        Applicant(
            submitter_name=d.submitter_name,
            submitter_id_number=d.submitter_id_number,
            submitter_phone=d.submitter_phone,
            submitter_email=d.submitter_email,
            submitter_address=d.submitter_address,
        ).cleaned()  # what the counter form would accept


def test_components_are_the_procedures_checklist_and_received_ones_are_complete(generated):
    for d in Dossier.objects.filter(received_at__isnull=False).select_related("procedure_version")[:100]:
        expected = list(d.procedure_version.components.values_list("position", "name", "required"))
        got = list(d.components.values_list("position", "name", "required"))
        assert got == expected
        assert all(c.provided for c in d.components.all() if c.required)


def test_generation_writes_no_audit_rows_and_queues_nothing_for_the_portal(catalog):
    audit, outbox = AuditEvent.objects.count(), OutboxItem.objects.count()
    generate_dossiers(count=50, seed=9, days=10, now=NOW)
    assert (AuditEvent.objects.count(), OutboxItem.objects.count()) == (audit, outbox)


def test_an_unknown_agency_is_refused_before_anything_is_written(catalog):
    from chinhquyenso.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as caught:
        generate_dossiers(count=10, agencies=[COMMUNE, "999.99.99.X00"], now=NOW)
    assert caught.value.fields == {"agencies": ["999.99.99.X00"]}
    assert not Dossier.objects.exists()


def test_the_command_prints_progress_and_the_state_mix(catalog, capsys):
    call_command("generate", "dossiers", "--count", "60", "--days", "5", "--batch", "30")
    out = capsys.readouterr().out
    assert "60 / 60 dossiers" in out and "Done: 60 dossiers" in out and "returned" in out
    assert Dossier.objects.count() == 60


@settings(max_examples=40, deadline=None)
@given(count=st.integers(1, 50_000), days=st.integers(1, 800))
def test_the_plan_splits_exactly_the_count_within_each_agencys_lifetime(count, days):
    calendar = calendar_at("n0")
    agencies = [
        AgencyInfo(1, "A", "a", "N38/1/", calendar, weight=3.0),
        AgencyInfo(2, "B", "b", "L38/2/", calendar, valid_to=date(2025, 6, 30), weight=6.0),
        AgencyInfo(3, "C", "c", "N38/3/", calendar, valid_from=date(2025, 7, 1)),
    ]
    plan = plan_groups(agencies, count, days, NOW)
    assert sum(g.count for g in plan) == count
    first = NOW.date() - timedelta(days=days - 1)
    for group in plan:
        assert first <= group.day <= NOW.date()
        agency = group.agency
        assert not agency.valid_to or group.day <= agency.valid_to
        assert not agency.valid_from or group.day >= agency.valid_from
    assert [g.day for g in plan] == sorted(g.day for g in plan)


def test_the_benchmark_runs_on_a_tiny_dataset_and_leaves_nothing_behind(catalog):
    from django.contrib.sessions.models import Session

    from chinhquyenso.dossiers.benchmark import report, run

    generate_dossiers(count=300, seed=3, days=20, now=datetime.now(VN_TZ))
    dossiers, sessions = Dossier.objects.count(), Session.objects.count()
    counters = set(DossierCodeCounter.objects.values_list("agency_id", "day", "last"))
    result = run(samples=8, intakes=3)
    expected = {
        "lookup_selector", "lookup_api", "lookup_page", "floor", "inbox_selector", "inbox_api", "inbox_page",
        "detail_page", "detail_api", "intake",
    }  # fmt: skip
    assert set(result.timings) == expected
    assert all(len(t.seconds) == 8 for k, t in result.timings.items() if k != "intake")
    assert len(result.timings["intake"].seconds) == 3
    assert result.ratios["lookup_api_vs_floor"] > 0
    assert len(result.checks) == 5
    lines = report(result)
    assert lines[1].startswith("WARNING: only 300 dossiers")
    assert sum(line.strip().startswith(("PASS", "FAIL")) for line in lines) == 5
    # Intakes were rolled back and the officer's session deleted: repeated runs do not grow the database.
    assert (Dossier.objects.count(), Session.objects.count()) == (dossiers, sessions)
    assert set(DossierCodeCounter.objects.values_list("agency_id", "day", "last")) == counters


def test_the_portable_insert_writer_stores_the_same_values(catalog, monkeypatch):
    # SQLite (make run's demo) takes the executemany path; exercised here on PostgreSQL with the same adapters.
    from chinhquyenso.dossiers.volume import generate

    monkeypatch.setattr(generate, "_writer_for", lambda vendor: generate._InsertWriter())
    report = generate_dossiers(count=80, seed=4, days=10, now=NOW)
    assert Dossier.objects.count() == report.done == 80
    assert DossierEvent.objects.count() == report.events
    for d in Dossier.objects.filter(received_at__isnull=False, state=DossierState.RECEIVED):
        assert d.due_at == compute_due(calendar_at(d.calendar_version), d, d.received_at)
        assert isinstance(d.step_plan, list) and d.step_plan[0]["name"]
    assert all(isinstance(e.data, dict) for e in DossierEvent.objects.all())
