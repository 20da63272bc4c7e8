"""Seed the questionnaires per block and theme (``questionnaires_data``)."""

from typing import Any

from django.db import migrations


def seed(apps: Any, schema_editor: Any) -> None:
    from probanker.certification.seeds import seed_questionnaires

    seed_questionnaires(apps)


class Migration(migrations.Migration):
    dependencies = [("certification", "0003_questionnaires")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
