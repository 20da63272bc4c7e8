"""What certification contributes: the « Certification » menu entry (the certification
roles' overview, or a candidate's own file for a candidate without those roles)."""

from __future__ import annotations

from typing import Any

from probanker.core import registry
from probanker.core.permissions import can


def has_own_file(user: Any) -> bool:
    """Whether ``user`` is a candidate and holds no certification role (their own file)."""
    from probanker.certification.models import Candidate

    if can(user, "certification.view"):
        return False
    return bool(Candidate.objects.filter(user=user).exists())


def register() -> None:
    """Called from ``CertificationConfig.ready()``."""
    registry.menu_entries.register(
        registry.MenuEntry("certification", "Certification", "certification:home", 90,
                           action="certification.view"),
        registry.MenuEntry("certification_own", "Certification", "certification:my_file", 91,
                           visible=has_own_file),
    )  # fmt: skip
