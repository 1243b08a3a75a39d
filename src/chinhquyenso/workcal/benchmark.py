"""Benchmark of the deadline engine (``chinhquyenso.workcal``) against a straightforward implementation.

    chinhquyenso bench deadlines [--cases N] [--baseline-cases N]      (or: python bench/deadlines.py)

Generates ``n`` mixed cases (all four limit units, receipts anywhere in 2024-2027 including nights, weekends
and holidays), times ``due_at`` called once per case over all of them on one core, times the naive
implementation on the first ``baseline_n`` and checks the two agree on every one of those. The report says
whether the engine ran compiled (mypyc) or as pure Python, and PASS/FAIL against the targets below.
"""

from __future__ import annotations

import gc
import random
import time as clock
from datetime import date, datetime, time, timedelta

import holidays

from chinhquyenso.workcal.calendar import DEFAULT_SESSIONS, VN_TZ
from chinhquyenso.workcal.engine import IMPLEMENTATION, due_at
from chinhquyenso.workcal.seed import calendar_from_holidays_lib

YEARS = range(2024, 2029)  # receipts in 2024-2027; 2028 holds the deadlines of late-2027 receipts
UNITS = ("working-days", "working-hours", "calendar-days", "same-day")
BOUNDARIES = (time(7, 30), time(11, 30), time(13, 30), time(17, 30), time(15, 0), time(0, 0))
TARGET_PER_SECOND = 200_000  # due dates per second on one core
TARGET_SPEEDUP = 50  # times the straightforward loop


class NaiveDeadlines:
    """The obvious implementation: walk day by day and session by session, asking ``holidays.VN`` per day."""

    def __init__(self, years, sessions=DEFAULT_SESSIONS, cutoff=time(15, 0)):
        self.holidays = holidays.VN(years=years, language="vi")
        self.makeup = set(self.holidays.weekend_workdays)
        self.sessions = sessions
        self.cutoff = cutoff

    def is_working_day(self, day: date) -> bool:
        if day in self.makeup:
            return True
        if day.weekday() >= 5:
            return False
        return day not in self.holidays

    def local(self, dt: datetime) -> datetime:
        dt = dt.astimezone(VN_TZ)
        if dt.second or dt.microsecond:
            dt = dt.replace(second=0, microsecond=0) + timedelta(minutes=1)
        return dt

    def start_of_count(self, dt: datetime) -> datetime:
        day, at = dt.date(), dt.time()
        while True:
            if self.is_working_day(day):
                for start, end in self.sessions:
                    if at < end:
                        return datetime.combine(day, max(at, start), VN_TZ)
            day += timedelta(days=1)
            at = time(0, 0)

    def add_working_minutes(self, dt: datetime, minutes: int) -> datetime:
        cursor = self.start_of_count(self.local(dt))
        if minutes == 0:
            return cursor
        day, at = cursor.date(), cursor.time()
        while True:
            if self.is_working_day(day):
                for start, end in self.sessions:
                    if at >= end:
                        continue
                    begin = datetime.combine(day, max(at, start), VN_TZ)
                    available = (datetime.combine(day, end, VN_TZ) - begin) // timedelta(minutes=1)
                    if minutes <= available:
                        return begin + timedelta(minutes=minutes)
                    minutes -= available
            day += timedelta(days=1)
            at = time(0, 0)

    def due_at(self, received: datetime, limit, unit: str) -> datetime:
        if unit == "working-days":
            return self.add_working_minutes(received, round(limit * 2) * 240)
        if unit == "working-hours":
            return self.add_working_minutes(received, round(limit * 60))
        if unit == "calendar-days":
            start = self.start_of_count(self.local(received))
            day = start.date() + timedelta(days=limit)
            while not self.is_working_day(day):
                day += timedelta(days=1)
            return datetime.combine(day, start.time(), VN_TZ)
        if unit == "same-day":
            received = received.astimezone(VN_TZ)
            day = received.date()
            if not (self.is_working_day(day) and received.time() < self.cutoff):
                day += timedelta(days=1)
                while not self.is_working_day(day):
                    day += timedelta(days=1)
            return datetime.combine(day, self.sessions[-1][1], VN_TZ)
        raise ValueError(unit)


