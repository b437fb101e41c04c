"""Success stories: the public list and story pages (with Open Graph tags for sharing), the
Atom feed, writing and the programme manager's review."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from learningcity.collaboration import selectors
from learningcity.collaboration.forms import ReviewForm, StoryForm
from learningcity.collaboration.models import ReviewStatus, Story
from learningcity.collaboration.permissions import (
    can_edit_story,
    can_write_for_an_entity,
    is_manager,
    visible_stories,
)
from learningcity.collaboration.services import stories as services
from learningcity.collaboration.views.common import form_copy, review_view
from learningcity.core.addresses import absolute_url
from learningcity.core.decorators import staff_required
from learningcity.core.forms import form_status, model_form_values
from learningcity.core.public_pages import public_page
from learningcity.core.service_views import run_service

PUBLISHED = Story.objects.filter(status=ReviewStatus.PUBLISHED).select_related("entity", "initiative")


@public_page(selectors.STORIES_CACHE)
def story_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(PUBLISHED.order_by("-published_at", "-pk"), 12).get_page(request.GET.get("page"))
    unpublished = (
        visible_stories(request.user).exclude(status=ReviewStatus.PUBLISHED).select_related("entity")
    )
    return render(
        request,
        "collaboration/story_list.html",
        {
            "page": page,
            "unpublished": unpublished if request.user.is_authenticated else [],
            "can_write": can_write_for_an_entity(request.user),
            "manager": is_manager(request.user),
        },
    )


def _story(request: HttpRequest, pk: int) -> Story:
    return get_object_or_404(visible_stories(request.user).select_related("entity", "initiative"), pk=pk)


@public_page(selectors.STORIES_CACHE)
def story_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _story(request, pk))


def _detail(request: HttpRequest, story: Story, review_form: ReviewForm | None = None) -> HttpResponse:
    if review_form is None and is_manager(request.user):
        review_form = ReviewForm()
    return render(
        request,
        "collaboration/story_detail.html",
        {
            "story": story,
            "figures": selectors.story_figures(story),
            "page_url": absolute_url(story.get_absolute_url()),
            "photo_url": absolute_url(story.photo.url) if story.photo else "",
            "editable": can_edit_story(request.user, story),
            "review_form": review_form,
        },
        status=form_status(request, review_form),
    )


def _story_form(request: HttpRequest, story: Story | None) -> HttpResponse:
    form = StoryForm(
        request.POST or None, request.FILES or None, instance=form_copy(story), user=request.user
    )
    if request.method == "POST":
        saved = run_service(
            request,
            form,
            lambda: services.story_save(data=model_form_values(form), by=request.user, story=story),
            _("The story was saved. A programme manager reviews it before it is published.")
            if not is_manager(request.user)
            else _("The story was saved."),
        )
        if saved:
            return redirect(saved)
    return render(
        request,
        "collaboration/story_form.html",
        {"form": form, "story": story},
        status=form_status(request, form),
    )


@staff_required
def story_create(request: HttpRequest) -> HttpResponse:
    if not can_write_for_an_entity(request.user):
        raise PermissionDenied(_("Coordinators write their entity's stories; ask your entity's coordinator."))
    return _story_form(request, None)


@staff_required
def story_edit(request: HttpRequest, pk: int) -> HttpResponse:
    story = _story(request, pk)
    if not can_edit_story(request.user, story):
        raise PermissionDenied
    return _story_form(request, story)


@require_POST
@staff_required
def story_review(request: HttpRequest, pk: int) -> HttpResponse:
    story = _story(request, pk)
    return review_view(
        request, story, lambda **decision: services.story_review(story=story, **decision), _detail
    )


class StoryFeed(Feed):
    """The latest published stories as an Atom feed, in the language of the address."""

    feed_type = Atom1Feed
    title = gettext_lazy("Success stories — Learning City Platform")
    subtitle = gettext_lazy("Stories of learners, initiatives and partners of the learning cities.")

    def link(self) -> str:
        from django.urls import reverse

        return reverse("collaboration:story_list")

    def items(self) -> list[Story]:
        return list(PUBLISHED.order_by("-published_at", "-pk")[:30])

    def item_title(self, item: Story) -> str:
        return item.title

    def item_description(self, item: Story) -> str:
        return item.summary

    def item_pubdate(self, item: Story):
        return item.published_at

    def item_updateddate(self, item: Story):
        return item.updated_at

    def item_author_name(self, item: Story) -> str:
        return item.entity.name


story_feed = StoryFeed()
