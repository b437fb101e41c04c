from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from learningcity.accounts.selectors import user_memberships
from learningcity.coordination.models import CalendarFeed
from learningcity.core.addresses import absolute_url


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    feed = CalendarFeed.objects.filter(user=request.user).first()
    feed_url = absolute_url(reverse("coordination:calendar_feed", args=[feed.token])) if feed else ""
    return render(
        request,
        "accounts/profile.html",
        {"memberships": user_memberships(user=request.user), "calendar_feed_url": feed_url},
    )
