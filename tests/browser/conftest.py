"""Real-browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Playwright's synchronous API runs an event loop in the test thread, so Django's guard
against database calls from async code has to be told this is intended.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_SOURCE = Path(__file__).parent / "vendor" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",  # the tests run as root in CI
    "--disable-gpu",
    "--disable-dev-shm-usage",
    # The machine has no outside network; without these Chromium keeps trying to reach Google.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test` (it installs Debian's chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class BrowserPage:
    """A page plus what the tests want to know about it: console errors (CSP violations
    included) and axe-core's verdict."""

    def __init__(self, page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.console_errors: list[str] = []
        page.on(
            "console", lambda message: message.type == "error" and self.console_errors.append(message.text)
        )
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def goto(self, path: str):
        return self.page.goto(self.base_url + path)

    def sign_in(self, username: str, password: str, language: str = "ar") -> None:
        self.goto(f"/{language}/accounts/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        self.page.locator("main form button[type=submit]").click()
        self.page.wait_for_load_state()

    def violations_of(self, *rules: str) -> list[dict]:
        """axe-core's findings for the named rules only, whatever their impact (heading-order is
        "moderate", so the serious-only check does not see it)."""
        self.page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
        result = self.page.evaluate(
            "async (rules) => await axe.run(document, {resultTypes: ['violations'],"
            " runOnly: {type: 'rule', values: rules}})",
            list(rules),
        )
        return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]

    def serious_accessibility_violations(self) -> list[dict]:
        # evaluate() goes through the DevTools protocol, which the page's CSP does not govern,
        # so axe can be injected without weakening the policy under test.
        self.page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
        result = self.page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations'],"
            " runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
        )
        return [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]


@pytest.fixture
def web(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield BrowserPage(page, live_server.url)
    context.close()


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield BrowserPage(page, live_server.url)
    context.close()
