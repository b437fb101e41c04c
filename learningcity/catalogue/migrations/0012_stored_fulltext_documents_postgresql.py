"""PostgreSQL's full-text documents stored, not computed per row: the whole index text and the
title alone as generated tsvector columns, each with its GIN index.

A phrase ("ريادة الأعمال", "إسعافات أولية") cannot be answered from a GIN index alone; every
row it points to is checked again, and with an expression index that meant running
to_tsvector on each one (2,700 rows: 120 ms at 50,000 opportunities). The title's own
document serves the ranked search's first look (catalogue/search/lexical.py: when enough
opportunities hold every word of a query in their title, they are the answer). SQLite's FTS5
table already keeps both."""

from django.db import migrations

OLD_INDEX = "catalogue_opportunity_ranked_fts"
# The names catalogue/search/lexical.py reads (PG_DOCUMENT, PG_TITLE, PG_FTS_INDEX).
COLUMNS = {
    "search_document": "search_title || ' ' || search_body || ' ' || search_roots",
    "search_title_document": "search_title",
}
INDEXES = {
    "catalogue_opportunity_document_fts": "search_document",
    "catalogue_opportunity_title_fts": "search_title_document",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [OLD_INDEX])
        if not cursor.fetchone():
            return  # no full-text search on this database (migration 0010 said why)
    for column, text in COLUMNS.items():
        schema_editor.execute(
            f"ALTER TABLE catalogue_opportunity ADD COLUMN IF NOT EXISTS {column} tsvector "
            f"GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, {text})) STORED"
        )
    for index, column in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {index} ON catalogue_opportunity USING gin ({column})")
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"ALTER TABLE catalogue_opportunity DROP COLUMN IF EXISTS {column}")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON catalogue_opportunity USING gin "
        "(to_tsvector('simple'::regconfig, search_title || ' ' || search_body || ' ' || search_roots))"
    )


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0011_defective_plural_roots_abbreviations")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
