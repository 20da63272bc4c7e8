from django.db import migrations


def load(apps, schema_editor):
    from probanker.banking.catalogue import seed_catalogue

    seed_catalogue(apps)


class Migration(migrations.Migration):
    dependencies = [("banking", "0002_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
