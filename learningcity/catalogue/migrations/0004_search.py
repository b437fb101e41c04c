"""The catalogue search's own database objects, which no model describes, as the squashed
migrations 0002–0012 left them (see catalogue/search/lexical.py, which reads them):

- PostgreSQL: trigram indexes on the index columns (pg_trgm, where it can be created), and the
  full-text documents stored as generated tsvector columns with their GIN indexes — the whole
  index text and the title alone — where the server's parser reads Arabic;
- SQLite: an FTS5 table over the three index columns, kept in step by triggers, where the
  library has FTS5;
- a first thesaurus of the words people in the region use for the same thing (programme
  managers keep it in the back office), with the abbreviations people type in Latin letters.

On a server without one of these the search still works, by scanning; each step says so.
Nothing here imports the platform's code: a migration keeps what it meant when written."""

import logging

from django.db import migrations

logger = logging.getLogger(__name__)

TABLE = "catalogue_opportunity"

TRIGRAM_INDEXES = {
    "catalogue_opportunity_search_title_trgm": "search_title",
    "catalogue_opportunity_search_body_trgm": "search_body",
}
# The names catalogue/search/lexical.py reads (PG_DOCUMENT, PG_TITLE, PG_FTS_INDEX).
PG_DOCUMENTS = {
    "search_document": "search_title || ' ' || search_body || ' ' || search_roots",
    "search_title_document": "search_title",
}
PG_DOCUMENT_INDEXES = {
    "catalogue_opportunity_document_fts": "search_document",
    "catalogue_opportunity_title_fts": "search_title_document",
}

FTS = "catalogue_opportunity_fts"
COLUMNS = "search_title, search_body, search_roots"
NEW = "new.search_title, new.search_body, new.search_roots"
OLD = "old.search_title, old.search_body, old.search_roots"
SQLITE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5({COLUMNS}, content='{TABLE}', content_rowid='id', "
    "tokenize='unicode61')",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_insert AFTER INSERT ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}(rowid, {COLUMNS}) VALUES (new.id, {NEW}); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_delete AFTER DELETE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, {COLUMNS}) VALUES ('delete', old.id, {OLD}); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_update AFTER UPDATE OF {COLUMNS} ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, {COLUMNS}) VALUES ('delete', old.id, {OLD}); "
    f"INSERT INTO {FTS}(rowid, {COLUMNS}) VALUES (new.id, {NEW}); END",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]

# fmt: off
THESAURUS = [
    "كمبيوتر, حاسب, حاسوب, حاسب آلي, computer, pc",
    "جوال, هاتف, موبايل, هاتف ذكي, mobile, phone, smartphone",
    "كورس, دورة, دورة تدريبية, course",
    "نساء, سيدات, نسائي, المرأة, امرأة, فتيات, women, ladies, female",
    "رجال, رجالي, men, male",
    "أطفال, طفل, صغار, children, kids, child",
    "شباب, يافعين, youth, young people, teens",
    "كبار السن, مسنين, متقاعدين, seniors, elderly",
    "ذكاء اصطناعي, ai, artificial intelligence",
    "إنجليزي, إنجليزية, انقليزي, انجلش, english",
    "برمجة, كود, تكويد, programming, coding",
    "بايثون, بايثن, python",
    "إكسل, اكسل, excel, جداول بيانات, spreadsheets",
    "تصوير, فوتوغرافي, photography, camera",
    "إسعافات أولية, إسعاف, إنعاش, first aid, cpr",
    "خياطة, تفصيل, sewing, tailoring",
    "طبخ, طهي, مطبخ, cooking, culinary",
    "قرآن, تحفيظ, تجويد, quran",
    "خط عربي, calligraphy",
    "ريادة أعمال, مشروع صغير, entrepreneurship, startup",
    "تسويق رقمي, تسويق إلكتروني, digital marketing",
    "أمن سيبراني, حماية البيانات, cybersecurity, cyber security",
    "محو الأمية, تعليم الكبار, literacy",
    "لغة الإشارة, صم, sign language, deaf",
    "برايل, مكفوفين, كفيف, braille, blind",
    "سياحة, إرشاد سياحي, مرشد سياحي, tourism, tour guide",
    "زراعة, مزارع, farming, agriculture, gardening",
    "تصميم جرافيك, فوتوشوب, graphic design, photoshop",
    "رياضة, لياقة, fitness, sports",
    "مالية شخصية, ادخار, ميزانية, personal finance, budgeting, saving",
    "رسم, فنون تشكيلية, drawing, painting, art",
    "سباحة, swimming",
]
# fmt: on

