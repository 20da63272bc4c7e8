"""Typed factories of parties."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory
from stdnum import luhn

from probanker.core.tests.factories import BranchFactory, UserFactory, naf
from probanker.parties.models import (
    AccessibilityProfile,
    Establishment,
    Party,
    PartyLink,
    PartyRole,
    Person,
)


def valid_siren(n: int) -> str:
    body = f"{40_000_000 + n:08d}"
    return body + luhn.calc_check_digit(body)


def valid_siret(siren: str, establishment: int = 1) -> str:
    body = f"{siren}{establishment:04d}"
    return body + luhn.calc_check_digit(body)


class PartyFactory(DjangoModelFactory[Party]):
    class Meta:
        model = Party

    kind = "client"
    party_type = "legal_entity"
    name = factory.Sequence(lambda n: f"Restaurant Test {n}")
    siren = factory.Sequence(valid_siren)
    legal_form = "SARL"
    tax_regime = "reel_simplifie"
    segment = "commercant"
    naf = factory.LazyFunction(naf)
    city = "Tours"
    postal_code = "37000"
    manager = factory.SubFactory(UserFactory)
    branch = factory.LazyAttribute(lambda o: o.manager.branch or BranchFactory())


class EstablishmentFactory(DjangoModelFactory[Establishment]):
    class Meta:
        model = Establishment

    party = factory.SubFactory(PartyFactory)
    siret = factory.LazyAttribute(lambda o: valid_siret(o.party.siren))
    is_head_office = True
    city = "Tours"


class PersonFactory(DjangoModelFactory[Person]):
    class Meta:
        model = Person

    first_name = "Marie"
    last_name = factory.Sequence(lambda n: f"Durand{n}")


class PartyRoleFactory(DjangoModelFactory[PartyRole]):
    class Meta:
        model = PartyRole

    party = factory.SubFactory(PartyFactory)
    person = factory.SubFactory(PersonFactory)
    role = "principal"


class PartyLinkFactory(DjangoModelFactory[PartyLink]):
    class Meta:
        model = PartyLink

    party = factory.SubFactory(PartyFactory)
    other = factory.SubFactory(PartyFactory)
    kind = "holding"


class AccessibilityProfileFactory(DjangoModelFactory[AccessibilityProfile]):
    class Meta:
        model = AccessibilityProfile

    party = factory.SubFactory(PartyFactory)
