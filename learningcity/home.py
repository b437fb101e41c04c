"""The home page: the public face of every area at once (learning opportunities first, then the
programme in figures), so it lives at the project level, above the apps, not in core."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from learningcity.catalogue.forms import OpportunitySearchForm
from learningcity.catalogue.recommendations import suggestions_for_user
from learningcity.catalogue.selectors import home_sections
from learningcity.core.selectors import region_list
from learningcity.partners.selectors import partner_summary


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "home.html",
        {
            "summary": partner_summary(),
            "regions": region_list(),
            "catalogue": home_sections(),
            "search_form": OpportunitySearchForm(),
            "suggestions": suggestions_for_user(request.user),
        },
    )
