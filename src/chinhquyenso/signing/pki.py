"""The development PKI: a CA, a time-stamping authority and the demo officials' and agencies' certificates.

Nothing here is a real certificate. Every subject says so (``O=… (CHỈ DÙNG THỬ NGHIỆM)``, ``CN=… DEV``), and the
CA is trusted only where the settings say so (by default in dev and test). Keys are RSA 2048 and live in
password-protected PKCS#12 files; the CA certificate is also written as ``ca.pem`` for verifiers (pdfsig's NSS
database, the platform's trust roots). ``pki_init`` only creates what is missing, so running it again is harmless.

Layout of the folder::

    ca.pem  ca.p12  tsa.p12
    people/<username>.p12   people/<username>.png      (blue signature image)
    agencies/<identifier>.p12  agencies/<identifier>.png (red seal image)
    identities.json          who each file belongs to (names, positions, agency)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from chinhquyenso.signing import images
from chinhquyenso.signing.errors import SigningConfigurationError

TEST_ONLY = "CHỈ DÙNG THỬ NGHIỆM"
PLATFORM = "Chính quyền số"
KEY_BITS = 2048


@dataclass(frozen=True)
class PersonSpec:
    username: str
    full_name: str
    position: str
    agency_identifier: str
    agency_name: str
    agency_short_name: str


@dataclass(frozen=True)
class AgencySpec:
    identifier: str
    name: str
    short_name: str


@dataclass(frozen=True)
class PkiEntry:
    kind: str  # ca | tsa | person | agency
    ref: str
    subject: str
    path: Path
    created: bool


def demo_people_and_agencies() -> tuple[list[PersonSpec], list[AgencySpec]]:
    """The demo signers: the chairman ``lanhdao`` of UBND xã Thọ Xuân, and every demo agency as an organisation."""
    from chinhquyenso.core.demo.accounts import DEMO_ACCOUNTS
    from chinhquyenso.core.models import Role
    from chinhquyenso.units.demo import DEMO_AGENCIES

    agencies = [AgencySpec(identifier, name, short) for identifier, name, short, _kind, _path in DEMO_AGENCIES]
    by_id = {agency.identifier: agency for agency in agencies}
    people = [
        PersonSpec(username, full_name, "Chủ tịch", identifier, by_id[identifier].name, by_id[identifier].short_name)
        for username, full_name, role, identifier in DEMO_ACCOUNTS
        if role == Role.UNIT_LEADER
    ]
    return people, agencies


def _name(common_name: str, organisation: str, *, unit: str | None = None, extra=()) -> x509.Name:
    attributes = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.STATE_OR_PROVINCE_NAME, "Thanh Hóa"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, f"{organisation} ({TEST_ONLY})"),
    ]
    if unit:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit))
    attributes.extend(extra)
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    return x509.Name(attributes)


def _key_usage(*, sign: bool = False, non_repudiation: bool = False, ca: bool = False) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=sign,
        content_commitment=non_repudiation,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


@dataclass
class _Issuer:
    key: rsa.RSAPrivateKey
    certificate: x509.Certificate


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)


def make_ca(common_name: str, *, now: datetime, years: int = 10) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    key = new_key()
    subject = _name(common_name, PLATFORM, unit="Phát triển")
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(ca=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, certificate


def issue(
    issuer: _Issuer,
    subject: x509.Name,
    *,
    now: datetime,
    years: int = 3,
    time_stamping: bool = False,
    key: rsa.RSAPrivateKey | None = None,
) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    key = key or new_key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(min(now + timedelta(days=365 * years), issuer.certificate.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.certificate.public_key()), critical=False
        )
    )
    if time_stamping:
        # RFC 3161 §2.3: a TSA certificate carries exactly the time-stamping purpose, marked critical.
        builder = builder.add_extension(_key_usage(sign=True, non_repudiation=True), critical=True)
        builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
    else:
        builder = builder.add_extension(_key_usage(sign=True, non_repudiation=True), critical=True)
    return key, builder.sign(issuer.key, hashes.SHA256())


def write_pkcs12(path: Path, name: str, key, certificate: x509.Certificate, chain, password: str) -> None:
    data = pkcs12.serialize_key_and_certificates(
        name.encode("utf-8"),
        key,
        certificate,
        list(chain),
        serialization.BestAvailableEncryption(password.encode("utf-8")),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.chmod(0o600)
    tmp.replace(path)


def read_pkcs12(path: Path, password: str):
    """The key, certificate and chain of a PKCS#12 file; a clear configuration error when it cannot be opened."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SigningConfigurationError(
            f"Key file {path} cannot be read ({error.strerror}). Run `chinhquyenso pki init` in development."
        ) from None
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(data, (password or "").encode("utf-8"))
    except ValueError:
        raise SigningConfigurationError(
            f"Key file {path} cannot be opened: wrong CQS_PKI_PASSWORD or a damaged file."
        ) from None
    if key is None or certificate is None:
        raise SigningConfigurationError(f"Key file {path} holds no private key and certificate.")
    return key, certificate, chain


def pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


def _subject_text(certificate: x509.Certificate) -> str:
    return certificate.subject.rfc4514_string()


def pki_init(
    directory: Path,
    password: str,
    *,
    people: list[PersonSpec] | None = None,
    agencies: list[AgencySpec] | None = None,
    ca_name: str = "Chính quyền số DEV Root CA",
    now: datetime | None = None,
) -> list[PkiEntry]:
    """Create whatever is missing of the development PKI in ``directory``; existing files are kept."""
    if not password:
        raise SigningConfigurationError("CQS_PKI_PASSWORD is empty: the key files must be encrypted.")
    if people is None or agencies is None:
        demo_people, demo_agencies = demo_people_and_agencies()
        people = demo_people if people is None else people
        agencies = demo_agencies if agencies is None else agencies
    now = now or datetime.now(UTC)
    directory.mkdir(parents=True, exist_ok=True)
    entries: list[PkiEntry] = []

    ca_file = directory / "ca.p12"
    if ca_file.exists():
        ca_key, ca_cert, _chain = read_pkcs12(ca_file, password)
        created = False
    else:
        ca_key, ca_cert = make_ca(ca_name, now=now)
        write_pkcs12(ca_file, "ca", ca_key, ca_cert, [], password)
        created = True
    (directory / "ca.pem").write_bytes(pem(ca_cert))
    entries.append(PkiEntry("ca", "ca", _subject_text(ca_cert), ca_file, created))
    issuer = _Issuer(ca_key, ca_cert)

    def ensure(kind: str, ref: str, path: Path, subject: x509.Name, **options) -> None:
        if path.exists():
            _key, certificate, _chain = read_pkcs12(path, password)
            entries.append(PkiEntry(kind, ref, _subject_text(certificate), path, False))
            return
        key, certificate = issue(issuer, subject, now=now, **options)
        write_pkcs12(path, ref, key, certificate, [ca_cert], password)
        entries.append(PkiEntry(kind, ref, _subject_text(certificate), path, True))

    ensure("tsa", "tsa", directory / "tsa.p12", _name(f"{PLATFORM} DEV TSA", PLATFORM), years=10, time_stamping=True)
    for person in people:
        subject = _name(
            f"{person.full_name} DEV",
            person.agency_short_name,
            extra=[x509.NameAttribute(NameOID.TITLE, person.position)],
        )
        path = directory / "people" / f"{person.username}.p12"
        ensure("person", person.username, path, subject)
        image = path.with_suffix(".png")
        if not image.exists():
            image.write_bytes(images.signature_png(person.full_name))
    for agency in agencies:
        subject = _name(
            f"{agency.short_name} DEV",
            agency.short_name,
            extra=[x509.NameAttribute(NameOID.ORGANIZATION_IDENTIFIER, agency.identifier)],
        )
        path = directory / "agencies" / f"{agency.identifier}.p12"
        ensure("agency", agency.identifier, path, subject)
        image = path.with_suffix(".png")
        if not image.exists():
            image.write_bytes(images.seal_png(agency.name))

    _write_identities(directory, people, agencies)
    return entries


def _write_identities(directory: Path, people: list[PersonSpec], agencies: list[AgencySpec]) -> None:
    path = directory / "identities.json"
    known = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"people": {}, "agencies": {}}
    for person in people:
        known["people"][person.username] = {
            "full_name": person.full_name,
            "position": person.position,
            "agency_identifier": person.agency_identifier,
            "agency_name": person.agency_name,
            "agency_short_name": person.agency_short_name,
        }
    for agency in agencies:
        known["agencies"][agency.identifier] = {"name": agency.name, "short_name": agency.short_name}
    path.write_text(json.dumps(known, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def read_identities(directory: Path) -> dict:
    path = directory / "identities.json"
    if not path.exists():
        return {"people": {}, "agencies": {}}
    return json.loads(path.read_text(encoding="utf-8"))
