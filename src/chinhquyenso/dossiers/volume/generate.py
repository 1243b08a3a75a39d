"""Fills the database with realistic dossiers in bulk: ``chinhquyenso generate dossiers --count N``.

The plan first spreads ``count`` dossiers over (day, agency) pairs of the last ``days`` days: working days
busy, days off online-only and quiet, volume growing over time, each agency only while it exists (the former
district before 01/07/2025, the two-tier communes after). Within one agency and day the submissions are sorted
and numbered from the day's counter, so codes are consecutive and ``DossierCodeCounter`` ends exactly at the
last code: a later real intake continues the numbering. ``histories.DossierMaker`` writes each dossier's life.

Rows go in batches, one transaction each: PostgreSQL ``COPY`` through psycopg, ``bulk_create`` elsewhere
(SQLite, small counts). On purpose this bypasses the services: no audit rows and no DVCQG outbox items are
written for generated dossiers, and nothing is validated twice. Run it while nobody is taking in dossiers.
"""

from __future__ import annotations

import random
import time as clock
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import accumulate

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chinhquyenso.catalog.models import ProcedureLevel, ProcedureVersion, VersionStatus
from chinhquyenso.core.errors import ValidationFailed
from chinhquyenso.core.models import Role, RoleAssignment
from chinhquyenso.dossiers.codes import MAX_PER_DAY, format_code
from chinhquyenso.dossiers.models import Dossier, DossierCodeCounter, DossierComponent, DossierEvent
from chinhquyenso.dossiers.states import Channel
from chinhquyenso.dossiers.volume.histories import (
    COMPONENT_COLUMNS,
    DOSSIER_COLUMNS,
    EVENT_COLUMNS,
    AgencyInfo,
    DossierMaker,
    ProcedureInfo,
)
from chinhquyenso.dossiers.volume.people import PeopleFactory
from chinhquyenso.units.models import AdministrativeUnit, Agency, UnitLevel
from chinhquyenso.units.paths import path_ancestors
from chinhquyenso.workcal.calendar import VN_TZ
from chinhquyenso.workcal.engine import add_working_minutes, as_local, working_minutes_between
from chinhquyenso.workcal.store import calendar_for

# Relative daily volume of the demo agencies (units/demo.py); any other agency weighs 1.
AGENCY_WEIGHTS = {
    "000.00.00.H56": 0.5,  # the provincial people's committee receives little directly
    "000.00.31.H56": 3.0,  # the provincial one-stop centre
    "000.00.15.H56": 1.5,  # department of justice (criminal record certificates)
    "000.01.27.H56": 3.0,
    "000.02.27.H56": 2.5,
    "000.03.27.H56": 2.0,
    "000.00.27.H56": 6.0,  # the former district handled every commune-level dossier of its area
}
# Relative popularity of the demo procedures; certification of copies dwarfs everything at a commune.
PROCEDURE_WEIGHTS = {
    "2.000815": 30, "2.000884": 10, "1.001193": 8, "1.004873": 8, "2.000635": 5, "1.004222": 5, "1.004194": 5,
    "1.000894": 4, "1.013978": 4, "1.000656": 3, "2.001035": 3, "1.002755": 2, "2.000488": 10, "1.013831": 6,
    "2.001610": 5,
}  # fmt: skip
# Online submissions by hour of the day (people file in the evening too); counters follow the sessions.
ONLINE_HOURS = [1, 1, 1, 1, 1, 2, 3, 5, 8, 8, 8, 7, 4, 5, 8, 8, 8, 7, 6, 6, 6, 5, 3, 2]
DAY_OFF_FACTOR = 0.06  # only online dossiers arrive on days off
OnProgress = Callable[["GenerationReport"], None]


@dataclass
class GenerationReport:
    total: int  # dossiers planned
    done: int = 0
    events: int = 0
    components: int = 0
    seconds: float = 0.0
    states: Counter = field(default_factory=Counter)
    per_agency: Counter = field(default_factory=Counter)
    first_day: date | None = None
    last_day: date | None = None

    @property
    def rate(self) -> float:
        return self.done / self.seconds if self.seconds else 0.0

    @property
    def eta_seconds(self) -> float:
        return (self.total - self.done) / self.rate if self.rate else 0.0


