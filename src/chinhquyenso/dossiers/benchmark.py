"""Benchmark of the one-stop back office against the current database: ``chinhquyenso bench dossiers``.

Meant for a database filled by ``chinhquyenso generate dossiers --count 1000000``. Measures, one request at a
time on one connection:

* the public lookup by code, through ``dossier_public_status`` and through HTTP (API and page);
* the officer's inbox (20 rows of the officer's agency, one state, soonest due first), through
  ``dossier_inbox``, the API and the page;
* the staff detail page ``/ho-so/<code>/`` (and the API detail) for the logged-in one-stop officer;
* intake through ``dossier_intake``, all of them rolled back at the end so repeated runs leave nothing behind;
* the floor: a trivial view returning one row by primary key through the same middleware, to show what any
  request costs on this machine; HTTP lookup throughput is given as a share of the floor's (the two are timed
  in alternation so both meet the same load).

HTTP goes through Django's test client (the whole middleware stack, no socket), with ``DEBUG`` off and a
persistent database connection as in production. The public lookup's rate limit stays on the path, with a
limit high enough not to trip.
"""

from __future__ import annotations

import math
import random
import time as clock
import types
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.http import JsonResponse
from django.test import Client, override_settings
from django.urls import include, path

from chinhquyenso.core.models import Role, RoleAssignment, User
from chinhquyenso.dossiers.applicant import Applicant
from chinhquyenso.dossiers.models import Dossier
from chinhquyenso.dossiers.selectors import OPEN_STATES, InboxFilter, dossier_inbox, dossier_public_status
from chinhquyenso.dossiers.services.intake import dossier_intake
from chinhquyenso.dossiers.volume.people import PeopleFactory

EXPECTED_ROWS = 1_000_000
OFFICER = "motcua"  # the demo one-stop officer of xã Thọ Xuân (chinhquyenso demo)
WARM_UP = 20
FLOOR_PATH = "__bench__/floor/"

# (figure keys, statistic, target, unit): a target passes when every figure named meets it.
TARGETS = [
    (("lookup_selector", "lookup_api", "lookup_page"), "p95", 20.0, "ms"),
    (("inbox_selector", "inbox_api", "inbox_page"), "p95", 50.0, "ms"),
    (("detail_page", "detail_api"), "p95", 50.0, "ms"),
    (("intake",), "per_second", 100.0, "dossiers/s"),
    (("lookup_api_vs_floor",), "ratio", 60.0, "% of the floor"),
]
# key: (what was measured, short name in the target lines)
LABELS = {
    "lookup_selector": ("public lookup, dossier_public_status", "selector"),
    "lookup_api": ("public lookup, GET /api/v1/public/dossiers/{code}", "API"),
    "lookup_page": ("public lookup, GET /tra-cuu/?ma=…", "page"),
    "inbox_selector": ("inbox, dossier_inbox (20 rows, one state)", "selector"),
    "inbox_api": ("inbox, GET /api/v1/dossiers?agency=&state=", "API"),
    "inbox_page": ("inbox, GET /ho-so/?agency=&state=", "page"),
    "detail_page": ("detail, GET /ho-so/<code>/", "page"),
    "detail_api": ("detail, GET /api/v1/dossiers/<code>", "API"),
    "floor": ("floor: one row by primary key, GET", "floor"),
    "intake": ("intake, dossier_intake (all rolled back at the end)", "service"),
    "lookup_api_vs_floor": ("HTTP lookup (API) throughput ÷ the floor's", "API lookup"),
}


class BenchmarkSetupError(Exception):
    """The database lacks what the benchmark needs (demo data, generated dossiers)."""


@dataclass
class Timing:
    seconds: list[float]

    def percentile(self, q: float) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))] * 1000

    @property
    def p50(self) -> float:
        return self.percentile(0.50)

    @property
    def p95(self) -> float:
        return self.percentile(0.95)

    @property
    def per_second(self) -> float:
        total = sum(self.seconds)
        return len(self.seconds) / total if total else 0.0


@dataclass
class Check:
    label: str
    values: dict[str, float]
    target: float
    unit: str
    passed: bool


@dataclass
class BenchResult:
    rows: int
    database: str
    timings: dict[str, Timing] = field(default_factory=dict)
    ratios: dict[str, float] = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)


def _floor(request, pk: int):
    """The least a request can do: one row by primary key, as JSON."""
    return JsonResponse(Dossier.objects.filter(pk=pk).values("id", "code", "state").first() or {})


