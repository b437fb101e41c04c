from django.urls import path

from learningcity.skills import views

app_name = "skills"

urlpatterns = [
    path("", views.gap_view, name="gaps"),
    path("demand/", views.demand_list, name="demand_list"),
    path("demand/new/", views.demand_create, name="demand_create"),
    path("demand/<int:pk>/edit/", views.demand_edit, name="demand_edit"),
    path("demand/<int:pk>/withdraw/", views.demand_withdraw, name="demand_withdraw"),
    path("list/", views.skill_list, name="skill_list"),
    path("list/new/", views.skill_create, name="skill_create"),
    path("list/<int:pk>/edit/", views.skill_edit, name="skill_edit"),
    path("groups/new/", views.group_create, name="group_create"),
    path("groups/<int:pk>/edit/", views.group_edit, name="group_edit"),
    path("pathways/", views.pathway_list, name="pathway_list"),
    path("pathways/new/", views.pathway_create, name="pathway_create"),
    path("pathways/<int:pk>/", views.pathway_detail, name="pathway_detail"),
    path("pathways/<int:pk>/edit/", views.pathway_edit, name="pathway_edit"),
]
