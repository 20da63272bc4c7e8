from django.db import migrations


def load(apps, schema_editor):
    from probanker.core.naf import seed_sections_and_divisions

    seed_sections_and_divisions(apps)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
