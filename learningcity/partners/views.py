from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from learningcity.core.exports import Column, list_export
from learningcity.core.forms import apply_service_errors, form_status, model_form_m2m, model_form_values
from learningcity.core.models import AuditEntry
from learningcity.core.service_views import run_service
from learningcity.partners import selectors, services
from learningcity.partners.forms import (
    AgreementForm,
    CoordinatorForm,
    EntityFilterForm,
    EntityForm,
    ResponsibilityForm,
)
from learningcity.partners.models import Agreement, Coordinator, Entity, Responsibility
from learningcity.partners.permissions import can_edit_entity, can_manage_partners, can_see_contact_details

PAGE_SIZE = 24


EXPORT_COLUMNS = [
    Column(gettext_lazy("Name (Arabic)"), lambda e: e.name_ar),
    Column(gettext_lazy("Name (English)"), lambda e: e.name_en),
    Column(gettext_lazy("Sector"), lambda e: e.get_sector_display()),
    Column(gettext_lazy("Type"), lambda e: e.get_entity_type_display()),
    Column(gettext_lazy("Status"), lambda e: e.get_status_display()),
    Column(gettext_lazy("Governorates"), lambda e: "، ".join(g.name for g in e.governorates.all())),
    Column(gettext_lazy("Website"), lambda e: e.website),
]


def entity_list(request: HttpRequest) -> HttpResponse:
    form = EntityFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entities = selectors.entity_list(filters=filters)
    exported = list_export(
        request, entities.iterator(chunk_size=500), EXPORT_COLUMNS, "partners", _("Partners")
    )
    if exported:
        return exported
    page = Paginator(entities, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "partners/_entity_results.html" if request.htmx else "partners/entity_list.html"
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "can_create": can_manage_partners(request.user),
            # Who coordinates, men and women, is the programme's own figure: for staff, not the public.
            "summary": selectors.partner_summary()
            if getattr(request.user, "is_staff_member", False)
            else None,
        },
    )


def entity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        entity = selectors.entity_detail(pk=pk)
    except Entity.DoesNotExist as exc:
        raise Http404 from exc
    history = None
    if request.user.is_authenticated and request.user.is_programme_manager:
        history = AuditEntry.objects.for_object(entity).select_related("actor")[:20]
    return render(
        request,
        "partners/entity_detail.html",
        {
            "entity": entity,
            "can_edit": can_edit_entity(request.user, entity),
            "show_contacts": can_see_contact_details(request.user),
            "history": history,
            "contribution": _contribution(request.user, entity),
        },
    )


def _contribution(user: object, entity: Entity) -> object:
    """What the entity puts into the programme (funding, marketplace pledges): for the
    programme's people, not the public registry."""
    if not getattr(user, "is_authenticated", False) or not user.is_staff_member:
        return None
    from learningcity.collaboration.selectors import entity_contribution

    return entity_contribution(entity)


@login_required
def entity_create(request: HttpRequest) -> HttpResponse:
    if not can_manage_partners(request.user):
        raise PermissionDenied
    form = EntityForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and (
        entity := run_service(
            request,
            form,
            lambda: services.entity_create(
                data=model_form_values(form), governorates=form.cleaned_data["governorates"], by=request.user
            ),
            _("The entity was added."),
        )
    ):
        return redirect(entity)
    return render(
        request,
        "partners/entity_form.html",
        {"form": form, "entity": None},
        status=form_status(request, form),
    )


@login_required
def entity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entity = get_object_or_404(Entity, pk=pk)
    if not can_edit_entity(request.user, entity):
        raise PermissionDenied
    form = EntityForm(
        request.POST or None,
        request.FILES or None,
        instance=entity,
        can_change_status=can_manage_partners(request.user),
    )
    if request.method == "POST" and run_service(
        request,
        form,
        lambda: services.entity_update(
            entity=entity,
            data=model_form_values(form),
            governorates=model_form_m2m(form)["governorates"],
            by=request.user,
        ),
        _("Your changes were saved."),
    ):
        return redirect(entity)
    return render(
        request,
        "partners/entity_form.html",
        {"form": form, "entity": entity},
        status=form_status(request, form),
    )


