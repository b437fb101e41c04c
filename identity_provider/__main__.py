"""python -m identity_provider --port 8021 --rp http://127.0.0.1:8020 [--rp …]

Prepares the provider's database, signing key, people and its two clients ("national" and
"organisation", each allowed to return to <rp>/identity/<client>/callback/ and to <rp>/ after
signing out), then serves on 127.0.0.1:<port> until stopped."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

CLIENTS = {
    "national": ("learningcity-national", "national-client-secret"),
    "organisation": ("learningcity-staff", "organisation-client-secret"),
}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m identity_provider")
    parser.add_argument("--port", type=int, default=8021)
    parser.add_argument("--data-dir", default=os.environ.get("IDP_DATA_DIR", "/tmp/identity-provider"))
    parser.add_argument("--rp", action="append", default=[], help="the platform's address (repeatable)")
    arguments = parser.parse_args()

    data_dir = Path(arguments.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    key = data_dir / "signing-key.pem"
    if not key.exists():
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        key.write_bytes(
            private.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
    os.environ["IDP_DATA_DIR"] = str(data_dir)
    os.environ["IDP_ISSUER"] = f"http://127.0.0.1:{arguments.port}/o"
    os.environ["DJANGO_SETTINGS_MODULE"] = "identity_provider.settings"

    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oauth2_provider.models import Application

    from identity_provider.people import PASSWORD, PEOPLE

    call_command("migrate", verbosity=0, interactive=False)
    for username in PEOPLE:
        person, created = User.objects.get_or_create(username=username)
        if created:
            person.set_password(PASSWORD)
            person.save()
    rps = [address.rstrip("/") for address in arguments.rp] or ["http://127.0.0.1:8000"]
    for name, (client_id, secret) in CLIENTS.items():
        Application.objects.filter(client_id=client_id).delete()
        Application.objects.create(
            name=name,
            client_id=client_id,
            client_secret=secret,
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
            algorithm=Application.RS256_ALGORITHM,
            redirect_uris=" ".join(f"{rp}/identity/{name}/callback/" for rp in rps),
            post_logout_redirect_uris=" ".join(f"{rp}/" for rp in rps),
            skip_authorization=True,
        )
    call_command("runserver", f"127.0.0.1:{arguments.port}", use_reloader=False, verbosity=0)


if __name__ == "__main__":
    main()