def _bench_urlconf() -> types.ModuleType:
    module = types.ModuleType("chinhquyenso_bench_urls")
    module.urlpatterns = [
        path(f"{FLOOR_PATH}<int:pk>/", _floor),
        path("", include(settings.ROOT_URLCONF)),
    ]
    return module


def _time(samples, call: Callable) -> Timing:
    for sample in samples[:WARM_UP]:
        call(sample)
    seconds = []
    for sample in samples:
        started = clock.perf_counter()
        call(sample)
        seconds.append(clock.perf_counter() - started)
    return Timing(seconds)


def _time_interleaved(samples_a, call_a: Callable, samples_b, call_b: Callable) -> tuple[Timing, Timing]:
    """Two kinds of request in alternation, so both meet the same load on a shared machine (their ratio is
    what matters)."""
    for a, b in zip(samples_a[:WARM_UP], samples_b[:WARM_UP], strict=False):
        call_a(a)
        call_b(b)
    seconds_a, seconds_b = [], []
    for a, b in zip(samples_a, samples_b, strict=True):
        started = clock.perf_counter()
        call_a(a)
        middle = clock.perf_counter()
        call_b(b)
        seconds_a.append(middle - started)
        seconds_b.append(clock.perf_counter() - middle)
    return Timing(seconds_a), Timing(seconds_b)


def _get(client: Client, url: str, data=None) -> None:
    response = client.get(url, data)
    if response.status_code != 200:
        raise AssertionError(f"GET {url} answered {response.status_code}")


def run(*, samples: int = 500, intakes: int = 200, seed: int = 1, officer: str = OFFICER) -> BenchResult:
    rng = random.Random(seed)  # noqa: S311 - which dossiers to ask for, not a secret
    user = User.objects.filter(username=officer).first()
    assignment = RoleAssignment.objects.filter(user=user, role=Role.ONE_STOP_OFFICER).select_related("agency").first()
    if user is None or assignment is None:
        raise BenchmarkSetupError(f"No one-stop officer {officer!r}: run `chinhquyenso demo` first.")
    agency = assignment.agency
    result = BenchResult(rows=Dossier.objects.count(), database=connection.vendor)
    ids = list(Dossier.objects.filter(agency=agency).values_list("id", flat=True))
    if not ids:
        raise BenchmarkSetupError(f"{agency.identifier} has no dossiers: run `chinhquyenso generate dossiers`.")
    any_codes = _random_codes(rng, samples)
    own = Dossier.objects.filter(id__in=rng.sample(ids, min(samples, len(ids))))
    own_codes = list(own.values_list("code", flat=True))
    rng.shuffle(own_codes)
    states = [s for s in OPEN_STATES if Dossier.objects.filter(agency=agency, state=s).exists()] or OPEN_STATES
    inbox_states = [rng.choice(states) for _ in range(samples)]
    floor_ids = [rng.choice(ids) for _ in range(samples)]

    overrides = override_settings(
        DEBUG=False,
        ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
        PUBLIC_LOOKUP_PER_MINUTE=10**9,
        ROOT_URLCONF=_bench_urlconf(),
    )
    max_age = connection.settings_dict["CONN_MAX_AGE"]
    connection.settings_dict["CONN_MAX_AGE"] = None  # persistent, as production's pooled connections
    anonymous, staff = Client(), Client()
    try:
        with overrides:
            staff.force_login(user)
            t = result.timings
            t["lookup_selector"] = _time(any_codes, dossier_public_status)
            t["lookup_api"], t["floor"] = _time_interleaved(
                any_codes,
                lambda c: _get(anonymous, f"/api/v1/public/dossiers/{c}"),
                floor_ids,
                lambda pk: _get(anonymous, f"/{FLOOR_PATH}{pk}/"),
            )
            t["lookup_page"] = _time(any_codes, lambda c: _get(anonymous, "/tra-cuu/", {"ma": c}))
            t["inbox_selector"] = _time(
                inbox_states,
                lambda s: dossier_inbox(user=user, filters=InboxFilter(agency_id=agency.pk, state=s), limit=20),
            )
            t["inbox_api"] = _time(
                inbox_states, lambda s: _get(staff, "/api/v1/dossiers", {"agency": agency.pk, "state": s})
            )
            t["inbox_page"] = _time(inbox_states, lambda s: _get(staff, "/ho-so/", {"agency": agency.pk, "state": s}))
            t["detail_page"] = _time(own_codes, lambda c: _get(staff, f"/ho-so/{c}/"))
            t["detail_api"] = _time(own_codes, lambda c: _get(staff, f"/api/v1/dossiers/{c}"))
            t["intake"] = _intakes(rng, user, agency, intakes)
            staff.logout()  # deletes the session row force_login wrote
    finally:
        connection.settings_dict["CONN_MAX_AGE"] = max_age
    floor = result.timings["floor"].per_second
    result.ratios["lookup_api_vs_floor"] = 100 * result.timings["lookup_api"].per_second / floor if floor else 0.0
    result.checks = _checks(result)
    return result


