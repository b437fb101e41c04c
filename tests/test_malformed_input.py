"""Malformed input never breaks the server: every address of the permission matrix, asked by a
role it serves, with bad values — ids beyond the database's integer range, impossible dates,
text where a number belongs, NUL characters, very long strings, bytes that are not UTF-8 — in
the address itself, in every query parameter and in every form and API field the platform
reads, answers below 500 (a form error, a 400 problem, a 404), never a server error.

The field names come from the code, not from a list kept here: every form and serializer the
platform defines gives its field names, and every request carries all of them, so a new form
field is walked the day it is written.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from django import forms
from django.db import transaction
from django.urls import get_resolver, reverse
from rest_framework import serializers

from tests.test_permission_matrix import READ_ONLY, Expect, _url, cases_in_shares, preferred_role, signed_in

# The matrix's world, built once for this module too.
from tests.test_permission_matrix import module_world as module_world
from tests.test_permission_matrix import world as world
from tests.test_permission_matrix import world_root as world_root

pytestmark = pytest.mark.xdist_group("malformed-input")  # the cases are dealt into shares below

BEYOND_BIGINT = "9223372036854775808"  # 2**63: one past the largest id a database column holds

# What people (and scanners) send: each value goes into every field at once.
BAD_VALUES = {
    "beyond bigint": BEYOND_BIGINT,
    "beyond 64 bits": "99999999999999999999999",
    "below bigint": "-9223372036854775809",
    "impossible date": "2026-02-30",
    "impossible date-time": "2026-02-30T00:00:00Z",
    "not a number": "abc",
    "not a finite number": "1e999",
    "NaN": "NaN",
    "digit-like sign": "²",
    "NUL character": "a\x00b",
    "long text": "م" * 5000,
}
# In an address the long text is as long as one value can be: gunicorn refuses a request line
# over 4,094 bytes (its limit_request_line) before Django sees it, and an Arabic letter is six
# bytes once percent-encoded. Sending every query field 5,000 letters (9 MB of URL) tested a
# request no server passes on and took most of the suite's time in parsing it.
LONGEST_QUERY_VALUE = "م" * 680
# A query string and a form body whose bytes are not UTF-8 (percent-encoded, as a browser or
# a scanner sends them).
NOT_UTF8 = "%FF%FE%C3%28"
# Forms are posted as a browser posts a form without a file (urlencoded); these kinds come as
# multipart/form-data instead, so that its parser meets them too. (Every kind as multipart, the
# test client's default, spent a fifth of the walk encoding and parsing hundreds of fields.)
MULTIPART_KINDS = frozenset({"NUL character", "long text"})
# JSON values of the wrong shape for the API: a number too large for any column, a list and an
# object where a scalar belongs.
BAD_JSON = {
    "huge number": 2**70,
    "list": [BEYOND_BIGINT],
    "object": {"id": BEYOND_BIGINT},
}
# Parameters a view reads straight from the request, without a form (or through the API's
# record filters): found in the source.
READ_IN_VIEWS = re.compile(
    r"request\.(?:GET|POST|query_params|data)(?:\.get|\.getlist)?[(\[]\s*[\"'](\w+)"
    r"|record_filter_value\(\s*[\w.]+,\s*[\"'](\w+)"
)


def _subclasses(cls: type) -> Iterator[type]:
    _ = get_resolver().url_patterns  # importing the URL configuration imports every view and form
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _our(cls: type) -> bool:
    return cls.__module__.startswith("learningcity.")


@functools.cache  # the source and the forms do not change during a run
def names_read_in_views() -> frozenset[str]:
    source = Path(__file__).resolve().parent.parent / "learningcity"
    found = (match for path in source.rglob("*.py") for match in READ_IN_VIEWS.findall(path.read_text()))
    return frozenset(name for groups in found for name in groups if name)  # one group matched


@functools.cache
def form_field_names() -> frozenset[str]:
    """Every field name of every form the platform defines, and every parameter a view reads
    without one."""
    names = set(names_read_in_views())
    for form in _subclasses(forms.BaseForm):
        if _our(form):
            names |= set(getattr(form, "base_fields", {}))
    return frozenset(names)


@functools.cache
def serializer_field_names() -> frozenset[str]:
    names = set(names_read_in_views())
    for serializer in _subclasses(serializers.BaseSerializer):
        if _our(serializer):
            try:
                names |= set(serializer().fields)
            except Exception:  # a serializer that needs its view's context to list its fields
                names |= set(getattr(getattr(serializer, "Meta", None), "fields", ()) or ())
    return frozenset(names)


def _with_bad_ids(name: str, kwargs: dict[str, Any]) -> list[str]:
    """The address with each integer in it replaced by one beyond the database's range."""
    if not any(isinstance(value, int) for value in kwargs.values()):
        return []
    return [
        _url(name, {key: (int(bad) if isinstance(value, int) else value) for key, value in kwargs.items()})
        for bad in (BEYOND_BIGINT, "99999999999999999999999")
    ]


