"""Track channels: the list of channels a person may use, a channel with its threads, posting,
replying, searching and moderation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from learningcity.collaboration import selectors
from learningcity.collaboration.forms import ChannelPostForm, ChannelSearchForm, HideForm
from learningcity.collaboration.models import ChannelPost
from learningcity.collaboration.permissions import can_use_channel, channel_tracks, is_manager
from learningcity.collaboration.services import channels as services
from learningcity.core.decorators import staff_required
from learningcity.core.files import document_url
from learningcity.core.forms import form_status
from learningcity.core.service_views import run_service
from learningcity.programme.models import Track

NOT_A_MEMBER = gettext_lazy(
    "Only the coordinators of this track's partner entities and the programme managers use its channel."
)


@staff_required
def channel_list(request: HttpRequest) -> HttpResponse:
    tracks = channel_tracks(request.user).annotate(
        posts=Count("channel_posts", filter=Q(channel_posts__hidden_at=None), distinct=True),
        last_post=Max("channel_posts__created_at"),
    )
    return render(request, "collaboration/channel_list.html", {"tracks": tracks})


def _track(request: HttpRequest, pk: int) -> Track:
    track = get_object_or_404(Track.objects.select_related("axis"), pk=pk)
    if not can_use_channel(request.user, track):
        raise PermissionDenied(NOT_A_MEMBER)
    return track


def _post_form(
    request: HttpRequest, track: Track, data: object = None, files: object = None
) -> ChannelPostForm:
    return ChannelPostForm(
        data, files, users=services.mentionable_users(track).order_by("first_name", "username"),
        entities=services.mentionable_entities(track),
    )  # fmt: skip


@staff_required
def channel(request: HttpRequest, pk: int) -> HttpResponse:
    track = _track(request, pk)
    return _channel_page(request, track, _post_form(request, track))


def _channel_page(request: HttpRequest, track: Track, form: ChannelPostForm) -> HttpResponse:
    search = ChannelSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    page = Paginator(selectors.channel_threads(track=track, query=query), 20).get_page(
        request.GET.get("page")
    )
    threads = list(page)
    for post in [*threads, *(reply for thread in threads for reply in thread.replies.all())]:
        post.download = document_url("channel-attachment", post) if post.attachment else ""
    return render(
        request,
        "collaboration/channel.html",
        {
            "track": track,
            "page": page,
            "threads": threads,
            "form": form,
            "search": search,
            "query": query,
            "open_thread": request.GET.get("thread", ""),
            "moderator": is_manager(request.user),
        },
        status=form_status(request, form),
    )


@require_POST
@staff_required
def channel_post(request: HttpRequest, pk: int) -> HttpResponse:
    track = _track(request, pk)
    form = _post_form(request, track, request.POST, request.FILES)
    parent = None
    if form.is_valid() and form.cleaned_data.get("parent"):
        parent = get_object_or_404(ChannelPost, pk=form.cleaned_data["parent"], track=track)
    post = run_service(
        request,
        form,
        lambda: services.channel_post(
            track=track,
            text=form.cleaned_data["text"],
            by=request.user,
            parent=parent,
            attachment=form.cleaned_data.get("attachment"),
            mention_users=form.cleaned_data["mention_users"],
            mention_entities=form.cleaned_data["mention_entities"],
        ),  # fmt: skip
        _("Your message was posted."),
    )
    if post:
        return redirect(services.post_url(post))
    return _channel_page(request, track, form)


@require_POST
@staff_required
def channel_hide(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(ChannelPost.objects.select_related("track"), pk=pk)
    if not is_manager(request.user):
        raise PermissionDenied(_("Only programme managers moderate the channels."))
    form = HideForm(request.POST)
    if (
        run_service(
            request,
            form,
            lambda: services.channel_post_hide(
                post=post, reason=form.cleaned_data["reason"], by=request.user
            ),
            _("The message was hidden; the reason is in the audit log."),
        )
        is None
    ):
        messages.error(request, _("Say why the message is hidden."))
    return redirect(services.post_url(post))
