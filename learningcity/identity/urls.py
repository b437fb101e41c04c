from django.urls import path

from learningcity.identity import views

app_name = "identity"

urlpatterns = [
    path("sign-in/with/<slug:name>/", views.start, name="start"),
    path("sign-in/link/", views.link, name="link"),
    path("sign-in/linked/", views.linked, name="linked"),
    path("sign-in/new-learner/", views.new_learner, name="new_learner"),
    path("sign-in/waiting/", views.waiting, name="waiting"),
    path("accounts/identities/link/<slug:name>/", views.link_start, name="link_start"),
    path("accounts/identities/<int:pk>/unlink/", views.unlink, name="unlink"),
    path("accounts/staff-sign-in/", views.staff_rule, name="staff_rule"),
]
