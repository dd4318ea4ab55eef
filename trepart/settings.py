"""Trepart settings: everything comes from the environment (see .env.example).

With nothing set, Trepart runs on an SQLite file in the working directory. ``DEBUG`` is off
unless asked for, and with ``DEBUG`` off a missing ``SECRET_KEY`` or ``TREPART_BASE_URL`` is
an error: the ``trepart`` command supplies a per-installation key and the local address for
local use, and ``trepart serve`` the address it listens on (see ``trepart/cli.py``).
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
WORK_DIR = Path.cwd()

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (see .env.example), "
            "or start Trepart with the `trepart` command, which creates a local key."
        )
    SECRET_KEY = "insecure-debug-only-key"  # noqa: S105 - only ever used with DEBUG on

# The address people reach Trepart at. Every link that leaves a page (e-mails, tracking and
# survey links, calendar feeds, PDFs, the API) is built from it by
# ``trepart.platform.urls.absolute_url``; a wrong one sends everybody to a dead address.
TREPART_BASE_URL = env.str("TREPART_BASE_URL", default="").rstrip("/")
if not TREPART_BASE_URL:
    if not DEBUG:
        raise ImproperlyConfigured(
            "TREPART_BASE_URL is not set. Set it to the address people reach Trepart at, "
            "e.g. https://trepart.example.no (see .env.example), or start Trepart with the "
            "`trepart` command, which uses the local address."
        )
    TREPART_BASE_URL = "http://127.0.0.1:8000"
_BASE_HOST = urlsplit(TREPART_BASE_URL).hostname or ""

# By default the site answers on the loopback addresses and the base URL's host (so that
# `trepart serve --host 0.0.0.0` answers at the address its links point to).
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS",
    default=list(
        dict.fromkeys(
            ["127.0.0.1", "localhost", "[::1]"]
            + ([f"[{_BASE_HOST}]" if ":" in _BASE_HOST else _BASE_HOST] if _BASE_HOST else [])
        )
    ),
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
    "ninja",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "trepart.platform",
    "trepart.accounts",
    "trepart.audit",
    "trepart.organisation",
    "trepart.proposals",
    "trepart.meetings",
    "trepart.analysis",
    "trepart.development",
    "trepart.redeployment",
    "trepart.community",
    "trepart.training",
    "trepart.library",
    "trepart.demo",
    "trepart.benchmark",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "trepart.accounts.middleware.UserLanguageMiddleware",
    "trepart.accounts.middleware.RequireAdminMfaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "trepart.urls"
WSGI_APPLICATION = "trepart.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "trepart.accounts.context_processors.trepart",
            ],
        },
    },
]

# Form fields render through our templates (trepart/templates/django/forms/) in
# Designsystemet markup.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{WORK_DIR / 'trepart.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web server and a command share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The pages' queries are short: PostgreSQL's JIT compiles any plan estimated above
    # jit_above_cost, which costs 15 ms and more, longer than the query itself (the
    # course's "who is missing" spent 15 of its 60 ms compiling). Options given in
    # DATABASE_URL win.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://trepart")}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "trepart.accounts.validators.MaximumLengthValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "organisation:home"
LOGOUT_REDIRECT_URL = "account_login"

# allauth: local accounts only; accounts are created by the municipality, not by sign-up.
ACCOUNT_ADAPTER = "trepart.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"login": "trepart.accounts.forms.LoginForm"}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "login": "30/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
# Per client address, for what anyone may do without an account (trepart/platform/
# rate_limits.py): citizens' proposals by form and API together, and the similar-proposals
# look-ups made while typing (debounced, so a long text makes a few dozen).
TREPART_PUBLIC_RATE_LIMITS = {"public-proposal": "30/h", "public-similar": "300/h"}
# How many proxies in front of Trepart append to X-Forwarded-For: the client's address is the
# one that many places from the right. 0 (the default) trusts only the connection's address,
# so a client cannot choose its own identity by sending the header itself.
TREPART_PROXIES = env.int("TREPART_PROXIES", default=0)
NINJA_NUM_PROXIES = TREPART_PROXIES
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Trepart"

LANGUAGE_CODE = env.str("TREPART_LANGUAGE", default="nb")
LANGUAGES = [("nb", "Norsk bokmål"), ("nn", "Norsk nynorsk"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "trepart_language"
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# In production, `trepart collectstatic` gathers hashed, compressed files into STATIC_ROOT;
# locally (and in tests) WhiteNoise serves straight from the apps, so no folder is needed.
MANIFEST_STATIC = env.bool("TREPART_MANIFEST_STATIC", default=False)
STATIC_ROOT = (
    env.path("STATIC_ROOT", default=str(WORK_DIR / "staticfiles")) if MANIFEST_STATIC else None
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if MANIFEST_STATIC
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not MANIFEST_STATIC

# Uploaded files (proposal attachments). They are never served directly: a view checks
# who may see each one.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(WORK_DIR / "media"))
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 60 * 1024 * 1024

# Background work (e-mail, reminders): stored in the database and run by `trepart worker`.
TASKS = {
    "default": {
        "BACKEND": env.str("TREPART_TASK_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}
# Local time of day ("HH:MM") the daily reminders and digest are sent.
TREPART_DAILY_AT = env.str("TREPART_DAILY_AT", default="06:00")

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
if EMAIL_CONFIG.get("EMAIL_FILE_PATH"):
    # filemail:///folder writes one file per message into the folder, which a relative path
    # puts beside the database (`trepart serve` keeps its mail there).
    EMAIL_CONFIG["EMAIL_FILE_PATH"] = str(WORK_DIR / EMAIL_CONFIG["EMAIL_FILE_PATH"])
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Trepart <noreply@trepart.invalid>")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy on every response (django-csp). Scripts come only from our own
# static files or carry the request's nonce (``request.csp_nonce``); chart specs are JSON
# data blocks, never scripts, and Vega reads their expressions with its interpreter instead
# of eval. Styles allow inline: htmx and vega-embed add <style> elements at run time and
# Designsystemet's icons are data: URIs, and a style cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refusals_on_one_line": {"()": "trepart.platform.log_filters.RefusalsOnOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # A 403 is logged as one line, without the PermissionDenied traceback.
    "loggers": {"django.request": {"filters": ["refusals_on_one_line"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# The password printed for the demo logins; random per database unless set.
TREPART_DEMO_PASSWORD = env.str("TREPART_DEMO_PASSWORD", default="")
