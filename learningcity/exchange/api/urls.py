from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from learningcity.exchange.api import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("entities", views.EntityViewSet, basename="entity")
router.register("tracks", views.TrackViewSet, basename="track")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("initiatives", views.InitiativeViewSet, basename="initiative")
router.register("milestones", views.MilestoneViewSet, basename="milestone")
router.register("challenges", views.ChallengeViewSet, basename="challenge")
router.register("measurements", views.MeasurementViewSet, basename="measurement")
router.register("opportunities", views.OpportunityViewSet, basename="opportunity")
router.register("sessions", views.SessionViewSet, basename="session")
router.register("registrations", views.RegistrationViewSet, basename="registration")
router.register("action-items", views.ActionItemViewSet, basename="action-item")

urlpatterns = [
    path("api/v1/", include((router.urls, "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file, so scripts stay 'self' only;
    # Swagger UI sets inline styles, which this one page allows (it shows no user content).
    path(
        "api/docs/",
        csp_update({"style-src": ["'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api-schema")
        ),
        name="api-docs",
    ),
]
