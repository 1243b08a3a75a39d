"""The deadline command and the calendar API give the same answer, explain it, and refuse bad input clearly."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from chinhquyenso.core.models import User

CLI = str(Path(sys.executable).with_name("chinhquyenso"))


def deadline(*args):
    # The command runs in its own process against the test database (reference data is committed there).
    from django.db import connection

    db = connection.settings_dict
    env = dict(os.environ)
    env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return subprocess.run([CLI, "deadline", *args], capture_output=True, text=True, env=env, timeout=120, check=False)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--received", "2026-02-13T10:00", "--limit", "3", "--unit", "working-days"], "2026-02-25T10:00"),
        (["--received", "2026-03-02T07:30", "--limit", "1", "--unit", "working-days"], "2026-03-02T17:30"),
        (["--received", "2026-03-02T10:00", "--limit", "4", "--unit", "working-hours"], "2026-03-02T16:00"),
        (["--received", "2026-08-21T14:59", "--limit", "0", "--unit", "same-day"], "2026-08-21T17:30"),
        (["--received", "2026-08-21T15:00", "--limit", "0", "--unit", "same-day"], "2026-08-22T17:30"),
        (["--received", "2026-08-27T09:00", "--limit", "4", "--unit", "calendar-days"], "2026-09-03T09:00"),
    ],
)
def test_command_prints_the_due_time(args, expected):
    out = StringIO()
    call_command("deadline", *args, stdout=out)
    assert out.getvalue().strip() == expected


@pytest.mark.django_db
def test_cli_process_prints_local_minutes():
    result = deadline("--received", "2026-02-13T10:00", "--limit", "3", "--unit", "working-days")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "2026-02-25T10:00\n"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--received", "2026-02-13T10:00", "--limit", "3", "--unit", "weeks"], "weeks"),
        (["--received", "2026-02-13T10:00", "--limit", "-1", "--unit", "working-days"], "Thời hạn"),
        (["--received", "13/02/2026 10h", "--limit", "3", "--unit", "working-days"], "13/02/2026"),
        (["--received", "2026-02-13T10:00", "--limit", "0.3", "--unit", "working-days"], "bội số của 0.5"),
        (["--received", "2026-02-13T10:00", "--limit", "1.5", "--unit", "calendar-days"], "số nguyên"),
        (["--received", "2099-02-13T10:00", "--limit", "3", "--unit", "working-days"], "nằm ngoài lịch làm việc"),
        (["--received", "2026-02-13T10:00", "--limit", "0", "--unit", "same-day", "--cutoff", "18:00"], "Giờ chốt"),
        (["--received", "2026-02-13T10:00", "--limit", "1", "--unit", "working-days", "--agency", "987654"], "987654"),
    ],
)
def test_command_refuses_bad_input_with_exit_code_2(args, message):
    with pytest.raises(CommandError) as caught:
        call_command("deadline", *args)
    assert caught.value.returncode == 2
    assert message in str(caught.value)


@pytest.mark.django_db
def test_cli_process_exits_2_without_a_traceback():
    result = deadline("--received", "2026-02-13T10:00", "--limit", "3", "--unit", "weeks")
    assert result.returncode == 2
    assert "weeks" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.django_db
def test_api_returns_due_time_and_explanation(client, demo):
    client.force_login(User.objects.get(username="motcua"))
    response = client.get(
        "/api/v1/calendar/due", {"received": "2026-02-13T10:00", "limit": "3", "unit": "working-days"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["due_local"] == "2026-02-25T10:00"
    assert body["calendar_version"] == "n1"
    assert body["working_minutes"] == 3 * 480
    reasons = {d["date"]: d["reason"] for d in body["skipped"]}
    assert reasons["2026-02-17"] == "Tết Nguyên Đán"
    assert reasons["2026-02-14"] == "Thứ Bảy"
    assert len(body["skipped"]) == 9


@pytest.mark.django_db
def test_api_bad_input_is_422_with_each_field(client, demo):
    client.force_login(User.objects.get(username="motcua"))
    response = client.get("/api/v1/calendar/due", {"received": "hôm qua", "limit": "-2", "unit": "tuần"})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_failed"
    assert set(body["fields"]) == {"received", "limit", "unit"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"received": "2099-02-13T10:00", "limit": "3", "unit": "working-days"}, "received", "nằm ngoài lịch"),
        ({"received": "2026-02-13T10:00", "limit": "0.01", "unit": "working-hours"}, "limit", "tròn đến phút"),
        ({"received": "2026-02-13T10:00", "limit": "0", "unit": "same-day", "cutoff": "18:00"}, "cutoff", "Giờ chốt"),
    ],
)
def test_api_engine_refusals_name_the_field_in_vietnamese(client, demo, query, field, message):
    client.force_login(User.objects.get(username="motcua"))
    response = client.get("/api/v1/calendar/due", query)
    assert response.status_code == 422
    fields = response.json()["fields"]
    assert list(fields) == [field]
    assert message in fields[field][0]


@pytest.mark.django_db
def test_api_needs_authentication(client):
    response = client.get("/api/v1/calendar/due", {"received": "2026-02-13T10:00", "limit": "3", "unit": "same-day"})
    assert response.status_code == 401
