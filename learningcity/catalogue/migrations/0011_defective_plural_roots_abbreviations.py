"""Roots re-indexed for فُعَاة plurals (core.morphology: طهاة now has طاهي's root, طهي), and
thesaurus groups for abbreviations people type in Latin letters (IT, HR, UX, PR). Groups a
programme manager already keeps are left as they are; these are added beside them."""

import importlib

from django.db import migrations

# fmt: off
ABBREVIATIONS = [
    "تقنية المعلومات, it, information technology, حاسب آلي, كمبيوتر",
    "موارد بشرية, hr, human resources",
    "تجربة المستخدم, ux, user experience",
    "علاقات عامة, pr, public relations",
]
# fmt: on


def reindex(apps, schema_editor):
    # The same re-indexing as when the roots column was filled (one rule in one place).
    importlib.import_module("learningcity.catalogue.migrations.0010_ranked_search_index").reindex(
        apps, schema_editor
    )


def add_abbreviations(apps, schema_editor):
    SynonymGroup = apps.get_model("catalogue", "SynonymGroup")
    for terms in ABBREVIATIONS:
        SynonymGroup.objects.get_or_create(terms=terms)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0010_ranked_search_index")]

    operations = [
        migrations.RunPython(reindex, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(add_abbreviations, migrations.RunPython.noop, elidable=False),
    ]
