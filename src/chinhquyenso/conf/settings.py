"""Django settings: every value comes from a typed, documented environment variable (see conf/env.py).

Profiles only change defaults: ``dev`` (make run), ``test`` (make test) and ``production`` (the default,
which refuses to start without an explicit secret key).
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url

from chinhquyenso.conf.env import ConfigurationError, Env

env = Env()
SRC_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = SRC_DIR.parent.parent

PROFILE = env.choice(
    "PROFILE",
    "production",
    ("dev", "test", "production"),
    "Which defaults apply: `dev` for `make run`, `test` for the suite, `production` for a deployment.",
)
_dev_like = PROFILE in {"dev", "test"}

VAR_DIR = Path(
    env.str(
        "VAR_DIR",
        str(BASE_DIR / "var"),
        "Folder for the embedded database, the dev secret key and stored files.",
    )
)

DEBUG = env.bool("DEBUG", PROFILE == "dev", "Django debug pages. Off unless the `dev` profile.")


def _secret_key() -> str:
    given = env.str("SECRET_KEY", None, "Signing key for sessions and tokens. Required in production.")
    if given:
        return given
    if not _dev_like:
        raise ConfigurationError(
            "CQS_SECRET_KEY is not set: the production profile refuses to start without a secret key."
        )
    # Development: generated once and kept, so sessions survive restarts.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if _dev_like else [], "Host names this server answers to."
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", [], "Origins allowed to POST forms (https://host).")

_default_db = f"sqlite:///{VAR_DIR / 'chinhquyenso.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env.str(
            "DATABASE_URL",
            _default_db,
            "Database URL. Default: the embedded SQLite file under `var/`. PostgreSQL: `postgres://user@host:port/name`.",
            aliases=("DATABASE_URL",),
        ),
        conn_max_age=0 if _dev_like else 60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # WAL lets readers and the one writer work at once; IMMEDIATE avoids upgrade deadlocks on writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
        "transaction_mode": "IMMEDIATE",
    }

DB_PREPARED_STATEMENTS = env.bool(
    "DB_PREPARED_STATEMENTS",
    True,
    "PostgreSQL: run the statements of every write (intake, transitions) as prepared statements. Turn off behind "
    "a connection pooler in transaction mode (PgBouncer before 1.21), which cannot keep them.",
)

REDIS_URL = env.str("REDIS_URL", None, "Redis URL; when set, background jobs use Redis.", aliases=("REDIS_URL",))

TIME_ZONE = env.str("TIME_ZONE", "Asia/Ho_Chi_Minh", "Time zone for display and deadline computation.")
USE_TZ = True
LANGUAGE_CODE = env.str("LANGUAGE_CODE", "vi", "Default UI language: `vi` or `en`.")
USE_I18N = True
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [SRC_DIR / "locale"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "chinhquyenso.core",
    "chinhquyenso.units",
    "chinhquyenso.workcal",
    "chinhquyenso.catalog",
    "chinhquyenso.dossiers",
    "chinhquyenso.dvcqg",
    "chinhquyenso.printing",
    "chinhquyenso.signing",
    "chinhquyenso.edxml",
    "chinhquyenso.documents",
    "chinhquyenso.identity",
    "chinhquyenso.payments",
    "chinhquyenso.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "chinhquyenso.core.web.session_idle.SessionIdleMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "chinhquyenso.core.web.middleware.ClientIpMiddleware",
]

ROOT_URLCONF = "chinhquyenso.conf.urls"
WSGI_APPLICATION = "chinhquyenso.conf.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "chinhquyenso.core.web.context.navigation",
            ]
        },
    }
]

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = ["chinhquyenso.core.auth.backends.LockoutAwareBackend"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"

LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", 5, "Failed log-ins in a row that lock an account.")
LOGIN_LOCK_MINUTES = env.int("LOGIN_LOCK_MINUTES", 15, "How long a locked account stays locked, in minutes.")
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", 30, "A session expires after this many idle minutes.")
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
# An idle timeout, not an absolute one: core.web.session_idle pushes the expiry forward at most once a minute.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not _dev_like
CSRF_COOKIE_SECURE = not _dev_like

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "files"},
    },
    # Plain storage: the manifest variant spends 30 s compressing with brotli (stack-notes).
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = _dev_like
if _dev_like:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on a missing root

# One-stop dossiers
PUBLIC_BASE_URL = env.str(
    "PUBLIC_BASE_URL",
    "http://127.0.0.1:8000",
    "Address citizens use to reach this platform; forms print it in the QR code of the public lookup.",
).rstrip("/")
PUBLIC_LOOKUP_PER_MINUTE = env.int(
    "PUBLIC_LOOKUP_PER_MINUTE", 30, "Public dossier lookups allowed per client IP address per minute."
)
MAX_UPLOAD_BYTES = env.int("MAX_UPLOAD_MB", 20, "Largest file an officer or citizen may upload, in MB.") * 1024 * 1024
DUE_SOON_HOURS = env.int(
    "DUE_SOON_HOURS", 8, "Working hours before the due time from which an open dossier is flagged as due soon."
)

# Citizen portal
PORTAL_MAX_FILE_BYTES = (
    env.int("PORTAL_MAX_FILE_MB", 10, "Largest file a citizen may upload to an online dossier, in MB.") * 1024 * 1024
)
PORTAL_MAX_DOSSIER_BYTES = (
    env.int("PORTAL_MAX_DOSSIER_MB", 30, "Largest total of the files a citizen uploads to one online dossier, in MB.")
    * 1024
    * 1024
)

# E-mail to applicants (early results, notices). The dev profile prints messages to the console.
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if env.choice("EMAIL_BACKEND", "console" if _dev_like else "smtp", ("console", "smtp"), "How e-mail is sent.")
    == "smtp"
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env.str("EMAIL_HOST", "localhost", "SMTP server for outgoing e-mail.")
EMAIL_PORT = env.int("EMAIL_PORT", 25, "SMTP port.")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env.str("EMAIL_FROM", "khong-tra-loi@chinhquyenso.local", "Sender address of e-mail.")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", "INFO", "Log level of the console log.")},
}

# Synchronisation with the national public-service portal (chinhquyenso.dvcqg); checked as a whole when used.
DVCQG_CREATE_URL = env.str("DVCQG_CREATE_URL", None, "DVCQG: URL that creates a dossier on the national portal.")
DVCQG_UPDATE_URL = env.str("DVCQG_UPDATE_URL", None, "DVCQG: URL that updates a dossier the portal already has.")
DVCQG_HISTORY_URL = env.str("DVCQG_HISTORY_URL", None, "DVCQG: URL that receives the process steps of a dossier.")
DVCQG_TOKEN = env.str("DVCQG_TOKEN", None, "DVCQG: bearer token sent with every request to the portal.")
DVCQG_TIMEOUT_SECONDS = env.int("DVCQG_TIMEOUT_SECONDS", 15, "DVCQG: seconds to wait for the portal to answer.")
DVCQG_MAX_ATTEMPTS = env.int(
    "DVCQG_MAX_ATTEMPTS", 10, "DVCQG: attempts (transport errors, 5xx) before an item is marked failed."
)
DVCQG_RETRY_BASE_SECONDS = env.int(
    "DVCQG_RETRY_BASE_SECONDS", 60, "DVCQG: first retry delay in seconds; it doubles after each failed attempt."
)
DVCQG_STATUS_5_6_8_AS_9 = env.bool(
    "DVCQG_STATUS_5_6_8_AS_9",
    False,
    "DVCQG: send statuses 5, 6 and 8 as 9, a quirk seen in one provincial integration. Off: codes go as they are.",
)

if PROFILE == "test":
    # Still Argon2, with small memory and time costs so the suite is not dominated by hashing.
    PASSWORD_HASHERS = ["chinhquyenso.core.auth.hashers.TestArgon2PasswordHasher"]

# Digital signatures (chinhquyenso.signing) and edXML exchange (chinhquyenso.edxml).
PKI_DIR = Path(
    env.str(
        "PKI_DIR",
        None,
        "Folder of the PKCS#12 keys and the development PKI (`chinhquyenso pki init`). Default: `var/pki`.",
    )
    or VAR_DIR / "pki"
)
PKI_PASSWORD = env.str(
    "PKI_PASSWORD",
    "chinhquyenso-dev-pki" if _dev_like else None,
    "Password of the PKCS#12 key files in `CQS_PKI_DIR`. The default is for dev and test only; production with the "
    "`file` signer needs it set.",
)
SIGNATURE_BACKEND = env.choice(
    "SIGNATURE_BACKEND",
    "file",
    ("file", "pkcs11", "remote"),
    "Where signing keys live: `file` (PKCS#12 files in `CQS_PKI_DIR`), `pkcs11` (a token or HSM) or `remote` "
    "(a remote signing service).",
)
PKCS11_MODULE = env.str("PKCS11_MODULE", None, "Path of the PKCS#11 library of the token (`pkcs11` signer).")
PKCS11_SLOT = env.str("PKCS11_SLOT", None, "Slot number of the token (`pkcs11` signer).")
PKCS11_PIN = env.str("PKCS11_PIN", None, "User PIN of the token (`pkcs11` signer).")
REMOTE_SIGNING_URL = env.str("REMOTE_SIGNING_URL", None, "Base URL of the remote signing service (`remote` signer).")
TSA_URL = env.str(
    "TSA_URL",
    None,
    "RFC 3161 time-stamping authority URL. Empty: the platform's own development TSA (dev and test profiles "
    "only; production refuses to sign without a real TSA).",
)
TSA_HTTP_ENABLED = env.bool(
    "TSA_HTTP_ENABLED",
    _dev_like,
    "Serve the development TSA over HTTP at `/tsa/` (RFC 3161 over HTTP). On in dev and test, off in production.",
)
SIGNING_TRUST_ROOTS = env.list(
    "SIGNING_TRUST_ROOTS",
    [],
    "PEM files of the root certificates signatures are verified against (the NEAC root in production). "
    "Empty: the development CA in `CQS_PKI_DIR`.",
)
EDXML_AXIS_URL = env.str(
    "EDXML_AXIS_URL", None, "URL of the document-exchange axis (national VDXP or the provincial LGSP) for edXML."
)
EDXML_AXIS_SYSTEM_ID = env.str("EDXML_AXIS_SYSTEM_ID", None, "System id issued by the axis operator.")
EDXML_AXIS_SECRET = env.str("EDXML_AXIS_SECRET", None, "Secret key issued by the axis operator.")
EDXML_OWN_ORGAN_ID = env.str(
    "EDXML_OWN_ORGAN_ID",
    "000.01.27.H56" if _dev_like else None,
    "Decision 20/2020 identifier of the agency this platform receives edXML for (dev and test: UBND xã Thọ Xuân).",
)
EDXML_MAX_ATTEMPTS = env.int("EDXML_MAX_ATTEMPTS", 8, "Attempts to deliver one edXML package before it is failed.")
EDXML_RETRY_SECONDS = env.int(
    "EDXML_RETRY_SECONDS", 60, "First retry delay of a failed edXML delivery; doubles on each attempt."
)

# Notifications to citizens (chinhquyenso.core.notifications): e-mail uses the EMAIL settings above.
NOTIFY_DELIVERY = env.choice(
    "NOTIFY_DELIVERY",
    "thread",
    ("thread", "command"),
    "Who sends queued notifications: `thread` (an in-process worker, right after the commit) or `command` (only "
    "`chinhquyenso notify deliver`). Either way run `notify deliver --loop` (or a timer) to pick up retries.",
)
NOTIFY_MAX_ATTEMPTS = env.int("NOTIFY_MAX_ATTEMPTS", 6, "Attempts to send one notification before it is marked failed.")
NOTIFY_RETRY_BASE_SECONDS = env.int(
    "NOTIFY_RETRY_BASE_SECONDS", 30, "First retry delay of a notification in seconds; doubles after each failure."
)
NOTIFY_WORKER_MAX_WAIT_SECONDS = env.int(
    "NOTIFY_WORKER_MAX_WAIT_SECONDS",
    600,
    "The in-process worker retries a failure itself when the back-off is at most this long; longer ones wait for "
    "`notify deliver`.",
)
NOTIFY_TIMEOUT_SECONDS = env.int("NOTIFY_TIMEOUT_SECONDS", 10, "Seconds to wait for the SMS or Zalo provider.")
NOTIFY_SITE_NAME = env.str(
    "NOTIFY_SITE_NAME", "Cổng dịch vụ công", "Name of the service that signs the messages sent to citizens."
)
NOTIFY_DOSSIER_SMS = env.bool(
    "NOTIFY_DOSSIER_SMS", False, "Also send dossier status changes by SMS to the applicant's phone number."
)
SMS_BACKEND = env.choice(
    "SMS_BACKEND",
    "fake" if _dev_like else "http",
    ("fake", "http"),
    "SMS gateway: `http` (the brandname gateway at `CQS_SMS_URL`) or `fake` (records messages in the process; "
    "the default in dev and test, refused in production).",
)
SMS_URL = env.str("SMS_URL", None, "SMS: URL of the brandname gateway's send endpoint (`http` backend).")
SMS_API_KEY = env.str(
    "SMS_API_KEY",
    "fake-sms-key" if _dev_like else None,
    "SMS: API key sent as a bearer token to the gateway (dev and test: the fake's key).",
)
SMS_SENDER = env.str("SMS_SENDER", "CQS", "SMS: registered brandname (sender id, at most 11 characters).")
ZALO_BACKEND = env.choice(
    "ZALO_BACKEND",
    "fake" if _dev_like else "http",
    ("fake", "http"),
    "Zalo: `http` (ZNS from the authority's Official Account) or `fake` (records messages in the process; the "
    "default in dev and test, refused in production).",
)
ZALO_URL = env.str(
    "ZALO_URL", "https://business.openapi.zalo.me/message/template", "Zalo: the ZNS send endpoint (`http` backend)."
)
ZALO_ACCESS_TOKEN = env.str(
    "ZALO_ACCESS_TOKEN",
    "fake-zalo-token" if _dev_like else None,
    "Zalo: the Official Account's access token (dev and test: the fake's token).",
)
ZALO_TEMPLATE_IDS = env.list(
    "ZALO_TEMPLATE_IDS",
    [
        f"{name}=fake-{name}"
        for name in ("otp_code", "dossier_submitted", "dossier_status", "dossier_result_ready", "payment_received")
    ]
    if _dev_like
    else [],
    "Zalo: approved ZNS template id per message template, as `name=id` pairs (`otp_code=123456,…`). Dev and test: "
    "the fake's ids.",
)

# Citizen accounts (chinhquyenso.identity): one-time codes and VNeID single sign-on (OpenID Connect).
OTP_TTL_MINUTES = env.int("OTP_TTL_MINUTES", 10, "Minutes a one-time code (sign-up, log-in) stays valid.")
OTP_MAX_ATTEMPTS = env.int("OTP_MAX_ATTEMPTS", 5, "Wrong entries of a one-time code before it stops working.")
OTP_RESEND_SECONDS = env.int("OTP_RESEND_SECONDS", 60, "Seconds a citizen waits before a one-time code is sent again.")
OTP_MAX_SENDS_PER_HOUR = env.int(
    "OTP_MAX_SENDS_PER_HOUR", 5, "One-time codes sent to one phone number or e-mail address per hour, at most."
)
FAKE_VNEID_ENABLED = env.bool(
    "FAKE_VNEID_ENABLED",
    _dev_like,
    "Serve the FAKE VNeID test identity provider inside the platform at `/tai-khoan/fake-vneid/` and use it when "
    "`CQS_VNEID_ISSUER` is empty. On in dev and test; refused in production.",
)
VNEID_ISSUER = env.str(
    "VNEID_ISSUER",
    None,
    "VNeID / DVCQG single sign-on: OpenID Connect issuer URL (discovery at `/.well-known/openid-configuration`). "
    "Empty: VNeID log-in is off, or uses the in-platform fake when `CQS_FAKE_VNEID_ENABLED`.",
)
VNEID_CLIENT_ID = env.str(
    "VNEID_CLIENT_ID", "chinhquyenso-dev" if _dev_like else None, "VNeID: client id issued to this platform."
)
VNEID_CLIENT_SECRET = env.str(
    "VNEID_CLIENT_SECRET",
    "fake-vneid-dev-secret" if _dev_like else None,
    "VNeID: client secret issued to this platform. The default is for dev and test only.",
)
VNEID_REDIRECT_URI = env.str(
    "VNEID_REDIRECT_URI",
    None,
    "VNeID: redirect URI registered with the provider (`https://host/tai-khoan/vneid/callback/`). Empty: built from "
    "the request's host (dev and test only).",
)
VNEID_SCOPES = env.list("VNEID_SCOPES", ["openid", "profile"], "VNeID: scopes asked for (`openid` is always sent).")
VNEID_ID_CLAIM = env.str(
    "VNEID_ID_CLAIM", "sub", "VNeID: claim that carries the citizen's 12-digit personal identity number."
)
VNEID_TIMEOUT_SECONDS = env.int("VNEID_TIMEOUT_SECONDS", 10, "VNeID: seconds to wait for the provider to answer.")
# Online payment of fees and charges (chinhquyenso.payments); checked as a whole when used.
PAYMENT_GATEWAY = env.choice(
    "PAYMENT_GATEWAY",
    "fake" if _dev_like else "http",
    ("fake", "http"),
    "Payment gateway: `fake` serves the local fake gateway inside the platform under `/thanh-toan/cong-gia-lap/` "
    "(dev and test only; refused in production); `http` talks to the real gateway at `CQS_PAYMENT_GATEWAY_URL`.",
)
PAYMENT_GATEWAY_URL = env.str(
    "PAYMENT_GATEWAY_URL", None, "Payment: the gateway's payment page the citizen's browser is sent to (`http`)."
)
PAYMENT_QUERY_URL = env.str("PAYMENT_QUERY_URL", None, "Payment: the gateway's transaction status query API (`http`).")
PAYMENT_MERCHANT_CODE = env.str(
    "PAYMENT_MERCHANT_CODE",
    "CQS-DEV" if _dev_like else None,
    "Payment: the merchant code the gateway issued to this platform. The default is for dev and test only.",
)
PAYMENT_SECRET = env.str(
    "PAYMENT_SECRET",
    "cqs-dev-payment-secret-not-for-production" if _dev_like else None,
    "Payment: the shared secret that signs orders, callbacks and queries (HMAC-SHA256). The default is for dev and "
    "test only.",
)
PAYMENT_ORDER_MINUTES = env.int(
    "PAYMENT_ORDER_MINUTES", 15, "Payment: minutes a payment order stays open at the gateway before it expires."
)
PAYMENT_CALLBACK_WINDOW_SECONDS = env.int(
    "PAYMENT_CALLBACK_WINDOW_SECONDS",
    300,
    "Payment: a callback or query answer whose signed time is further than this from now is refused as a replay.",
)
PAYMENT_TIMEOUT_SECONDS = env.int(
    "PAYMENT_TIMEOUT_SECONDS", 10, "Payment: seconds to wait for the gateway to answer a status query."
)
