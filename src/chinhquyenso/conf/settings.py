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
    "chinhquyenso.documents",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
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
SESSION_SAVE_EVERY_REQUEST = True  # each request pushes expiry forward: an idle timeout, not an absolute one
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

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", "INFO", "Log level of the console log.")},
}

if PROFILE == "test":
    # Still Argon2, with small memory and time costs so the suite is not dominated by hashing.
    PASSWORD_HASHERS = ["chinhquyenso.core.auth.hashers.TestArgon2PasswordHasher"]