# fmt: off
ABBREVIATIONS = [
    "تقنية المعلومات, it, information technology, حاسب آلي, كمبيوتر",
    "موارد بشرية, hr, human resources",
    "تجربة المستخدم, ux, user experience",
    "علاقات عامة, pr, public relations",
]
# fmt: on


def create_postgresql(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        has_trigrams = cursor.fetchone() is not None
        cursor.execute("SELECT to_tsvector('simple'::regconfig, 'حاسب') = 'حاسب:1'::tsvector")
        reads_arabic = cursor.fetchone()[0]
    if has_trigrams:
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, column in TRIGRAM_INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {TABLE} USING gin ({column} gin_trgm_ops)")
    else:
        logger.warning("pg_trgm is not installed; catalogue search runs without trigram indexes")
    if not reads_arabic:
        logger.warning("this database's text parser does not read Arabic; no full-text index")
        return
    for column, text in PG_DOCUMENTS.items():
        schema_editor.execute(
            f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS {column} tsvector "
            f"GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, {text})) STORED"
        )
    for index, column in PG_DOCUMENT_INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {index} ON {TABLE} USING gin ({column})")


def drop_postgresql(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in PG_DOCUMENTS:
        schema_editor.execute(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS {column}")
    for name in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def create_sqlite(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT sqlite_compileoption_used('ENABLE_FTS5')")
        if not cursor.fetchone()[0]:
            logger.warning("this SQLite has no FTS5; catalogue search scans the table")
            return
    for statement in SQLITE:
        schema_editor.execute(statement)


def drop_sqlite(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for name in ("insert", "delete", "update"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {FTS}_{name}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {FTS}")


def seed_thesaurus(apps, schema_editor):
    SynonymGroup = apps.get_model("catalogue", "SynonymGroup")
    if not SynonymGroup.objects.exists():
        SynonymGroup.objects.bulk_create([SynonymGroup(terms=terms) for terms in THESAURUS + ABBREVIATIONS])


class Migration(migrations.Migration):
    # Squashed before the first production release: a database that ran the earlier
    # migrations counts this as applied.
    replaces = [
        ("catalogue", "0001_initial"),
        ("catalogue", "0002_search_trigram_indexes"),
        ("catalogue", "0003_external_id"),
        ("catalogue", "0004_search_fts5_sqlite"),
        ("catalogue", "0005_upcoming_session_at"),
        ("catalogue", "0006_search_fulltext_postgresql"),
        ("catalogue", "0007_featured_index_soonest"),
        ("catalogue", "0008_learner_interests_access_needs"),
        ("catalogue", "0009_search_roots_thesaurus_embeddings"),
        ("catalogue", "0010_ranked_search_index"),
        ("catalogue", "0011_defective_plural_roots_abbreviations"),
        ("catalogue", "0012_stored_fulltext_documents_postgresql"),
    ]

    dependencies = [("catalogue", "0003_squashed")]

    operations = [
        migrations.RunPython(create_postgresql, drop_postgresql, elidable=False),
        migrations.RunPython(create_sqlite, drop_sqlite, elidable=False),
        migrations.RunPython(seed_thesaurus, migrations.RunPython.noop, elidable=False),
    ]