@dataclass
class DayGroup:
    """The dossiers one agency received on one day."""

    day: date
    agency: AgencyInfo
    count: int


def generate_dossiers(
    *,
    count: int,
    agencies: list[str] | None = None,
    seed: int = 1,
    days: int = 730,
    now: datetime | None = None,
    batch_size: int = 20_000,
    on_progress: OnProgress | None = None,
) -> GenerationReport:
    """Generates ``count`` dossiers received by ``agencies`` (identifiers; default every demo agency) over the
    ``days`` days up to ``now``. The same seed, ``now`` and database give the same dossiers."""
    if count < 1:
        raise ValidationFailed(fields={"count": [_("Generate at least one dossier.")]})
    if days < 1:
        raise ValidationFailed(fields={"days": [_("Spread the dossiers over at least one day.")]})
    now = as_local(now or timezone.now())
    rng = random.Random(seed)  # noqa: S311 - synthetic data, reproducible from the seed
    infos = _load_agencies(agencies, rng)
    procedures = _load_procedures()
    plan = plan_groups(infos, count, days, now)
    report = GenerationReport(total=sum(g.count for g in plan))
    if plan:
        report.first_day, report.last_day = plan[0].day, plan[-1].day
    last_numbers = _current_counters(plan)
    for group in plan:
        if last_numbers.get((group.agency.id, group.day), 0) + group.count > MAX_PER_DAY:
            raise ValidationFailed(
                _("%(agency)s would receive more than 9,999 dossiers on %(day)s.")
                % {"agency": group.agency.identifier, "day": group.day.isoformat()}
            )
    people = {a.id: PeopleFactory(rng, _places(a)) for a in infos}
    writer = _writer_for(connection.vendor)
    # Outside a transaction on PostgreSQL, batch N is written on a second connection while N+1 is being made.
    sink = _Sink(writer, background=isinstance(writer, _PostgresWriter) and not connection.in_atomic_block)
    started = clock.perf_counter()
    try:
        for batch in _batches(plan, batch_size):
            next_id = iter(writer.reserve_ids(sum(g.count for g in batch)))
            dossiers, events, components, counters = [], [], [], []
            for group in batch:
                agency = group.agency
                maker = DossierMaker(rng, now, people[agency.id], infos)
                first = last_numbers.get((agency.id, group.day), 0) + 1
                weights = procedures[agency.level]
                for number, (at, channel) in enumerate(_instants(rng, agency, group, now), start=first):
                    proc = rng.choices(weights[0], cum_weights=weights[1])[0]
                    row, dossier_events, dossier_components = maker.make(
                        dossier_id=next(next_id),
                        code=format_code(agency.identifier, group.day, number),
                        agency=agency,
                        proc=proc,
                        submitted_at=at,
                        channel=channel,
                    )
                    dossiers.append(row)
                    events.extend(dossier_events)
                    components.extend(dossier_components)
                    report.states[row["state"]] += 1
                counters.append((agency.id, group.day, first + group.count - 1))
                report.per_agency[agency.identifier] += group.count
            sink.put(dossiers, events, components, counters)
            report.done += len(dossiers)
            report.events += len(events)
            report.components += len(components)
            report.seconds = clock.perf_counter() - started
            if on_progress:
                on_progress(report)
    finally:
        sink.close()
    writer.finish()
    report.seconds = clock.perf_counter() - started
    return report


def _writer_for(vendor: str):
    return _PostgresWriter() if vendor == "postgresql" else _InsertWriter()


def _close_connection() -> None:
    connection.close()  # the proxy resolves to the calling thread's connection


