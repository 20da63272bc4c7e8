"""Seed the référentiel of RNCP38026: four blocks, 28 competencies, their modalities."""

from typing import Any

from django.db import migrations


def seed(apps: Any, schema_editor: Any) -> None:
    from probanker.certification.seeds import seed_referentiel

    seed_referentiel(apps)


class Migration(migrations.Migration):
    dependencies = [("certification", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
