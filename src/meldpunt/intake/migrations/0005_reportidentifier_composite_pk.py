"""ReportIdentifier's primary key becomes (digest, kind, report): no id column, no second unique index.

Django cannot turn a single-column primary key into a composite one in place, so this migration
creates the new table beside the old, copies the rows, drops the old and renames the new to the old
name, on every database the same way. Reversible: the way back copies the rows into a table with an
id again.
"""

import django.db.models.deletion
from django.db import migrations, models

COPY_FORWARD = (
    "INSERT INTO intake_reportidentifiernew (report_id, digest, kind)"
    " SELECT report_id, digest, kind FROM intake_reportidentifier"
)
COPY_BACK = (
    "INSERT INTO intake_reportidentifier (report_id, kind, digest)"
    " SELECT report_id, kind, digest FROM intake_reportidentifiernew ORDER BY report_id, kind, digest"
)


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0004_report_synthetic"),
    ]

    operations = [
        migrations.CreateModel(
            name="ReportIdentifierNew",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "digest", "kind", "report", blank=True, editable=False, primary_key=True, serialize=False
                    ),
                ),
                # The 8-byte column first, so that no row pads for alignment on PostgreSQL.
                (
                    "report",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="intake.report"
                    ),
                ),
                ("kind", models.CharField(max_length=30)),
                ("digest", models.CharField(max_length=64)),
            ],
        ),
        migrations.RunSQL(COPY_FORWARD, COPY_BACK),
        migrations.DeleteModel(name="ReportIdentifier"),
        migrations.RenameModel(old_name="ReportIdentifierNew", new_name="ReportIdentifier"),
        migrations.AlterField(
            model_name="reportidentifier",
            name="report",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="identifier_digests", to="intake.report"
            ),
        ),
    ]
