"""Compute the sentence embeddings of every opportunity that has none or changed since (the
background job does this as opportunities change; this catches up after an import, a restore
or a model upgrade)."""

from django.core.management.base import BaseCommand

from learningcity.catalogue.search.semantic import embed_changed, enabled


class Command(BaseCommand):
    help = "Embed the opportunities that have no embedding or changed since, for the semantic search."

    def handle(self, *args, **options):
        if not enabled():
            self.stdout.write("Semantic search is off (SEARCH_SEMANTIC=false): nothing to embed.")
            return
        self.stdout.write(f"Embedded {embed_changed()} opportunities.")
