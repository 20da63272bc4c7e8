"""RGAA 4.1's 13 themes and 106 criterion numbers (their texts: ``probanker load_rgaa``)."""

from django.db import migrations


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    from probanker.parties.rgaa import seed_rgaa_reference

    seed_rgaa_reference(apps)


class Migration(migrations.Migration):
    dependencies = [("parties", "0004_rgaa")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
