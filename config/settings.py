"""TuanWu settings, read from environment variables (see docs/operations.md)."""

import secrets
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)


def _local_secret_key() -> str:
    """A random key kept beside the code (git-ignored) for installations that set no SECRET_KEY."""
    path = BASE_DIR / ".secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = env.str("SECRET_KEY", default="") or _local_secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
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
    "django.forms",  # the widget templates, overridable in tuanwu/templates/django/forms (FORM_RENDERER below)
    "django_htmx",
    "django_bootstrap5",
    "treebeard",
    "auditlog",
    "axes",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "tuanwu.core",
    "tuanwu.numbering",
    "tuanwu.accounts",
    "tuanwu.organizations",
    "tuanwu.audit",
    "tuanwu.people",
    "tuanwu.sheets",
    "tuanwu.volunteering",
    "tuanwu.admission",
    "tuanwu.study",
    "tuanwu.meetings",
    "tuanwu.voice",
    "tuanwu.coverage",
    "tuanwu.duties",
    "tuanwu.care",
    "tuanwu.contacts",
    "tuanwu.programs",
    "tuanwu.publicity",
    "tuanwu.lifecycle",
    "tuanwu.plan",
    "tuanwu.jobs",
    "tuanwu.dashboards",
    "tuanwu.demo",
]

MIDDLEWARE = [
    "tuanwu.accounts.middleware.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tuanwu.core.security.NoStoreMiddleware",
    "tuanwu.core.security.ContentSecurityPolicyMiddleware",
    "tuanwu.accounts.middleware.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "tuanwu.accounts.middleware.AuditlogMiddleware",
    "tuanwu.accounts.middleware.LoginThrottleMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

# Widgets render through the project's templates, so that tuanwu/templates/django/forms/ can override one (the
# empty choice of a select reads 请选择, not Django's dashes).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "tuanwu" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "tuanwu.accounts.context_processors.navigation",
                "tuanwu.core.security.csp_nonce",
            ],
        },
    }
]

# SQLite is the embedded default; PostgreSQL through DATABASE_URL=postgres://user@host:5432/name.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;"
        ),
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboards:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# The client's address: REMOTE_ADDR, or the right-most address in this header when a trusted reverse proxy
# sets it (e.g. X-Forwarded-For or X-Real-IP). Empty: forwarded headers are ignored (they can be forged).
TRUSTED_PROXY_HEADER = env.str("TRUSTED_PROXY_HEADER", default="")
# An account locks after AXES_FAILURE_LIMIT wrong passwords, from any address; failures on other
# usernames never lock it, so one shared address (a proxy, a county office) cannot lock everybody out.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "tuanwu.accounts.client.lockout_response"
AXES_CLIENT_IP_CALLABLE = "tuanwu.accounts.client.client_address"
AXES_RESET_ON_SUCCESS = True
# An address with this many failed sign-ins (any usernames) waits until the window of this many seconds ends.
LOGIN_THROTTLE_FAILURES = env.int("LOGIN_THROTTLE_FAILURES", default=20)
LOGIN_THROTTLE_SECONDS = env.int("LOGIN_THROTTLE_SECONDS", default=300)

LANGUAGE_CODE = "zh-hans"
# Thousands separators (humanize intcomma) and YYYY-MM-DD dates in both languages (tuanwu/formats/).
FORMAT_MODULE_PATH = ["tuanwu.formats"]
LANGUAGES = [("zh-hans", "中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "tuanwu" / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
WHITENOISE_AUTOREFRESH = DEBUG
STATICFILES_DIRS = [BASE_DIR / "tuanwu" / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "tuanwu.core.vendor.VendorFileFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = ["jpg", "jpeg", "png", "gif", "webp", "zip", "gz", "tgz", "bz2", "map"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

BOOTSTRAP5 = {
    "css_url": {"url": "/static/vendor/bootstrap/css/bootstrap.min.css"},
    "javascript_url": {"url": "/static/vendor/bootstrap/js/bootstrap.bundle.min.js"},
}

# Sessions: 8 hours at most by default, and they end when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env.bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", default=True)
SESSION_COOKIE_HTTPONLY = True
# HTTPS: redirect plain HTTP, send HSTS, and (behind a TLS-terminating proxy) trust its scheme header,
# e.g. SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto (the value "https" means HTTPS).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
_proxy_ssl_header = env.str("SECURE_PROXY_SSL_HEADER", default="")
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _proxy_ssl_header.strip().upper().replace("-", "_").removeprefix("HTTP_"), "https")
    if _proxy_ssl_header
    else None
)
# Cookies are Secure when the site is served over HTTPS (SECURE_SSL_REDIRECT) or SECURE_COOKIES says so.
SECURE_COOKIES = env.bool("SECURE_COOKIES", default=SECURE_SSL_REDIRECT)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=SECURE_COOKIES)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=SECURE_COOKIES)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

AUDITLOG_DISABLE_REMOTE_ADDR = False
AUDITLOG_STORE_JSON_CHANGES = True

# Large imports and exports run in the background worker (`tuanwu db_worker`), a queue in the database.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TUANWU_IMPORT_MAX_BYTES = env.int("TUANWU_IMPORT_MAX_BYTES", default=50 * 1024 * 1024)
TUANWU_IMPORT_MAX_ROWS = env.int("TUANWU_IMPORT_MAX_ROWS", default=1_100_000)
# A workbook (a zip) is refused from its directory when its parts add up to more than this many bytes, or when
# it expands more than MAX_RATIO times its packed size (both checked before anything is unzipped).
TUANWU_IMPORT_MAX_UNZIPPED_BYTES = env.int("TUANWU_IMPORT_MAX_UNZIPPED_BYTES", default=256 * 1024 * 1024)
TUANWU_IMPORT_MAX_RATIO = env.int("TUANWU_IMPORT_MAX_RATIO", default=100)
# Errors kept with row, column and value; beyond these only their count per rule.
TUANWU_IMPORT_MAX_ERRORS = env.int("TUANWU_IMPORT_MAX_ERRORS", default=1000)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The largest file kept with a meeting (a sign-in sheet scan, a photo, slides as PDF).
TUANWU_MEETING_ATTACHMENT_MAX_BYTES = env.int("TUANWU_MEETING_ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# The API's schema and docs (/api/v1/openapi.json, /api/v1/docs): for signed-in users only unless true.
API_DOCS_PUBLIC = env.bool("API_DOCS_PUBLIC", default=False)
# How long an API token stays valid.
TUANWU_TOKEN_DAYS = env.int("TUANWU_TOKEN_DAYS", default=30)
# Rows per page on list pages (the user may pick another size from PAGE_SIZES).
TUANWU_PAGE_SIZE = 20
TUANWU_PAGE_SIZES = [20, 50, 100, 200]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
