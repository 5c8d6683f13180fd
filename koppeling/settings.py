"""Settings, all read from the environment. Defaults make a checkout run: SQLite and Huey under var/."""

from pathlib import Path

import dj_database_url
from cryptography.fernet import Fernet
from django.utils.translation import gettext_lazy as _

from koppeling.lib.env import envbool, envint, envlist, random_secret, secret_from_env_or_file

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
import os  # noqa: E402

VAR_DIR = Path(os.environ.get("KOPPELING_VAR_DIR", PROJECT_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = envbool("DEBUG", "False")
SECRET_KEY = secret_from_env_or_file("SECRET_KEY", VAR_DIR / "secret_key", random_secret)
# Fernet key for credentials at rest (OAuth tokens, API secrets).
FERNET_KEY = secret_from_env_or_file(
    "FERNET_KEY", VAR_DIR / "fernet_key", lambda: Fernet.generate_key().decode()
)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "huey.contrib.djhuey",
    "koppeling.accounts",
    "koppeling.sync",
    "koppeling.dashboard",
    "koppeling.notifications",
    "koppeling.support",
    "koppeling.demo",
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
]

ROOT_URLCONF = "koppeling.urls"
WSGI_APPLICATION = "koppeling.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'koppeling.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web server and worker write to the same file: wait for locks instead of failing at once,
    # and take the write lock at the start of a transaction so that two writers never deadlock.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 30, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns on every request when it is missing
STATICFILES_DIRS = [BASE_DIR / "static"]
# Serve files straight from the app folders too, so that `make run` works without collectstatic.
WHITENOISE_USE_FINDERS = True

# E-mail: EMAIL_URL=smtp://user:pass@host:587 (add ?tls=1) for real mail; by default every
# message is written as a file to var/mail/ so that a checkout can show what it sends.
EMAIL_URL = os.environ.get("EMAIL_URL", "")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Koppeling <noreply@koppeling.local>")
SUPPORT_EMAIL = os.environ.get("SUPPORT_EMAIL", "support@koppeling.local")
if EMAIL_URL:
    from urllib.parse import parse_qs, unquote, urlsplit

    _email = urlsplit(EMAIL_URL)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _email.hostname or "localhost"
    EMAIL_PORT = _email.port or 25
    EMAIL_HOST_USER = unquote(_email.username or "")
    EMAIL_HOST_PASSWORD = unquote(_email.password or "")
    EMAIL_USE_TLS = parse_qs(_email.query).get("tls", ["0"])[0] in ("1", "true")
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"

# Background work. Redis when REDIS_URL is set (several consumers, several machines),
# otherwise a SQLite file next to the database.
REDIS_URL = os.environ.get("REDIS_URL", "")
HUEY = {
    "name": os.environ.get("HUEY_NAME", "koppeling"),
    "immediate": envbool("HUEY_IMMEDIATE", "False"),
    "consumer": {"workers": envint("HUEY_WORKERS", 2), "worker_type": "thread", "periodic": True},
}
if REDIS_URL:
    HUEY.update({"huey_class": "huey.PriorityRedisHuey", "url": REDIS_URL})
else:
    HUEY.update({"huey_class": "huey.SqliteHuey", "filename": str(VAR_DIR / "huey.sqlite3")})

# The EU's VAT-number check (VIES); the simulator's address in tests and the demo.
VIES_URL = os.environ.get("VIES_URL", "https://ec.europa.eu/taxation_customs/vies/rest-api")

# Outbound HTTP: one timeout for every connector call (seconds).
HTTP_TIMEOUT = float(os.environ.get("HTTP_TIMEOUT", "20"))

# Moneybird OAuth app. The defaults point at the local simulator so that a checkout works.
MONEYBIRD_CLIENT_ID = os.environ.get("MONEYBIRD_CLIENT_ID", "koppeling-demo")
MONEYBIRD_CLIENT_SECRET = os.environ.get("MONEYBIRD_CLIENT_SECRET", "koppeling-demo-secret")
EXACT_CLIENT_ID = os.environ.get("EXACT_CLIENT_ID", "koppeling-demo")
EXACT_CLIENT_SECRET = os.environ.get("EXACT_CLIENT_SECRET", "koppeling-demo-secret")
SHOPIFY_CLIENT_ID = os.environ.get("SHOPIFY_CLIENT_ID", "koppeling-demo")
SHOPIFY_CLIENT_SECRET = os.environ.get("SHOPIFY_CLIENT_SECRET", "koppeling-demo-secret")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # The Huey consumer adds its own handler: do not print its lines twice.
    "loggers": {"httpx": {"level": "WARNING"}, "httpcore": {"level": "WARNING"},
                "huey": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}

if not DEBUG:
    # Production: secure cookies and HSTS. Local HTTP runs (make run) set DEBUG=1.
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "True")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"
