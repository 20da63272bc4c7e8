"""Typed factories of the core app."""

from __future__ import annotations

from typing import Any

import factory
from factory.django import DjangoModelFactory

from probanker.core.models import Branch, NafCode, User

TEST_PASSWORD = "correct-horse-battery-staple"


class BranchFactory(DjangoModelFactory[Branch]):
    class Meta:
        model = Branch
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"BR{n:03d}")
    name = factory.Sequence(lambda n: f"Agence {n}")
    city = "Tours"


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Prénom"
    last_name = factory.Sequence(lambda n: f"Nom{n}")
    role = "manager"
    branch = factory.SubFactory(BranchFactory)

    @factory.post_generation
    def password(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        # A fast hasher is not configured on purpose: argon2 is what production uses.
        self.set_password(extracted or TEST_PASSWORD)
        if create:
            self.save(update_fields=["password"])


def naf(code: str = "56.10A", label: str = "Restauration traditionnelle") -> NafCode:
    """A NAF sub-class (sections and divisions come from the migrations)."""
    obj, _ = NafCode.objects.get_or_create(
        code=code, defaults={"label": label, "division_id": code[:2]}
    )
    return obj
