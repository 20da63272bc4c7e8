"""RGAA 4.1's 13 themes and 106 criterion numbers (their texts: ``probanker load_rgaa``)."""

from django.db import migrations


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    from probanker.parties.rgaa import THEMES

    Theme = apps.get_model("parties", "RgaaTheme")
    Criterion = apps.get_model("parties", "RgaaCriterion")
    for number, title, count in THEMES:
        theme, _ = Theme.objects.update_or_create(number=number, defaults={"title": title})
        for n in range(1, count + 1):
            Criterion.objects.get_or_create(
                code=f"{number}.{n}", defaults={"theme": theme, "number": n}
            )


class Migration(migrations.Migration):
    dependencies = [("parties", "0004_rgaa")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
