"""Django settings, read from EGOV_* environment variables (see README).

DEBUG is off unless EGOV_DEBUG=1 (which `make demo` sets). With DEBUG off the
process refuses to start without a real EGOV_SECRET_KEY.
"""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import django_stubs_ext
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from egov.platform.core.env import env_bool, env_int, env_list, env_str

# Lets generic classes (ModelAdmin[Unit], QuerySet[Unit]) be subscripted at run time.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("DATA_DIR", str(BASE_DIR / "var")))


def _find_reference_dir() -> Path:
    # The shared reference data (official lists of administrative units) lives
    # beside the checkout, in `../shared/reference`; a clone placed deeper
    # finds it in an ancestor folder.
    # This workplace keeps it at /work/shared, wherever a clone is placed.
    for folder in (*BASE_DIR.parents, Path("/work")):
        candidate = folder / "shared" / "reference"
        if candidate.is_dir():
            return candidate
    return BASE_DIR.parent / "shared" / "reference"


REFERENCE_DIR = Path(env_str("REFERENCE_DIR", "") or _find_reference_dir())

DEBUG = env_bool("DEBUG", False)

_INSECURE_KEY = "insecure-development-key-do-not-use-in-production"
SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "EGOV_SECRET_KEY (or EGOV_SECRET_KEY_FILE) must be set when EGOV_DEBUG is off."
        )
    SECRET_KEY = _INSECURE_KEY
elif not DEBUG and (len(SECRET_KEY) < 32 or SECRET_KEY == _INSECURE_KEY):
    raise ImproperlyConfigured("EGOV_SECRET_KEY is too weak: use at least 32 random characters.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Django's admin, with day-first date widgets (egov/platform/web/admin_app.py).
    "egov.platform.web.admin_app.EgovAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    # django-axes, named in Vietnamese (egov/platform/citizens/axes_app.py).
    "egov.platform.citizens.axes_app.AxesConfig",
    "csp",
    # Two-factor authentication of staff (egov/platform/accounts/twofactor.py).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # The shared foundation (egov/platform): imports no domain.
    "egov.platform.core",
    "egov.platform.outbox",
    "egov.platform.jobs",
    "egov.platform.organisation",
    "egov.platform.accounts",
    "egov.platform.workcalendar",
    "egov.platform.audit",
    "egov.platform.citizens",
    "egov.platform.notifications",
    "egov.platform.web",
    "egov.platform.backup",
    "egov.platform.signatures",
    "egov.platform.servicelevel",
    # The one-stop desk and the online public services (egov/onestop).
    "egov.onestop.procedures",
    "egov.onestop.dossiers",
    "egov.onestop.eforms",
    "egov.onestop.portal",
    "egov.onestop.payments",
    # Before the reports: its subscriber to DossierChanged queues the
    # synchronisation row that the rollups' subscriber then reads (the
    # subscribers run in the order the apps are ready).
    "egov.onestop.portalsync",
    "egov.onestop.reports",
    "egov.onestop.quality",
    # The document office and the leaders' schedule (egov/office).
    "egov.office.documents",
    "egov.office.schedule",
    "egov.office.search",
    "egov.office.workfiles",
    "egov.office.statistics",
    "egov.office.exchange",
    # The citizens' voice (egov/voice): feedback, the dialogue page, Open311.
    "egov.voice.feedback",
    "egov.voice.open311",
    "egov.voice.complaints",
    "egov.voice.reception",
    "egov.voice.statistics",
    # The public information portal and the units' websites on Wagtail
    # (egov/portal, docs/portal.md), after the domains whose data it shows.
    "egov.portal.pages",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Tools around the platform (egov/tools): synthetic data, the demo.
    "egov.tools.synthetic",
    "egov.tools.demo",
]

