"""Django settings, read from the environment: MELDPUNT_HOME, DATABASE_URL and friends.

Everything that could identify a reporter is switched off here: no request logging, no IP-aware
middleware, uploads held in memory only, and cookies named and scoped per surface.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from meldpunt.common.config import MeldpuntConfig
from meldpunt.common.home import home, secret

HOME = home()
BASE_DIR = Path(__file__).resolve().parent

DEBUG = os.environ.get("MELDPUNT_DEBUG") == "1"
SECRET_KEY = secret("MELDPUNT_SECRET_KEY_FILE", "django_secret.key").hex()
ALLOWED_HOSTS = [h for h in os.environ.get("MELDPUNT_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "meldpunt.common",
    "meldpunt.accounts",
    "meldpunt.intake",
    "meldpunt.cases",
    "meldpunt.correlate",
    "meldpunt.knowledge",
    "meldpunt.ingest",
    "meldpunt.insight",
    "meldpunt.api",
]

MIDDLEWARE = [
    "meldpunt.common.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "meldpunt.accounts.middleware.StaffLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "meldpunt.urls"
WSGI_APPLICATION = "meldpunt.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "meldpunt.common.context.meldpunt",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.config(default=f"sqlite:///{HOME / 'meldpunt.sqlite3'}", conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the one writer work at once; a busy timeout queues concurrent writers
    # instead of failing a submission with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
    DATABASES["default"]["TEST"] = {"NAME": str(HOME / "test.sqlite3")}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"

# Languages a reporter can use; Uyghur is written right to left (Django's LANG_INFO knows it).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("nl", "Nederlands"),
    ("en", "English"),
    ("zh-hans", "简体中文"),
    ("zh-hant", "繁體中文"),
    ("ug", "ئۇيغۇرچە"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Amsterdam"

STATIC_URL = "/static/"
STATIC_ROOT = HOME / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Uploads stay in memory: a plaintext temp file is exactly what DESIGN rule 4 forbids.
FILE_UPLOAD_HANDLERS = ["meldpunt.intake.uploads.BoundedMemoryUploadHandler"]
FILE_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 40 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 400
DATA_UPLOAD_MAX_NUMBER_FILES = 10

SECURE = os.environ.get("MELDPUNT_SECURE_COOKIES", "0") == "1"
# Behind a TLS-terminating proxy or onion service gateway, Django must know the scheme and the public
# origin, or every form post fails the CSRF origin check.
if os.environ.get("MELDPUNT_BEHIND_TLS_PROXY") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("MELDPUNT_CSRF_TRUSTED_ORIGINS", "").split(",") if o]
CSRF_COOKIE_NAME = "mp_csrf"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Strict"
CSRF_COOKIE_SECURE = SECURE
CSRF_COOKIE_AGE = None
CSRF_FAILURE_VIEW = "meldpunt.common.views.csrf_failure"
SESSION_COOKIE_NAME = "mp_staff"
SESSION_COOKIE_PATH = "/staff/"
SESSION_COOKIE_SAMESITE = "Strict"
SESSION_COOKIE_SECURE = SECURE
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# same-origin, not no-referrer: browsers then send "Origin: null" on form posts and CSRF checks fail;
# other sites still learn nothing of where a visitor came from.
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = os.environ.get("MELDPUNT_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("MELDPUNT_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("MELDPUNT_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("MELDPUNT_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("MELDPUNT_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("MELDPUNT_EMAIL_TLS", "1") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("MELDPUNT_EMAIL_FROM", "meldpunt@localhost")

# No request logging: Django's development server writes client addresses, and 4xx warnings name
# paths. Server errors are still reported, with their traceback frames but never an exception's
# message, which could carry report content (common/logging.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"()": "meldpunt.common.logging.ContentFreeFormatter", "format": "%(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.server": {"handlers": [], "level": "CRITICAL", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.security": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "gunicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
        # File parsers log metadata they read (EXIF text, PDF fields) at debug level: pinned higher so
        # that turning on debug logging elsewhere can never write a reporter's file contents to a log.
        "PIL": {"level": "WARNING"},
        "pypdf": {"level": "WARNING"},
        "mutagen": {"level": "WARNING"},
    },
}

MELDPUNT = MeldpuntConfig(
    blind_index_key=secret("MELDPUNT_BLIND_INDEX_KEY_FILE", "blind_index.key"),
    token_key=secret("MELDPUNT_TOKEN_KEY_FILE", "reporter_token.key"),
    quick_exit_url=os.environ.get("MELDPUNT_QUICK_EXIT_URL", "https://www.weeronline.nl/"),
    retention_days=int(os.environ.get("MELDPUNT_RETENTION_DAYS", "365")),
)
