"""Seed the delegation grid of negotiated conditions (manager and director rows)."""

from django.db import migrations


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    from probanker.sales.seeds import seed_condition_limits

    seed_condition_limits(apps)


class Migration(migrations.Migration):
    dependencies = [("sales", "0004_negotiated_conditions")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