MIDDLEWARE = [
    # Outermost, so a request's time includes every other layer and a 500 is
    # counted as the client got it (the service report, issue 19 item 6).
    "egov.platform.servicelevel.middleware.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every response (issue 16 item 1); the nonce
    # is made on first use, so it must run before any view renders.
    "csp.middleware.CSPMiddleware",
    # Refuses NUL characters and oversized bodies before anything reads them.
    "egov.platform.core.middleware.InputGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "egov.platform.accounts.middleware.SessionRefreshMiddleware",
    # Vietnamese unless the user chose otherwise (not the browser's language).
    "egov.platform.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # `/` on a unit's own hostname opens that unit's portal site.
    "egov.portal.pages.hosts.UnitHostMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # request.user.is_verified(): the session passed a one-time code.
    "django_otp.middleware.OTPMiddleware",
    # Sends those who need a second factor to enrol or to type their code.
    "egov.platform.accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # AxesMiddleware must be last: it turns lockouts into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "egov.urls"
WSGI_APPLICATION = "egov.wsgi.application"
ASGI_APPLICATION = "egov.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                # {{ CSP_NONCE }} for an inline <script> that cannot be a file.
                "csp.context_processors.nonce",
            ],
        },
    },
]

DATA_DIR.mkdir(parents=True, exist_ok=True)
_DEFAULT_DB_URL = f"sqlite:///{DATA_DIR / 'egov.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", _DEFAULT_DB_URL, prefixed=False),
        conn_max_age=60,
        # A persistent connection the server dropped (a restart, a failover)
        # is noticed at the start of the next request or job and replaced,
        # instead of failing it (issue 16, item 2).
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Server-side parameter binding lets psycopg prepare a statement once it
    # has run five times on a connection: the hot queries (a tracking lookup,
    # a dossier's lock) are planned once per connection instead of on every
    # request. Off behind a pooler in transaction mode (PgBouncer), where a
    # prepared statement may meet another server connection.
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = env_bool(
        "DB_SERVER_SIDE_BINDING", True
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock at BEGIN, so concurrent
    # writers queue (up to the timeout) instead of failing mid-transaction.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# The default cache holds the public tracking lookup budget per address
# (egov/onestop/dossiers/tracking/throttling.py) and the found tracking answers
# (egov/onestop/dossiers/tracking/answers.py). Several worker processes must share
# it (EGOV_CACHE_URL=redis://127.0.0.1:6379/1), or each counts lookups on its
# own; without it each process keeps its own in memory, with room for enough
# addresses that a flood from many cannot push one out of the count.
_CACHE_URL = env_str("CACHE_URL", "")
_LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
_DEFAULT_CACHE: dict[str, object]
if _CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    _DEFAULT_CACHE = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": _CACHE_URL,
    }
elif _CACHE_URL in ("", "locmem://"):
    _DEFAULT_CACHE = {"BACKEND": _LOCMEM, "LOCATION": "egov", "OPTIONS": {"MAX_ENTRIES": 100_000}}
else:
    raise ImproperlyConfigured(
        "EGOV_CACHE_URL must be a redis://, rediss:// or unix:// URL (or empty for a "
        "cache in each process's memory)."
    )
