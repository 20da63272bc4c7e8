"""Seed the interview guides (six situations × four segments) and the recommendation rules."""

import datetime as dt

from django.db import migrations


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    from probanker.sales.seeds import seed_sales

    seed_sales(apps, dt.date(2026, 12, 1))


class Migration(migrations.Migration):
    dependencies = [("sales", "0001_initial"), ("banking", "0003_catalogue")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
