from django.urls import path

from learningcity.datacollection import views

app_name = "datacollection"

FORM = "data-entry/<int:data_set_pk>/<str:period>/<str:scope>/"

urlpatterns = [
    path("data-entry/", views.forms_to_fill, name="to_fill"),
    path("data-entry/approvals/", views.forms_to_approve, name="to_approve"),
    path(FORM, views.data_form, name="form"),
    path(f"{FORM}check/", views.data_form_check, name="form_check"),
    path(f"{FORM}approve/", views.data_form_approve, name="form_approve"),
    path(f"{FORM}return/", views.data_form_return, name="form_return"),
    path(f"{FORM}unlock/", views.data_form_unlock, name="form_unlock"),
    path("data-sets/", views.data_set_list, name="data_sets"),
    path("data-sets/new/", views.data_set_form, name="data_set_create"),
    path("data-sets/approvers/", views.approver_list, name="approvers"),
    path("data-sets/approvers/<str:scope>/", views.approver_form, name="approver_form"),
    path("data-sets/<int:pk>/", views.data_set_detail, name="data_set"),
    path("data-sets/<int:pk>/edit/", views.data_set_form, name="data_set_edit"),
]
