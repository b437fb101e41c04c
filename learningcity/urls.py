from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from learningcity.core import views as core_views
from learningcity.core.ratelimit import rate_limited
from learningcity.core.signin_limits import sign_in_limited
from learningcity.exchange.views import open_data as exchange_open
from learningcity.home import home
from learningcity.identity import views as identity_views
from learningcity.identity.forms import StaffRuleSignInForm
from learningcity.my_work import my_work
from learningcity.notifications.delivery_reports import unifonic_dlr_webhook, whatsapp_webhook

urlpatterns = [
    path("", core_views.root_redirect),
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("i18n/setlang/", core_views.switch_language, name="set_language"),
    path("hooks/whatsapp/", whatsapp_webhook, name="whatsapp_webhook"),
    path("hooks/unifonic/<str:secret>/", unifonic_dlr_webhook, name="unifonic_dlr_webhook"),
    # Where identity providers send people back: one address per provider, registered with it.
    path("identity/<slug:name>/callback/", identity_views.callback, name="identity_callback"),
    path("", include("learningcity.exchange.api.urls")),
    # Open data for programs: stable addresses outside the language prefix.
    path("open-data/data/<slug:kind>.csv", exchange_open.open_data_csv, name="open_data_csv"),
    path("open-data/datapackage.json", exchange_open.open_data_package, name="open_data_package"),
    path("open-data/catalog.jsonld", exchange_open.open_data_catalog, name="open_data_catalog"),
    # What a verifier fetches to check a certificate's credential (catalogue/credentials.py).
    path("credentials/", include("learningcity.catalogue.credential_urls")),
    path("open-data/hsds/services.json", exchange_open.open_data_hsds, name="open_data_hsds"),
    # The HSDS 3 API's paged list of services.
    path("open-data/hsds/services", exchange_open.open_data_hsds_services, name="open_data_hsds_services"),
]

urlpatterns += i18n_patterns(
    # The back office in the language the manager uses (/ar/admin/, /en/admin/); a bare
    # /admin/ is sent to one by the locale middleware, like every other page.
    path("admin/", admin.site.urls),
    path("", home, name="home"),
    path("my-work/", my_work, name="my_work"),
    path("", include("learningcity.core.urls")),
    # Learners sign in with their mobile number or e-mail address as well as a username.
    # Beyond axes' lockout: caps per address and per account (core/signin_limits.py).
    path(
        "accounts/login/",
        sign_in_limited(auth_views.LoginView.as_view(authentication_form=StaffRuleSignInForm)),
        name="login",
    ),
    # Before Django's own: signing out of an identity provider too (identity/views.py).
    path("accounts/logout/", identity_views.sign_out, name="logout"),
    # Before Django's own: the same address, with a rate limit (a reset sends an e-mail).
    path(
        "accounts/password_reset/",
        rate_limited("password_reset")(auth_views.PasswordResetView.as_view()),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("accounts/", include("learningcity.accounts.urls")),
    path("partners/", include("learningcity.partners.urls")),
    path("", include("learningcity.coordination.urls")),
    path("", include("learningcity.programme.urls")),
    path("", include("learningcity.indicators.urls")),
    path("", include("learningcity.datacollection.urls")),
    path("notifications/", include("learningcity.notifications.urls")),
    path("", include("learningcity.identity.urls")),
    path("", include("learningcity.catalogue.urls")),
    path("", include("learningcity.hostapp.urls")),
    path("", include("learningcity.festivals.urls")),
    path("", include("learningcity.exchange.urls")),
    path("", include("learningcity.reports.urls")),
    path("skills/", include("learningcity.skills.urls")),
    path("", include("learningcity.collaboration.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Under /api/ these answer with problem+json; elsewhere they are Django's own pages.
handler400 = "learningcity.exchange.api.problems.bad_request"
handler404 = "learningcity.exchange.api.problems.page_not_found"
handler500 = "learningcity.exchange.api.problems.server_error"