def _random_codes(rng: random.Random, n: int) -> list[str]:
    """Codes of ``n`` dossiers drawn across the whole table (by id, so no full sort of a million rows)."""
    bounds = Dossier.objects.order_by("id").values_list("id", flat=True)
    low, high = bounds.first(), bounds.last()
    codes: list[str] = []
    while len(codes) < n:
        wanted = {rng.randint(low, high) for _ in range(2 * (n - len(codes)))}
        codes.extend(Dossier.objects.filter(id__in=wanted).values_list("code", flat=True))
    rng.shuffle(codes)
    return codes[:n]


def _intakes(rng: random.Random, user, agency, n: int) -> Timing:
    """``n`` counter intakes through the service, all rolled back at the end."""
    from chinhquyenso.catalog.models import ProcedureVersion, VersionStatus

    versions = list(
        ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED, level="commune")
        .select_related("procedure")
        .prefetch_related("components")
    ) or list(ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED).prefetch_related("components"))
    if not versions:
        raise BenchmarkSetupError("No published procedure: run `chinhquyenso demo` first.")
    people = PeopleFactory(rng, ["xã Thọ Xuân, tỉnh Thanh Hóa"])
    cases = []
    for _i in range(n + WARM_UP):
        version = rng.choice(versions)
        person = people.person()
        applicant = Applicant(
            submitter_name=person.name,
            submitter_id_number=person.id_number,
            submitter_phone=person.phone,
            submitter_email=person.email,
            submitter_address=person.address,
        )
        required = [c.position for c in version.components.all() if c.required]
        cases.append((version.procedure.national_code, applicant, required))

    # The service's transaction becomes a savepoint released at its end (SAVEPOINT … RELEASE, the two round
    # trips a top-level intake pays as BEGIN … COMMIT) inside one transaction rolled back when all are timed, so
    # repeated runs leave nothing behind. A rollback after each intake would also throw away the connection's
    # prepared statements, which a committed intake keeps. Foreign keys are checked at once, as the commit of a
    # real intake would check them.

    def intake(case) -> None:
        code, applicant, provided = case
        dossier_intake(
            actor=user,
            agency_id=agency.pk,
            procedure_code=code,
            channel="counter",
            applicant=applicant,
            provided=provided,
        )

    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        timing = _time(cases, intake)
        transaction.set_rollback(True)
    timing.seconds = timing.seconds[WARM_UP:]  # the warm-up cases were timed again; keep n
    return timing


def _checks(result: BenchResult) -> list[Check]:
    checks = []
    for keys, statistic, target, unit in TARGETS:
        values = {}
        for key in keys:
            if statistic == "ratio":
                values[key] = result.ratios[key]
            else:
                values[key] = getattr(result.timings[key], statistic)
        worst = min(values.values()) if statistic in ("per_second", "ratio") else max(values.values())
        passed = worst >= target if statistic in ("per_second", "ratio") else worst <= target
        label = f"{statistic} {'≥' if statistic in ('per_second', 'ratio') else '≤'} {target:g} {unit}"
        checks.append(Check(label=label, values=values, target=target, unit=unit, passed=passed))
    return checks


def report(result: BenchResult) -> list[str]:
    lines = [f"Dossiers in the database: {result.rows:,} ({result.database})"]
    if result.rows < EXPECTED_ROWS:
        lines.append(
            f"WARNING: only {result.rows:,} dossiers; the targets are for {EXPECTED_ROWS:,} "
            "(chinhquyenso generate dossiers --count 1000000)."
        )
    lines.append(f"{'':<56}{'p50 ms':>9}{'p95 ms':>9}{'per s':>10}")
    for key, timing in result.timings.items():
        lines.append(f"{LABELS[key][0]:<56}{timing.p50:>9.2f}{timing.p95:>9.2f}{timing.per_second:>10,.0f}")
    for key, value in result.ratios.items():
        lines.append(f"{LABELS[key][0]}: {value:.0f}%")
    lines.append("Targets:")
    for check in result.checks:
        what = LABELS[next(iter(check.values))][0].split(",")[0]
        shown = ", ".join(f"{LABELS[k][1]} {v:,.1f}" for k, v in check.values.items())
        lines.append(f"  {'PASS' if check.passed else 'FAIL'}  {what}: {check.label} ({shown})")
    return lines