class _Sink:
    """Writes each batch in its own transaction, in this thread or (``background``) in one worker thread with
    its own connection, so making the next batch overlaps the database loading this one."""

    def __init__(self, writer, *, background: bool):
        self.writer = writer
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="generate") if background else None
        self.pending: Future | None = None

    def _write(self, dossiers, events, components, counters) -> None:
        with transaction.atomic():
            self.writer.write(dossiers, events, components)
            _save_counters(counters)

    def put(self, *batch) -> None:
        if self.pool is None:
            self._write(*batch)
            return
        if self.pending is not None:
            self.pending.result()  # at most one batch in flight; re-raises the worker's error here
        self.pending = self.pool.submit(self._write, *batch)

    def close(self) -> None:
        if self.pool is None:
            return
        try:
            if self.pending is not None:
                self.pending.result()
        finally:
            self.pool.submit(_close_connection).result()  # the worker thread's own connection
            self.pool.shutdown()


# -- what exists ---------------------------------------------------------------------------------------------------
def _load_agencies(identifiers: list[str] | None, rng: random.Random) -> list[AgencyInfo]:
    from chinhquyenso.units.demo import DEMO_AGENCIES

    wanted = identifiers or [row[0] for row in DEMO_AGENCIES]
    found = {a.identifier: a for a in Agency.objects.select_related("unit").filter(identifier__in=wanted)}
    unknown = [i for i in wanted if i not in found]
    if unknown:
        raise ValidationFailed(
            _("Unknown agencies: %(list)s. Load the demo data first (chinhquyenso demo).")
            % {"list": ", ".join(unknown)},
            fields={"agencies": unknown},
        )
    staff: dict[int, dict[str, list]] = {}
    assignments = RoleAssignment.objects.filter(
        agency__in=found.values(), role__in=(Role.ONE_STOP_OFFICER, Role.SPECIALIST, Role.UNIT_LEADER)
    ).order_by("pk")
    for user_id, name, role, agency_id in assignments.values_list("user_id", "user__full_name", "role", "agency_id"):
        staff.setdefault(agency_id, {}).setdefault(role, []).append((user_id, name))
    names = PeopleFactory(random.Random(rng.random()), [])  # noqa: S311
    infos = []
    for identifier in wanted:
        agency = found[identifier]
        roles = staff.get(agency.pk, {})
        for role in (Role.ONE_STOP_OFFICER, Role.SPECIALIST, Role.UNIT_LEADER):
            # Agencies without demo accounts get invented officers: history shows a name, the account is empty.
            roles.setdefault(role, [(None, names.full_name()) for _ in range(3)])
        unit = agency.unit
        infos.append(
            AgencyInfo(
                id=agency.pk,
                identifier=agency.identifier,
                name=agency.name,
                unit_path=unit.path,
                calendar=calendar_for(agency.pk),
                staff=roles,
                level=ProcedureLevel.PROVINCE if unit.level == UnitLevel.PROVINCE else ProcedureLevel.COMMUNE,
                valid_from=agency.valid_from or unit.valid_from,
                valid_to=agency.valid_to or unit.valid_to,
                weight=AGENCY_WEIGHTS.get(identifier, 1.0),
            )
        )
    return infos


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def _places(agency: AgencyInfo) -> list[str]:
    """Address tails (``xã Thọ Xuân, tỉnh Thanh Hóa``) of the communes the agency serves."""
    path = agency.unit_path
    units = AdministrativeUnit.objects.filter(path__startswith=path, level=UnitLevel.COMMUNE)
    names = dict(AdministrativeUnit.objects.filter(path__in=path_ancestors(path)).values_list("path", "name"))
    places = []
    for unit in units.order_by("path").only("path", "name"):
        above = [names.get(p) or "" for p in reversed(path_ancestors(unit.path)[:-1])]
        parts = [unit.name, *(n for n in above if n)]
        places.append(", ".join(_lower_first(p) for p in parts))
    return places


