"""Time stamping (RFC 3161): the platform's own development TSA, and the client for a real TSA in production.

``TimeStampAuthority`` answers ``TimeStampReq`` messages with tokens signed by the dev TSA certificate of
``chinhquyenso pki init``. It checks what a real TSA checks (version, a SHA-2 digest of the right length, the
policy, no unknown extensions) and answers a rejection with the RFC's failure bits otherwise. It is used in
process when signing in dev and test (``LocalTimeStamper``) and over HTTP at ``/tsa/`` (``views.tsa_endpoint``).

In production ``CQS_TSA_URL`` names a real TSA and ``UrlTimeStamper`` posts to it with the standard library.
"""

from __future__ import annotations

import secrets
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from asn1crypto import algos, cms, core, tsp, x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from django.conf import settings
from pyhanko.sign.general import as_signing_certificate_v2, simple_cms_attribute
from pyhanko.sign.timestamps.api import TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError

from chinhquyenso.signing.errors import SigningConfigurationError
from chinhquyenso.signing.pki import read_pkcs12

# A policy identifier under the UUID arc (ITU-T X.667), which anyone may use without registration. Real TSAs
# publish their own; this one marks the tokens as coming from the development TSA.
DEV_POLICY = "2.25.248185306473934961340329358305390823541"
DIGESTS = {"sha256": 32, "sha384": 48, "sha512": 64}
CONTENT_TYPE_QUERY = "application/timestamp-query"
CONTENT_TYPE_REPLY = "application/timestamp-reply"


def _hash(name: str) -> hashes.HashAlgorithm:
    return {"sha256": hashes.SHA256(), "sha384": hashes.SHA384(), "sha512": hashes.SHA512()}[name]


def signature_algorithm(key, digest: str) -> algos.SignedDigestAlgorithm:
    # Tokens are signed with RSA PKCS#1 v1.5, as public TSAs do: OpenSSL's `ts -verify` and other PKCS#7-based
    # verifiers reject RSASSA-PSS inside a timestamp token. (Document signatures themselves use PSS.)
    if isinstance(key, rsa.RSAPrivateKey):
        return algos.SignedDigestAlgorithm({"algorithm": "rsassa_pkcs1v15"})
    return algos.SignedDigestAlgorithm({"algorithm": f"{digest}_ecdsa"})


def raw_sign(key, data: bytes, digest: str) -> bytes:
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(data, padding.PKCS1v15(), _hash(digest))
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return key.sign(data, ec.ECDSA(_hash(digest)))
    raise SigningConfigurationError("Only RSA and ECDSA keys are supported.")


def to_asn1(certificate) -> x509.Certificate:
    return x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


class TimeStampAuthority:
    """An RFC 3161 responder signing with a given key and certificate."""

    def __init__(self, key, certificate, chain=(), *, policy: str = DEV_POLICY, clock: Callable[[], datetime] = None):
        self.key = key
        self.certificate = to_asn1(certificate)
        self.chain = [to_asn1(c) for c in chain]
        self.policy = policy
        self.clock = clock or (lambda: datetime.now(UTC))
        self._signing_certificate = as_signing_certificate_v2(self.certificate)

    @classmethod
    def from_pkcs12(cls, path: Path, password: str) -> TimeStampAuthority:
        key, certificate, chain = read_pkcs12(path, password)
        return cls(key, certificate, chain)

    def respond(self, request_der: bytes) -> bytes:
        """Answer a DER ``TimeStampReq`` with a DER ``TimeStampResp`` (a rejection when the request is bad)."""
        try:
            request = tsp.TimeStampReq.load(request_der)
            request.native  # noqa: B018 - forces a full parse, so garbage is rejected here and not later
        except (ValueError, TypeError):
            return self._rejection("bad_data_format", "The request is not a DER TimeStampReq.").dump()
        return self.stamp(request).dump()

    def stamp(self, request: tsp.TimeStampReq) -> TimeStampResponse:
        if request["version"].native != "v1":
            return self._rejection("bad_request", "Only version 1 requests are accepted.")
        imprint = request["message_imprint"]
        digest = imprint["hash_algorithm"]["algorithm"].native
        if digest not in DIGESTS:
            return self._rejection("bad_alg", f"Digest algorithm {digest} is not accepted (SHA-2 only).")
        if len(imprint["hashed_message"].native) != DIGESTS[digest]:
            return self._rejection("bad_data_format", "The digest length does not match its algorithm.")
        if request["req_policy"].native is not None and request["req_policy"].dotted != self.policy:
            return self._rejection("unaccepted_policy", "This TSA issues tokens under one policy only.")
        if request["extensions"].native:
            return self._rejection("unaccepted_extensions", "Request extensions are not supported.")

        gen_time = self.clock().astimezone(UTC)
        info = {
            "version": "v1",
            "policy": self.policy,
            "message_imprint": imprint,
            "serial_number": secrets.randbits(127),
            "gen_time": core.GeneralizedTime(gen_time),
            "accuracy": {"seconds": 1},
            "ordering": False,
            "tsa": x509.GeneralName(name="directory_name", value=self.certificate.subject),
        }
        if request["nonce"].native is not None:
            info["nonce"] = request["nonce"]
        tst_info = tsp.TSTInfo(info).dump()
        token = self._sign(tst_info, digest, gen_time, include_certificates=bool(request["cert_req"].native))
        return TimeStampResponse({"status": {"status": "granted"}, "time_stamp_token": token})

    def _sign(self, tst_info: bytes, digest: str, at: datetime, *, include_certificates: bool) -> cms.ContentInfo:
        hasher = hashes.Hash(_hash(digest))
        hasher.update(tst_info)
        signed_attrs = cms.CMSAttributes(
            [
                simple_cms_attribute("content_type", "tst_info"),
                simple_cms_attribute("signing_time", cms.Time({"utc_time": core.UTCTime(at)})),
                simple_cms_attribute("message_digest", hasher.finalize()),
                simple_cms_attribute("signing_certificate_v2", self._signing_certificate),
            ]
        )
        signer_info = cms.SignerInfo(
            {
                "version": "v1",
                "sid": cms.SignerIdentifier(
                    {
                        "issuer_and_serial_number": cms.IssuerAndSerialNumber(
                            {"issuer": self.certificate.issuer, "serial_number": self.certificate.serial_number}
                        )
                    }
                ),
                "digest_algorithm": {"algorithm": digest},
                "signed_attrs": signed_attrs,
                "signature_algorithm": signature_algorithm(self.key, digest),
                "signature": raw_sign(self.key, signed_attrs.dump(), digest),
            }
        )
        signed_data = {
            "version": "v3",
            "digest_algorithms": [{"algorithm": digest}],
            "encap_content_info": {"content_type": "tst_info", "content": core.ParsableOctetString(tst_info)},
            "signer_infos": [signer_info],
        }
        if include_certificates:
            signed_data["certificates"] = [self.certificate, *self.chain]
        return cms.ContentInfo({"content_type": "signed_data", "content": cms.SignedData(signed_data)})

    @staticmethod
    def _rejection(failure: str, text: str) -> TimeStampResponse:
        return TimeStampResponse({"status": {"status": "rejection", "status_string": [text], "fail_info": {failure}}})


