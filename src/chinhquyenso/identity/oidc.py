"""OpenID Connect relying party: the authorization-code flow with PKCE (S256), state and nonce.

Written against the provider's published contract, not against a particular provider: discovery from
``{issuer}/.well-known/openid-configuration``, the ID token signed RS256 with a key of the provider's JWKS, and the
claims checked (iss, aud, azp, exp, iat, nonce, at_hash). JWT and JWK handling is PyJWT's; this module only decides
what must hold. HTTP goes through the standard library (``urllib``), with a timeout on every call.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import jwt
from django.utils.translation import gettext_lazy as _

from chinhquyenso.core.errors import ApplicationError

DISCOVERY_PATH = "/.well-known/openid-configuration"
CACHE_SECONDS = 3600
CLOCK_SKEW_SECONDS = 60


class OidcError(ApplicationError):
    """The provider's answer cannot be trusted or the flow was broken; the citizen is not signed in."""

    status = 400
    code = "vneid_failed"
    default_message = _("Signing in with VNeID failed. Please try again.")


class ProviderUnavailable(OidcError):
    status = 502
    code = "vneid_unavailable"
    default_message = _("The VNeID identity provider cannot be reached right now. Please try again later.")


@dataclass(frozen=True)
class ClientConfig:
    issuer: str
    client_id: str
    client_secret: str
    redirect_uri: str
    scopes: tuple[str, ...] = ("openid", "profile")
    timeout: float = 10.0


@dataclass(frozen=True)
class ProviderMetadata:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str


@dataclass(frozen=True)
class PendingAuthorization:
    """What the relying party keeps in the citizen's session between the redirect and the callback."""

    state: str
    nonce: str
    code_verifier: str

    def as_dict(self) -> dict:
        return {"state": self.state, "nonce": self.nonce, "code_verifier": self.code_verifier}


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def pkce_challenge(verifier: str) -> str:
    """RFC 7636 S256: BASE64URL(SHA256(ASCII(code_verifier))), without padding."""
    return _b64url(hashlib.sha256(verifier.encode("ascii")).digest())


def new_pending() -> PendingAuthorization:
    # 32 random bytes each; the verifier is 86 characters of the unreserved set (RFC 7636 asks for 43–128).
    return PendingAuthorization(
        state=secrets.token_urlsafe(32), nonce=secrets.token_urlsafe(32), code_verifier=secrets.token_urlsafe(64)
    )


def authorization_url(config: ClientConfig, metadata: ProviderMetadata, pending: PendingAuthorization) -> str:
    scopes = ["openid", *(s for s in config.scopes if s != "openid")]
    query = urllib.parse.urlencode(
        {
            "response_type": "code",
            "client_id": config.client_id,
            "redirect_uri": config.redirect_uri,
            "scope": " ".join(scopes),
            "state": pending.state,
            "nonce": pending.nonce,
            "code_challenge": pkce_challenge(pending.code_verifier),
            "code_challenge_method": "S256",
        }
    )
    separator = "&" if "?" in metadata.authorization_endpoint else "?"
    return f"{metadata.authorization_endpoint}{separator}{query}"


# --- HTTP -------------------------------------------------------------------------------------------------------


def _request_json(request: urllib.request.Request, timeout: float) -> tuple[int, dict]:
    if urllib.parse.urlsplit(request.full_url).scheme not in {"http", "https"}:
        raise ProviderUnavailable()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310 (scheme checked above)
            status, body = answer.status, answer.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    except (urllib.error.URLError, TimeoutError, OSError):
        raise ProviderUnavailable() from None
    if status >= 500:
        raise ProviderUnavailable()
    try:
        data = json.loads(body or b"{}")
    except ValueError:
        raise OidcError(code="vneid_bad_answer") from None
    if not isinstance(data, dict):
        raise OidcError(code="vneid_bad_answer")
    return status, data


