"""The public catalogue: search, opportunity, provider and campaign pages (no sign-in)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template import Context
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from learningcity.catalogue import selectors
from learningcity.catalogue.forms import OpportunitySearchForm
from learningcity.catalogue.ical import opportunity_ical
from learningcity.catalogue.models import Campaign, Opportunity, OpportunityType
from learningcity.catalogue.permissions import can_edit_opportunity, can_view_unpublished, is_learner
from learningcity.catalogue.services.registrations import registration_refusal, session_refusal
from learningcity.catalogue.structured_data import opportunity_json_ld
from learningcity.core.addresses import absolute_url
from learningcity.core.cache import cached
from learningcity.core.public_pages import public_page
from learningcity.partners.models import Entity

PAGE_SIZE = 20

# Inside <script>, text such as "</script>" in a title must not end the element early.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def json_for_script(value: object) -> str:
    return mark_safe(json.dumps(value, ensure_ascii=False).translate(_SCRIPT_SAFE))  # noqa: S308 - escaped above


def render_fragment(name: str, context: dict, request: HttpRequest) -> str:
    """A part of a page drawn on its own, to be cached: with the request (the page links read
    its query string) but without the context processors, which the page runs once itself."""
    plain = Context({**context, "request": request})
    plain.request = request  # what {% querystring %} reads
    return get_template(name).template.render(plain)


@require_GET
@public_page(selectors.CATALOGUE_CACHE)
def opportunity_search(request: HttpRequest) -> HttpResponse:
    form = OpportunitySearchForm(request.GET)
    filters = form.filters()
    now = timezone.now().replace(second=0, microsecond=0)

    def sections() -> dict[str, Any]:
        # Drawing the filters (a template per choice) and twenty cards was most of the page's
        # time once the search itself was fast (bench/bench_http.py); neither holds anything
        # of the visitor's own, so both are kept for the same address, language and minute.
        result = selectors.catalogue_search(
            filters=filters, now=now, number=request.GET.get("page"), per_page=PAGE_SIZE
        )
        context = {"form": form, "result": result, "page": result.page, "parsed": result.parsed}
        if filters.get("q") and not result.page.paginator.count:
            context["near"] = selectors.near_matches(filters=filters, now=now)
            context["types"] = OpportunityType.choices
        return {
            "filters_html": render_fragment("catalogue/_search_filters.html", context, request),
            "results_html": render_fragment("catalogue/_search_results.html", context, request),
            "found": result.page.paginator.count,
        }

    address = sorted((name, request.GET.getlist(name)) for name in request.GET)
    key = ("search-page", get_language(), hashlib.sha256(repr(address).encode()).hexdigest(), now.isoformat())
    html = cached(selectors.CATALOGUE_CACHE, key, sections, timeout=selectors.SEARCH_CACHE_SECONDS)
    query = filters.get("q", "")
    context = {"form": form, "query": query, **html}
    # Following a search is the visitor's own (a form with their CSRF token): never cached.
    context["offer_follow"] = bool(query) and not html["found"]
    context["following"] = (
        context["offer_follow"]
        and is_learner(request.user)
        and request.user.learner.saved_searches.filter(query=" ".join(query.split())).exists()
    )
    return render(request, "catalogue/search.html", context)


def _opportunity_or_404(request: HttpRequest, pk: int) -> Opportunity:
    try:
        opportunity = selectors.opportunity_detail(pk=pk)
    except Opportunity.DoesNotExist as exc:
        raise Http404 from exc
    if not can_view_unpublished(request.user, opportunity):
        raise Http404
    return opportunity


@require_GET
@public_page(selectors.CATALOGUE_CACHE)
def opportunity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity_or_404(request, pk)
    sessions = selectors.session_list(opportunity=opportunity)
    registered = {}
    if is_learner(request.user):
        registered = {
            registration.session_id: registration
            for registration in request.user.learner.registrations.filter(
                session__opportunity=opportunity
            ).exclude(status="cancelled")
        }
    learner = request.user.learner if is_learner(request.user) else None
    for session in sessions:
        session.my_registration = registered.get(session.pk)
        # Said before the click: a session this learner cannot join shows why, not a button.
        refusal = (
            registration_refusal(learner=learner, session=session)
            if learner
            else session_refusal(session=session)
        )
        session.refusal = refusal.messages[0] if refusal else ""
    share_url = absolute_url(opportunity.get_absolute_url())
    structured = opportunity_json_ld(opportunity, sessions, request)
    return render(
        request,
        "catalogue/opportunity_detail.html",
        {
            "opportunity": opportunity,
            "sessions": sessions,
            "share_url": share_url,
            "json_ld": json_for_script(structured) if structured else "",
            "can_edit": can_edit_opportunity(request.user, opportunity),
            "now": timezone.now(),
        },
    )


@require_GET
def opportunity_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity_or_404(request, pk)
    sessions = selectors.session_list(opportunity=opportunity)
    body = opportunity_ical(
        opportunity,
        sessions,
        language=request.LANGUAGE_CODE,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="opportunity-{opportunity.pk}.ics"'
    return response


@require_GET
@public_page(selectors.CATALOGUE_CACHE)
def provider_detail(request: HttpRequest, pk: int) -> HttpResponse:
    provider = get_object_or_404(Entity.objects.prefetch_related("governorates"), pk=pk)
    opportunities, _parsed = selectors.opportunity_search(filters={"provider": provider, "sort": "soonest"})
    page = selectors.card_page(opportunities, request.GET.get("page"), PAGE_SIZE)
    return render(request, "catalogue/provider_detail.html", {"provider": provider, "page": page})


@require_GET
@public_page(selectors.CATALOGUE_CACHE)
def campaign_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    campaigns = list(selectors.campaign_list())
    return render(
        request,
        "catalogue/campaign_list.html",
        {
            "current": [c for c in campaigns if c.starts_on <= today <= c.ends_on],
            "coming": [c for c in campaigns if c.starts_on > today],
            "past": [c for c in campaigns if c.ends_on < today],
        },
    )


@require_GET
@public_page(selectors.CATALOGUE_CACHE)
def campaign_detail(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_object_or_404(Campaign, slug=slug)
    opportunities, _parsed = selectors.opportunity_search(filters={"campaign": campaign, "sort": "soonest"})
    page = selectors.card_page(opportunities, request.GET.get("page"), PAGE_SIZE)
    return render(
        request,
        "catalogue/campaign_detail.html",
        {
            "campaign": campaign,
            "page": page,
            "registration_count": selectors.campaign_registration_count(campaign),
            "is_current": campaign.is_current(),
        },
    )
