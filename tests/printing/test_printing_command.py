"""`chinhquyenso printing sample` writes a form filled with sample data for people to look at."""

from io import StringIO

import pytest
from django.core import checks
from django.core.management import call_command
from django.core.management.base import CommandError

from chinhquyenso.printing import checks as printing_checks
from tests.printing import poppler


def test_sample_register_with_many_rows(tmp_path):
    out = StringIO()
    target = tmp_path / "so-theo-doi.pdf"
    call_command("printing", "sample", "--form", "06", "--rows", "60", "--out", str(target), stdout=out)
    assert out.getvalue().startswith(f"wrote {target}")
    pdf = target.read_bytes()
    assert poppler.info(pdf).pages >= 2
    assert "SỔ THEO DÕI HỒ SƠ" in poppler.text(pdf, page=1)


def test_sample_needs_an_output_file():
    with pytest.raises(CommandError, match="needs --out") as caught:
        call_command("printing", "sample", "--form", "02")
    assert caught.value.returncode == 2


def test_pango_check_is_quiet_here_and_names_the_packages_when_pango_is_missing(monkeypatch):
    assert [m for m in checks.run_checks() if m.id == "printing.W001"] == []
    monkeypatch.setattr(printing_checks, "PANGO_LIBRARIES", ("libpango-1.0.so.0", "libnot-pango-at-all.so.9"))
    (warning,) = [m for m in checks.run_checks() if m.id == "printing.W001"]
    assert "libnot-pango-at-all.so.9" in warning.msg
    assert "apt-get install libpango-1.0-0 libpangoft2-1.0-0" in warning.hint
