from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from probanker.risk.rules import seed_rules

    seed_rules(apps)


class Migration(migrations.Migration):
    dependencies = [("risk", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
