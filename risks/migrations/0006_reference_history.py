"""The scales, bands, appetite levels and categories 0002 seeded have no history: migrations save
without django-simple-history, so a past position (Rules.as_at) found no rules in force at any
date. Each such row gets a creation record dated 1 January 1900, before anything igov records: the
defaults were the rules in force until an administrator's first recorded change. A row whose
history starts with a change (edited in the admin, never created with history) is given its
earliest recorded values: the best known."""
from datetime import UTC, datetime

from django.db import migrations

MODELS = ["LikelihoodLevel", "ImpactLevel", "ScoreBand", "RiskAppetite", "RiskCategory"]
SINCE = datetime(1900, 1, 1, tzinfo=UTC)


def backfill(apps, schema_editor):
    for name in MODELS:
        Model, Historical = apps.get_model("risks", name), apps.get_model("risks", f"Historical{name}")
        fields = [f.attname for f in Model._meta.concrete_fields]
        for row in Model.objects.all():
            records = Historical.objects.filter(id=row.pk).order_by("history_date", "history_id")
            if records.filter(history_type="+").exists():
                continue
            source = records.first() or row
            Historical.objects.create(history_date=SINCE, history_type="+",
                                      history_change_reason="In force before changes were recorded",
                                      **{f: getattr(source, f) for f in fields})


class Migration(migrations.Migration):
    dependencies = [("risks", "0005_assets")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
