from django.db import migrations, models


def fill_departement(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Existing branches take the département of their postcode (first two digits)."""
    Branch = apps.get_model("core", "Branch")
    for branch in Branch.objects.exclude(postcode=""):
        code = branch.postcode.strip()[:2]
        if code.isdigit() and code not in {"20", "97", "98"}:
            branch.departement = code
            branch.save(update_fields=["departement"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_branch_address"),
    ]

    operations = [
        migrations.AddField(
            model_name="branch",
            name="departement",
            field=models.CharField(
                blank=True,
                help_text="Code du département (37, 67, 2A, 971…) : jours fériés locaux.",
                max_length=3,
                verbose_name="département",
            ),
        ),
        migrations.RunPython(fill_departement, migrations.RunPython.noop),
    ]
