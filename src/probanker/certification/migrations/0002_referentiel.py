"""Seed the référentiel of RNCP38026: four blocks, 28 competencies, their modalities."""

from typing import Any

from django.db import migrations

from probanker.certification.referentiel_data import BLOCKS


def seed(apps: Any, schema_editor: Any) -> None:
    Block = apps.get_model("certification", "Block")
    Competency = apps.get_model("certification", "Competency")
    Modality = apps.get_model("certification", "Modality")
    for order, (code, title, competencies, modalities) in enumerate(BLOCKS, 1):
        block, _ = Block.objects.update_or_create(
            code=code, defaults={"title": title, "order": order}
        )
        for n, label in enumerate(competencies, 1):
            Competency.objects.update_or_create(
                code=f"{block.code[-4:]}-C{n}",
                defaults={"block": block, "label": label, "order": n},
            )
        for n, (modality, label) in enumerate(modalities, 1):
            Modality.objects.update_or_create(
                block=block, code=modality, defaults={"label": label, "order": n}
            )


class Migration(migrations.Migration):
    dependencies = [("certification", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
