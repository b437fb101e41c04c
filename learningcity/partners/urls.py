from django.urls import path

from learningcity.partners import views

app_name = "partners"

urlpatterns = [
    path("", views.entity_list, name="list"),
    path("new/", views.entity_create, name="create"),
    path("<int:pk>/", views.entity_detail, name="detail"),
    path("<int:pk>/edit/", views.entity_edit, name="edit"),
    path("<int:pk>/coordinators/new/", views.coordinator_create, name="coordinator_create"),
    path("coordinators/<int:pk>/edit/", views.coordinator_edit, name="coordinator_edit"),
    path("coordinators/<int:pk>/delete/", views.coordinator_delete, name="coordinator_delete"),
    path("agreements/", views.agreement_list, name="agreements"),
    path("agreements/new/", views.agreement_form, name="agreement_create"),
    path("agreements/<int:pk>/edit/", views.agreement_form, name="agreement_edit"),
    path("responsibilities/", views.responsibility_matrix, name="responsibilities"),
    path("responsibilities/<int:pk>/delete/", views.responsibility_delete, name="responsibility_delete"),
]
