"""Django settings for probanker.

Development and demo run on the embedded defaults (SQLite and a lake under
``var/``). With ``PROBANKER_ENV=production`` every secret and host comes from
the environment and the process refuses to start without them.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from probanker import config

ENV = config.env()
PRODUCTION = config.is_production(ENV)
BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = config.var_dir(ENV)
LAKE_DIR = Path(ENV.get("PROBANKER_LAKE") or VAR_DIR / "lake")
# Largest FEC accepted by upload (a 1M-line FEC is about 150 MB).
PROBANKER_FEC_MAX_BYTES = int(ENV.get("PROBANKER_FEC_MAX_MB") or 512) * 2**20
# The bank's name, as it signs its letters (guarantors' letters).
PROBANKER_BANK_NAME = ENV.get("PROBANKER_BANK_NAME") or "Banque Probanker"
# The demo command drops this marker: only then does the login page list
# the demo accounts (never in production).
DEMO_MODE = (not PRODUCTION) and (VAR_DIR / "demo.json").exists()

if PRODUCTION:
    SECRET_KEY = config.require(ENV, "SECRET_KEY")
    ALLOWED_HOSTS = config.parse_list(config.require(ENV, "ALLOWED_HOSTS"))
    DATABASES = {"default": dj_database_url.parse(config.require(ENV, "DATABASE_URL"))}
    DEBUG = False
else:
    SECRET_KEY = ENV.get("SECRET_KEY") or config.read_or_create_secret(VAR_DIR / "secret_key")
    ALLOWED_HOSTS = config.parse_list(ENV.get("ALLOWED_HOSTS")) or [
        "127.0.0.1",
        "localhost",
        "[::1]",
        "testserver",
    ]
    DATABASES = {
        "default": dj_database_url.parse(
            ENV.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'probanker.sqlite3'}"
        )
    }
    DEBUG = config.parse_bool(ENV.get("DEBUG"), default=False)

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the batch writes; IMMEDIATE avoids
    # "database is locked" on write upgrades under concurrent requests.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
# A worker keeps its connection between requests: opening one (and, for SQLite,
# registering Django's SQL functions and the PRAGMAs) costs a millisecond a page.
DATABASES["default"]["CONN_MAX_AGE"] = 60

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_filters",
    "simple_history",
    "axes",
    "ninja",
    "probanker.core",
    "probanker.parties",
    "probanker.banking",
    "probanker.diagnosis",
    "probanker.risk",
    "probanker.credit",
    "probanker.portfolio",
    "probanker.complaints",
    "probanker.certification",
    "probanker.prospecting",
    "probanker.agenda",
    "probanker.sales",
    "probanker.workspace",
    "probanker.batch",
    "probanker.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Sees every answer of the views and of the login redirect below it.
    "probanker.core.middleware.NoStoreMiddleware",
    # Inside NoStore, so that the French 405 it renders is marked no-store too.
    "probanker.core.errors.MethodNotAllowedMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "probanker.urls"
WSGI_APPLICATION = "probanker.wsgi.application"

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
                "probanker.core.context_processors.navigation",
            ],
            # |unlocalize everywhere: an id printed must stay one token.
            "builtins": ["django.templatetags.l10n"],
        },
    },
]

AUTH_USER_MODEL = "core.User"
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
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# django-axes: five failures lock a username from one address for 15 minutes
# (username alone would let anyone lock a colleague out).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
# On: forms read « 30 000 » as typed and show amounts grouped. Templates print an id
# with |unlocalize (a builtin here), or « 2 877 » would break ids, URLs and values
# (core/tests/test_templates_ids.py).
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
# Only needed to run collectstatic for a front server; WhiteNoise serves from
# the apps' folders otherwise.
STATIC_ROOT = ENV.get("STATIC_ROOT") or None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve straight from the apps' static folders: no collectstatic step for the
# demo, and WhiteNoise still serves them under gunicorn.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = False

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Versioned page cache of the hottest read pages (core.pagecache); off with
# PROBANKER_PAGE_CACHE=0, e.g. to measure uncached rendering.
PAGE_CACHE = config.parse_bool(ENV.get("PROBANKER_PAGE_CACHE"), default=True)

# Per-process memory cache: core.pagecache keys pages by a data version read
# from the database, so workers never serve each other's stale pages.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
}

# Security headers. The policy forbids inline scripts and styles entirely.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "probanker.core.errors.csrf_failure"  # French, in the layout
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = config.parse_bool(ENV.get("SECURE_SSL_REDIRECT"), default=True)
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = config.parse_list(ENV.get("CSRF_TRUSTED_ORIGINS"))

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

NINJA_PAGINATION_PER_PAGE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["stderr"], "level": "WARNING"},
}

# django-filter: the blank choice of a filter reads « Tous » rather than dashes.
FILTERS_EMPTY_CHOICE_LABEL = "Tous"
