"""On SQLite, an FTS5 index over the normalised search columns, kept in step by triggers, so
the catalogue search finds its matches without reading every row (`LIKE '% term%'` over
50,000 opportunities is a full scan per term). PostgreSQL has its trigram indexes (0002).

The index holds the same normalised, stemmed terms as the columns (core.arabic.search_document),
so a query term matches as a word prefix exactly as the LIKE does. Where FTS5 is missing from
the SQLite library the search keeps its scan.
"""

import logging

from django.db import migrations

logger = logging.getLogger(__name__)

TABLE = "catalogue_opportunity_fts"
STATEMENTS = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "search_title, search_body, content='catalogue_opportunity', content_rowid='id', tokenize='unicode61')",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_insert AFTER INSERT ON catalogue_opportunity BEGIN "
    f"INSERT INTO {TABLE}(rowid, search_title, search_body) VALUES (new.id, new.search_title, new.search_body); END",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_delete AFTER DELETE ON catalogue_opportunity BEGIN "
    f"INSERT INTO {TABLE}({TABLE}, rowid, search_title, search_body) VALUES ('delete', old.id, old.search_title, old.search_body); END",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_update AFTER UPDATE OF search_title, search_body ON catalogue_opportunity BEGIN "
    f"INSERT INTO {TABLE}({TABLE}, rowid, search_title, search_body) VALUES ('delete', old.id, old.search_title, old.search_body); "
    f"INSERT INTO {TABLE}(rowid, search_title, search_body) VALUES (new.id, new.search_title, new.search_body); END",
    f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT sqlite_compileoption_used('ENABLE_FTS5')")
        if not cursor.fetchone()[0]:
            logger.warning("this SQLite has no FTS5; catalogue search scans the table")
            return
    for statement in STATEMENTS:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for name in ("insert", "delete", "update"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_{name}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0003_external_id")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
