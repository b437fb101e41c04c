from django.urls import path

from learningcity.catalogue.views import certificates, learners, mobile, providers, public, saved_searches

app_name = "catalogue"

urlpatterns = [
    path("opportunities/", public.opportunity_search, name="search"),
    path("opportunities/saved-searches/", saved_searches.saved_search_create, name="saved_search_create"),
    path(
        "opportunities/saved-searches/<int:pk>/delete/",
        saved_searches.saved_search_delete,
        name="saved_search_delete",
    ),
    path("opportunities/<int:pk>/", public.opportunity_detail, name="opportunity_detail"),
    path("opportunities/<int:pk>/calendar.ics", public.opportunity_calendar, name="opportunity_calendar"),
    path("opportunities/providers/<int:pk>/", public.provider_detail, name="provider_detail"),
    path("opportunities/sessions/<int:pk>/register/", learners.session_register, name="session_register"),
    path(
        "opportunities/sessions/<int:pk>/register/group/",
        learners.session_register_group,
        name="session_register_group",
    ),
    path("opportunities/manage/", providers.manage_list, name="manage_list"),
    path("opportunities/manage/new/", providers.opportunity_create, name="opportunity_create"),
    path("opportunities/manage/<int:pk>/edit/", providers.opportunity_edit, name="opportunity_edit"),
    path("opportunities/manage/<int:pk>/status/", providers.opportunity_status, name="opportunity_status"),
    path("opportunities/manage/<int:pk>/sessions/", providers.manage_sessions, name="manage_sessions"),
    path("opportunities/manage/sessions/<int:pk>/edit/", providers.session_edit, name="session_edit"),
    path("opportunities/manage/sessions/<int:pk>/cancel/", providers.session_cancel, name="session_cancel"),
    path(
        "opportunities/manage/sessions/<int:pk>/registrants/",
        providers.session_registrants,
        name="session_registrants",
    ),
    path(
        "opportunities/manage/sessions/<int:pk>/attendance/",
        providers.session_attendance,
        name="session_attendance",
    ),
    path(
        "opportunities/manage/sessions/<int:pk>/complete/",
        providers.session_complete,
        name="session_complete",
    ),
    path("campaigns/", public.campaign_list, name="campaign_list"),
    path("campaigns/<slug:slug>/", public.campaign_detail, name="campaign_detail"),
    path("learn/sign-up/", learners.sign_up, name="sign_up"),
    path("learn/verify-mobile/", mobile.mobile_verify, name="mobile_verify"),
    path("learn/sign-in-with-code/", mobile.sign_in_code, name="sign_in_code"),
    path("learn/privacy/", learners.privacy_notice, name="privacy"),
    path("learn/my-learning/", learners.my_learning, name="my_learning"),
    path("learn/registrations/<int:pk>/", learners.registration_detail, name="registration_detail"),
    path(
        "learn/registrations/<int:pk>/calendar.ics",
        learners.registration_calendar,
        name="registration_calendar",
    ),
    path("learn/profile/", learners.learner_profile, name="learner_profile"),
    path("learn/my-data.json", learners.my_data, name="my_data"),
    path("learn/my-data/", learners.my_data_page, name="my_data_page"),
    path("learn/delete-account/", learners.delete_account, name="delete_account"),
    path("learn/registrations/<int:pk>/cancel/", learners.registration_cancel, name="registration_cancel"),
    path("learn/registrations/<int:pk>/offer/accept/", learners.offer_accept, name="offer_accept"),
    path("learn/registrations/<int:pk>/offer/decline/", learners.offer_decline, name="offer_decline"),
    path("certificates/", certificates.certificate_lookup, name="certificate_lookup"),
    path("certificates/<str:uuid>/", certificates.certificate_verify, name="certificate_verify"),
    path("certificates/<str:uuid>/certificate.pdf", certificates.certificate_pdf, name="certificate_pdf"),
    path(
        "certificates/<str:uuid>/credential.json",
        certificates.certificate_credential,
        name="certificate_credential",
    ),
    path("certificates/<str:uuid>/revoke/", providers.certificate_revoke, name="certificate_revoke"),
]
