from django.urls import path

from learningcity.festivals import views

app_name = "festivals"

urlpatterns = [
    path("festivals/", views.festival_list, name="list"),
    path("festivals/new/", views.festival_create, name="create"),
    path("festivals/hosts/", views.host_list, name="host_list"),
    path("festivals/hosts/<int:pk>/", views.host_detail, name="host_detail"),
    path("festivals/hosts/<int:pk>/review/", views.host_review, name="host_review"),
    path("festivals/events/<int:pk>/", views.event_detail, name="event_detail"),
    path("festivals/events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("festivals/events/<int:pk>/review/", views.event_review, name="event_review"),
    path("festivals/<slug:slug>/", views.programme, name="programme"),
    path("festivals/<slug:slug>/edit/", views.festival_edit, name="edit"),
    path("festivals/<slug:slug>/host-sign-up/", views.host_sign_up, name="host_sign_up"),
    path("festivals/<slug:slug>/submissions/", views.submissions, name="submissions"),
    path("festivals/<slug:slug>/submit/", views.event_submit, name="event_submit"),
]