def _reader(expect: Expect) -> str | None:
    return preferred_role(expect.read)


def _writer(expect: Expect) -> str | None:
    return preferred_role(expect.read if expect.write is READ_ONLY else expect.write)


def _requests(name: str, expect: Expect, world: dict) -> Iterator[tuple[str, str, dict]]:
    """(role, description, request) for every malformed request made to the address."""
    url = _url(name, expect.kwargs(world))
    api = name.startswith("api:")
    reader, writer = _reader(expect), _writer(expect)
    form_names, api_names = form_field_names(), serializer_field_names()
    if reader:
        for bad_url in _with_bad_ids(name, expect.kwargs(world)):
            yield reader, f"GET {bad_url}", {"method": "get", "path": bad_url}
        query_names = api_names if api else form_names
        for kind, value in BAD_VALUES.items():
            value = LONGEST_QUERY_VALUE if kind == "long text" else value
            yield (
                reader,
                f"GET ?…={kind}",
                {"method": "get", "path": url, "data": dict.fromkeys(query_names, value)},
            )
        yield reader, "GET ?…=not UTF-8", {"method": "get", "path": f"{url}?q={NOT_UTF8}&page={NOT_UTF8}"}
    if not writer:
        return
    for bad_url in _with_bad_ids(name, expect.kwargs(world)):
        yield writer, f"POST {bad_url}", _write_request(api, name, bad_url, {})
    for kind, value in BAD_VALUES.items():
        fields = dict.fromkeys(api_names if api else form_names, value)
        yield (
            writer,
            f"POST {kind}",
            _write_request(api, name, url, fields, multipart=kind in MULTIPART_KINDS),
        )
    if api:
        for kind, value in BAD_JSON.items():
            yield writer, f"POST JSON {kind}", _write_request(api, name, url, dict.fromkeys(api_names, value))
    else:
        body = "&".join(f"{field}={NOT_UTF8}" for field in sorted(form_names))
        yield writer, "POST not UTF-8", _form_post(url, body)


def _form_post(url: str, body: str) -> dict:
    return {"method": "post", "path": url, "data": body, "content_type": "application/x-www-form-urlencoded"}


def _write_request(api: bool, name: str, url: str, fields: dict, *, multipart: bool = False) -> dict:
    if not api:
        # multipart/form-data is the test client's default encoding.
        return (
            {"method": "post", "path": url, "data": fields}
            if multipart
            else _form_post(url, urlencode(fields))
        )
    method = "patch" if name.endswith("-detail") else "post"
    return {"method": method, "path": url, "data": json.dumps(fields), "content_type": "application/json"}


def _server_errors(world: dict, name: str, expect: Expect) -> list[tuple[str, str, str]]:
    errors = []
    clients = {role: signed_in(world, role) for role in world["users"]}
    for client in clients.values():
        client.raise_request_exception = True
    for role, description, request in _requests(name, expect, world):
        request = dict(request)
        method = request.pop("method")
        with transaction.atomic():
            try:
                response = getattr(clients[role], method)(**request)
                status = response.status_code
                problem = response.content[:300].decode("utf-8", "replace") if status >= 500 else ""
            except Exception as error:  # the test client re-raises what the view raised
                status, problem = 500, f"{type(error).__name__}: {error}"[:300]
            transaction.set_rollback(True)
        if status >= 500:
            errors.append((role, description, problem))
    return errors


@pytest.mark.parametrize(("name", "expect"), cases_in_shares("malformed-input", 4))
def test_no_server_error_from_malformed_input(world, name, expect):
    assert _server_errors(world, name, expect) == [], name


def test_the_walk_reaches_the_fields_people_fill_in():
    """The vocabulary really holds the platform's fields (an empty one would walk nothing)."""
    form_names, api_names = form_field_names(), serializer_field_names()
    for field in ("initiative", "entity", "email", "mobile", "starts_at", "session", "title_ar", "page"):
        assert field in form_names, field
    for field in ("session", "registrations", "updated_since"):
        assert field in api_names, field
    assert reverse("api:session-complete", kwargs={"pk": 1})  # an id list the issue named