CACHES = {
    "default": _DEFAULT_CACHE,
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses logins that are locked out before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Citizens and businesses log in with a confirmed e-mail or phone number.
    "egov.platform.citizens.backends.EmailOrPhoneBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:mine"
LOGOUT_REDIRECT_URL = "web:home"

# Sessions expire after EGOV_SESSION_IDLE_SECONDS without a request (sliding)
# and when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 8 * 3600)
SESSION_SAVE_EVERY_REQUEST = False  # see egov.platform.accounts.middleware (API: once a minute)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# With a shared cache (Redis), sessions are read from it and written to both
# it and the database: a request reads no session row. Not with each
# process's own memory: a session ended by one worker would live on in
# another's copy.
if _DEFAULT_CACHE["BACKEND"] != _LOCMEM:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# --- HTTPS (issue 16 item 8) ---
# Behind a TLS-terminating proxy: EGOV_PROXY_SSL_HEADER names the header the
# proxy sets and the value meaning HTTPS ("HTTP_X_FORWARDED_PROTO,https"). Only
# set it when the proxy overwrites that header on every request, or a client
# could claim HTTPS itself. The README lists the production values.
_PROXY_SSL_HEADER = env_list("PROXY_SSL_HEADER", [])
if _PROXY_SSL_HEADER:
    if len(_PROXY_SSL_HEADER) != 2:
        raise ImproperlyConfigured(
            "EGOV_PROXY_SSL_HEADER must be 'HEADER,value', e.g. 'HTTP_X_FORWARDED_PROTO,https'."
        )
    SECURE_PROXY_SSL_HEADER = (_PROXY_SSL_HEADER[0], _PROXY_SSL_HEADER[1])
SECURE_SSL_REDIRECT = env_bool("SSL_REDIRECT", False)
# Strict-Transport-Security: 0 sends no header. Raise it step by step (an
# hour, a week, a year), since browsers remember it for that long.
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"


# --- Login lockout (issue 16 item 3) ---
# Repeated failed logins: after EGOV_LOGIN_FAILURE_LIMIT failures against one
# account (whatever spelling of its e-mail, phone or username was typed, from
# any address) the account is refused for the cool-off time; after
# EGOV_LOGIN_ADDRESS_FAILURE_LIMIT failures from one client address (IPv6: one
# /64), over all accounts, that address is refused. See citizens/lockout.py.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
EGOV_LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 30)
AXES_COOLOFF_TIME = timedelta(seconds=env_int("LOGIN_COOLOFF_SECONDS", 15 * 60))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_CALLABLE = "egov.platform.citizens.lockout.lockout_username"
AXES_CLIENT_IP_CALLABLE = "egov.platform.citizens.lockout.lockout_address"
AXES_HANDLER = "egov.platform.citizens.lockout.AccountAndAddressHandler"
# axes.W006 asks for 'ip_address' among the lockout parameters; the handler
# above counts per address itself, with its own (higher) threshold.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# --- Two-factor authentication (issue 16 item 4) ---
# Administrators, leaders, heads of office, superusers and Django staff must
# use an authenticator app (TOTP) when this is on; on by default outside
# development (EGOV_DEBUG, which `make demo` sets, turns the default off).
EGOV_REQUIRE_2FA = env_bool("REQUIRE_2FA", not DEBUG)
# The name the authenticator app shows beside the account.
OTP_TOTP_ISSUER = env_str("OTP_ISSUER", "egov")

