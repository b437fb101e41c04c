"""Whole pages kept for anonymous visitors: the public catalogue and the home page are the same
for everyone who is not signed in, so the page is rendered once per address, language and
generation of the data it shows (core/cache.py) and served again from the cache, at most
`seconds` old (the clock moves "coming up" and "places left" on).

Never one person's page to another: only a GET by an anonymous visitor with no message waiting
is served or stored; only a plain 200 answer that sets no cookie of its own is stored. The one
thing of the visitor's in such a page is their CSRF token (the language switch is a form): it
is stored as a placeholder and each visitor gets their own on the way out."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from learningcity.core.cache import settled_generation

PLACEHOLDER = "lc-csrf-token-placeholder"
# base.html hands the token to htmx on <body>; the same value fills every form's hidden input.
_TOKEN = re.compile(r'"X-CSRFToken": "([A-Za-z0-9]{32,64})"')
_KEPT_HEADERS = ("Content-Type", "Link")


def _anonymous_and_plain(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and not request.user.is_authenticated
        and "HX-Request" not in request.headers
        and not len(get_messages(request))
    )


def public_page(
    name: str, *, seconds: int = 60
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Keep the view's anonymous answers under the generation of `name`."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            current = settled_generation(name)
            if current is None or not _anonymous_and_plain(request):
                return view(request, *args, **kwargs)
            address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
            key = f"lc-page:{name}:{current}:{get_language()}:{address}"
            stored = cache.get(key)
            if stored is not None:
                body, headers = stored
                response = HttpResponse(body.replace(PLACEHOLDER, get_token(request)))
                for header, value in headers:
                    response[header] = value
                return response
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not response.cookies:
                body = response.content.decode(response.charset)
                token = _TOKEN.search(body)
                if token:
                    body = body.replace(token.group(1), PLACEHOLDER)
                headers = [
                    (header, response[header]) for header in _KEPT_HEADERS if response.has_header(header)
                ]
                cache.set(key, (body, headers), seconds)
            return response

        return wrapper

    return decorator
