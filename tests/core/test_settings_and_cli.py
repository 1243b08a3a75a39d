"""Settings from typed environment variables, and the chinhquyenso command."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from chinhquyenso.conf.env import ConfigurationError, Env
from chinhquyenso.core.models import RoleAssignment, User
from chinhquyenso.units.models import Agency

CLI = str(Path(sys.executable).with_name("chinhquyenso"))


def run_cli(*args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CQS_") and k != "DATABASE_URL"}
    environment.update(env)
    return subprocess.run([CLI, *args], capture_output=True, text=True, env=environment, timeout=120, check=False)


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_cli("check", CQS_PROFILE="production", CQS_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "CQS_SECRET_KEY" in result.stderr


def test_production_starts_with_a_secret_key_and_debug_off(tmp_path):
    result = run_cli(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DEBUG, settings.TIME_ZONE, settings.LANGUAGE_CODE)",
        CQS_PROFILE="production",
        CQS_SECRET_KEY="k" * 50,
        CQS_VAR_DIR=str(tmp_path),
        CQS_ALLOWED_HOSTS="example.vn",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "Asia/Ho_Chi_Minh", "vi"]


def test_dev_secret_key_is_generated_once_and_kept(tmp_path):
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    first = run_cli("shell", "--no-imports", "-c", code, CQS_PROFILE="dev", CQS_VAR_DIR=str(tmp_path))
    second = run_cli("shell", "--no-imports", "-c", code, CQS_PROFILE="dev", CQS_VAR_DIR=str(tmp_path))
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout and len(first.stdout.strip()) > 40
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_malformed_values_are_refused_with_the_variable_name():
    env = Env(environ={"CQS_DEBUG": "perhaps", "CQS_LOGIN_FAILURE_LIMIT": "five"})
    with pytest.raises(ConfigurationError, match="CQS_DEBUG"):
        env.bool("DEBUG", False, "")
    with pytest.raises(ConfigurationError, match="CQS_LOGIN_FAILURE_LIMIT"):
        env.int("LOGIN_FAILURE_LIMIT", 5, "")


def test_configuration_doc_is_current():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "configuration.md").read_text(encoding="utf-8")
    result = run_cli("config_docs", CQS_PROFILE="dev")
    assert result.returncode == 0, result.stderr
    assert doc.strip() == result.stdout.strip(), "regenerate with: make docs-config"


@pytest.mark.django_db
def test_demo_is_idempotent_and_prints_the_logins(units, capsys):
    call_command("demo")
    first = (User.objects.count(), Agency.objects.count(), RoleAssignment.objects.count())
    call_command("demo")
    assert (User.objects.count(), Agency.objects.count(), RoleAssignment.objects.count()) == first
    out = capsys.readouterr().out
    assert "motcua" in out and "ChinhQuyenSo@2026" in out
    assert "Cán bộ một cửa" in out
    roles = set(RoleAssignment.objects.values_list("role", flat=True))
    assert roles == {
        "one_stop_officer",
        "specialist",
        "unit_leader",
        "clerk",
        "reporting_officer",
        "agency_admin",
        "system_admin",
    }
