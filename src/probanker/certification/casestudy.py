"""The case study of block 1: a real client of the candidate's portfolio, pseudonymised.

Names, identifiers (SIREN, SIRET), addresses, phone and e-mail, and the people
around the business (partners, managers, guarantors) are replaced; the figures
— fiscal years, SIG, balance sheet, ratios, debt capacity — are those of the
real client, computed by the diagnosis' public function
:func:`probanker.diagnosis.analysis.analyse_party`. The replacement is
consistent: the same client gives the same pseudonyms every time (Faker seeded
from the client's id), and a person named twice keeps one pseudonym.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from faker import Faker
from stdnum import luhn

from probanker.diagnosis.analysis import PartyAnalysis, analyse_party
from probanker.parties.models import Party


@dataclass(frozen=True)
class Pseudonyms:
    """What replaces the client's identity in the case study."""

    name: str
    siren: str
    siret: str
    street: str
    postal_code: str
    city: str
    people: dict[int, str] = field(default_factory=dict)  # person id → pseudonym


def _seed(party: Party) -> int:
    digest = hashlib.sha256(f"etude-de-cas:{party.pk}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def _number(faker: Faker, digits: int) -> str:
    return "".join(str(faker.random_digit()) for _ in range(digits))


def pseudonyms(party: Party) -> Pseudonyms:
    """The client's replacement identity, the same for the same client."""
    faker = Faker("fr_FR")
    faker.seed_instance(_seed(party))
    body = "9" + _number(faker, 7)  # no real SIREN starts with 9 in our demo range
    siren = body + luhn.calc_check_digit(body)
    siret_body = siren + "0001"
    siret = siret_body + luhn.calc_check_digit(siret_body)
    name = f"{faker.last_name()} {faker.random_element(('et Fils', 'Services', 'Atelier', 'Conseil', 'Création'))}"
    people: dict[int, str] = {}
    for role in party.roles.select_related("person").order_by("person_id"):
        people.setdefault(role.person_id, f"{faker.first_name()} {faker.last_name()}")
    return Pseudonyms(
        name=name, siren=siren, siret=siret, street=faker.street_address(),
        postal_code=faker.postcode(), city=faker.city(), people=people,
    )  # fmt: skip


@dataclass(frozen=True)
class CaseStudy:
    party: Party  # never shown: only its pseudonyms and its figures
    pseudonyms: Pseudonyms
    analysis: PartyAnalysis
    roles: list[tuple[str, str]]  # (pseudonym, role label)

    def scrub(self, text: str) -> str:
        """``text`` with the client's real name and identifiers replaced."""
        p, real = self.pseudonyms, self.party
        for old, new in ((real.name, p.name), (real.siren or "", p.siren), (real.city, p.city)):
            if old:
                text = text.replace(old, new)
        return text


def choose_client(user: Any) -> Party | None:
    """The client of ``user``'s portfolio with the most fiscal years (the latest first)."""
    from django.db.models import Count, Max

    return (
        Party.objects.filter(manager=user, kind="client")
        .annotate(years=Count("fiscal_years"), last=Max("fiscal_years__end"))
        .filter(years__gt=0)
        .order_by("-years", "-last", "pk")
        .first()
    )


def case_study(party: Party) -> CaseStudy:
    """The case study of ``party``: its figures, its identity replaced."""
    names = pseudonyms(party)
    roles = [
        (names.people[r.person_id], r.get_role_display())
        for r in party.roles.select_related("person").order_by("pk")
    ]
    return CaseStudy(party=party, pseudonyms=names, analysis=analyse_party(party), roles=roles)
