"""The catalog command imports a file with clear errors and exports what is published."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from chinhquyenso.catalog.demo.loader import DEMO_FILE, demo_document
from chinhquyenso.catalog.models import Procedure

pytestmark = pytest.mark.django_db


def test_import_then_export_round_trip(tmp_path):
    out = StringIO()
    call_command("catalog", "import", str(DEMO_FILE), stdout=out)
    assert out.getvalue().startswith(f"published {len(demo_document()['procedures'])}")
    target = tmp_path / "export.json"
    call_command("catalog", "export", str(target))
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert {p["national_code"] for p in exported["procedures"]} == {
        p["national_code"] for p in demo_document()["procedures"]
    }


def test_import_of_a_broken_file_lists_each_problem_and_writes_nothing(tmp_path):
    document = demo_document()
    document["procedures"][0]["online_level"] = "level 4"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("catalog", "import", str(path))
    assert caught.value.returncode == 2
    assert "procedures[0].online_level" in str(caught.value)
    assert not Procedure.objects.exists()


def test_import_of_a_file_that_is_not_json_is_refused(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("catalog", "import", str(path))
    assert caught.value.returncode == 2
