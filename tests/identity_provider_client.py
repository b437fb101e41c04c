"""The local OpenID Connect provider (identity_provider/, django-oauth-toolkit) started for the
tests on a free loopback port, and a person's browser at it: a requests session that signs in
at the provider's own login page and follows its redirects until they lead back to the
platform."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = {
    "national": ("learningcity-national", "national-client-secret"),
    "organisation": ("learningcity-staff", "organisation-client-secret"),
}
PASSWORD = "identity-demo"


@dataclass
class Provider:
    url: str
    process: subprocess.Popen

    def misbehave(self, id_token: str) -> None:
        """ "ok", "expired" or "wrong_key": how the next ID tokens are made."""
        requests.post(f"{self.url}/control/", data={"id_token": id_token}, timeout=5).raise_for_status()

    def allow(self, platform: str) -> None:
        requests.post(f"{self.url}/control/", data={"rp": platform}, timeout=5).raise_for_status()

    def settings_for(self, *names: str, **extra: dict) -> dict:
        return {
            name: {
                "kind": name,
                "discovery_url": f"{self.url}/o/.well-known/openid-configuration",
                "client_id": CLIENTS[name][0],
                "client_secret": CLIENTS[name][1],
                "scopes": "openid profile email phone" + (" national_id" if name == "national" else ""),
                "label_ar": "",
                "label_en": "",
                "national_id_claim": "national_id",
                "email_domains": ["gae.example.sa"] if name == "organisation" else [],
                "entity_claim": "",
                **extra.get(name, {}),
            }
            for name in names
        }


def start(data_dir: Path) -> Provider:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            # On the test run's clock (tests/conftest.py pytest_configure holds a run that starts
            # after 22:00 in Riyadh at 22:00): with the real one the provider's tokens were
            # issued "in the future" for the platform under test, and every sign-in through it
            # failed in runs started after 19:00 UTC.
            "import runpy, sys, time_machine;"
            "time_machine.travel(float(sys.argv.pop(1)), tick=True).start();"
            "runpy.run_module('identity_provider', run_name='__main__', alter_sys=True)",
            repr(time.time()),
            "--port",
            str(port),
            "--data-dir",
            str(data_dir),
            "--rp",
            "http://testserver",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if requests.get(f"{url}/o/.well-known/openid-configuration", timeout=1).ok:
                return Provider(url, process)
        except requests.ConnectionError:
            time.sleep(0.1)
        if process.poll() is not None:
            break
    process.kill()
    raise RuntimeError(
        f"the local identity provider did not start: {process.stderr.read().decode() if process.stderr else ''}"
    )


class Browser:
    """A person at the provider: signs in there when asked, and hands back the address the
    provider sends them to on the platform (which the Django test client then opens)."""

    def __init__(self) -> None:
        self.session = requests.Session()

    def follow(self, address: str, username: str | None = None, password: str = PASSWORD) -> str:
        """Open `address` at the provider; sign in as `username` if it asks; return the first
        address that leaves the provider."""
        provider = urlsplit(address).netloc
        for _ in range(10):
            response = self.session.get(address, allow_redirects=False, timeout=10)
            if response.status_code == 200 and 'name="password"' in response.text:
                assert username, "the provider asks who is signing in"
                token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text).group(1)
                response = self.session.post(
                    address,
                    data={
                        "csrfmiddlewaretoken": token,
                        "username": username,
                        "password": password,
                        "next": _next(address),
                    },
                    headers={"Referer": address},
                    allow_redirects=False,
                    timeout=10,
                )
            assert response.status_code in (301, 302), (response.status_code, response.text[:500])
            address = urljoin(address, response.headers["Location"])
            if urlsplit(address).netloc != provider:
                return address
        raise AssertionError("the provider kept redirecting")


def _next(address: str) -> str:
    from urllib.parse import parse_qs

    return parse_qs(urlsplit(address).query).get("next", [""])[0]
