"""The ranked search (catalogue/search/): a third index column of ISRI roots, the index
columns recomputed with broken plurals and English stems folded (core.morphology), both
full-text indexes rebuilt over the three columns, and a first thesaurus of the words people
in the region use for the same thing, for programme managers to keep in the back office."""

import logging

from django.db import migrations

logger = logging.getLogger(__name__)

FTS = "catalogue_opportunity_fts"
COLUMNS = "search_title, search_body, search_roots"
NEW = "new.search_title, new.search_body, new.search_roots"
OLD = "old.search_title, old.search_body, old.search_roots"
SQLITE = [
    f"DROP TRIGGER IF EXISTS {FTS}_insert",
    f"DROP TRIGGER IF EXISTS {FTS}_delete",
    f"DROP TRIGGER IF EXISTS {FTS}_update",
    f"DROP TABLE IF EXISTS {FTS}",
    f"CREATE VIRTUAL TABLE {FTS} USING fts5({COLUMNS}, content='catalogue_opportunity', content_rowid='id', "
    "tokenize='unicode61')",
    f"CREATE TRIGGER {FTS}_insert AFTER INSERT ON catalogue_opportunity BEGIN "
    f"INSERT INTO {FTS}(rowid, {COLUMNS}) VALUES (new.id, {NEW}); END",
    f"CREATE TRIGGER {FTS}_delete AFTER DELETE ON catalogue_opportunity BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, {COLUMNS}) VALUES ('delete', old.id, {OLD}); END",
    f"CREATE TRIGGER {FTS}_update AFTER UPDATE OF {COLUMNS} ON catalogue_opportunity BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, {COLUMNS}) VALUES ('delete', old.id, {OLD}); "
    f"INSERT INTO {FTS}(rowid, {COLUMNS}) VALUES (new.id, {NEW}); END",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
PG_OLD_INDEX = "catalogue_opportunity_search_fts"
PG_INDEX = "catalogue_opportunity_ranked_fts"
# The same expression as catalogue/search/lexical.py's condition, or the index is not used.
PG_DOCUMENT = "to_tsvector('simple'::regconfig, search_title || ' ' || search_body || ' ' || search_roots)"

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


def reindex(apps, schema_editor):
    from learningcity.core.morphology import index_document, root_document

    Opportunity = apps.get_model("catalogue", "Opportunity")
    skills_of = {}
    for opportunity_id, name_ar, name_en, synonyms in Opportunity.skills.through.objects.values_list(
        "opportunity_id", "skill__name_ar", "skill__name_en", "skill__synonyms"
    ):
        skills_of.setdefault(opportunity_id, []).extend([name_ar, name_en, synonyms])
    batch = []
    for opportunity in Opportunity.objects.select_related("provider").iterator(chunk_size=2000):
        body = (
            opportunity.description_ar, opportunity.description_en, opportunity.venue_ar, opportunity.venue_en,
            opportunity.address, opportunity.provider.name_ar, opportunity.provider.name_en,
            *skills_of.get(opportunity.pk, ()),
        )  # fmt: skip
        opportunity.search_title = index_document(opportunity.title_ar, opportunity.title_en)
        opportunity.search_body = index_document(*body)
        opportunity.search_roots = root_document(opportunity.title_ar, *body)
        batch.append(opportunity)
        if len(batch) == 2000:
            Opportunity.objects.bulk_update(batch, ["search_title", "search_body", "search_roots"])
            batch = []
    Opportunity.objects.bulk_update(batch, ["search_title", "search_body", "search_roots"])


def rebuild_indexes(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT sqlite_compileoption_used('ENABLE_FTS5')")
            if not cursor.fetchone()[0]:
                logger.warning("this SQLite has no FTS5; catalogue search scans the table")
                return
        for statement in SQLITE:
            schema_editor.execute(statement)
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_tsvector('simple'::regconfig, 'حاسب') = 'حاسب:1'::tsvector")
            if not cursor.fetchone()[0]:
                logger.warning("this database's text parser does not read Arabic; no full-text index")
                return
        schema_editor.execute(f"DROP INDEX IF EXISTS {PG_OLD_INDEX}")
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON catalogue_opportunity USING gin ({PG_DOCUMENT})")


def seed_thesaurus(apps, schema_editor):
    SynonymGroup = apps.get_model("catalogue", "SynonymGroup")
    if not SynonymGroup.objects.exists():
        SynonymGroup.objects.bulk_create([SynonymGroup(terms=terms) for terms in THESAURUS])


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0009_search_roots_thesaurus_embeddings"), ("skills", "0002_groups_synonyms_demand")]

    operations = [
        migrations.RunPython(reindex, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(rebuild_indexes, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(seed_thesaurus, migrations.RunPython.noop, elidable=False),
    ]
