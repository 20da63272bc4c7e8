from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from probanker.credit.seeds import seed_credit

    seed_credit(apps)


class Migration(migrations.Migration):
    dependencies = [("credit", "0004_usury_rates")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
