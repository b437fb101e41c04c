"""Settings of the local provider: SQLite and its signing key in IDP_DATA_DIR, its issuer at
IDP_ISSUER (http://127.0.0.1:<port>/o)."""

import os
from pathlib import Path

DATA_DIR = Path(os.environ.get("IDP_DATA_DIR", "/tmp/identity-provider"))
ISSUER = os.environ.get("IDP_ISSUER", "http://127.0.0.1:8021/o")

SECRET_KEY = os.environ.get("IDP_SECRET_KEY", "local-identity-provider-not-a-secret")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oauth2_provider",
    "identity_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "identity_provider.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": DATA_DIR / "provider.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
USE_TZ = True
TIME_ZONE = "UTC"
LOGIN_URL = "/login/"
# Its session cookie must not be the platform's: both live on 127.0.0.1.
SESSION_COOKIE_NAME = "identity_provider_session"
CSRF_COOKIE_NAME = "identity_provider_csrf"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # demo people only

OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_ISS_ENDPOINT": ISSUER,
    "OIDC_RSA_PRIVATE_KEY": (DATA_DIR / "signing-key.pem").read_text()
    if (DATA_DIR / "signing-key.pem").exists()
    else "",
    "PKCE_REQUIRED": True,
    "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
    "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": False,
    "OAUTH2_VALIDATOR_CLASS": "identity_provider.validator.Validator",
    "SCOPES": {
        "openid": "OpenID Connect",
        "profile": "Name",
        "email": "E-mail address",
        "phone": "Mobile number",
        "national_id": "National identity number",
    },
}
