"""The practice library's pages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.collaboration import selectors
from learningcity.collaboration.forms import (
    AttachmentForm,
    CommentForm,
    PracticeFilterForm,
    PracticeForm,
    ReviewForm,
)
from learningcity.collaboration.models import Practice, ReviewStatus
from learningcity.collaboration.permissions import (
    can_edit_practice,
    can_respond_to_practice,
    can_write_for_an_entity,
    is_manager,
    visible_practices,
)
from learningcity.collaboration.services import practices as services
from learningcity.collaboration.views.common import form_copy, review_view
from learningcity.core.decorators import staff_required
from learningcity.core.files import document_url
from learningcity.core.forms import form_status, model_form_m2m, model_form_values
from learningcity.core.service_views import run_service


@staff_required
def practice_list(request: HttpRequest) -> HttpResponse:
    form = PracticeFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    practices = visible_practices(request.user)
    listed = practices.filter(status=ReviewStatus.PUBLISHED)
    page = Paginator(
        selectors.practice_list(practices=listed, user=request.user, filters=filters), 20
    ).get_page(request.GET.get("page"))
    unpublished = practices.exclude(status=ReviewStatus.PUBLISHED).select_related("entity")
    # Managers see what awaits their review; coordinators, their entity's practices on the way.
    waiting = unpublished.filter(status=ReviewStatus.SUBMITTED) if is_manager(request.user) else None
    own = None if is_manager(request.user) else unpublished
    return render(
        request,
        "collaboration/practice_list.html",
        {
            "form": form,
            "page": page,
            "waiting": waiting,
            "own": own,
            "can_write": can_write_for_an_entity(request.user),
            "query": request.GET.copy().urlencode(),
        },
    )


def _practice(request: HttpRequest, pk: int) -> Practice:
    return get_object_or_404(
        visible_practices(request.user).select_related(
            "entity", "initiative", "framework_area", "axis", "author"
        ),
        pk=pk,
    )


@staff_required
def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _practice(request, pk)
    return _detail(request, practice)


def _detail(request: HttpRequest, practice: Practice, **forms: object) -> HttpResponse:
    editable = can_edit_practice(request.user, practice)
    respond = can_respond_to_practice(request.user, practice)
    attachments = [(a, document_url("practice-attachment", a)) for a in practice.attachments.all()]
    context = {
        "practice": practice,
        "partners": practice.partner_entities.all(),
        "attachments": attachments,
        "comments": practice.comments.select_related("author"),
        "useful_count": practice.marks.count(),
        "marked": practice.marks.filter(user=request.user).exists(),
        "editable": editable,
        "respond": respond,
        "review_form": forms.get("review_form") or (ReviewForm() if is_manager(request.user) else None),
        "attachment_form": forms.get("attachment_form") or (AttachmentForm() if editable else None),
        "comment_form": forms.get("comment_form") or (CommentForm() if respond else None),
    }
    return render(
        request, "collaboration/practice_detail.html", context, status=form_status(request, *forms.values())
    )


def _practice_form(request: HttpRequest, practice: Practice | None) -> HttpResponse:
    form = PracticeForm(request.POST or None, instance=form_copy(practice), user=request.user)
    if request.method == "POST":
        saved = run_service(
            request,
            form,
            lambda: services.practice_save(
                data=model_form_values(form),
                partner_entities=model_form_m2m(form).get("partner_entities", []),
                by=request.user,
                practice=practice,
            ),
            _("The practice was saved. A programme manager reviews it before every partner sees it.")
            if not is_manager(request.user)
            else _("The practice was saved."),
        )
        if saved:
            return redirect(saved)
    return render(
        request,
        "collaboration/practice_form.html",
        {"form": form, "practice": practice},
        status=form_status(request, form),
    )


@staff_required
def practice_create(request: HttpRequest) -> HttpResponse:
    if not can_write_for_an_entity(request.user):
        raise PermissionDenied(
            _("Coordinators share their entity's practices; ask your entity's coordinator.")
        )
    return _practice_form(request, None)


@staff_required
def practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _practice(request, pk)
    if not can_edit_practice(request.user, practice):
        raise PermissionDenied
    return _practice_form(request, practice)


@require_POST
@staff_required
def practice_review(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _practice(request, pk)
    return review_view(
        request, practice, lambda **decision: services.practice_review(practice=practice, **decision), _detail
    )


@require_POST
@staff_required
def practice_attach(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _practice(request, pk)
    if not can_edit_practice(request.user, practice):
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES)
    done = run_service(
        request,
        form,
        lambda: services.practice_attach(practice=practice, by=request.user, **form.cleaned_data),
        _("The file was attached."),
    )
    return redirect(practice) if done else _detail(request, practice, attachment_form=form)


@require_POST
@staff_required
def practice_mark(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _practice(request, pk)
    if not can_respond_to_practice(request.user, practice):
        raise PermissionDenied
    useful = request.POST.get("useful") == "1"
    services.practice_mark_useful(practice=practice, useful=useful, by=request.user)
    messages.success(request, _("Marked useful.") if useful else _("Your mark was taken back."))
    return redirect(practice)


@require_POST
@staff_required
def practice_comment(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _practice(request, pk)
    if not can_respond_to_practice(request.user, practice):
        raise PermissionDenied
    form = CommentForm(request.POST)
    done = run_service(
        request,
        form,
        lambda: services.practice_comment(practice=practice, text=form.cleaned_data["text"], by=request.user),
        _("Your comment was added."),
    )
    return redirect(practice) if done else _detail(request, practice, comment_form=form)