class TimeStampResponse(core.Sequence):
    """TimeStampResp as RFC 3161 defines it: asn1crypto's ``tsp.TimeStampResp`` makes the token mandatory, so it
    can neither build nor read a rejection."""

    _fields = [("status", tsp.PKIStatusInfo), ("time_stamp_token", cms.ContentInfo, {"optional": True})]


class LocalTimeStamper(TimeStamper):
    """pyHanko's view of the in-process development TSA."""

    def __init__(self, authority: TimeStampAuthority):
        super().__init__()
        self.authority = authority

    async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> TimeStampResponse:
        return self.authority.stamp(req)


class UrlTimeStamper(TimeStamper):
    """RFC 3161 over HTTP with the standard library (pyHanko's HTTP clients need extra packages)."""

    def __init__(self, url: str, *, timeout: float = 10):
        super().__init__()
        self.url = url
        self.timeout = timeout

    async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> TimeStampResponse:
        request = urllib.request.Request(  # noqa: S310 - the URL is the operator's configured TSA
            self.url, data=req.dump(), headers={"Content-Type": CONTENT_TYPE_QUERY}, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                content_type = response.headers.get("Content-Type", "")
                body = response.read()
        except (urllib.error.URLError, OSError) as error:
            raise TimestampRequestError(f"The time-stamping authority {self.url} cannot be reached: {error}") from None
        if content_type.split(";")[0].strip() != CONTENT_TYPE_REPLY:
            raise TimestampRequestError(f"The time-stamping authority answered with {content_type!r}.")
        return TimeStampResponse.load(body)


@cache
def _local_authority(path: Path, password: str, mtime: float) -> TimeStampAuthority:
    return TimeStampAuthority.from_pkcs12(path, password)


# One timestamper per TSA and process: pyHanko keeps the TSA's certificates on the instance after the first use.
@cache
def _local_timestamper(authority: TimeStampAuthority) -> LocalTimeStamper:
    return LocalTimeStamper(authority)


@cache
def _url_timestamper(url: str) -> UrlTimeStamper:
    return UrlTimeStamper(url)


def local_authority() -> TimeStampAuthority:
    path = Path(settings.PKI_DIR) / "tsa.p12"
    if not path.exists():
        raise SigningConfigurationError(f"The development TSA key {path} does not exist: run `chinhquyenso pki init`.")
    return _local_authority(path, settings.PKI_PASSWORD or "", path.stat().st_mtime)


def timestamper_from_settings() -> TimeStamper:
    """The configured TSA: ``CQS_TSA_URL`` when set, else the development TSA outside production."""
    if settings.TSA_URL:
        return _url_timestamper(settings.TSA_URL)
    if settings.PROFILE == "production":
        raise SigningConfigurationError(
            "CQS_TSA_URL is not set: production signatures need a real time-stamping authority."
        )
    return _local_timestamper(local_authority())