def make_cases(n: int, seed: int = 0) -> list[tuple[datetime, int | float, str]]:
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    first = date(2024, 1, 1).toordinal()
    span = date(2027, 12, 31).toordinal() - first + 1
    cases = []
    for _ in range(n):
        day = date.fromordinal(first + rng.randrange(span))
        roll = rng.random()
        if roll < 0.1:  # exactly on a session boundary, the cut-off or midnight
            at = rng.choice(BOUNDARIES)
        elif roll < 0.3:  # with seconds, which round up to the next minute
            at = time(rng.randrange(24), rng.randrange(60), rng.randrange(1, 60))
        else:
            at = time(rng.randrange(24), rng.randrange(60))
        unit = UNITS[rng.randrange(4)]
        if unit == "working-days":
            halves = rng.randint(1, 60)
            limit = halves // 2 if halves % 2 == 0 else halves / 2
        elif unit == "working-hours":
            limit = rng.randint(1, 40)
        elif unit == "calendar-days":
            limit = rng.randint(1, 60)
        else:
            limit = 0
        cases.append((datetime.combine(day, at, VN_TZ), limit, unit))
    return cases


def _best_time(work, repeats: int) -> float:
    """Best of ``repeats`` runs with the garbage collector off, as ``timeit`` measures: the least disturbed run."""
    best = float("inf")
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeats):
            started = clock.perf_counter()
            work()
            best = min(best, clock.perf_counter() - started)
    finally:
        if was_enabled:
            gc.enable()
    return best


def _engine_work(calendar, cases):
    def work():
        compute = due_at
        for received, limit, unit in cases:
            compute(calendar, received, limit, unit)

    return work


def _time_engine(calendar, cases, repeats: int = 1) -> float:
    return _best_time(_engine_work(calendar, cases), repeats)


def run(n: int = 1_000_000, baseline_n: int = 20_000, seed: int = 0, repeats: int = 3) -> dict:
    calendar = calendar_from_holidays_lib(YEARS)
    naive = NaiveDeadlines(list(YEARS))
    cases = make_cases(n, seed)

    # Engine and baseline alternate chunk by chunk and each chunk is timed best-of-``repeats`` the same way, so
    # other load on the machine weighs on both alike and the ratio stays meaningful.
    sample = cases[:baseline_n]
    rounds = max(1, min(50, len(sample)))
    engine_seconds = baseline_seconds = 0.0
    for r in range(rounds):
        engine_seconds += _time_engine(calendar, cases[r * n // rounds : (r + 1) * n // rounds], repeats)
        chunk = sample[r * len(sample) // rounds : (r + 1) * len(sample) // rounds]

        def naive_work(chunk=chunk):
            for received, limit, unit in chunk:
                naive.due_at(received, limit, unit)

        baseline_seconds += _best_time(naive_work, repeats)
    expected = [naive.due_at(received, limit, unit) for received, limit, unit in sample]
    mismatches = [
        (case, want, got)
        for case, want in zip(sample, expected, strict=True)
        if (got := due_at(calendar, *case)) != want
    ]
    per_unit = {}
    for unit in UNITS:
        subset = [case for case in cases if case[2] == unit]
        per_unit[unit] = round(len(subset) / _time_engine(calendar, subset, repeats)) if subset else None

    engine_rate = n / engine_seconds
    baseline_rate = len(sample) / baseline_seconds
    return {
        "cases": n,
        "engine_seconds": engine_seconds,
        "engine_per_second": round(engine_rate),
        "engine_per_second_by_unit": per_unit,
        "baseline_cases": len(sample),
        "baseline_seconds": baseline_seconds,
        "baseline_per_second": round(baseline_rate),
        "speedup": engine_rate / baseline_rate,
        "mismatches": len(mismatches),
        "first_mismatches": mismatches[:5],
        "calendar_version": calendar.version,
        "implementation": IMPLEMENTATION,
    }


def verdicts(result: dict) -> dict[str, bool]:
    return {
        f"throughput >= {TARGET_PER_SECOND:,}/s": result["engine_per_second"] >= TARGET_PER_SECOND,
        f"ratio >= {TARGET_SPEEDUP}x": result["speedup"] >= TARGET_SPEEDUP,
        "same due dates as the baseline": result["mismatches"] == 0,
    }


def report(result: dict) -> list[str]:
    engine = "compiled by mypyc" if result["implementation"] == "mypyc" else "pure Python"
    lines = [
        f"engine:   {result['engine_per_second']:>10,} due dates/s  ({result['cases']:,} cases, one due_at call "
        f"each, one core, {engine})"
    ]
    for unit, rate in result["engine_per_second_by_unit"].items():
        lines.append(f"  {unit:<14} {rate:>10,}/s")
    lines += [
        f"baseline: {result['baseline_per_second']:>10,} due dates/s  ({result['baseline_cases']:,} cases, "
        "day-by-day loop over holidays.VN)",
        f"ratio:    {result['speedup']:>10.1f}x",
        f"mismatches: {result['mismatches']}",
    ]
    lines += [f"  {case}: baseline {want}, engine {got}" for case, want, got in result["first_mismatches"]]
    lines += [f"{'PASS' if ok else 'FAIL'}  {target}" for target, ok in verdicts(result).items()]
    return lines
