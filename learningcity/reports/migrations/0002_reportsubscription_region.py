"""Subscriptions name their region, so that 'the whole region' means one region once the
platform serves several. Existing ones take their city's region, or the first region."""

import django.db.models.deletion
from django.db import migrations, models


def fill_regions(apps, schema_editor):
    subscriptions = apps.get_model("reports", "ReportSubscription")
    first = apps.get_model("core", "Region").objects.order_by("pk").first()
    for subscription in subscriptions.objects.select_related("learning_city").filter(region__isnull=True):
        region_id = subscription.learning_city.region_id if subscription.learning_city_id else first and first.pk
        if region_id is None:
            subscription.delete()  # a region-wide report where no region exists: nothing to send
            continue
        subscription.region_id = region_id
        subscription.save(update_fields=["region"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_auditentry_api_token_id"),
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="reportsubscription",
            name="region",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="core.region",
                verbose_name="region",
            ),
        ),
        migrations.RunPython(fill_regions, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="reportsubscription",
            name="region",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="core.region",
                verbose_name="region",
            ),
        ),
        migrations.RemoveConstraint(model_name="reportsubscription", name="report_subscription_unique_region"),
        migrations.AddConstraint(
            model_name="reportsubscription",
            constraint=models.UniqueConstraint(
                condition=models.Q(("learning_city__isnull", True)),
                fields=("user", "region"),
                name="report_subscription_unique_region",
            ),
        ),
    ]
