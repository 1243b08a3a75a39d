"""The deadline benchmark runs end to end and the engine agrees with the straightforward loop on its sample."""

from io import StringIO

from django.core.management import call_command


def test_bench_deadlines_prints_figures_and_finds_no_mismatch():
    out = StringIO()
    call_command("bench", "deadlines", "--cases", "3000", "--baseline-cases", "600", "--repeats", "1", stdout=out)
    text = out.getvalue()
    assert "due dates/s" in text and "ratio:" in text
    assert "mismatches: 0" in text
    assert "PASS  same due dates as the baseline" in text
    # Both targets are judged in the same run (their figures are not asserted: speed is not a test's business).
    assert "throughput >= 200,000/s" in text and "ratio >= 50x" in text
