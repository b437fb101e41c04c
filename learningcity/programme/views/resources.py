from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.core.decorators import staff_required
from learningcity.core.forms import form_status
from learningcity.core.models import Governorate
from learningcity.core.params import id_param
from learningcity.core.service_views import run_service
from learningcity.programme import selectors
from learningcity.programme.forms import ResourceDecisionForm, ResourceForm, ResourceRequestForm
from learningcity.programme.models import Resource, ResourceKind, ResourceRequest
from learningcity.programme.permissions import can_keep_resource
from learningcity.programme.services import resources as services


@staff_required
def resource_list(request: HttpRequest) -> HttpResponse:
    filters = {
        "kind": request.GET.get("kind") if request.GET.get("kind") in ResourceKind.values else None,
        "governorate": Governorate.objects.filter(pk=id_param(request.GET.get("governorate"))).first(),
    }
    page = Paginator(selectors.resource_list(filters=filters), 24).get_page(request.GET.get("page"))
    return render(
        request,
        "programme/resource_list.html",
        {
            "page": page,
            "kinds": ResourceKind.choices,
            "governorates": Governorate.objects.all(),
            "filters": filters,
        },
    )


@staff_required
def resource_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    resource = get_object_or_404(Resource, pk=pk) if pk else None
    if resource is not None and not can_keep_resource(request.user, resource):
        raise PermissionDenied
    if resource is None and not (request.user.is_programme_manager or request.user.is_coordinator):
        raise PermissionDenied
    form = ResourceForm(request.POST or None, instance=resource, user=request.user)
    if request.method == "POST" and (
        saved := run_service(
            request,
            form,
            lambda: services.resource_save(
                data=form.resource_data(), resource=resource, windows=form.windows(), by=request.user
            ),
            _("The resource was saved."),
        )
    ):
        return redirect(saved)
    return render(
        request,
        "programme/resource_form.html",
        {"form": form, "resource": resource},
        status=form_status(request, form),
    )


def _resource_page(
    request: HttpRequest, resource: Resource, request_form=None, status: int = 200
) -> HttpResponse:
    can_request = request.user.is_programme_manager or request.user.is_coordinator
    return render(
        request,
        "programme/resource_detail.html",
        {
            "resource": resource,
            "can_keep": can_keep_resource(request.user, resource),
            "requests": resource.requests.select_related("initiative", "requested_by", "decided_by"),
            "request_form": request_form or (ResourceRequestForm(user=request.user) if can_request else None),
            "decision_form": ResourceDecisionForm(),
        },
        status=status,
    )


@staff_required
def resource_detail(request: HttpRequest, pk: int) -> HttpResponse:
    resource = get_object_or_404(Resource.objects.select_related("owner_entity", "governorate"), pk=pk)
    return _resource_page(request, resource)


@staff_required
@require_POST
def resource_request(request: HttpRequest, pk: int) -> HttpResponse:
    resource = get_object_or_404(Resource, pk=pk)
    if not (request.user.is_programme_manager or request.user.is_coordinator):
        raise PermissionDenied
    form = ResourceRequestForm(request.POST, user=request.user)
    if run_service(
        request,
        form,
        lambda: services.resource_request_create(resource=resource, by=request.user, **form.cleaned_data),
        _("Your request was sent to the resource's owner."),
    ):
        return redirect(resource)
    return _resource_page(request, resource, request_form=form, status=400)


@staff_required
@require_POST
def resource_request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    resource_request = get_object_or_404(ResourceRequest.objects.select_related("resource"), pk=pk)
    approve = request.POST.get("decision") == "approve"
    form = ResourceDecisionForm(request.POST)
    form.is_valid()
    try:
        services.resource_request_decide(
            request=resource_request, approve=approve, note=form.cleaned_data.get("note", ""), by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The request was approved.") if approve else _("The request was declined.")
        )
    return redirect(resource_request.resource)
