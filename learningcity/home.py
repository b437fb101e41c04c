"""The home page: the public face of every area at once (learning opportunities first, then the
programme in figures), so it lives at the project level, above the apps, not in core."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language

from learningcity.catalogue.recommendations import suggestions_for_user
from learningcity.catalogue.selectors import CATALOGUE_CACHE, home_sections
from learningcity.core.cache import cached
from learningcity.core.public_pages import public_page
from learningcity.core.selectors import region_list
from learningcity.partners.selectors import partner_summary

# The catalogue's parts of the page are the same for everyone who reads the language: rendered
# once per generation of the catalogue (core/cache.py) and reused, at most a minute old so that
# "coming up" moves on with the clock. Rendered without the request: nothing of the reader's
# can enter them.
CATALOGUE_PARTS_SECONDS = 60


def _catalogue_parts() -> dict[str, str]:
    context = {"catalogue": home_sections()}
    return {
        part: render_to_string(f"home/_{template}.html", context)
        for part, template in (("totals", "totals"), ("kinds", "kinds"), ("sections", "catalogue"))
    }


@public_page(CATALOGUE_CACHE)
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "home.html",
        {
            "summary": partner_summary(),
            "regions": region_list(),
            "parts": cached(
                CATALOGUE_CACHE, ("home", get_language()), _catalogue_parts, timeout=CATALOGUE_PARTS_SECONDS
            ),
            "suggestions": suggestions_for_user(request.user),
        },
    )