def _get_json(url: str, timeout: float, headers: dict | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(url, headers={"Accept": "application/json", **(headers or {})})  # noqa: S310
    return _request_json(request, timeout)


_cache: dict[str, tuple[float, object]] = {}
_cache_lock = threading.Lock()


def _cached(key: str, load, *, refresh: bool = False):
    now = time.monotonic()
    with _cache_lock:
        hit = _cache.get(key)
    if hit is not None and hit[0] > now and not refresh:
        return hit[1]
    value = load()
    with _cache_lock:
        _cache[key] = (now + CACHE_SECONDS, value)
    return value


def cache_clear() -> None:
    with _cache_lock:
        _cache.clear()


def discover(issuer: str, *, timeout: float = 10.0) -> ProviderMetadata:
    """The provider's endpoints; its document must name exactly the configured issuer (OIDC Discovery §4.3)."""
    issuer = issuer.rstrip("/")

    def load() -> ProviderMetadata:
        status, document = _get_json(issuer + DISCOVERY_PATH, timeout)
        if status != 200:
            raise ProviderUnavailable()
        if document.get("issuer") != issuer:
            raise OidcError(code="vneid_issuer_mismatch")
        try:
            return ProviderMetadata(
                issuer=document["issuer"],
                authorization_endpoint=document["authorization_endpoint"],
                token_endpoint=document["token_endpoint"],
                jwks_uri=document["jwks_uri"],
                userinfo_endpoint=document["userinfo_endpoint"],
            )
        except KeyError:
            raise OidcError(code="vneid_bad_discovery") from None

    return _cached("discovery:" + issuer, load)


def _signing_key(jwks_uri: str, kid: str | None, timeout: float) -> jwt.PyJWK:
    def load(*, refresh: bool) -> jwt.PyJWKSet:
        def fetch() -> jwt.PyJWKSet:
            status, document = _get_json(jwks_uri, timeout)
            if status != 200:
                raise ProviderUnavailable()
            try:
                return jwt.PyJWKSet.from_dict(document)
            except jwt.PyJWKSetError:
                raise OidcError(code="vneid_bad_jwks") from None

        return _cached("jwks:" + jwks_uri, fetch, refresh=refresh)

    for refresh in (False, True):  # an unknown kid may be a rotated key: fetch the set once more
        keys = load(refresh=refresh)
        if kid is None:
            if len(keys.keys) == 1:
                return keys.keys[0]
        else:
            for key in keys.keys:
                if key.key_id == kid:
                    return key
    raise OidcError(code="vneid_unknown_key")


# --- Token exchange and checks -----------------------------------------------------------------------------------


def exchange_code(config: ClientConfig, metadata: ProviderMetadata, *, code: str, code_verifier: str) -> dict:
    """Trades the authorization code for tokens (client_secret_basic, RFC 6749 §2.3.1 and §4.1.3)."""
    body = urllib.parse.urlencode(
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": config.redirect_uri,
            "code_verifier": code_verifier,
        }
    ).encode("ascii")
    credentials = f"{urllib.parse.quote(config.client_id, safe='')}:{urllib.parse.quote(config.client_secret, safe='')}"
    request = urllib.request.Request(  # noqa: S310 (scheme checked in _request_json)
        metadata.token_endpoint,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
            "Authorization": "Basic " + base64.b64encode(credentials.encode("utf-8")).decode("ascii"),
        },
    )
    status, answer = _request_json(request, config.timeout)
    if status != 200:
        raise OidcError(code="vneid_token_refused")
    if str(answer.get("token_type", "")).lower() != "bearer" or not answer.get("id_token"):
        raise OidcError(code="vneid_bad_answer")
    if not answer.get("access_token"):
        raise OidcError(code="vneid_bad_answer")
    return answer


def id_token_verify(
    id_token: str,
    config: ClientConfig,
    metadata: ProviderMetadata,
    *,
    nonce: str,
    access_token: str | None = None,
) -> dict:
    """The ID token's claims once its signature (RS256, provider's JWKS) and iss/aud/azp/exp/iat/nonce hold."""
    try:
        header = jwt.get_unverified_header(id_token)
    except jwt.PyJWTError:
        raise OidcError(code="vneid_bad_id_token") from None
    if header.get("alg") != "RS256":  # refuses "none" and HMAC-with-a-public-key confusion outright
        raise OidcError(code="vneid_bad_id_token")
    key = _signing_key(metadata.jwks_uri, header.get("kid"), config.timeout)
    try:
        claims = jwt.decode(
            id_token,
            key=key.key,
            algorithms=["RS256"],
            audience=config.client_id,
            issuer=metadata.issuer,
            leeway=CLOCK_SKEW_SECONDS,
            options={"require": ["iss", "sub", "aud", "exp", "iat", "nonce"]},
        )
    except jwt.ExpiredSignatureError:
        raise OidcError(code="vneid_token_expired") from None
    except jwt.InvalidAudienceError:
        raise OidcError(code="vneid_wrong_audience") from None
    except jwt.PyJWTError:
        raise OidcError(code="vneid_bad_id_token") from None
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != config.client_id:
        raise OidcError(code="vneid_wrong_audience")
    if not hmac.compare_digest(str(claims["nonce"]), nonce):
        raise OidcError(code="vneid_wrong_nonce")
    if claims["iat"] > time.time() + CLOCK_SKEW_SECONDS:
        raise OidcError(code="vneid_bad_id_token")
    if access_token is not None and "at_hash" in claims:
        digest = hashlib.sha256(access_token.encode("ascii")).digest()
        if not hmac.compare_digest(str(claims["at_hash"]), _b64url(digest[: len(digest) // 2])):
            raise OidcError(code="vneid_bad_id_token")
    return claims


def userinfo_fetch(metadata: ProviderMetadata, *, access_token: str, subject: str, timeout: float) -> dict:
    """The UserInfo claims; their ``sub`` must be the ID token's (OIDC Core §5.3.2), or they are someone else's."""
    status, claims = _get_json(metadata.userinfo_endpoint, timeout, {"Authorization": f"Bearer {access_token}"})
    if status != 200:
        raise OidcError(code="vneid_userinfo_refused")
    if claims.get("sub") != subject:
        raise OidcError(code="vneid_subject_mismatch")
    return claims


def authorization_complete(
    config: ClientConfig, *, code: str, pending: PendingAuthorization, metadata: ProviderMetadata | None = None
) -> dict:
    """Code → tokens → verified ID token → UserInfo. Returns the ID token's claims overlaid by UserInfo's."""
    metadata = metadata or discover(config.issuer, timeout=config.timeout)
    tokens = exchange_code(config, metadata, code=code, code_verifier=pending.code_verifier)
    claims = id_token_verify(
        tokens["id_token"], config, metadata, nonce=pending.nonce, access_token=tokens["access_token"]
    )
    info = userinfo_fetch(metadata, access_token=tokens["access_token"], subject=claims["sub"], timeout=config.timeout)
    return {**claims, **info}
