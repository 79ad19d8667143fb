"""Settings for the news timeline, read from the environment (12-factor).

DATABASE_URL   database URL; default: SQLite file var/db.sqlite3 (PostgreSQL: postgres://user@host/db)
SECRET_KEY     required when DEBUG is off (at least 50 characters); in DEBUG, var/dev-secret-key when
               `make run` wrote it, else a key for this process only (importing settings writes nothing)
DEBUG          true/false; default false (production-safe); `make run` and the tests set it
ALLOWED_HOSTS  comma-separated; default localhost, 127.0.0.1, [::1]
SECURE_*       with DEBUG off: HTTPS redirect, HSTS and secure cookies are on; see README "Deployment"
STANZA_RESOURCES_DIR  where `download_models` puts Stanza models; default var/stanza_resources
TIMELINE_PAGE_SIZE  cards per page of the timeline; default 50
MAX_UPLOAD_BYTES   largest article file accepted in the admin; default 5 MB
"""

import datetime
import os
import secrets
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from newsapp.env import env_bool, env_int, env_list, env_str, proxy_ssl_header

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", default=False)

# Django's own deploy check (security.W009) asks for this much; a shorter key is refused, not warned about.
MIN_SECRET_KEY_LENGTH = 50
MIN_SECRET_KEY_UNIQUE_CHARACTERS = 5


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if not DEBUG:
        if not key:
            raise ImproperlyConfigured(
                "SECRET_KEY must be set when DEBUG is off, e.g. "
                "SECRET_KEY=$(python -c 'import secrets; print(secrets.token_urlsafe(50))')"
            )
        if len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < MIN_SECRET_KEY_UNIQUE_CHARACTERS:
            raise ImproperlyConfigured(
                f"SECRET_KEY is too weak: use at least {MIN_SECRET_KEY_LENGTH} random characters, e.g. "
                "$(python -c 'import secrets; print(secrets.token_urlsafe(50))')"
            )
        return key
    if key:
        return key
    # A development key: the one `make run` keeps in var/ (so sessions survive restarts), else one for
    # this process only. Importing the settings never writes a file.
    key_file = VAR_DIR / "dev-secret-key"
    if key_file.is_file():
        return key_file.read_text().strip()
    return secrets.token_urlsafe(50)


SECRET_KEY = _secret_key()

# The test runner adds "testserver" by itself.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "timeline",
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
    "newsapp.middleware.ContentSecurityPolicyMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsapp.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "newsapp.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The SQLite file lives in var/; make sure the folder exists before Django opens it.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web server read while an ingest writes, and makes each commit cheap;
        # IMMEDIATE transactions take the write lock up front instead of failing halfway.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    # Tests use a file, not memory: the browser tests' live server and the background worker then have
    # connections of their own, as in production, instead of sharing one across threads.
    # One file per test process, so that two test runs never share (or delete) each other's database.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"newsapp-test-{os.getpid()}.sqlite3")
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}

# Background tasks (extraction of uploaded articles): the database backend needs nothing else running but
# `manage.py db_worker`. README ("Background extraction") says how to run several workers or use Redis (RQ).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", 5 * 1024 * 1024)
# Longest text extracted as one article (characters, after reading): extraction is linear in the text
# (bench/bench_article_size.py: ~170 KB/s with the fallback), but a text this long is a dump, not an
# article. A longer one fails with a message saying so.
MAX_ARTICLE_CHARACTERS = env_int("MAX_ARTICLE_CHARACTERS", 1_000_000)
# A running extraction renews its lease every quarter of this; a task whose lease ran out had its worker
# die, and is failed and queued again (timeline/tasks.py).
EXTRACTION_LEASE_SECONDS = max(4, env_int("EXTRACTION_LEASE_SECONDS", 120))

STANZA_RESOURCES_DIR = Path(env_str("STANZA_RESOURCES_DIR", str(VAR_DIR / "stanza_resources")))
TIMELINE_PAGE_SIZE = max(1, env_int("TIMELINE_PAGE_SIZE", 50))
# The timeline's cards are read through an in-process accelerator built in the background at start-up
# (timeline/index.py); off, every answer comes from the database.
TIMELINE_ACCELERATOR = env_bool("TIMELINE_ACCELERATOR", default=True)

# Rendered timeline cards (timeline/cards.py), one entry per card, version and language. Per process by
# default; CACHE_URL=redis://host:6379/0 shares them between processes and machines (needs `redis`).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache"
        if env_str("CACHE_URL", "").startswith("redis")
        else "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": env_str("CACHE_URL", "timeline-cards"),
        "OPTIONS": {} if env_str("CACHE_URL", "").startswith("redis") else {"MAX_ENTRIES": 5_000},
    }
}

# Production is secure by default: with DEBUG off, HTTPS only (redirect, HSTS, cookies sent over HTTPS
# only), so that `manage.py check --deploy` passes with nothing but SECRET_KEY and ALLOWED_HOSTS set.
# Behind a proxy that terminates TLS, name the header it sets: SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = proxy_ssl_header(env_str("SECURE_PROXY_SSL_HEADER"))

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failed logins for one user name from one
# address, that pair is locked out for AXES_COOLOFF_HOURS.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(hours=env_int("AXES_COOLOFF_HOURS", 1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

# Errors go to standard error whatever DEBUG says (Django's default logs a 500 only in DEBUG, or mails it).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "timeline": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.security": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
