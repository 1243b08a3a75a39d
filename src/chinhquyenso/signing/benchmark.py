"""Benchmark of signing and verification: ``chinhquyenso bench signing [--runs N]``.

Self-contained: a throwaway PKI in a temporary folder (one official, one agency, the TSA), a one-page A4
decision rendered by WeasyPrint, and the in-process TSA. Measures the median of ``runs`` timings of

* sign: one PAdES B-T personal signature with its image (certificate check, timestamp, CMS, incremental write);
* verify: ``verify_pdf`` of that single-signature document (integrity, chain, timestamp, coverage);
* verify (2 signatures): the same document after the organisation's seal signature, for information.

Targets: sign ≤ 0.5 s, verify ≤ 0.1 s.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

SIGN_TARGET = 0.5
VERIFY_TARGET = 0.1

SAMPLE_HTML = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 0 }
body { margin: 0; font-family: 'Times New Roman'; font-size: 13pt }
.block { position: absolute; }
.c { text-align: center }
.motto { left: 100mm; top: 20mm; width: 100mm; font-size: 12pt }
</style></head><body>
<div class="block c" style="left:30mm; top:20mm; width:70mm">ỦY BAN NHÂN DÂN<br><b>XÃ THỌ XUÂN</b></div>
<div class="block c motto"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b>
<br><b>Độc lập - Tự do - Hạnh phúc</b></div>
<div class="block" style="left:30mm; top:38mm; width:70mm; text-align:center">Số: 05/QĐ-UBND</div>
<div class="block" style="left:30mm; top:60mm; width:165mm; text-align:center"><b>QUYẾT ĐỊNH</b><br>
Về việc thử nghiệm chữ ký số trên văn bản điện tử</div>
<div class="block" style="left:30mm; top:80mm; width:165mm">Điều 1. Thử nghiệm ký số văn bản của Ủy ban nhân dân xã.
<br>Điều 2. Quyết định có hiệu lực kể từ ngày ký.</div>
<div class="block c" style="left:110mm; top:150mm; width:85mm"><b>TM. ỦY BAN NHÂN DÂN<br>CHỦ TỊCH</b></div>
<div class="block" style="left:110mm; top:192mm; width:85mm; text-align:center"><b>Trịnh Đình Thắng</b></div>
</body></html>"""


def signature_box():
    """Where SAMPLE_HTML leaves room for the signature image: between the title and the name."""
    from chinhquyenso.signing.placement import Box

    return Box.from_mm(left=127.5, top=164, width=50, height=26)


def sample_pdf() -> bytes:
    from weasyprint import HTML

    return HTML(string=SAMPLE_HTML).write_pdf()


def _median(work, runs: int) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def run(runs: int = 20) -> dict:
    from chinhquyenso.signing.credentials import AGENCY, PERSON
    from chinhquyenso.signing.credentials import identity_from_pkcs12 as identity
    from chinhquyenso.signing.pdf_sign import SignatureKind, sign_pdf
    from chinhquyenso.signing.pdf_verify import verify_pdf
    from chinhquyenso.signing.pki import AgencySpec, PersonSpec, pki_init
    from chinhquyenso.signing.trust import load_certificates
    from chinhquyenso.signing.tsa import LocalTimeStamper, TimeStampAuthority

    password = "bench-only"  # noqa: S105 - a throwaway PKI that lives for the run
    with tempfile.TemporaryDirectory(prefix="cqs-bench-pki-") as folder:
        directory = Path(folder)
        agency = AgencySpec("000.01.27.H56", "Ủy ban nhân dân xã Thọ Xuân", "UBND xã Thọ Xuân")
        person = PersonSpec(
            "lanhdao", "Trịnh Đình Thắng", "Chủ tịch", agency.identifier, agency.name, agency.short_name
        )
        pki_init(directory, password, people=[person], agencies=[agency])
        roots = load_certificates(directory / "ca.pem")
        timestamper = LocalTimeStamper(TimeStampAuthority.from_pkcs12(directory / "tsa.p12", password))
        official = identity(
            directory / "people/lanhdao.p12",
            password,
            kind=PERSON,
            ref="lanhdao",
            display_name=person.full_name,
            image_png=(directory / "people/lanhdao.png").read_bytes(),
        )
        organisation = identity(
            directory / f"agencies/{agency.identifier}.p12",
            password,
            kind=AGENCY,
            ref=agency.identifier,
            display_name=agency.name,
            image_png=(directory / f"agencies/{agency.identifier}.png").read_bytes(),
        )
        pdf = sample_pdf()
        options = {"timestamper": timestamper, "roots": roots}

        def sign_personal():
            return sign_pdf(pdf, signer=official, kind=SignatureKind.PERSONAL, page=0, box=signature_box(), **options)

        signed = sign_personal()  # warm-up: fonts, images and the TSA's certificates are cached after this
        both = sign_pdf(signed, signer=organisation, kind=SignatureKind.ORGANISATION, **options)
        assert verify_pdf(signed, roots=roots).valid and verify_pdf(both, roots=roots).valid

        sign_p50 = _median(sign_personal, runs)
        verify_p50 = _median(lambda: verify_pdf(signed, roots=roots), runs)
        verify_two_p50 = _median(lambda: verify_pdf(both, roots=roots), runs)
    return {
        "runs": runs,
        "sign_p50": sign_p50,
        "verify_p50": verify_p50,
        "verify_two_signatures_p50": verify_two_p50,
        "sign_ok": sign_p50 <= SIGN_TARGET,
        "verify_ok": verify_p50 <= VERIFY_TARGET,
    }


def sign_p50(runs: int = 20) -> float:
    return run(runs)["sign_p50"]


def verify_p50(runs: int = 20) -> float:
    return run(runs)["verify_p50"]


def report(result: dict) -> list[str]:
    def verdict(key: str) -> str:
        return "PASS" if result[key] else "FAIL"

    return [
        f"sign   p50: {result['sign_p50'] * 1000:7.1f} ms  (target ≤ {SIGN_TARGET * 1000:.0f} ms)  "
        f"{verdict('sign_ok')}",
        f"verify p50: {result['verify_p50'] * 1000:7.1f} ms  (target ≤ {VERIFY_TARGET * 1000:.0f} ms)  "
        f"{verdict('verify_ok')}",
        f"verify p50, person + organisation signatures: {result['verify_two_signatures_p50'] * 1000:.1f} ms",
        f"({result['runs']} runs each; PAdES B-T, RSA 2048 RSASSA-PSS, SHA-256, in-process TSA)",
    ]
