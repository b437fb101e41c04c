from django.urls import path

from learningcity.programme.views import (
    challenges,
    evaluations,
    initiatives,
    proposals,
    records,
    resources,
    roadmap,
)

app_name = "programme"

urlpatterns = [
    path("roadmap/", roadmap.roadmap, name="roadmap"),
    path("roadmap/timeline/", roadmap.timeline, name="timeline"),
    path("roadmap/axes/<int:number>/", roadmap.axis_board, name="axis_board"),
    path("initiatives/", initiatives.initiative_list, name="initiative_list"),
    path("initiatives/at-risk/", initiatives.at_risk, name="at_risk"),
    path("initiatives/new/", initiatives.initiative_create, name="initiative_create"),
    path("initiatives/<int:pk>/", initiatives.initiative_detail, name="initiative_detail"),
    path("initiatives/<int:pk>/edit/", initiatives.initiative_edit, name="initiative_edit"),
    path("initiatives/<int:pk>/milestones/", records.milestone_add, name="milestone_add"),
    path("initiatives/milestones/<int:pk>/edit/", records.milestone_edit, name="milestone_edit"),
    path("initiatives/milestones/<int:pk>/delete/", records.milestone_delete, name="milestone_delete"),
    path("initiatives/<int:pk>/partners/", records.partner_add, name="partner_add"),
    path(
        "initiatives/<int:pk>/partners/<int:entity_pk>/remove/", records.partner_remove, name="partner_remove"
    ),
    path("initiatives/<int:pk>/funding/", records.funding_add, name="funding_add"),
    path("initiatives/funding/<int:pk>/delete/", records.funding_delete, name="funding_delete"),
    path("initiatives/<int:pk>/documents/", records.document_add, name="document_add"),
    path("initiatives/<int:pk>/notes/", records.note_add, name="note_add"),
    path("initiatives/<int:pk>/beneficiaries/", records.beneficiaries_add, name="beneficiaries_add"),
    path("initiatives/<int:pk>/challenges/", challenges.challenge_add, name="challenge_add"),
    path("initiatives/<int:pk>/evaluations/", evaluations.evaluation_add, name="evaluation_add"),
    path(
        "initiatives/recommendations/<int:pk>/action-item/",
        evaluations.recommendation_to_action,
        name="recommendation_to_action",
    ),
    path("initiatives/propose/", proposals.proposal_submit, name="proposal_submit"),
    path("initiatives/proposals/", proposals.proposal_list, name="proposal_list"),
    path("initiatives/proposals/<int:pk>/", proposals.proposal_detail, name="proposal_detail"),
    path("initiatives/proposals/<int:pk>/review/", proposals.proposal_review, name="proposal_review"),
    path("resources/", resources.resource_list, name="resource_list"),
    path("resources/new/", resources.resource_form, name="resource_create"),
    path("resources/<int:pk>/", resources.resource_detail, name="resource_detail"),
    path("resources/<int:pk>/edit/", resources.resource_form, name="resource_edit"),
    path("resources/<int:pk>/request/", resources.resource_request, name="resource_request"),
    path(
        "resources/requests/<int:pk>/decide/",
        resources.resource_request_decide,
        name="resource_request_decide",
    ),
    path("challenges/", challenges.challenge_register, name="challenge_list"),
    path("challenges/<int:pk>/", challenges.challenge_detail, name="challenge_detail"),
    path("challenges/<int:pk>/escalate/", challenges.challenge_escalate, name="challenge_escalate"),
]
