from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from learningcity.exchange.models import TokenScope
from learningcity.exchange.tokens import token_create
from learningcity.partners.models import Entity
from learningcity.partners.permissions import coordinated_entity_ids


class Command(BaseCommand):
    help = (
        "Make an API token for a coordinator's entity and print it (once). Read only unless --write. "
        "A coordinator of several entities, or a manager, names the entity with --entity."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--write", action="store_true", help="Allow writes as well as reads.")
        parser.add_argument("--entity", type=int, help="The entity's id (when the user has more than one).")
        parser.add_argument("--name", default="script", help="What uses the token.")
        parser.add_argument("--days", type=int, default=90, help="How long it is valid (1–366 days).")

    def handle(self, *args, **options):
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user {options['username']!r}.")
        if options["entity"]:
            entity = Entity.objects.filter(pk=options["entity"]).first()
        else:
            mine = sorted(coordinated_entity_ids(user))
            if len(mine) != 1:
                raise CommandError("Name the entity with --entity <id>.")
            entity = Entity.objects.get(pk=mine[0])
        if entity is None:
            raise CommandError("No such entity.")
        scope = TokenScope.WRITE if options["write"] else TokenScope.READ
        try:
            token, plain = token_create(
                entity=entity, name=options["name"], scope=scope, days=options["days"], by=user
            )
        except PermissionDenied as exc:
            raise CommandError(f"{user} may not make tokens for {entity}.") from exc
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stderr.write(
            f"Token {token.prefix} for {entity.name_en or entity.name_ar} ({scope}), expires {token.expires_at:%Y-%m-%d}:"
        )
        self.stdout.write(plain)
