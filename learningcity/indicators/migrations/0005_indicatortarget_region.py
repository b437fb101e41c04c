"""A region-wide target names its region. Existing targets take their city's region; a
region-wide one keeps no region, which means every region (there was one when it was set)."""

import django.db.models.deletion
from django.db import migrations, models


def fill_city_regions(apps, schema_editor):
    targets = apps.get_model("indicators", "IndicatorTarget")
    for target in targets.objects.select_related("learning_city").filter(learning_city__isnull=False):
        target.region_id = target.learning_city.region_id
        target.save(update_fields=["region"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_auditentry_api_token_id"),
        ("indicators", "0004_documents_in_private_storage"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicatortarget",
            name="region",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="core.region",
                verbose_name="region",
            ),
        ),
        migrations.RunPython(fill_city_regions, migrations.RunPython.noop),
    ]
