"""Render-time benchmark of the printed forms.

    chinhquyenso printing bench [--repeats N]      (or: python bench/printing.py [N])

Times, on one thread: the first Form 01 (fonts and stylesheet loaded then), then ``repeats`` Form 01 renders
reusing them, against the baseline of rebuilding the font configuration and stylesheet for every render, and one
200-row register (Form 06). WeasyPrint's own import is timed apart: it is paid once per process.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class PrintingBenchmark:
    import_s: float
    first_s: float
    warm_median_s: float
    warm_min_s: float
    uncached_median_s: float
    register_200_s: float
    repeats: int


def _timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def run(repeats: int = 20) -> PrintingBenchmark:
    started = time.perf_counter()
    from chinhquyenso.printing import pdf  # the import itself is measured

    import_s = time.perf_counter() - started
    from chinhquyenso.printing.render import render, render_html
    from chinhquyenso.printing.samples import sample_form, sample_register_rows

    form01 = sample_form("01")
    first_s, _ = _timed(lambda: render(form01))
    warm = [_timed(lambda: render(form01))[0] for _ in range(repeats)]
    html = render_html(form01)
    uncached = [_timed(lambda: pdf.write_pdf(html, pdf.Prepared()))[0] for _ in range(max(3, repeats // 4))]
    register = replace(sample_form("06"), rows=sample_register_rows(200))
    register_s, _ = _timed(lambda: render(register))
    return PrintingBenchmark(
        import_s=import_s,
        first_s=first_s,
        warm_median_s=statistics.median(warm),
        warm_min_s=min(warm),
        uncached_median_s=statistics.median(uncached),
        register_200_s=register_s,
        repeats=repeats,
    )


def report(result: PrintingBenchmark) -> list[str]:
    ratio = result.uncached_median_s / result.warm_median_s
    return [
        f"import weasyprint             {result.import_s * 1000:7.0f} ms (once per process)",
        f"Form 01, first render         {result.first_s * 1000:7.0f} ms (loads fonts and stylesheet)",
        f"Form 01, cached (median of {result.repeats}) {result.warm_median_s * 1000:6.0f} ms"
        f" (min {result.warm_min_s * 1000:.0f} ms)",
        f"Form 01, uncached baseline    {result.uncached_median_s * 1000:7.0f} ms (cached is {ratio:.1f}x faster)",
        f"Form 06, 200 rows             {result.register_200_s * 1000:7.0f} ms",
    ]