def _load_procedures() -> dict[str, tuple[list[ProcedureInfo], list[float]]]:
    """Published versions by competent level, with cumulative popularity weights for ``random.choices``."""
    by_level: dict[str, list[ProcedureInfo]] = {level: [] for level in ProcedureLevel.values}
    versions = (
        ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED)
        .select_related("procedure")
        .prefetch_related("steps", "components", "fees")
    )
    for v in versions:
        by_level[v.level].append(
            ProcedureInfo(
                version_id=v.pk,
                code=v.procedure.national_code,
                name=v.name,
                time_limit=v.time_limit,
                time_limit_unit=v.time_limit_unit,
                same_day_cutoff=v.same_day_cutoff,
                supplement_rule=v.supplement_rule,
                result=v.result,
                steps=list(v.steps.all()),
                components=[(c.position, c.name, c.form, c.quantity, c.required) for c in v.components.all()],
                fee_vnd=sum(f.amount_vnd for f in v.fees.all()),
            )
        )
    if not any(by_level.values()):
        raise ValidationFailed(_("No published procedure: load the demo catalogue first (chinhquyenso demo)."))
    every = [p for procs in by_level.values() for p in procs]
    out = {}
    for level, procs in by_level.items():
        procs = procs or every  # an agency of a level without procedures takes any
        out[level] = (procs, list(accumulate(PROCEDURE_WEIGHTS.get(p.code, 1) for p in procs)))
    return out


# -- the plan ------------------------------------------------------------------------------------------------------
def plan_groups(agencies: list[AgencyInfo], count: int, days: int, now: datetime) -> list[DayGroup]:
    """``count`` split over (day, agency) by weight, exactly (largest remainders), in day order."""
    today = now.date()
    first = today - timedelta(days=days - 1)
    cells: list[tuple[date, AgencyInfo, float]] = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        trend = 0.8 + 0.4 * offset / max(1, days - 1)  # more dossiers every year, more of them online
        for agency in agencies:
            if (agency.valid_from and day < agency.valid_from) or (agency.valid_to and day > agency.valid_to):
                continue
            cal = agency.calendar
            factor = 1.0 if cal.is_working_day(day) else DAY_OFF_FACTOR
            if day == today:  # only the part of today already gone
                start = datetime.combine(day, time(0), VN_TZ)
                factor *= max(0.02, working_minutes_between(cal, start, now) / cal.minutes_per_day)
            cells.append((day, agency, agency.weight * factor * trend))
    if not cells:
        raise ValidationFailed(_("None of these agencies existed during the period."))
    total = sum(w for _, _, w in cells)
    exact = [count * w / total for _, _, w in cells]
    counts = [int(x) for x in exact]
    short = count - sum(counts)
    for i in sorted(range(len(cells)), key=lambda i: counts[i] - exact[i])[:short]:
        counts[i] += 1
    return [DayGroup(day, agency, n) for (day, agency, _), n in zip(cells, counts, strict=True) if n]


def _batches(plan: list[DayGroup], size: int):
    batch, n = [], 0
    for group in plan:
        batch.append(group)
        n += group.count
        if n >= size:
            yield batch
            batch, n = [], 0
    if batch:
        yield batch


def _instants(rng: random.Random, agency: AgencyInfo, group: DayGroup, now: datetime) -> list[tuple[datetime, str]]:
    """When each dossier of the group arrived and by which channel, in time order."""
    cal, day = agency.calendar, group.day
    start = datetime.combine(day, time(0), VN_TZ)
    working = cal.is_working_day(day)
    age = (now.date() - day).days
    online_share = 0.55 - 0.3 * min(1.0, age / 730)  # online filing grew from a quarter to over half
    out = []
    for _i in range(group.count):
        roll = rng.random()
        if working and roll >= online_share:
            channel = Channel.POST if roll > 0.97 else Channel.COUNTER
            at = add_working_minutes(cal, start, rng.randint(1, cal.minutes_per_day - 1))
            at -= timedelta(seconds=rng.randint(0, 59))
        else:
            channel = Channel.ONLINE
            hour = rng.choices(range(24), weights=ONLINE_HOURS)[0]
            at = start + timedelta(hours=hour, seconds=rng.randint(0, 3599))
        if at > now:  # today: only what has already arrived
            channel = Channel.ONLINE
            at = now - timedelta(seconds=rng.randint(0, max(0, int((now - start).total_seconds()))))
        out.append((at, str(channel)))
    out.sort()
    return out


# -- writing -------------------------------------------------------------------------------------------------------
def _current_counters(plan: list[DayGroup]) -> dict[tuple[int, date], int]:
    """Where each (agency, day) counter stands: generated codes continue after what real intake has used."""
    if not plan:
        return {}
    rows = DossierCodeCounter.objects.filter(
        agency_id__in={g.agency.id for g in plan}, day__gte=plan[0].day, day__lte=plan[-1].day
    ).values_list("agency_id", "day", "last")
    return {(agency_id, day): last for agency_id, day, last in rows}


