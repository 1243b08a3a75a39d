"""The mypyc-compiled hot path gives exactly what its pure-Python source gives, and the choice between them.

With no compiled build both sides are the source and the comparison is trivially equal; `make` builds it and
`scripts/run-tests.sh` also runs this folder with CQS_WORKCAL_PURE=1, so each build passes every test here.
"""

# ruff: noqa: S101 - pytest asserts are the point of a test

import importlib.util
import os
import subprocess
import sys
from datetime import UTC, datetime, time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chinhquyenso.workcal import daytables
from chinhquyenso.workcal.benchmark import make_cases
from chinhquyenso.workcal.calendar import VN_TZ
from chinhquyenso.workcal.engine import due_at
from chinhquyenso.workcal.seed import calendar_from_holidays_lib

CAL = calendar_from_holidays_lib(range(2024, 2029))
SOURCE = Path(daytables.__file__).with_name("daytables.py")


def load_source():
    spec = importlib.util.spec_from_file_location("workcal_daytables_source", SOURCE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PURE = load_source()


def outcome(compute, *args, **kwargs):
    try:
        return compute(*args, **kwargs)
    except ValueError as error:  # the engine's errors are ValueErrors; compare their type and message too
        return type(error), str(error)


def test_pure_source_and_engine_agree_on_the_benchmark_cases():
    assert PURE.IMPLEMENTATION == "python"
    for case in make_cases(30_000, seed=7):
        assert PURE.due_at(CAL, *case) == due_at(CAL, *case), case


@settings(max_examples=300, deadline=None)
@given(
    received=st.datetimes(
        min_value=datetime(2023, 12, 30),  # noqa: DTZ001 - spans both ends of the calendar's years
        max_value=datetime(2029, 1, 2),  # noqa: DTZ001
        timezones=st.sampled_from([VN_TZ, UTC]) | st.none(),
    ),
    unit=st.sampled_from(["working-days", "working-hours", "calendar-days", "same-day", "weeks"]),
    limit=st.integers(-1, 400) | st.floats(-1, 400) | st.fractions(0, 400) | st.just("3"),
    cutoff=st.times(),
)
def test_pure_source_and_engine_agree_on_any_input_and_error(received, unit, limit, cutoff):
    args = (CAL, received, limit, unit)
    assert outcome(PURE.due_at, *args, same_day_cutoff=cutoff) == outcome(due_at, *args, same_day_cutoff=cutoff)
    tables = CAL._tables
    assert outcome(PURE.position, tables, received) == outcome(daytables.position, tables, received)


@pytest.mark.parametrize(("pure", "expected"), [("1", "python"), ("0", None)])
def test_cqs_workcal_pure_selects_the_source(pure, expected):
    builds = list(SOURCE.parent.glob("daytables.cpython-*.so"))
    code = "from chinhquyenso.workcal import daytables; print(daytables.IMPLEMENTATION)"
    env = {**os.environ, "CQS_WORKCAL_PURE": pure}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    # Without CQS_WORKCAL_PURE the build is used when there is one (and it is not older than the source).
    fresh = bool(builds) and builds[0].stat().st_mtime >= SOURCE.stat().st_mtime
    assert result.stdout.strip() == (expected or ("mypyc" if fresh else "python"))


def test_the_default_cutoff_is_the_one_the_engine_checks_by_identity():
    # due_at takes its fast path when same_day_cutoff *is* the default; an equal time must give the same answer.
    received = datetime(2026, 3, 2, 15, 0, tzinfo=VN_TZ)
    assert due_at(CAL, received, 0, "same-day") == due_at(CAL, received, 0, "same-day", same_day_cutoff=time(15))
