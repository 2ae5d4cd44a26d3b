"""Settings shared by every environment; everything that differs comes from the environment.

dev.py, test.py and prod.py only choose defaults (DEBUG, security flags); nothing exists only in production.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str
from kooperacja.core.keys import check_search_hash_key, parse_fernet_keys
from kooperacja.core.storage import filesystem_storage, s3_storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "kooperacja.core",
    "kooperacja.accounts",
    "kooperacja.audit",
    "kooperacja.territory",
    "kooperacja.directory",
    "kooperacja.diagnosis",
    "kooperacja.cooperation",
    "kooperacja.meetings",
    "kooperacja.cases",
    "kooperacja.regional",
    "kooperacja.notifications",
    "kooperacja.documents",
    "kooperacja.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "simple_history",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outermost after static files, so that every response Django produces (error pages included) is marked.
    "kooperacja.core.cache_headers.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Right after the sessions: decides, before the session is saved, whether the idle timeout is pushed ahead.
    "kooperacja.accounts.session_refresh.SessionRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Before any view reads the body (CSRF reads it in process_view): a too large upload is refused unread.
    "kooperacja.core.request_size.RequestSizeLimitMiddleware",
    "kooperacja.audit.middleware.AuditContextMiddleware",
    "kooperacja.core.middleware.DecryptionErrorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "config.urls"
FORM_RENDERER = "kooperacja.core.forms.Renderer"
CSRF_FAILURE_VIEW = "kooperacja.core.views.csrf_failure"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kooperacja" / "core" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kooperacja.core.context_processors.navigation",
            ],
        },
    },
]

# --- Database: SQLite by default, PostgreSQL (or any engine) by DATABASE_URL -------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# A PostgreSQL streaming replica for the heavy regional reads (ROPS dashboard, its exports, the regional API):
# the views marked @reading_from_replica read there, everything else and every write goes to default
# (kooperacja/core/replica.py, docs/scaling.md). Unset: there is no replica alias and everything reads default.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
DATABASE_REPLICA_ALIAS = ""
if DATABASE_REPLICA_URL:
    try:
        DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_REPLICA_URL is not a valid database URL: {exc}") from None
    if DATABASES["replica"]["ENGINE"] != DATABASES["default"]["ENGINE"]:
        raise ImproperlyConfigured("DATABASE_REPLICA_URL must name a database of the same engine as DATABASE_URL.")
    if "postgresql" in DATABASES["replica"]["ENGINE"]:
        # Like a hot standby even when pointed at a writable server: a misrouted write fails instead of landing.
        replica_options = DATABASES["replica"].setdefault("OPTIONS", {})
        replica_options["options"] = f"{replica_options.get('options', '')} -c default_transaction_read_only=on".strip()
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_REPLICA_ALIAS = "replica"
DATABASE_ROUTERS = ["kooperacja.core.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts, passwords, second factor, lockout -----------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT_MINUTES", 60, minimum=5) * 60

OTP_TOTP_ISSUER = env_str("OTP_ISSUER", "Kooperacja")
BACKUP_CODE_COUNT = 10

AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
# Failures count per account (the e-mail typed, normalised), whatever the address or browser: both are in the
# attacker's hands. The login form's field is "username" though the user model's is "email".
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "kooperacja.accounts.throttling.login_username"
# A lockout lasts until fewer than LOGIN_FAILURE_LIMIT failures are younger than LOGIN_LOCKOUT_MINUTES (at most
# that long after the failure that reached the limit); refused attempts during it are not counted and do not
# prolong it, so the page can say when it ends and the owner gets one notice per lockout.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
# Spraying one password over many accounts from one network address: a higher limit per address, as an
# office shares one public address (the login view checks it; see kooperacja.accounts.throttling).
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 20, minimum=1)
AXES_CLIENT_IP_CALLABLE = "kooperacja.audit.middleware.client_ip"  # X-Real-IP behind nginx
AXES_LOCKOUT_CALLABLE = "kooperacja.accounts.views.lockout"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False
# axes warns when the address is not a lockout parameter: here that is deliberate (the account locks whatever the
# address, which closes the bypass the warning is about), and the per-address limit above is checked separately.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Inactivity timeout: the session expires this long after the last request. Not saved on every request: an
# active session is saved again once its last save is SESSION_REFRESH_SECONDS old (kooperacja.accounts.session_refresh).
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30, minimum=1)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = min(60, SESSION_COOKIE_AGE // 10)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Security headers (defaults are safe; prod.py turns on HTTPS-only flags) -------------------------
SECURE = env_bool("SECURE", False)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SECURE)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if SECURE else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
    }
}

# --- Language, time, formats -------------------------------------------------------------------------
LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Warsaw")
USE_I18N = True
USE_TZ = True
# Off: a thousands separator inside an id or a page number ("page=1 000") breaks links and forms. Numbers
# shown to people are grouped explicitly with |intcomma (django.contrib.humanize) or |pln.
USE_THOUSAND_SEPARATOR = False

# --- Static files (vendored; no CDN) -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Encryption at rest of the most sensitive fields of cases (PESEL, names, addresses, notes): a Fernet key
# (`python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`), or a
# comma-separated list while rotating (the first encrypts, all decrypt; `manage.py rotate_encryption_key`).
# Required in production; development and tests derive one from SECRET_KEY. Losing it loses those fields: back it
# up apart from the database backups (docs/operations.md, encryption keys). A malformed key stops the start here.
FIELD_ENCRYPTION_KEY = env_str("FIELD_ENCRYPTION_KEY", "")
if FIELD_ENCRYPTION_KEY:
    parse_fernet_keys(FIELD_ENCRYPTION_KEY)
# Key of the keyed hash that finds a person by PESEL: its own key, so rotating the encryption key never changes a
# hash (`python -c "import secrets; print(secrets.token_urlsafe(32))"`, at least 32 characters). Required in
# production; development and tests derive one from SECRET_KEY. Back it up with the encryption key.
SEARCH_HASH_KEY = env_str("SEARCH_HASH_KEY", "")
if SEARCH_HASH_KEY:
    check_search_hash_key(SEARCH_HASH_KEY)

# Personal data of cases closed longer ago than this are anonymised by `manage.py apply_retention`; 0 means every
# closed case, one closed today included. A negative value is refused at start.
CASE_RETENTION_YEARS = env_int("CASE_RETENTION_YEARS", 10, minimum=0)
# A directory entry not confirmed for this many months is marked and its institution's users are reminded.
DIRECTORY_CONFIRM_MONTHS = env_int("DIRECTORY_CONFIRM_MONTHS", 12, minimum=1)

# Uploaded documents (signed agreements, consents): private — never served by the web server, only through
# views that check access. Back the folder up with the database.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Where `make backup` writes its timestamped folders (database dump + uploaded files; never the key).
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(BASE_DIR / "backups")))
MEDIA_URL = "/media-not-served/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# A request body above this is refused with 413 before it is read (core.request_size): the largest upload is
# 10 MB (a message attachment, a directory file); set nginx's client_max_body_size to the same value.
MAX_REQUEST_MB = env_int("MAX_REQUEST_MB", 12, minimum=1)
# With STORAGE_S3_BUCKET the uploads go to an S3-compatible bucket instead (several application servers share
# it; kooperacja/core/storage.py). The bucket must not be public: the files are still served only by the views.
STORAGE_S3_BUCKET = env_str("STORAGE_S3_BUCKET", "")
STORAGES = {
    "default": (
        s3_storage(
            bucket=STORAGE_S3_BUCKET,
            endpoint_url=env_str("STORAGE_S3_ENDPOINT_URL", ""),
            access_key=env_str("STORAGE_S3_ACCESS_KEY_ID", ""),
            secret_key=env_str("STORAGE_S3_SECRET_ACCESS_KEY", ""),
            region=env_str("STORAGE_S3_REGION", ""),
            prefix=env_str("STORAGE_S3_PREFIX", ""),
            addressing_style=env_str("STORAGE_S3_ADDRESSING_STYLE", ""),
        )
        if STORAGE_S3_BUCKET
        else filesystem_storage()
    ),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- E-mail (only through the outbox; never with personal data) --------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be true.")
# Seconds one SMTP step may wait: a hanging mail server costs the worker this long, never forever.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20, minimum=1)
# The outbox retries with a pause that doubles up to this many minutes...
OUTBOX_MAX_BACKOFF_MINUTES = env_int("OUTBOX_MAX_BACKOFF_MINUTES", 60, minimum=1)
# ...for at least this many hours before a message is marked failed (then `outbox_retry` requeues it).
OUTBOX_RETRY_HOURS = env_int("OUTBOX_RETRY_HOURS", 72, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Kooperacja <kooperacja@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# GUS Local Data Bank API, asked only when a user presses "Fetch from GUS BDL" (diagnosis/statistics/bdl.py).
BDL_API_URL = env_str("BDL_API_URL", "https://bdl.stat.gov.pl/api/v1")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # A 403/404 is an expected answer: one line, no traceback; a 500 keeps its traceback (core/log_filters.py).
    "filters": {"expected_4xx": {"()": "kooperacja.core.log_filters.ExpectedClientErrors"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "django.request": {"filters": ["expected_4xx"]},
    },
}
