"""Who signs: a ``SigningIdentity`` is a pyHanko signer plus the person's or organisation's display data and image.

Three backends, chosen by ``CQS_SIGNATURE_BACKEND``:

* ``file`` — password-protected PKCS#12 files in ``CQS_PKI_DIR`` (the development PKI; also usable with keys an
  agency exports from its CA);
* ``pkcs11`` — a USB token or HSM through pyHanko's PKCS#11 signer: ``CQS_PKCS11_MODULE``, ``CQS_PKCS11_SLOT``,
  ``CQS_PKCS11_PIN``; the key and certificate labels are the username or agency identifier;
* ``remote`` — a remote signing service at ``CQS_REMOTE_SIGNING_URL``.

Only ``file`` signs in this build; the other two are checked for a complete configuration and otherwise fail with
a message naming what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from asn1crypto import keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from django.conf import settings
from django.utils.translation import gettext as _
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash, process_pss_params

from chinhquyenso.signing.errors import SigningConfigurationError, SigningError
from chinhquyenso.signing.pki import read_identities, read_pkcs12
from chinhquyenso.signing.tsa import to_asn1

PERSON = "person"
AGENCY = "agency"


@dataclass(frozen=True)
class SigningIdentity:
    kind: str  # PERSON or AGENCY
    ref: str  # username or Decision 20/2020 agency identifier
    display_name: str  # full name of the person, or the agency's name
    position: str  # e.g. "Chủ tịch"; empty for an agency
    signer: signers.Signer
    certificate: asn1_x509.Certificate
    image_png: bytes | None  # blue signature (person) or red seal (agency)


class KeptKeySigner(signers.SimpleSigner):
    """pyHanko's file signer, holding the parsed key: its own ``sign_raw`` re-parses the DER key on every call,
    which for RSA costs about 60 ms (the key consistency check), twice per signature."""

    def __init__(self, key, **kwargs):
        super().__init__(signing_key=_private_key_info(key), **kwargs)
        self.key = key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        name = mechanism["algorithm"].native
        if name == "rsassa_pss" and isinstance(self.key, rsa.RSAPrivateKey):
            pss, hash_algo = process_pss_params(mechanism["parameters"])
            return self.key.sign(data, pss, hash_algo)
        if name.endswith("ecdsa") and isinstance(self.key, ec.EllipticCurvePrivateKey):
            return self.key.sign(data, ec.ECDSA(get_pyca_cryptography_hash(digest_algorithm)))
        return super().sign_raw(data, digest_algorithm)


def _private_key_info(key) -> keys.PrivateKeyInfo:
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return keys.PrivateKeyInfo.load(der)


def identity_from_pkcs12(
    path: Path, password: str, *, kind: str, ref: str, display_name: str, position: str = "", image_png=None
) -> SigningIdentity:
    """A file-based identity. RSA keys sign with RSASSA-PSS, as the signing-software circular requires."""
    key, certificate, chain = read_pkcs12(path, password)
    signer = KeptKeySigner(
        key,
        signing_cert=to_asn1(certificate),
        cert_registry=SimpleCertificateStore.from_certs([to_asn1(c) for c in chain]),
        prefer_pss=True,
    )
    return SigningIdentity(kind, ref, display_name, position, signer, to_asn1(certificate), image_png)


@cache
def _file_identity(kind: str, ref: str, folder: str, password: str, mtime: float) -> SigningIdentity:
    directory = Path(folder)
    known = read_identities(directory)
    sub = "people" if kind == PERSON else "agencies"
    path = directory / sub / f"{ref}.p12"
    image = path.with_suffix(".png")
    if kind == PERSON:
        data = known["people"].get(ref, {})
        display, position = data.get("full_name", ref), data.get("position", "")
    else:
        data = known["agencies"].get(ref, {})
        display, position = data.get("name", ref), ""
    return identity_from_pkcs12(
        path,
        password,
        kind=kind,
        ref=ref,
        display_name=display,
        position=position,
        image_png=image.read_bytes() if image.exists() else None,
    )


def _check_backend() -> None:
    backend = settings.SIGNATURE_BACKEND
    if backend == "file":
        return
    if backend == "pkcs11":
        missing = [
            name
            for name, value in (
                ("CQS_PKCS11_MODULE", settings.PKCS11_MODULE),
                ("CQS_PKCS11_SLOT", settings.PKCS11_SLOT),
                ("CQS_PKCS11_PIN", settings.PKCS11_PIN),
            )
            if not value
        ]
        if missing:
            raise SigningConfigurationError(f"The pkcs11 signer needs {', '.join(missing)}.")
        if not Path(settings.PKCS11_MODULE).exists():
            raise SigningConfigurationError(f"CQS_PKCS11_MODULE {settings.PKCS11_MODULE} does not exist.")
        if not str(settings.PKCS11_SLOT).isdigit():
            raise SigningConfigurationError("CQS_PKCS11_SLOT must be a slot number.")
        try:
            import pkcs11  # noqa: F401 - only checks that the optional package is there
        except ImportError:
            raise SigningConfigurationError(
                "The pkcs11 signer needs the python-pkcs11 package (pip install 'pyHanko[pkcs11]')."
            ) from None
        return
    if not settings.REMOTE_SIGNING_URL:
        raise SigningConfigurationError("The remote signer needs CQS_REMOTE_SIGNING_URL.")
    if not settings.REMOTE_SIGNING_URL.startswith("https://"):
        raise SigningConfigurationError("CQS_REMOTE_SIGNING_URL must be an https:// URL.")


def _pkcs11_identity(kind: str, ref: str, display_name: str, position: str) -> SigningIdentity:
    from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

    session = open_pkcs11_session(
        settings.PKCS11_MODULE, slot_no=int(settings.PKCS11_SLOT), user_pin=settings.PKCS11_PIN
    )
    signer = PKCS11Signer(session, cert_label=ref, key_label=ref, prefer_pss=True)
    return SigningIdentity(kind, ref, display_name, position, signer, signer.signing_cert, None)


def _identity(kind: str, ref: str) -> SigningIdentity:
    _check_backend()
    folder = Path(settings.PKI_DIR)
    if settings.SIGNATURE_BACKEND == "pkcs11":
        known = read_identities(folder)
        data = known["people" if kind == PERSON else "agencies"].get(ref, {})
        return _pkcs11_identity(kind, ref, data.get("full_name") or data.get("name") or ref, data.get("position", ""))
    if settings.SIGNATURE_BACKEND == "remote":
        raise SigningConfigurationError(
            "The remote signing service adapter is not part of this build; use the file or pkcs11 signer."
        )
    sub = "people" if kind == PERSON else "agencies"
    path = folder / sub / f"{ref}.p12"
    if not path.exists():
        raise SigningError(_("No signing key is on file for %(who)s.") % {"who": ref}, code="no_signing_key")
    return _file_identity(kind, ref, str(folder), settings.PKI_PASSWORD or "", path.stat().st_mtime)


def person_identity(username: str) -> SigningIdentity:
    """The personal signing identity of an official (key labelled with the username)."""
    return _identity(PERSON, username)


def agency_identity(identifier: str) -> SigningIdentity:
    """The organisation's signing identity of an agency (key labelled with its Decision 20/2020 identifier)."""
    return _identity(AGENCY, identifier)
