"""The TEG rule cites art. R314-2 of the Code de la consommation, not of the CMF."""

from typing import Any

from django.db import migrations


def cite_the_consumer_code(apps: Any, schema_editor: Any) -> None:
    Rule = apps.get_model("credit", "ComplianceRule")
    Rule.objects.filter(code="teg", reference="Art. L314-5 C. conso., R314-2 CMF").update(
        reference="Art. L314-5 et R314-2 C. conso."
    )


class Migration(migrations.Migration):
    dependencies = [("credit", "0009_letter_amounts")]
    operations = [migrations.RunPython(cite_the_consumer_code, migrations.RunPython.noop)]
