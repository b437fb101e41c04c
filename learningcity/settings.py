"""Settings for the Learning City Platform.

Read from the environment through the typed helpers in `learningcity.env`. With no
environment at all this is a working debug demo on an SQLite file; `DATABASE_URL`
switches the database; `DJANGO_ENV=production` turns on every production safeguard
and refuses to start without the secrets it needs.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from learningcity.env import env_bool, env_choice, env_int, env_list, env_required, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent
DATA_DIR = Path(env_str("LEARNINGCITY_DATA_DIR", str(BASE_DIR / "var")))

ENVIRONMENT = env_choice("DJANGO_ENV", ("development", "production"), "development")
PRODUCTION = ENVIRONMENT == "production"

if PRODUCTION:
    SECRET_KEY = env_required("SECRET_KEY", "production signs sessions and tokens with it")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        env_required("ALLOWED_HOSTS", "production answers only the host names it is told about")
    DEBUG = False
else:
    # A fixed key keeps demo sessions alive across restarts; it is never used in production.
    SECRET_KEY = env_str("SECRET_KEY", "development-only-key-not-for-production-use-3f9a1c7e5b2d4f6a8c0e")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
    DEBUG = env_bool("DJANGO_DEBUG", True)

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "learningcity.core.apps.PlatformAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "learningcity.core",
    "learningcity.accounts",
    "learningcity.partners",
    "learningcity.programme",
    "learningcity.indicators",
    "learningcity.datacollection",
    "learningcity.skills",
    "learningcity.collaboration",
    "learningcity.catalogue",
    "learningcity.hostapp",
    "learningcity.festivals",
    "learningcity.exchange",
    "learningcity.reports",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "learningcity.coordination",
    "learningcity.notifications",
    "learningcity.identity",
    "learningcity.demo",
    # Last, so the project's own form widget templates (templates/django/forms/) come first.
    "django.forms",
]
# Widgets render through the project's templates: the empty choice of every select says
# "Choose…" in the page's language instead of Django's "---------".
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

MIDDLEWARE = [
    # Outermost, so it sees the technical error pages DEBUG puts in place of the handlers.
    "learningcity.exchange.api.problems.ApiProblemsInDebugMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "learningcity.core.middleware.ProbesMiddleware",
    "learningcity.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Serves a kept public page before the rest (core/public_pages.py); outside the CSP
    # middleware so the stored page carries its policy header with it.
    "learningcity.core.public_pages.PublicPagesMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Inside the CSP middleware: lets a provider's sign-out be a form target (identity/).
    "learningcity.identity.middleware.ProviderSignOutMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "learningcity.core.middleware.RefuseNulCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "learningcity.core.middleware.PrivateResponsesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "learningcity.core.middleware.AuditContextMiddleware",
    # Axes must come last: it answers locked-out logins before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "learningcity.urls"
WSGI_APPLICATION = "learningcity.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "learningcity.core.context_processors.platform",
                "learningcity.notifications.context_processors.unread",
            ],
            "builtins": ["learningcity.core.templatetags.lc"],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'learningcity.sqlite3'}")
# Persistent connections in production (gunicorn's workers each keep theirs, checked before
# reuse): opening a connection — for SQLite with its pragmas — cost more than a small page
# (bench/bench_http.py). Not in development: runserver's thread per request would leak them.
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 60 if PRODUCTION else 0)
    )
}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at
        # BEGIN so two writers queue on the busy timeout instead of failing with "locked".
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_BUSY_TIMEOUT_SECONDS", 20),
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool(
    "POSTGRES_JIT", False
):
    # Lists sorted by each row's next session have high estimated costs; PostgreSQL's JIT
    # then spends more compiling than the query takes (measured in bench/bench_catalogue.py).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "learningcity.catalogue.backends.UsernameEmailOrMobileBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Each person starts where their work is (learningcity/my_work.py), learners on "my learning".
LOGIN_REDIRECT_URL = "my_work"

# Lockout after repeated failed logins (django-axes): per username and address, so one
# attacker cannot lock a coordinator out from everywhere.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
# Attempts per client address and window (seconds) on the forms open without an account
# (core/ratelimit.py); registration counts signed-in learners' attempts too.
RATE_LIMITS = {
    "sign_up": (env_int("SIGN_UP_LIMIT", 10), 3600),
    "password_reset": (env_int("PASSWORD_RESET_LIMIT", 5), 3600),
    "registration": (env_int("REGISTRATION_LIMIT", 60), 3600),
    # One-time codes by SMS: per number (a phone is not flooded) and per client address (nobody
    # walks through numbers).
    "mobile_code_number": (env_int("MOBILE_CODE_NUMBER_LIMIT", 3), 900),
    "mobile_code_client": (env_int("MOBILE_CODE_CLIENT_LIMIT", 10), 3600),
}
# A one-time code's life and the wrong guesses it allows (catalogue/services/mobile_codes.py).
MOBILE_CODE_MINUTES = env_int("MOBILE_CODE_MINUTES", 10)
MOBILE_CODE_ATTEMPTS = env_int("MOBILE_CODE_ATTEMPTS", 5)
# Beyond axes' per (account, address) lockout (core/signin_limits.py): failures from one address
# across all accounts per window (seconds), and failures against one account from anywhere
# before each further attempt waits (first delay, doubling, up to the longest; seconds).
SIGN_IN_LIMITS = {
    "address": (env_int("SIGN_IN_ADDRESS_LIMIT", 30), 3600),
    "account": (env_int("SIGN_IN_ACCOUNT_LIMIT", 10), 60, 3600),
}
# How long an account's failures are remembered after the last one.
SIGN_IN_ACCOUNT_MEMORY = 24 * 3600
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Failures count against the account the typed identifier resolves to, not the spelling.
AXES_USERNAME_CALLABLE = "learningcity.catalogue.backends.lockout_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Reverse proxies in front of the application (core/client_address.py reads the client's
# address behind them for the lockouts, the rate limits and the audit log).
PROXY_COUNT = env_int("PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "learningcity.core.client_address.client_address"
AXES_VERBOSE = False

# --- Languages, time and formats ------------------------------------------------------------
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = "Asia/Riyadh"
USE_TZ = True
FORMAT_MODULE_PATH = ["learningcity.formats"]
# Digits used for numbers and dates in the Arabic interface: "latin" (0-9, common on Saudi
# government sites) or "arabic-indic" (٠-٩).
ARABIC_DIGITS = env_choice("ARABIC_DIGITS", ("latin", "arabic-indic"), "latin")

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
# Imports and exports carry personal data: kept apart from MEDIA_ROOT, served only by views.
PRIVATE_FILES_ROOT = Path(env_str("PRIVATE_FILES_ROOT", str(DATA_DIR / "private")))
# The largest file accepted for import.
MAX_IMPORT_MB = env_int("MAX_IMPORT_MB", 100)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Scale-out: uploaded files on S3-compatible object storage (MEDIA_STORAGE=s3), so that any web
# process or worker on any machine reads what another wrote. Public uploads (logos, photos) and
# private files (imports, exports, archived reports) go to separate buckets; private ones are
# never public and are only ever streamed through views that check who asks.
MEDIA_STORAGE = env_choice("MEDIA_STORAGE", ("filesystem", "s3"), "filesystem")
if MEDIA_STORAGE == "s3":
    _S3 = {
        "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
        "region_name": env_str("S3_REGION") or None,
        "access_key": env_str("S3_ACCESS_KEY_ID") or None,
        "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
        "file_overwrite": False,
        "default_acl": None,
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_S3,
            "bucket_name": env_required("S3_BUCKET", "MEDIA_STORAGE=s3"),
            "querystring_auth": False,
        },
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_S3,
            "bucket_name": env_required("S3_PRIVATE_BUCKET", "MEDIA_STORAGE=s3 keeps private files apart"),
            "querystring_auth": True,
        },
    }
# A cache shared by every web process (CACHE_BACKEND=redis) for the rate limits and the cached
# page fragments; the default keeps one per process, right for a single machine.
CACHE_BACKEND = env_choice("CACHE_BACKEND", ("local", "redis"), "local")
if CACHE_BACKEND == "redis":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("CACHE_REDIS_URL", "redis://127.0.0.1:6379/1"),
            "KEY_PREFIX": "learningcity",
        }
    }
else:
    # Django's default keeps 300 entries and drops a third of them when full: the region
    # scorecard alone keeps 200 tiles and 200 indicators' series, so each view threw out the
    # other's (bench/bench_indicators.py). Entries are small (a tile, a series, a kept page).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }
# Development serves static files from the apps' folders without collectstatic.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG and not PRODUCTION
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 default: a typed "example.sa" means https://
# Uploads: documents are checked by content and size in learningcity.core.uploads.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
MAX_DOCUMENT_UPLOAD_MB = env_int("MAX_DOCUMENT_UPLOAD_MB", 10)
MAX_IMAGE_UPLOAD_MB = env_int("MAX_IMAGE_UPLOAD_MB", 2)

# --- Email ----------------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_FILE_PATH = DATA_DIR / "mail"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "منصة مدن التعلم <no-reply@learningcity.local>")

# --- Outbound messages: e-mail, SMS, WhatsApp (notifications/outbox.py) ----------------------
# Every notification is written per person and channel, then sent by the worker, retried with
# back-off up to MESSAGE_ATTEMPTS times. SMS_BACKEND: "file" (the demo: <data dir>/outbox),
# "unifonic" or "taqnyat"; "none" sends no SMS. WHATSAPP_BACKEND: "none" or "cloud_api".
SMS_BACKEND = env_choice(
    "SMS_BACKEND", ("none", "file", "unifonic", "taqnyat"), "none" if PRODUCTION else "file"
)
WHATSAPP_BACKEND = env_choice("WHATSAPP_BACKEND", ("none", "cloud_api"), "none")
MESSAGE_CHANNEL_BACKENDS = {
    "email": "learningcity.notifications.channels.email.Email",
    "sms": {
        "none": "",
        "file": "learningcity.notifications.channels.sms.FileSMS",
        "unifonic": "learningcity.notifications.channels.sms.Unifonic",
        "taqnyat": "learningcity.notifications.channels.sms.Taqnyat",
    }[SMS_BACKEND],
    "whatsapp": {"none": "", "cloud_api": "learningcity.notifications.channels.whatsapp.CloudAPI"}[
        WHATSAPP_BACKEND
    ],
}
MESSAGE_ATTEMPTS = env_int("MESSAGE_ATTEMPTS", 6)
MESSAGE_PROVIDER_TIMEOUT = env_int("MESSAGE_PROVIDER_TIMEOUT", 10)
# The sender name registered with the regulator (CST) for the administration's messages.
SMS_SENDER_NAME = env_str("SMS_SENDER_NAME", "MadinahEdu")
UNIFONIC_URL = env_str("UNIFONIC_URL", "https://el.cloud.unifonic.com/rest/SMS/messages")
UNIFONIC_APP_SID = env_str("UNIFONIC_APP_SID")
# The secret in the DLR webhook address given to Unifonic (/hooks/unifonic/<secret>/): its
# receipts are not signed. Empty: the address answers 403.
UNIFONIC_DLR_SECRET = env_str("UNIFONIC_DLR_SECRET")
TAQNYAT_URL = env_str("TAQNYAT_URL", "https://api.taqnyat.sa/v1/messages")
TAQNYAT_TOKEN = env_str("TAQNYAT_TOKEN")
WHATSAPP_API_URL = env_str("WHATSAPP_API_URL", "https://graph.facebook.com/v21.0")
WHATSAPP_PHONE_NUMBER_ID = env_str("WHATSAPP_PHONE_NUMBER_ID")
WHATSAPP_TOKEN = env_str("WHATSAPP_TOKEN")
WHATSAPP_TEMPLATE = env_str("WHATSAPP_TEMPLATE", "learning_city_notice")
# The Cloud API's webhook (delivery receipts, notifications/delivery_reports.py): the token Meta
# echoes when the webhook is registered, and the app secret that signs each call.
WHATSAPP_VERIFY_TOKEN = env_str("WHATSAPP_VERIFY_TOKEN")
WHATSAPP_APP_SECRET = env_str("WHATSAPP_APP_SECRET")

# --- Sign-in through OpenID Connect providers (identity/) ------------------------------------
# OIDC_PROVIDERS names them ("national,organisation"); each NAME has OIDC_<NAME>_DISCOVERY_URL
# (its /.well-known/openid-configuration), _CLIENT_ID, _CLIENT_SECRET, _KIND ("national": the
# national single sign-on, for learners; "organisation": staff accounts), _LABEL_AR/_LABEL_EN
# (the button), _SCOPES, and for an organisation _EMAIL_DOMAINS (whose staff may sign in, each
# mapped to the entity whose e-mail address is at that domain) or _ENTITY_CLAIM (a claim holding
# the entity's short name).
IDENTITY_PROVIDERS = {
    name: {
        "kind": env_choice(f"OIDC_{name.upper()}_KIND", ("national", "organisation"), "national"),
        "discovery_url": env_str(f"OIDC_{name.upper()}_DISCOVERY_URL"),
        "client_id": env_str(f"OIDC_{name.upper()}_CLIENT_ID"),
        "client_secret": env_str(f"OIDC_{name.upper()}_CLIENT_SECRET"),
        "scopes": env_str(f"OIDC_{name.upper()}_SCOPES", "openid profile email phone"),
        "label_ar": env_str(f"OIDC_{name.upper()}_LABEL_AR"),
        "label_en": env_str(f"OIDC_{name.upper()}_LABEL_EN"),
        "national_id_claim": env_str(f"OIDC_{name.upper()}_NATIONAL_ID_CLAIM", "national_id"),
        "email_domains": [domain.lower() for domain in env_list(f"OIDC_{name.upper()}_EMAIL_DOMAINS")],
        "entity_claim": env_str(f"OIDC_{name.upper()}_ENTITY_CLAIM"),
    }
    for name in env_list("OIDC_PROVIDERS")
}
# The national identity number is kept only as a keyed hash (HMAC-SHA256 with this key) unless
# NATIONAL_ID_STORED asks for the number itself.
NATIONAL_ID_STORED = env_bool("NATIONAL_ID_STORED", False)
NATIONAL_ID_HASH_KEY = env_str("NATIONAL_ID_HASH_KEY")
# The assurance each action needs (core/assurance.py): "password", "verified_mobile" or
# "national_identity".
_ASSURANCE_LEVELS = ("password", "verified_mobile", "national_identity")
ASSURANCE_REQUIRED = {
    action: env_choice(f"ASSURANCE_{action.upper()}", _ASSURANCE_LEVELS, "password")
    for action in ("register", "certificate", "coordinator")
}

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Browser features the pages may use (core/middleware.py): each feature with the origins
# allowed, none for all of these.
_NO_ONE: tuple[str, ...] = ()
PERMISSIONS_POLICY = dict.fromkeys(
    (
        "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope",
        "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get", "usb",
    ),
    _NO_ONE,
)  # fmt: skip
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# The policy applies in every environment, so the browser tests catch an inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Load balancers probe health over plain HTTP on the private network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if env_bool("BEHIND_TLS_PROXY", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Platform -------------------------------------------------------------------------------
PLATFORM_ADMINISTRATION_NAME_AR = env_str(
    "PLATFORM_ADMINISTRATION_NAME_AR", "الإدارة العامة للتعليم بمنطقة المدينة المنورة"
)
PLATFORM_ADMINISTRATION_NAME_EN = env_str(
    "PLATFORM_ADMINISTRATION_NAME_EN", "General Administration of Education in the Madinah Region"
)
# Where people write or call about the platform (the footer of every page, the accessibility
# statement); empty hides the line.
PLATFORM_CONTACT_EMAIL = env_str("PLATFORM_CONTACT_EMAIL", "learningcity@madinah.example")
PLATFORM_CONTACT_PHONE = env_str("PLATFORM_CONTACT_PHONE", "")
# Who signs certificates and minutes for the administration: the title under the signature
# line, and a name above it when one is set.
PLATFORM_SIGNATORY_TITLE_AR = env_str(
    "PLATFORM_SIGNATORY_TITLE_AR", "مدير عام التعليم بمنطقة المدينة المنورة"
)
PLATFORM_SIGNATORY_TITLE_EN = env_str(
    "PLATFORM_SIGNATORY_TITLE_EN", "Director General of Education in the Madinah Region"
)
PLATFORM_SIGNATORY_NAME_AR = env_str("PLATFORM_SIGNATORY_NAME_AR", "")
PLATFORM_SIGNATORY_NAME_EN = env_str("PLATFORM_SIGNATORY_NAME_EN", "")
# The logo printed at the head of PDF reports (an SVG, PNG or JPEG file on the server).
PLATFORM_LOGO = env_str("PLATFORM_LOGO", str(PACKAGE_DIR / "static" / "img" / "favicon.svg"))

# An initiative is "behind schedule" when its progress trails the share of its time already
# elapsed by more than this many percentage points.
BEHIND_SCHEDULE_MARGIN = env_int("BEHIND_SCHEDULE_MARGIN", 15)
# Action items: remind this many days before the due date (learningcity send_reminders).
ACTION_ITEM_REMINDER_DAYS = env_int("ACTION_ITEM_REMINDER_DAYS", 3)
# Days before a data set form is due that its reporting entities are reminded.
DATA_FORM_REMINDER_DAYS = env_int("DATA_FORM_REMINDER_DAYS", 5)
# Absolute links in e-mails, e.g. https://learningcity.example.sa
PLATFORM_BASE_URL = env_str("PLATFORM_BASE_URL", "http://127.0.0.1:8000")
# --- Partner API -----------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "learningcity.exchange.api.authentication.BearerTokenAuthentication",
        # Signed-in staff can try the API from the docs page (with CSRF protection).
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["learningcity.exchange.api.permissions.ApiAccess"],
    "DEFAULT_PAGINATION_CLASS": "learningcity.exchange.api.base.SyncCursorPagination",
    "DEFAULT_THROTTLE_CLASSES": ["learningcity.exchange.api.throttling.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": env_str("API_RATE_LIMIT", "600/min")},
    # The same reading of X-Forwarded-For as core/client_address.py, for anonymous callers.
    "NUM_PROXIES": PROXY_COUNT,
    "EXCEPTION_HANDLER": "learningcity.exchange.api.problems.problem_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Learning City Platform API — واجهة برمجة منصة مدن التعلم",
    "DESCRIPTION": (
        "Partner systems read and write their entity's records. Send `Authorization: Bearer <token>` "
        "(make a token on the platform's API tokens page). Lists are cursor-paginated and accept "
        "`updated_since`; GET answers carry an ETag; errors are application/problem+json."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "learningcity.exchange.api.schema.document_problems",
    ],
    "ENUM_NAME_OVERRIDES": {
        # Meetings and sessions share one choice set (scheduled, cancelled).
        "ScheduleStatusEnum": "learningcity.coordination.models.MeetingStatus",
        "MinutesStatusEnum": "learningcity.coordination.models.MinutesStatus",
        "ActionStatusEnum": "learningcity.coordination.models.ActionStatus",
        "MeasurementStatusEnum": "learningcity.indicators.models.MeasurementStatus",
        "EntityStatusEnum": "learningcity.partners.models.EntityStatus",
        "SectorEnum": "learningcity.partners.models.Sector",
        "RegistrationStatusEnum": "learningcity.catalogue.models.RegistrationStatus",
        "OpportunityStatusEnum": "learningcity.catalogue.models.OpportunityStatus",
        "ChallengeStatusEnum": "learningcity.programme.models.ChallengeStatus",
        "InitiativeStatusEnum": "learningcity.programme.models.InitiativeStatus",
    },
}

# --- Background jobs (Django's tasks API through the django-tasks backport) -------------------
# "database" (default: a table, run by `learningcity db_worker`), "rq" (Redis, run by
# `learningcity rqworker default`) or "immediate" (in the request; tests and tiny set-ups).
TASKS_BACKEND = env_choice("TASKS_BACKEND", ("database", "rq", "immediate"), "database")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "rq": "django_tasks_rq.RQBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[TASKS_BACKEND],
        "QUEUES": ["default"],
    }
}
REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")
# Jobs whose worker died (core/leases.py): a running job's heartbeat, how old a heartbeat from
# another host may be before its job counts as abandoned, how often each worker looks, and
# how many runs a job that is safe to repeat (imports, exports) gets in all.
JOB_HEARTBEAT_SECONDS = env_int("JOB_HEARTBEAT_SECONDS", 30)
JOB_LEASE_TIMEOUT_SECONDS = env_int("JOB_LEASE_TIMEOUT_SECONDS", 300)
JOB_LEASE_CHECK_SECONDS = env_int("JOB_LEASE_CHECK_SECONDS", 60)
JOB_ATTEMPTS = env_int("JOB_ATTEMPTS", 2)
# Webhooks: switch a subscription off after this many failed deliveries in a row. Outside
# production, addresses on this machine or the private network are allowed (for testing).
WEBHOOK_DISABLE_AFTER = env_int("WEBHOOK_DISABLE_AFTER", 10)
WEBHOOK_ALLOW_PRIVATE_ADDRESSES = env_bool("WEBHOOK_ALLOW_PRIVATE_ADDRESSES", not PRODUCTION)
RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 3600}}

# Certificates: the Ed25519 key that signs Open Badges credentials, as 32 bytes in base64url.
# Production must set it, so that badges stay verifiable when SECRET_KEY is rotated;
# elsewhere it is derived from SECRET_KEY. Generate one with `learningcity credential_key`.
CREDENTIAL_SIGNING_KEY = (
    env_required("CREDENTIAL_SIGNING_KEY", "certificates are signed with it")
    if PRODUCTION
    else env_str("CREDENTIAL_SIGNING_KEY")
)
# Learners are reminded of their sessions this many hours before (learningcity send_session_reminders).
SESSION_REMINDER_HOURS = env_int("SESSION_REMINDER_HOURS", 24)
# A place freed in a full session is offered to the next person waiting for this many hours
# (never past the session's start); unanswered, it passes to the one after.
WAITING_LIST_OFFER_HOURS = env_int("WAITING_LIST_OFFER_HOURS", 24)
# The most places one learner takes at once for others (a family, a class).
GROUP_PLACES_MAX = env_int("GROUP_PLACES_MAX", 40)
# How long personal data is kept, in days (learningcity/core/retention.py applies it daily).
RETENTION_DAYS = {
    "inactive_learner": env_int("RETENTION_INACTIVE_LEARNER_DAYS", 3 * 365),
    "import_file": env_int("RETENTION_IMPORT_FILE_DAYS", 90),
    "export_file": env_int("RETENTION_EXPORT_FILE_DAYS", 7),
    "access_log": env_int("RETENTION_ACCESS_LOG_DAYS", 2 * 365),
    "declined_host_request": env_int("RETENTION_DECLINED_HOST_REQUEST_DAYS", 180),
}
# The version of the privacy notice learners accept at sign-up; change it when the notice changes.
PRIVACY_NOTICE_VERSION = "2026-11"

# LOG_FORMAT=json: one JSON object per line (core/logs.py), for a log collector. Every record
# carries the request id, in plain text too.
LOG_FORMAT = env_str("LOG_FORMAT", "plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "learningcity.core.logs.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "learningcity.core.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Catalogue search (catalogue/search/): semantic matching with the bundled multilingual-e5-small
# model beside the lexical search (false: lexical only); the similarities a semantic hit needs
# to join the ranking, and to be shown when the lexical search found nothing; how often a
# process checks whether its vocabulary, thesaurus and embeddings are out of date.
SEARCH_SEMANTIC = env_bool("SEARCH_SEMANTIC", True)
SEARCH_SEMANTIC_MIN_SIMILARITY = float(env_str("SEARCH_SEMANTIC_MIN_SIMILARITY", "0.86"))
SEARCH_SEMANTIC_RESCUE_SIMILARITY = float(env_str("SEARCH_SEMANTIC_RESCUE_SIMILARITY", "0.875"))
SEARCH_LOCAL_REFRESH_SECONDS = env_int("SEARCH_LOCAL_REFRESH_SECONDS", 30)
# How long a process trusts the cache generations it read, for anonymous visitors' kept pages
# only (core/cache.py recent_generation): a change made in another process shows within it.
GENERATION_RECENT_SECONDS = float(env_str("GENERATION_RECENT_SECONDS", "1"))
# Threads the sentence-embedding engine computes with, in each process (catalogue/search/semantic.py).
SEARCH_EMBEDDING_THREADS = env_int("SEARCH_EMBEDDING_THREADS", 1)
# Where passage vectors are kept for other processes and fresh databases to reuse
# (catalogue/search/passage_cache.py); "" keeps none.
SEARCH_EMBEDDING_CACHE_DIR = env_str("SEARCH_EMBEDDING_CACHE_DIR", str(DATA_DIR / "embeddings"))
