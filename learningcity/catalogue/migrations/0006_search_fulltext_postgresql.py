"""On PostgreSQL, a full-text (GIN) index over the normalised search columns, so the
catalogue search finds its matches from the index: trigram indexes (0002) serve a short
Arabic term badly — "حاسب" has few trigrams, and thousands of rows were re-checked
(bench/bench_catalogue.py). SQLite has FTS5 (0004).

The columns already hold core.arabic's normalised, stemmed terms separated by spaces, so
the 'simple' configuration (split, lower-case, nothing else) indexes exactly those terms and
a query term matches as a word prefix (`term:*`), as the LIKE does. Where this server's
parser does not see Arabic letters as word characters (a database created with a non-UTF-8
locale), the index is not created and the search keeps the trigram path.
"""

import logging

from django.db import migrations

logger = logging.getLogger(__name__)

INDEX = "catalogue_opportunity_search_fts"
# The same expression as catalogue/selectors.py's query, or the index is not used.
DOCUMENT = "to_tsvector('simple'::regconfig, search_title || ' ' || search_body)"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('simple'::regconfig, 'حاسب') = 'حاسب:1'::tsvector")
        if not cursor.fetchone()[0]:
            logger.warning("this database's text parser does not read Arabic; no full-text index")
            return
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON catalogue_opportunity USING gin ({DOCUMENT})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0005_upcoming_session_at")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
