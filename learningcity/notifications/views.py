from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from learningcity.core.forms import apply_service_errors, form_status
from learningcity.core.redirects import safe_next
from learningcity.notifications.announcements import announcement_mark_read, announcement_send, audience_users
from learningcity.notifications.forms import AnnouncementForm
from learningcity.notifications.models import (
    Announcement,
    Channel,
    Notification,
    NotificationPreference,
    OutboundMessage,
    OutboundStatus,
)
from learningcity.notifications.outbox import CHANNEL_LABELS, chosen, phone_channels
from learningcity.notifications.services import notification_mark_read, preferences_save
from learningcity.notifications.topics import TOPICS


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(Notification.objects.filter(recipient=request.user), 30).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/notification_list.html", {"page": page})


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    notification_mark_read(user=request.user, notification_id=pk)
    return HttpResponseRedirect(safe_next(request, reverse("notifications:list")))


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    """Which topics reach the person on which channel: in the platform, by e-mail to those who
    gave an address, and — to a verified mobile number — by SMS and WhatsApp."""
    current = {p.topic: p for p in NotificationPreference.objects.filter(user=request.user)}
    channels = ["in_app", *(["email"] if request.user.email else []), *phone_channels(request.user)]
    if request.method == "POST":
        choices = {
            topic: {channel: f"{topic}-{channel}" in request.POST for channel in channels} for topic in TOPICS
        }
        preferences_save(user=request.user, choices=choices)
        messages.success(request, _("Your choices were saved."))
        return redirect("notifications:preferences")
    rows = [
        {
            "topic": topic,
            "label": label,
            "channels": [
                (channel, CHANNEL_LABELS[channel], chosen(request.user, current.get(topic), channel))
                for channel in channels
            ],
        }
        for topic, label in TOPICS.items()
    ]
    return render(
        request,
        "notifications/preferences.html",
        {"rows": rows, "channels": [(channel, CHANNEL_LABELS[channel]) for channel in channels]},
    )


@login_required
def announcement_list(request: HttpRequest) -> HttpResponse:
    if not request.user.is_staff_member:
        raise PermissionDenied
    if request.user.is_programme_manager:
        announcements = Announcement.objects.annotate(
            recipients=Count("receipts"), read=Count("receipts", filter=Q(receipts__read_at__isnull=False))
        )
    else:
        announcements = Announcement.objects.filter(receipts__user=request.user).annotate(
            read=Count("receipts", filter=Q(receipts__user=request.user, receipts__read_at__isnull=False))
        )
    announcements = announcements.select_related("track").order_by("-published_at", "-pk")
    page = Paginator(announcements, 30).get_page(request.GET.get("page"))
    return render(request, "notifications/announcement_list.html", {"page": page})


@login_required
def announcement_create(request: HttpRequest) -> HttpResponse:
    if not request.user.is_programme_manager:
        raise PermissionDenied
    form = AnnouncementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            announcement = announcement_send(data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            count = audience_users(announcement).count()
            messages.success(
                request,
                ngettext("Being sent to %(count)s person.", "Being sent to %(count)s people.", count)
                % {"count": count},
            )
            return redirect(announcement)
    return render(
        request, "notifications/announcement_form.html", {"form": form}, status=form_status(request, form)
    )


@login_required
def announcement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    announcement = get_object_or_404(Announcement.objects.select_related("track", "created_by"), pk=pk)
    receipt = announcement.receipts.filter(user=request.user).first()
    if receipt is None and not request.user.is_programme_manager:
        raise PermissionDenied
    announcement_mark_read(announcement=announcement, user=request.user)
    receipts = None
    if request.user.is_programme_manager:
        receipts = announcement.receipts.select_related("user").order_by("read_at", "user__username")
    return render(
        request,
        "notifications/announcement_detail.html",
        {"announcement": announcement, "receipts": receipts},
    )


@login_required
def delivery_log(request: HttpRequest) -> HttpResponse:
    """Every e-mail, SMS and WhatsApp message the platform wrote: sent, waiting to try again, or
    failed and why — for the programme's managers."""
    if not request.user.is_programme_manager:
        raise PermissionDenied
    messages_ = OutboundMessage.objects.select_related("recipient")
    status = request.GET.get("status", "")
    channel = request.GET.get("channel", "")
    if status in OutboundStatus.values:
        messages_ = messages_.filter(status=status)
    if channel in Channel.values:
        messages_ = messages_.filter(channel=channel)
    counts = dict(
        OutboundMessage.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    page = Paginator(messages_, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/delivery_log.html",
        {
            "page": page,
            "status": status,
            "channel": channel,
            "statuses": [(value, label, counts.get(value, 0)) for value, label in OutboundStatus.choices],
            "channels": Channel.choices,
        },
    )
