"""The roots signatures are checked against: ``CQS_SIGNING_TRUST_ROOTS`` (the NEAC root in production), else the
development CA of ``chinhquyenso pki init``."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from pathlib import Path

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from django.conf import settings
from pyhanko_certvalidator import ValidationContext

from chinhquyenso.signing.errors import SigningConfigurationError


def load_certificates(path: Path) -> list[asn1_x509.Certificate]:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SigningConfigurationError(f"Trust root file {path} cannot be read ({error.strerror}).") from None
    if pem.detect(data):
        return [asn1_x509.Certificate.load(der) for _type, _headers, der in pem.unarmor(data, multiple=True)]
    return [asn1_x509.Certificate.load(data)]


@cache
def _roots(paths: tuple[str, ...], stamps: tuple[float, ...]) -> tuple[asn1_x509.Certificate, ...]:
    return tuple(cert for path in paths for cert in load_certificates(Path(path)))


def trust_root_paths() -> list[Path]:
    if settings.SIGNING_TRUST_ROOTS:
        return [Path(p) for p in settings.SIGNING_TRUST_ROOTS]
    return [Path(settings.PKI_DIR) / "ca.pem"]


def trust_roots() -> tuple[asn1_x509.Certificate, ...]:
    paths = trust_root_paths()
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise SigningConfigurationError(
            f"Trust root file(s) {', '.join(missing)} do not exist: set CQS_SIGNING_TRUST_ROOTS, or run "
            "`chinhquyenso pki init` in development."
        )
    return _roots(tuple(str(p) for p in paths), tuple(p.stat().st_mtime for p in paths))


def validation_context(roots=None, *, moment: datetime | None = None) -> ValidationContext:
    """A context that trusts ``roots`` (default: the configured ones) and fetches nothing from the network."""
    return ValidationContext(
        trust_roots=list(roots if roots is not None else trust_roots()),
        allow_fetching=False,
        revocation_mode="soft-fail",
        moment=moment,
    )