# --- Messages sent by the account forms (issue 16 item 6) ---
# Registration, resending the confirmation and the password reset send at
# most this many e-mails/SMS per contact and per client address (IPv6: /64)
# in the window; see citizens/sending_limits.py.
EGOV_MESSAGES_PER_CONTACT = env_int("MESSAGES_PER_CONTACT", 3)
EGOV_MESSAGES_PER_CLIENT = env_int("MESSAGES_PER_CLIENT", 20)
EGOV_MESSAGES_WINDOW_SECONDS = env_int("MESSAGES_WINDOW_SECONDS", 3600)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/lockout.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "egov" / "locale"]
# Day-first date input (egov/formats/vi): Django's Vietnamese locale has none.
FORMAT_MODULE_PATH = ["egov.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    # A full disk leaves no partial file and answers 507 `storage_full`.
    "default": {"BACKEND": "egov.platform.core.storage.SafeFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Office hours for deadline arithmetic, "HH:MM-HH:MM" sessions separated by commas.
OFFICE_HOURS = env_str("OFFICE_HOURS", "07:30-11:30,13:30-17:00")

# Dossier codes (mã hồ sơ): str.format fields `agency` (the receiving unit's
# identifier), `date` (local receipt time) and `seq` (daily sequence).
DOSSIER_CODE_PATTERN = env_str("DOSSIER_CODE_PATTERN", "{agency}-{date:%y%m%d}-{seq:04d}")
# The public address of the site, printed in QR codes on receipts.
PUBLIC_URL = env_str("PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
# Online payment: "vnpay" (the VNPAY 2.1.0 redirect-and-IPN protocol) or
# "sandbox" (a bank played by this site on loopback, for the demo only:
# anyone can "pay" there, so it is refused in production).
PAYMENT_GATEWAY = env_str("PAYMENT_GATEWAY", "sandbox" if DEBUG else "vnpay")
if PAYMENT_GATEWAY == "sandbox" and not DEBUG and not env_bool("ALLOW_SANDBOX_PAYMENTS", False):
    raise ImproperlyConfigured("EGOV_PAYMENT_GATEWAY=sandbox is for the demo only.")
# Digital signatures (docs/signatures.md): a deployment sets EGOV_SIGNATURES
# in its own settings module. In `make demo` (DEBUG, nothing configured),
# load_demo wrote DATA_DIR/demo-signatures/ (a throw-away CA, the seal key and
# its passphrase): this site then plays the CA and the remote signing service
# (egov/platform/signatures/testing/demo.py), as it plays the bank above.
EGOV_DEMO_SIGNATURES = False
EGOV_DEMO_SIGNATURES_DIR = DATA_DIR / "demo-signatures"
if DEBUG and (EGOV_DEMO_SIGNATURES_DIR / "settings.json").exists():
    _demo = json.loads((EGOV_DEMO_SIGNATURES_DIR / "settings.json").read_text())
    EGOV_SIGNATURES = _demo["signatures"]
    EGOV_SIGNATURE_BOXES = _demo["boxes"]
    EGOV_DEMO_SIGNATURES = True
    # The demo seal key's passphrase, read where a deployment's would come
    # from its unit's EnvironmentFile.
    os.environ.setdefault(
        _demo["signatures"]["seal_passphrase_env"],
        (EGOV_DEMO_SIGNATURES_DIR / "seal-passphrase").read_text().strip(),
    )
VNPAY_TMN_CODE = env_str("VNPAY_TMN_CODE", "")
VNPAY_HASH_SECRET = env_str("VNPAY_HASH_SECRET", "")
VNPAY_PAY_URL = env_str("VNPAY_PAY_URL", "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html")
# Outgoing e-mail (SMTP); the demo prints e-mails to the console.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Dịch vụ công <khongtraloi@localhost>")
# Login through an OpenID Connect provider (VNeID). The button shows only
# when issuer, client id and secret are set. VNeID's claim carrying the
# identity number is not public: it is a setting.
OIDC_ISSUER = env_str("OIDC_ISSUER", "")
OIDC_CLIENT_ID = env_str("OIDC_CLIENT_ID", "")
OIDC_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET", "")
OIDC_ID_NUMBER_CLAIM = env_str("OIDC_ID_NUMBER_CLAIM", "citizen_id")
OIDC_SCOPES = env_str("OIDC_SCOPES", "openid profile")
OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME", "VNeID")
SMS_BACKEND = env_str("SMS_BACKEND", "egov.platform.citizens.sms.ConsoleSmsBackend")
CITIZEN_EMAIL_CONFIRM_SECONDS = env_int("CITIZEN_EMAIL_CONFIRM_SECONDS", 3 * 24 * 3600)
# National public service portal (DVCQG) sync: every dossier change is queued
# in an outbox and POSTed here by the worker; empty keeps events pending.
PORTAL_SYNC_URL = env_str("PORTAL_SYNC_URL", "")
PORTAL_SYNC_TOKEN = env_str("PORTAL_SYNC_TOKEN", "")
# The progress service (CapNhatTienDoHoSoMC): each hand-over of a dossier is
# queued for it too; empty records no progress events.
PORTAL_SYNC_PROGRESS_URL = env_str("PORTAL_SYNC_PROGRESS_URL", "")
# Which payload builder (egov/onestop/portalsync/mapping.py MAPPINGS) the outbox uses:
# the field names follow the portal's specification once a province receives it.
PORTAL_SYNC_MAPPING = env_str("PORTAL_SYNC_MAPPING", "dvcqg-public-2026")
# Inter-agency exchange in edXML (egov/office/exchange, docs/exchange.md).
# "auto": agencies of this deployment are delivered locally, the others
# through the hub at EXCHANGE_HUB_URL; "hub": every agency through the hub.
EXCHANGE_ROUTING = env_str("EXCHANGE_ROUTING", "auto")
EXCHANGE_HUB_URL = env_str("EXCHANGE_HUB_URL", "")
# This deployment's token at the hub (sent as a Bearer token).
EXCHANGE_HUB_TOKEN = env_str("EXCHANGE_HUB_TOKEN", "")
# When this deployment runs the hub: "token=organ,organ;token=organ" says which
# agencies (by identifier prefix) each client deployment may send from and fetch for.
# Empty: the hub is off (its endpoints answer 404).
EXCHANGE_HUB_CLIENTS = env_str("EXCHANGE_HUB_CLIENTS", "")
EXCHANGE_HTTP_TIMEOUT = float(env_int("EXCHANGE_HTTP_TIMEOUT_MS", 30000)) / 1000
EXCHANGE_MAX_MESSAGE_MB = env_int("EXCHANGE_MAX_MESSAGE_MB", 50)
# The organisation's signing key and certificate (PEM files) for edXML
# messages; empty: messages leave unsigned. Trusted roots (PEM): empty
# accepts unsigned messages and records them as not verified.
EXCHANGE_SIGNING_KEY_FILE = env_str("EXCHANGE_SIGNING_KEY_FILE", "")
EXCHANGE_SIGNING_CERT_FILE = env_str("EXCHANGE_SIGNING_CERT_FILE", "")
EXCHANGE_TRUSTED_ROOTS_FILE = env_str("EXCHANGE_TRUSTED_ROOTS_FILE", "")
# Reminders of dossiers whose appointment falls within this many hours.
DEADLINE_REMINDER_HOURS = env_int("DEADLINE_REMINDER_HOURS", 24)
# Dashboard exports over more dossiers than this run as background jobs.
REPORTS_EXPORT_SYNC_LIMIT = env_int("REPORTS_EXPORT_SYNC_LIMIT", 2000)
# Largest scan or result file accepted, in megabytes.
UPLOAD_MAX_MB = env_int("UPLOAD_MAX_MB", 20)

# Document conversion (egov/platform/conversion): the LibreOffice and ocrmypdf
# executables (names on PATH or absolute paths; deploy/debian-packages.txt
# installs them) and the time limit of one run, after which the tool's whole
# process group is killed.
EGOV_SOFFICE = env_str("SOFFICE", "soffice")
EGOV_OCRMYPDF = env_str("OCRMYPDF", "ocrmypdf")
EGOV_CONVERSION_TIMEOUT_SECONDS = env_int("CONVERSION_TIMEOUT_SECONDS", 180)
# Public dossier lookups per client address and window (brute-force guard).
TRACKING_LOOKUP_LIMIT = env_int("TRACKING_LOOKUP_LIMIT", 30)
TRACKING_LOOKUP_WINDOW_SECONDS = env_int("TRACKING_LOOKUP_WINDOW_SECONDS", 600)
# "Near the deadline" in the officers' inboxes: due within this many hours.
NEAR_DEADLINE_HOURS = env_int("NEAR_DEADLINE_HOURS", 48)

# --- The public portal on Wagtail (egov/portal, docs/portal.md) ---
WAGTAIL_SITE_NAME = env_str("PORTAL_NAME", "Cổng thông tin điện tử")
WAGTAILADMIN_BASE_URL = PUBLIC_URL
# Editors log in through the platform's own login (lockout, two factors).
WAGTAILADMIN_LOGIN_URL = "web:login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Review happens in the approval workflow; page comments would be a second
# channel with its own e-mails.
WAGTAILADMIN_COMMENTS_ENABLED = False
# No page embeds content fetched from another site (oEmbed is not installed).
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = UPLOAD_MAX_MB * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
# Every image and document upload form passes the platform's upload checks
# (kind from the content, size): egov/portal/pages/uploads.py.
WAGTAILIMAGES_IMAGE_FORM_BASE = "egov.portal.pages.uploads.CheckedImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "egov.portal.pages.uploads.CheckedDocumentForm"
# On PostgreSQL the index and the queries use the `simple` text search
# configuration: no stemming and no stop words. PostgreSQL has no Vietnamese
# configuration, and the default `english` would stem folded Vietnamese and
# drop words such as "so" (sở), "the" (thẻ), "do" (do, đó). Changing it
# needs `egov update_index` (deploy/README.md). SQLite's backend ignores it.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
}
# Which membership roles edit a unit's site and which approve its pages
# (egov/portal/pages/editors.py): kept as settings until the platform has a
# dedicated editor role.
PORTAL_EDITOR_ROLES = env_list("PORTAL_EDITOR_ROLES", ["head", "specialist"])
PORTAL_APPROVER_ROLES = env_list("PORTAL_APPROVER_ROLES", ["leader"])
# A required Decree 42 category not updated for this many days is stale: on
# the IT centre's dashboard and in the editors' weekly reminder
# (egov/portal/pages/freshness.py). Decree 42 asks for updates "as soon as
# the information changes"; each province sets its own deadline.
PORTAL_STALE_DAYS = env_int("PORTAL_STALE_DAYS", 90)

# --- Worker resilience (issue 16, item 2) ---
# After a database error the worker closes its connection and waits, doubling
# from the first delay up to the largest, before it tries again.
WORKER_DB_RETRY_FIRST_SECONDS = env_int("WORKER_DB_RETRY_FIRST_SECONDS", 1)
WORKER_DB_RETRY_MAX_SECONDS = env_int("WORKER_DB_RETRY_MAX_SECONDS", 30)
# A job's lease: renewed by the running worker's heartbeat (every third of
# it), so a job whose worker died is run again within this many seconds.
JOBS_LEASE_SECONDS = env_int("JOBS_LEASE_SECONDS", 60)
# The health page (/health/) answers 503 `worker_stale` when no worker has
# gone round its loop for this many seconds (the worker beats every 10 s).
WORKER_STALE_SECONDS = env_int("WORKER_STALE_SECONDS", 120)
# Each web process writes the request figures it gathered at most this often
# (egov/platform/servicelevel/recorder.py).
SERVICE_METRICS_FLUSH_SECONDS = env_int("SERVICE_METRICS_FLUSH_SECONDS", 10)
SERVICE_METRICS_FLUSH_AT_EXIT = True

# --- Uploads and the API surface (issue 16, security) ---
# The OpenAPI schema and the docs page at /api/v1/docs: on while developing,
# private in production unless EGOV_API_DOCS=1 publishes them.
API_DOCS = env_bool("API_DOCS", DEBUG)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


# --- Content-Security-Policy (issue 16 item 1) ---
# No inline script, style attribute or event handler anywhere: scripts and
# styles are static files. The Django admin (5.2 has no inline script) and
# the API docs (django-ninja serves Swagger UI from its static files, its
# settings in a JSON block) work within it too, so no view relaxes it
# (egov/platform/web/tests/test_csp.py). The nonce is for an inline script
# that cannot be a file ({{ CSP_NONCE }}); none needs it today, and the
# header names one only on a page that uses it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        # The "Thanh toán" form is answered with a redirect to the payment
        # gateway, and browsers apply form-action to that redirect too.
        "form-action": [SELF, _origin(VNPAY_PAY_URL if PAYMENT_GATEWAY == "vnpay" else PUBLIC_URL)],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools narrate every PDF at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}


# --- Input guard (issue 16, item 6) -----------------------------------------
# Largest non-file request body in bytes; larger ones are answered 413
# `request_too_large` (environment: EGOV_MAX_BODY). Django's own limit for
# form bodies is kept the same so both answer alike.
EGOV_MAX_BODY = env_int("MAX_BODY", 2_621_440)  # Django's default, 2.5 MB
DATA_UPLOAD_MAX_MEMORY_SIZE = EGOV_MAX_BODY
# Larger bodies by path prefix: the exchange hub takes whole edXML messages.
EGOV_MAX_BODY_PATHS = {
    "/api/v1/exchange/hub/messages": EXCHANGE_MAX_MESSAGE_MB * 1024 * 1024 + 4096
}