@login_required
def coordinator_create(request: HttpRequest, pk: int) -> HttpResponse:
    entity = get_object_or_404(Entity, pk=pk)
    if not can_edit_entity(request.user, entity):
        raise PermissionDenied
    form = CoordinatorForm(request.POST or None, can_link_account=can_manage_partners(request.user))
    if request.method == "POST" and run_service(
        request,
        form,
        lambda: services.coordinator_create(entity=entity, data=model_form_values(form), by=request.user),
        _("The coordinator was added."),
    ):
        return redirect(entity)
    return render(
        request,
        "partners/coordinator_form.html",
        {"form": form, "entity": entity, "coordinator": None},
        status=form_status(request, form),
    )


@login_required
def coordinator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    coordinator = get_object_or_404(Coordinator.objects.select_related("entity"), pk=pk)
    if not can_edit_entity(request.user, coordinator.entity_id):
        raise PermissionDenied
    form = CoordinatorForm(
        request.POST or None,
        instance=coordinator,
        can_link_account=can_manage_partners(request.user),
    )
    if request.method == "POST" and run_service(
        request,
        form,
        lambda: services.coordinator_update(
            coordinator=coordinator, data=model_form_values(form), by=request.user
        ),
        _("Your changes were saved."),
    ):
        return redirect(coordinator.entity)
    return render(
        request,
        "partners/coordinator_form.html",
        {"form": form, "entity": coordinator.entity, "coordinator": coordinator},
        status=form_status(request, form),
    )


@login_required
@require_POST
def coordinator_delete(request: HttpRequest, pk: int) -> HttpResponse:
    coordinator = get_object_or_404(Coordinator.objects.select_related("entity"), pk=pk)
    entity = coordinator.entity
    services.coordinator_delete(coordinator=coordinator, by=request.user)
    messages.success(request, _("The coordinator was removed."))
    return redirect(entity)


@login_required
def agreement_list(request: HttpRequest) -> HttpResponse:
    if not request.user.is_staff_member:
        raise PermissionDenied
    page = Paginator(selectors.agreement_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "partners/agreement_list.html",
        {"page": page, "can_create": can_manage_partners(request.user)},
    )


@login_required
def agreement_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if not can_manage_partners(request.user):
        raise PermissionDenied
    agreement = get_object_or_404(Agreement, pk=pk) if pk else None
    form = AgreementForm(
        request.POST or None,
        request.FILES or None,
        instance=agreement,
    )
    if request.method == "POST" and form.is_valid():
        values, parties = model_form_values(form), form.cleaned_data["parties"]
        try:
            if agreement is None:
                services.agreement_create(data=values, parties=parties, by=request.user)
            else:
                services.agreement_update(agreement=agreement, data=values, parties=parties, by=request.user)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The agreement was saved."))
            return redirect("partners:agreements")
    return render(
        request,
        "partners/agreement_form.html",
        {"form": form, "agreement": agreement},
        status=form_status(request, form),
    )


def responsibility_matrix(request: HttpRequest) -> HttpResponse:
    can_edit = can_manage_partners(request.user)
    form = ResponsibilityForm(request.POST or None) if can_edit else None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            services.responsibility_save(
                sector=form.cleaned_data["sector"],
                track=form.cleaned_data["track"],
                description_ar=form.cleaned_data["description_ar"],
                description_en=form.cleaned_data["description_en"],
                by=request.user,
            )
            messages.success(request, _("The responsibility matrix was updated."))
            return redirect("partners:responsibilities")
    return render(
        request,
        "partners/responsibility_matrix.html",
        {"rows": selectors.responsibility_matrix(), "form": form, "can_edit": can_edit},
    )


@login_required
@require_POST
def responsibility_delete(request: HttpRequest, pk: int) -> HttpResponse:
    responsibility = get_object_or_404(Responsibility, pk=pk)
    services.responsibility_delete(responsibility=responsibility, by=request.user)
    messages.success(request, _("The responsibility matrix was updated."))
    return redirect("partners:responsibilities")
