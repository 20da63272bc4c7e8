"""The reference data the migrations load comes back whole after a flush."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import call_command

from probanker.demo.reference import seed_reference_data


def _counts() -> dict[str, int]:
    return {
        m._meta.label: m.objects.count()  # type: ignore[attr-defined]
        for m in apps.get_models()
        if not m._meta.label.startswith(("auth.", "contenttypes.", "sessions."))
    }


@pytest.mark.django_db
def test_a_flush_then_the_seeds_give_back_what_the_migrations_loaded() -> None:
    """Every table a data migration fills has as many rows after a flush and
    ``seed_reference_data`` (the demo's rebuild, the transactional tests) as after the
    migrations: a new data migration without its seed in the list fails here."""
    migrated = {k: v for k, v in _counts().items() if v}
    assert "certification.Questionnaire" in migrated
    call_command("flush", interactive=False, verbosity=0)
    seed_reference_data(apps)
    after = _counts()
    assert {k: after[k] for k in migrated} == migrated