def _save_counters(counters: list[tuple[int, date, int]]) -> None:
    table = DossierCodeCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (agency_id, day, last) VALUES (%s, %s, %s) "  # noqa: S608 - table name is ours
            f"ON CONFLICT (agency_id, day) DO UPDATE SET last = CASE WHEN excluded.last > {table}.last "
            f"THEN excluded.last ELSE {table}.last END",
            counters,
        )


class _PostgresWriter:
    """COPY into the three tables; events and components take their ids from their own sequences."""

    def reserve_ids(self, n: int) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [Dossier._meta.db_table, n],
            )
            return [row[0] for row in cursor.fetchall()]

    def _copy(self, table: str, columns: tuple[str, ...], rows) -> None:
        raw = connection.connection  # the psycopg connection, inside Django's transaction
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def write(self, dossiers: list[dict], events: list[tuple], components: list[tuple]) -> None:
        with connection.cursor() as cursor:
            # Every foreign key points at a row read in this run, so a superuser (the benchmark database) skips
            # the deferred per-row FK triggers, which otherwise double the load time; others keep the checks.
            cursor.execute(
                "SELECT CASE WHEN current_setting('is_superuser') = 'on' "
                "THEN set_config('session_replication_role', 'replica', true) END"
            )
        self._copy(Dossier._meta.db_table, DOSSIER_COLUMNS, (tuple(d[c] for c in DOSSIER_COLUMNS) for d in dossiers))
        self._copy(DossierEvent._meta.db_table, EVENT_COLUMNS, events)
        self._copy(DossierComponent._meta.db_table, COMPONENT_COLUMNS, components)

    def finish(self) -> None:
        # Fresh statistics (and, outside a transaction, the visibility map) so the planner sees the new volume.
        tables = [m._meta.db_table for m in (Dossier, DossierEvent, DossierComponent, DossierCodeCounter)]
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"{command} {table}")


class _InsertWriter:
    """One parameterised INSERT run with ``executemany`` per table (SQLite and others): values converted once
    by the backend's own adapters, without building model instances; the demo's few thousand take seconds."""

    def __init__(self):
        ops = connection.ops
        self.tables = []
        for model, columns in (
            (Dossier, DOSSIER_COLUMNS),
            (DossierEvent, EVENT_COLUMNS),
            (DossierComponent, COMPONENT_COLUMNS),
        ):
            adapters = []
            for column in columns:
                f = model._meta.get_field(column.removesuffix("_id") if column != "id" else column)
                if isinstance(f, models.DateTimeField):
                    adapters.append(ops.adapt_datetimefield_value)
                elif isinstance(f, models.TimeField):
                    adapters.append(ops.adapt_timefield_value)
                elif isinstance(f, models.DecimalField):
                    adapters.append(lambda v, f=f: ops.adapt_decimalfield_value(v, f.max_digits, f.decimal_places))
                else:  # text, numbers, booleans and the JSON already serialised
                    adapters.append(None)
            names = ", ".join(connection.ops.quote_name(c) for c in columns)
            sql = f"INSERT INTO {model._meta.db_table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
            self.tables.append((sql, adapters))

    def reserve_ids(self, n: int) -> list[int]:
        last = Dossier.objects.order_by("-id").values_list("id", flat=True).first() or 0
        return list(range(last + 1, last + 1 + n))

    def _insert(self, index: int, rows) -> None:
        sql, adapters = self.tables[index]
        converted = [
            [v if a is None or v is None else a(v) for a, v in zip(adapters, row, strict=True)] for row in rows
        ]
        with connection.cursor() as cursor:
            cursor.executemany(sql, converted)

    def write(self, dossiers: list[dict], events: list[tuple], components: list[tuple]) -> None:
        self._insert(0, (tuple(d[c] for c in DOSSIER_COLUMNS) for d in dossiers))
        self._insert(1, events)
        self._insert(2, components)

    def finish(self) -> None:
        pass
