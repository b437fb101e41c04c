"""A full-text index of the titles alone on PostgreSQL, for the ranked search's first look
(catalogue/search/lexical.py: when enough opportunities hold every word of a query in their
title, they are the answer). SQLite's FTS5 table already indexes the title as its own column."""

from django.db import migrations

# The same expression as catalogue/search/lexical.py's PG_TITLE, or the index is not used.
INDEX = "catalogue_opportunity_title_fts"
EXPRESSION = "to_tsvector('simple'::regconfig, search_title)"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'catalogue_opportunity_ranked_fts'")
        if not cursor.fetchone():
            return  # no full-text search on this database (migration 0010 said why)
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON catalogue_opportunity USING gin ({EXPRESSION})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0011_defective_plural_roots_abbreviations")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
