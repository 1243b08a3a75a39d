"""FakeVNeID: a FAKE national identity provider (OpenID Connect), for tests and local runs. It is not VNeID.

A WSGI application with no Django in it, so a test can serve it on a loopback port in a thread
(``fake_vneid_server.FakeVNeIDServer``), ``chinhquyenso identity fake-vneid --port N`` can run it by hand, and the
dev profile can mount it inside the platform at ``/tai-khoan/fake-vneid/`` (``identity.web.fake_mount``).

It enforces the contract the relying party is written against (OpenID Connect Core, RFC 6749, RFC 7636):

- discovery at ``/.well-known/openid-configuration`` naming this issuer; the JWKS at ``/jwks`` (one RSA key);
- ``/authorize``: a known ``client_id`` and its registered ``redirect_uri`` (otherwise an error page, never a
  redirect), ``response_type=code``, ``scope`` with ``openid``, and PKCE ``S256`` (``plain`` is refused); the page
  lets the tester pick one of the demo persons;
- ``/token``: client authentication (HTTP Basic or ``client_id``/``client_secret`` in the body), the code issued
  to that client for that ``redirect_uri``, unexpired, never used before (a second use also revokes the access
  token issued for it), and ``code_verifier`` matching the challenge; the ID token is signed RS256 with ``kid``;
- ``/userinfo``: a valid bearer access token, or 401 with ``WWW-Authenticate``.

Tests can make the next token response misbehave (``misbehave_next``): an unsigned (``alg: none``), forged
(another key, same ``kid``), HMAC-signed, wrong-audience, expired, wrong-nonce or wrong-issuer ID token, or a
UserInfo answer about another subject.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from wsgiref.util import application_uri

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from chinhquyenso.identity.fake_vneid_pages import choose_page, error_page

CODE_TTL_SECONDS = 60
TOKEN_TTL_SECONDS = 300
MISBEHAVIOURS = (
    "unsigned",
    "forged",
    "hs256",
    "wrong_audience",
    "expired",
    "wrong_nonce",
    "wrong_issuer",
    "userinfo_other_subject",
)
_VERIFIER = re.compile(r"[A-Za-z0-9\-._~]{43,128}")


@dataclass(frozen=True)
class FakePerson:
    """A made-up citizen; ``sub`` is the 12-digit personal identity number (số định danh cá nhân)."""

    sub: str
    name: str
    birthdate: str
    gender: str
    address: str
    phone_number: str = ""
    email: str = ""

    def claims(self) -> dict:
        found = {
            "sub": self.sub,
            "name": self.name,
            "birthdate": self.birthdate,
            "gender": self.gender,
            "address": {"formatted": self.address},
        }
        if self.phone_number:
            found["phone_number"] = self.phone_number
            found["phone_number_verified"] = True
        if self.email:
            found["email"] = self.email
            found["email_verified"] = True
        return found


DEMO_PERSONS = (
    FakePerson(
        "038090001234", "Nguyễn Văn An", "1990-05-12", "male", "Thôn Xuân Lai, xã Thọ Xuân, tỉnh Thanh Hóa",
        "0912345678",
    ),
    FakePerson(
        "038185004321", "Lê Thị Bình", "1985-11-03", "female", "Số 12 Lê Lợi, phường Hạc Thành, tỉnh Thanh Hóa",
        "0987654321",
    ),
    FakePerson(
        "001095006789", "Trần Minh Châu", "1995-02-20", "female", "Số 5 Tràng Tiền, phường Hoàn Kiếm, thành phố Hà Nội",
        "", "tranminhchau@example.vn",
    ),
)  # fmt: skip


@dataclass
class FakeClient:
    client_id: str
    secret: str
    redirect_uris: set[str] = field(default_factory=set)
    name: str = "Chính quyền số"


@dataclass
class _Code:
    client_id: str
    redirect_uri: str
    challenge: str
    nonce: str
    person: FakePerson
    expires: float
    used: bool = False
    access_token: str | None = None


@dataclass
class _Token:
    person: FakePerson
    expires: float
    revoked: bool = False


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


class FakeVNeID:
    """The provider. ``issuer`` None: taken from each request's host and mount point."""

    def __init__(self, *, issuer: str | None = None, persons=DEMO_PERSONS):
        self.issuer = issuer.rstrip("/") if issuer else None
        self.persons = {person.sub: person for person in persons}
        self.clients: dict[str, FakeClient] = {}
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "fake-vneid-" + secrets.token_hex(4)
        self._codes: dict[str, _Code] = {}
        self._tokens: dict[str, _Token] = {}
        self._misbehave: list[str] = []
        self._lock = threading.Lock()

    # --- set-up by tests and the mount ---------------------------------------------------------------------------

    def register_client(self, client_id: str, secret: str, redirect_uri: str, name: str = "Chính quyền số") -> None:
        with self._lock:
            client = self.clients.setdefault(client_id, FakeClient(client_id, secret, name=name))
            client.secret = secret
            client.redirect_uris.add(redirect_uri)

    def misbehave_next(self, kind: str) -> None:
        if kind not in MISBEHAVIOURS:
            raise ValueError(f"unknown misbehaviour {kind!r}; one of {', '.join(MISBEHAVIOURS)}")
        with self._lock:
            self._misbehave.append(kind)

    def _take_misbehaviour(self) -> str:
        with self._lock:
            return self._misbehave.pop(0) if self._misbehave else ""

    # --- WSGI ----------------------------------------------------------------------------------------------------

    def __call__(self, environ, start_response):
        issuer = self.issuer or application_uri(environ).rstrip("/")
        path = environ.get("PATH_INFO", "/") or "/"
        method = environ.get("REQUEST_METHOD", "GET")
        routes = {
            ("GET", "/.well-known/openid-configuration"): self._discovery,
            ("GET", "/jwks"): self._jwks,
            ("GET", "/authorize"): self._authorize_page,
            ("POST", "/authorize"): self._authorize_decide,
            ("POST", "/token"): self._token,
            ("GET", "/userinfo"): self._userinfo,
            ("POST", "/userinfo"): self._userinfo,
        }
        handler = routes.get((method, path))
        if handler is None:
            known = {route_path for _, route_path in routes}
            status = "405 Method Not Allowed" if path in known else "404 Not Found"
            return self._reply(start_response, status, {"error": "not_found"})
        return handler(environ, start_response, issuer)

    @staticmethod
    def _reply(start_response, status: str, body, headers=()):
        if isinstance(body, dict):
            payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
            content_type = "application/json"
        else:
            payload = body.encode("utf-8")
            content_type = "text/html; charset=utf-8"
        start_response(
            status,
            [
                ("Content-Type", content_type),
                ("Content-Length", str(len(payload))),
                ("Cache-Control", "no-store"),
                *headers,
            ],
        )
        return [payload]

    @staticmethod
    def _form(environ) -> dict[str, str]:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        raw = environ["wsgi.input"].read(length).decode("utf-8", "replace") if length else ""
        return dict(urllib.parse.parse_qsl(raw, keep_blank_values=True))

    @staticmethod
    def _query(environ) -> dict[str, str]:
        return dict(urllib.parse.parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True))

    # --- endpoints -----------------------------------------------------------------------------------------------

    def _discovery(self, environ, start_response, issuer):
        return self._reply(
            start_response,
            "200 OK",
            {
                "issuer": issuer,
                "authorization_endpoint": issuer + "/authorize",
                "token_endpoint": issuer + "/token",
                "userinfo_endpoint": issuer + "/userinfo",
                "jwks_uri": issuer + "/jwks",
                "response_types_supported": ["code"],
                "grant_types_supported": ["authorization_code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
                "scopes_supported": ["openid", "profile", "email", "phone", "address"],
                "claims_supported": [
                    "sub", "name", "birthdate", "gender", "address", "phone_number", "email", "nonce", "at_hash",
                ],
            },
        )  # fmt: skip

    def _jwks(self, environ, start_response, issuer):
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self._key.public_key()))
        public.update({"kid": self.kid, "use": "sig", "alg": "RS256"})
        return self._reply(start_response, "200 OK", {"keys": [public]})

    def _check_authorize(self, params: dict[str, str]) -> tuple[FakeClient | None, str]:
        """(client, error): no client means the error must be shown, not sent to an unverified redirect URI."""
        client = self.clients.get(params.get("client_id", ""))
        if client is None:
            return None, "Ứng dụng (client_id) chưa được đăng ký với nhà cung cấp định danh."
        if params.get("redirect_uri", "") not in client.redirect_uris:
            return None, "Địa chỉ chuyển hướng (redirect_uri) không khớp địa chỉ đã đăng ký."
        if params.get("response_type") != "code":
            return client, "unsupported_response_type"
        if "openid" not in params.get("scope", "").split():
            return client, "invalid_scope"
        if not params.get("code_challenge") or params.get("code_challenge_method") != "S256":
            return client, "invalid_request"
        return client, ""

    def _redirect(self, start_response, redirect_uri: str, params: dict[str, str]):
        separator = "&" if "?" in redirect_uri else "?"
        location = redirect_uri + separator + urllib.parse.urlencode({k: v for k, v in params.items() if v})
        start_response("302 Found", [("Location", location), ("Content-Length", "0"), ("Cache-Control", "no-store")])
        return [b""]

    def _authorize_page(self, environ, start_response, issuer):
        params = self._query(environ)
        client, error = self._check_authorize(params)
        if client is None:
            return self._reply(start_response, "400 Bad Request", error_page(error))
        if error:
            return self._redirect(
                start_response, params["redirect_uri"], {"error": error, "state": params.get("state", "")}
            )
        return self._reply(start_response, "200 OK", choose_page(client, params, self.persons.values()))

    def _authorize_decide(self, environ, start_response, issuer):
        params = self._form(environ)
        client, error = self._check_authorize(params)
        if client is None:
            return self._reply(start_response, "400 Bad Request", error_page(error))
        redirect_uri, state = params["redirect_uri"], params.get("state", "")
        if error:
            return self._redirect(start_response, redirect_uri, {"error": error, "state": state})
        if params.get("decision") != "allow":
            return self._redirect(start_response, redirect_uri, {"error": "access_denied", "state": state})
        person = self.persons.get(params.get("person", ""))
        if person is None:
            return self._reply(
                start_response, "400 Bad Request", choose_page(client, params, self.persons.values(), missing=True)
            )
        code = secrets.token_urlsafe(32)
        with self._lock:
            self._codes[code] = _Code(
                client_id=client.client_id,
                redirect_uri=redirect_uri,
                challenge=params["code_challenge"],
                nonce=params.get("nonce", ""),
                person=person,
                expires=time.time() + CODE_TTL_SECONDS,
            )
        return self._redirect(start_response, redirect_uri, {"code": code, "state": state})

    def _client_from_request(self, environ, form) -> FakeClient | None:
        client_id = secret = None
        authorization = environ.get("HTTP_AUTHORIZATION", "")
        if authorization.lower().startswith("basic "):
            try:
                decoded = base64.b64decode(authorization[6:].strip(), validate=True).decode("utf-8")
            except ValueError:
                return None
            raw_id, _, raw_secret = decoded.partition(":")
            client_id, secret = urllib.parse.unquote(raw_id), urllib.parse.unquote(raw_secret)
        elif "client_secret" in form:
            client_id, secret = form.get("client_id", ""), form["client_secret"]
        client = self.clients.get(client_id or "")
        if client is None or not hmac.compare_digest(client.secret.encode(), (secret or "").encode()):
            return None
        return client

    def _token_error(self, start_response, error: str, description: str, status: str = "400 Bad Request"):
        headers = [("WWW-Authenticate", 'Basic realm="fake-vneid"')] if error == "invalid_client" else []
        return self._reply(start_response, status, {"error": error, "error_description": description}, headers)

    def _token(self, environ, start_response, issuer):
        if not environ.get("CONTENT_TYPE", "").startswith("application/x-www-form-urlencoded"):
            return self._token_error(start_response, "invalid_request", "Content-Type must be form-urlencoded")
        form = self._form(environ)
        client = self._client_from_request(environ, form)
        if client is None:
            return self._token_error(
                start_response, "invalid_client", "client authentication failed", "401 Unauthorized"
            )
        if form.get("grant_type") != "authorization_code":
            return self._token_error(start_response, "unsupported_grant_type", "only authorization_code")
        with self._lock:
            issued = self._codes.get(form.get("code", ""))
            if issued is None:
                return self._token_error(start_response, "invalid_grant", "unknown code")
            if issued.used:
                # RFC 6749 §4.1.2: a code used twice revokes what it was exchanged for.
                if issued.access_token and issued.access_token in self._tokens:
                    self._tokens[issued.access_token].revoked = True
                return self._token_error(start_response, "invalid_grant", "code already used")
            issued.used = True  # burnt at its first presentation, whatever the outcome
        if issued.expires < time.time():
            return self._token_error(start_response, "invalid_grant", "code expired")
        if issued.client_id != client.client_id:
            return self._token_error(start_response, "invalid_grant", "code issued to another client")
        if form.get("redirect_uri") != issued.redirect_uri:
            return self._token_error(start_response, "invalid_grant", "redirect_uri differs from the authorization")
        verifier = form.get("code_verifier", "")
        challenge = _b64url(hashlib.sha256(verifier.encode("ascii", "replace")).digest())
        if not _VERIFIER.fullmatch(verifier) or not hmac.compare_digest(challenge, issued.challenge):
            return self._token_error(start_response, "invalid_grant", "PKCE verification failed")
        access_token = secrets.token_urlsafe(32)
        with self._lock:
            issued.access_token = access_token
            self._tokens[access_token] = _Token(issued.person, time.time() + TOKEN_TTL_SECONDS)
        id_token = self._id_token(issuer, client, issued, access_token, self._take_misbehaviour())
        return self._reply(
            start_response,
            "200 OK",
            {
                "access_token": access_token,
                "token_type": "Bearer",
                "expires_in": TOKEN_TTL_SECONDS,
                "id_token": id_token,
                "scope": "openid profile",
            },
            [("Pragma", "no-cache")],
        )

    def _id_token(self, issuer: str, client: FakeClient, issued: _Code, access_token: str, misbehave: str) -> str:
        now = int(time.time())
        digest = hashlib.sha256(access_token.encode("ascii")).digest()
        claims = {
            "iss": issuer,
            "sub": issued.person.sub,
            "aud": client.client_id,
            "iat": now,
            "exp": now + TOKEN_TTL_SECONDS,
            "auth_time": now,
            "nonce": issued.nonce,
            "at_hash": _b64url(digest[: len(digest) // 2]),
            "name": issued.person.name,
        }
        if misbehave == "wrong_audience":
            claims["aud"] = "another-client"
        elif misbehave == "expired":
            claims["iat"], claims["exp"] = now - 1200, now - 600
        elif misbehave == "wrong_nonce":
            claims["nonce"] = secrets.token_urlsafe(16)
        elif misbehave == "wrong_issuer":
            claims["iss"] = "https://not-the-issuer.example"
        elif misbehave == "userinfo_other_subject":
            with self._lock:
                self._tokens[access_token].person = next(p for p in self.persons.values() if p != issued.person)
        headers = {"kid": self.kid}
        if misbehave == "unsigned":
            head = _b64url(json.dumps({"alg": "none", "typ": "JWT"}).encode())
            return f"{head}.{_b64url(json.dumps(claims).encode())}."
        if misbehave == "forged":
            other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            return jwt.encode(claims, other, algorithm="RS256", headers=headers)
        if misbehave == "hs256":
            return jwt.encode(claims, client.secret.encode().ljust(32, b"#"), algorithm="HS256", headers=headers)
        return jwt.encode(claims, self._key, algorithm="RS256", headers=headers)

    def _userinfo(self, environ, start_response, issuer):
        authorization = environ.get("HTTP_AUTHORIZATION", "")
        token = authorization[7:].strip() if authorization.lower().startswith("bearer ") else ""
        with self._lock:
            found = self._tokens.get(token)
        if found is None or found.revoked or found.expires < time.time():
            return self._reply(
                start_response,
                "401 Unauthorized",
                {"error": "invalid_token"},
                [("WWW-Authenticate", 'Bearer error="invalid_token"')],
            )
        return self._reply(start_response, "200 OK", found.person.claims())


# --- pages -------------------------------------------------------------------------------------------------------
