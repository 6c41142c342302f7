"""Publications cover closed, disjoint periods of reports received; the tally counts by month received.

Earlier snapshots held everything up to their day, so they overlap every period and are removed
(derived figures: publishing the closed quarters again, `meldpunt insight publish`, makes them anew).
The tally is recounted here by the month each report was received, with the incident month as a
dimension of its own; the recount is frozen in this file, as migrations must not follow later code.
"""

from collections import Counter

from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def snapshots_remove(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("insight", "PublishedSnapshot").objects.all().delete()


def tally_recount(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Report = apps.get_model("intake", "Report")
    Tally = apps.get_model("insight", "Tally")
    counts: Counter[tuple[str, str, str]] = Counter()
    fields = ("incident_month", "created_on", "tactics", "origin_state", "community", "province", "synthetic")
    rows = Report.objects.filter(consent_statistics=True).values_list(*fields).order_by()
    for incident_month, created_on, tactics, origin_state, community, province, synthetic in rows.iterator(
        chunk_size=10_000
    ):
        month = created_on.strftime("%Y-%m")
        counts[("all", "", month)] += 1
        counts[("incident_month", incident_month, month)] += 1
        counts[("community_origin", f"{community}/{origin_state}", month)] += 1
        counts[("province", province, month)] += 1
        counts.update(("tactic", tactic, month) for tactic in set(tactics or ()))
        if synthetic:
            counts[("synthetic", "", month)] += 1
    Tally.objects.all().delete()
    Tally.objects.bulk_create(
        (Tally(dimension=d, key=k, month=m, count=n) for (d, k, m), n in counts.items() if n), batch_size=1000
    )


class Migration(migrations.Migration):
    dependencies = [
        ("insight", "0003_published_snapshot"),
        ("intake", "0005_reportidentifier_composite_pk"),
    ]

    operations = [
        migrations.RunPython(snapshots_remove, migrations.RunPython.noop),
        migrations.AddField(
            model_name="publishedsnapshot",
            name="period",
            field=models.CharField(default="", max_length=7, unique=True),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="publishedsnapshot",
            name="first_month",
            field=models.CharField(default="", max_length=7),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="publishedsnapshot",
            name="last_month",
            field=models.CharField(default="", max_length=7),
            preserve_default=False,
        ),
        migrations.AddConstraint(
            model_name="publishedsnapshot",
            constraint=models.CheckConstraint(
                condition=models.Q(("first_month__lte", models.F("last_month"))), name="period_in_order"
            ),
        ),
        migrations.CreateModel(
            name="PublishedMonth",
            fields=[
                ("month", models.CharField(max_length=7, primary_key=True, serialize=False)),
                (
                    "publication",
                    models.ForeignKey(
                        on_delete=models.deletion.PROTECT, related_name="months", to="insight.publishedsnapshot"
                    ),
                ),
            ],
        ),
        migrations.AlterField(
            model_name="tally",
            name="dimension",
            field=models.CharField(
                choices=[
                    ("all", "All"),
                    ("incident_month", "Incident Month"),
                    ("tactic", "Tactic"),
                    ("community_origin", "Community Origin"),
                    ("province", "Province"),
                    ("synthetic", "Synthetic"),
                ],
                max_length=20,
            ),
        ),
        migrations.RunPython(tally_recount, migrations.RunPython.noop),
    ]
