"""The host app: an installable page (web app manifest and service worker, no app store) that
keeps working without a connection. It downloads the day's sessions and their registrants,
checks people in and signs walk-ins up offline, and sends what it recorded when the
connection returns (services.py answers each record)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_POST

from learningcity.catalogue.models import Session
from learningcity.catalogue.permissions import can_edit_opportunity, can_manage_opportunities
from learningcity.core.decorators import role_required
from learningcity.core.disaggregation import AgeGroup, Nationality, Sex
from learningcity.hostapp import services

# Who hosts sessions: programme managers and the coordinators of an entity (the people who
# take attendance on the registrants page).
host_required = role_required(can_manage_opportunities)

STATIC = Path(__file__).resolve().parent.parent / "static"
FONTS = STATIC / "vendor" / "fonts" / "ibm-plex-sans-arabic"


def _shell(request: HttpRequest) -> list[str]:
    """What the service worker keeps so the app opens without a connection."""
    rtl = request.LANGUAGE_CODE == "ar"
    return [
        reverse("hostapp:app"),
        static("vendor/bootstrap/bootstrap.rtl.min.css" if rtl else "vendor/bootstrap/bootstrap.min.css"),
        static("css/app.css"),
        static("js/app.js"),
        static("js/host.js"),
        static("vendor/htmx/htmx.min.js"),
        static("vendor/bootstrap/bootstrap.bundle.min.js"),
        static("img/favicon.svg"),
        *(static(f"vendor/fonts/ibm-plex-sans-arabic/{font.name}") for font in sorted(FONTS.glob("*.woff2"))),
    ]


@host_required
@require_GET
def app(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "hostapp/app.html",
        {
            "sexes": Sex.choices,
            "age_groups": AgeGroup.choices,
            "nationalities": Nationality.choices,
            "strings": _strings(),
            "urls": {
                "day": reverse("hostapp:day"),
                "sync": reverse("hostapp:sync"),
                "token": reverse("hostapp:token"),
                "walk_in_places": reverse("hostapp:walk_in_places", args=[0]),
                "worker": reverse("hostapp:service_worker"),
                "login": reverse("login"),
            },
            "user_key": hashlib.sha256(f"{request.user.pk}:{settings.SECRET_KEY}".encode()).hexdigest()[:16],
        },
    )


def _strings() -> dict[str, str]:
    """What the app says, in the page's language (the script carries no text of its own)."""
    return {
        "online": _("Online."),
        "offline": _("Offline: check-ins are kept on this device and sent when the connection returns."),
        # Said of a record (سجل: أُرسل، رُفض).
        "waiting": pgettext("a record's state", "Waiting to be sent"),
        "sent": pgettext("a record's state", "Sent"),
        "refused": pgettext("a record's state", "Refused"),
        "nothing_to_send": _("Nothing waiting to be sent."),
        "to_send": _("Records waiting to be sent: %(count)s"),
        "downloaded": _("Downloaded at %(time)s: %(count)s sessions."),
        "no_sessions": _("No sessions to host today."),
        "not_downloaded": _("Download today's sessions while you have a connection."),
        "check_in": _("Check in"),
        "checked_in": _("Checked in"),
        "walk_in_left": _("Walk-in places left on this device: %(left)s of %(places)s."),
        "no_walk_in_left": _("This device has no walk-in places left for this session."),
        "audience": _("This session is not for this person's sex or age group."),
        "sign_in_again": _("Your sign-in has ended: sign in again to send what is waiting."),
        "failed": _("The records could not be sent; they stay on this device and are sent again later."),
        "no_match": _("Nobody in this session matches."),
        "check_in_kind": _("Check-in"),
        "walk_in_kind": _("Walk-in"),
        "meeting_check_in_kind": _("Meeting check-in"),
        "meeting": _("Meeting: %(title)s"),
        "meeting_code": _("The room's check-in code, for those checking themselves in: %(code)s"),
        "invited": _("Invited coordinators"),
        "registered": _("People registered"),
        "scan_failed": _("The camera could not be opened; search by name or reference instead."),
    }


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, from the app's own address so that it may serve the app's pages."""
    shell = _shell(request)
    version = hashlib.sha256(json.dumps(shell).encode() + _script_digest()).hexdigest()[:12]
    body = render(
        request,
        "hostapp/sw.js",
        {"shell": json.dumps(shell), "version": version},
        content_type="text/javascript",
    )
    body["Cache-Control"] = "no-cache"
    return body


def _script_digest() -> bytes:
    return hashlib.sha256((STATIC / "js" / "host.js").read_bytes()).digest()


@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    data = {
        "name": _("Learning City Platform — host app"),
        "short_name": _("Host app"),
        "description": _("Check people in at sessions, even without a connection."),
        "lang": request.LANGUAGE_CODE,
        "dir": "rtl" if request.LANGUAGE_CODE == "ar" else "ltr",
        "start_url": reverse("hostapp:app"),
        "scope": reverse("hostapp:app"),
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5d4b",
        "icons": [{"src": static("img/favicon.svg"), "sizes": "any", "type": "image/svg+xml"}],
    }
    return JsonResponse(
        data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )


@host_required
@require_GET
def day(request: HttpRequest) -> JsonResponse:
    try:
        wanted = dt.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        wanted = timezone.localdate()
    device = request.GET.get("device", "")[:64]
    return JsonResponse(
        {**services.day_for(user=request.user, device=device, day=wanted), "csrf": get_token(request)},
        json_dumps_params={"ensure_ascii": False},
    )


@host_required
@require_GET
def token(request: HttpRequest) -> JsonResponse:
    """A fresh form token before sending: the page kept offline may hold an old one."""
    response = JsonResponse({"csrf": get_token(request)})
    response["Cache-Control"] = "no-store"
    return response


def _body(request: HttpRequest) -> dict[str, Any]:
    """The JSON the app sends ({} for anything else: a form post, a body that is not JSON)."""
    if request.content_type != "application/json":
        return {}
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


@host_required
@require_POST
def walk_in_places(request: HttpRequest, pk: int) -> JsonResponse:
    session = get_object_or_404(Session.objects.select_related("opportunity"), pk=pk)
    if not can_edit_opportunity(request.user, session.opportunity):
        raise PermissionDenied
    data = _body(request)
    places = data.get("places")
    if not isinstance(places, int) or not 0 <= places <= 500:
        return JsonResponse({"error": _("Give a whole number of places from 0 to 500.")}, status=400)
    try:
        allotment = services.walk_in_places_set_aside(
            session=session, device=str(data.get("device") or ""), places=places, by=request.user
        )
    except ValidationError as exc:
        return JsonResponse({"error": exc.messages[0]}, status=400)
    return JsonResponse({"places": allotment.places, "used": allotment.used})


@host_required
@require_POST
def sync(request: HttpRequest) -> JsonResponse:
    data = _body(request)
    records = data.get("records")
    if not isinstance(records, list) or not all(isinstance(record, dict) for record in records):
        return JsonResponse({"error": _("The records could not be read.")}, status=400)
    try:
        answers = services.sync(records=records, device=str(data.get("device") or ""), by=request.user)
    except ValidationError as exc:
        return JsonResponse({"error": exc.messages[0]}, status=400)
    return JsonResponse({"results": answers}, json_dumps_params={"ensure_ascii": False})
