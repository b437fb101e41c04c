import secrets

from django.core.management.base import BaseCommand

from learningcity.catalogue.credentials import b64url


class Command(BaseCommand):
    help = (
        "Print a new Ed25519 signing key for certificates, for the CREDENTIAL_SIGNING_KEY setting. "
        "Keep it secret and keep it: badges signed with it verify only against its public half."
    )

    def handle(self, *args, **options):
        self.stdout.write(b64url(secrets.token_bytes(32)))
