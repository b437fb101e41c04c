from django.core.management.commands import makemessages


class Command(makemessages.Command):
    # Fuzzy matching guesses a translation from a similar string ("Coordination" from
    # "Coordinator"); a wrong guess in Arabic is worse than an untranslated string, which
    # the CI check catches.
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
