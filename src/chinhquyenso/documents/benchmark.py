"""Benchmark of the document registers and search, on whatever database is configured.

    chinhquyenso generate documents --count 1000000
    chinhquyenso bench documents [--queries 200] [--runs 20]

Times, as a clerk of one agency (the selectors the pages use, rows fetched): the first page (50) of the
incoming and of the outgoing register for a year, and a full-text search over both registers with one or two
words typed without diacritics. Prints p50/p95 against the targets (50 ms listing, 200 ms search). Then the
signature figures of ``signing.benchmark`` (sign one PDF and verify it, p50, against 0.5 s and 0.1 s) and the
cost of finding where the leader's signature goes in a draft (``signing.locate``), which the outgoing flow adds
to the signing.
"""

from __future__ import annotations

import random
import statistics
import time as clock

from chinhquyenso.core.models import AccountKind, Role, User
from chinhquyenso.documents.folding import fold
from chinhquyenso.documents.generate import TOPICS
from chinhquyenso.documents.models import IncomingDocument, OutgoingDocument
from chinhquyenso.documents.selectors import document_search, incoming_list_for, outgoing_list_for
from chinhquyenso.units.models import Agency

LISTING_TARGET_MS = 50
SEARCH_TARGET_MS = 200


def _clerk_of(agency_id: int) -> User:
    # An unsaved clerk whose role cache is filled: the selectors scope exactly as for a real one, no writes.
    user = User(username=f"bench-{agency_id}", kind=AccountKind.STAFF, agency_id=agency_id)
    path = Agency.objects.values_list("unit__path", flat=True).get(pk=agency_id)
    user._cqs_assignments = [(Role.CLERK, agency_id, path)]  # what core.permissions.role_assignments would read
    return user


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _timed(fn, **kwargs) -> float:
    start = clock.perf_counter()
    fn(**kwargs)
    return (clock.perf_counter() - start) * 1000


def _first_page(*, lister, user, year):
    return list(lister(user=user, year=year).select_related("agency")[:50])


def _signing(runs: int) -> dict:
    from chinhquyenso.signing import benchmark as signing_benchmark
    from chinhquyenso.signing.locate import signature_box_between

    result = signing_benchmark.run(runs)
    pdf = signing_benchmark.sample_pdf()
    timings = [_timed(signature_box_between, pdf_bytes=pdf, full_name="Trịnh Đình Thắng", position="Chủ tịch")]
    timings += [
        _timed(signature_box_between, pdf_bytes=pdf, full_name="Trịnh Đình Thắng", position="Chủ tịch")
        for _ in range(runs)
    ]
    result["locate_p50_ms"] = statistics.median(timings[1:])
    return result


def run(*, repeats: int = 200, seed: int = 7, signing_runs: int = 20) -> dict:
    rng = random.Random(seed)  # noqa: S311 - sampling queries
    years = sorted(set(OutgoingDocument.objects.values_list("year", flat=True).distinct()) - {None})
    agencies = list(OutgoingDocument.objects.values_list("agency_id", flat=True).distinct())
    if not years or not agencies:
        raise ValueError("no documents: run `chinhquyenso generate documents --count N` first")
    words = [fold(topic) for topic in TOPICS]
    listing, search = [], []
    for i in range(repeats):
        clerk = _clerk_of(rng.choice(agencies))
        year = rng.choice(years)
        lister = incoming_list_for if i % 2 else outgoing_list_for
        listing.append(_timed(_first_page, lister=lister, user=clerk, year=year))
        topic = rng.choice(words).replace(",", "").split()
        start = rng.randrange(max(1, len(topic) - 1))
        query = " ".join(topic[start : start + 2])
        search.append(_timed(document_search, user=clerk, text=query, limit=50))
    return {
        "documents": OutgoingDocument.objects.count() + IncomingDocument.objects.count(),
        "agencies": len(agencies),
        "repeats": repeats,
        "listing": listing,
        "search": search,
        "signing": _signing(signing_runs) if signing_runs else None,
    }


def report(result: dict) -> list[str]:
    lines = [f"documents: {result['documents']:,} in {result['agencies']} agencies; {result['repeats']} queries each"]
    for name, values, target in (
        ("register listing (first 50)", result["listing"], LISTING_TARGET_MS),
        ("full-text search (both registers)", result["search"], SEARCH_TARGET_MS),
    ):
        p50, p95 = statistics.median(values), _percentile(values, 0.95)
        lines.append(
            f"{name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms; target p95 ≤ {target} ms "
            f"({'met' if p95 <= target else 'MISSED'}, p95/target = {p95 / target:.2f})"
        )
    if result.get("signing"):
        from chinhquyenso.signing import benchmark as signing_benchmark

        lines += signing_benchmark.report(result["signing"])
        located = result["signing"]["locate_p50_ms"]
        lines.append(f"placing the signature between title and name (pdftotext): p50 {located:.1f} ms")
    return lines
