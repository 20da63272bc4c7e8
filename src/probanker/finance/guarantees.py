"""Guarantees of professional credit: catalogue, coverage, and the guarantor's protections.

- **Catalogue**: each kind has a haircut (policy data: the share of the value
  the bank does not count on) and, for guarantee funds, the quota range the
  fund allows by purpose (DOMAIN.md: Bpifrance 40-70 %, SIAGI 20-70 %).
- **Coverage**: the value each guarantee brings after its haircut, less the
  claims ranking before it, capped at its own limit; the total capped at the
  exposure.
- **Art. 2297 C. civ.**: the natural-person guarantor's handwritten limit in
  words must match the figures (words prevail): :func:`parse_french_amount`
  reads the words back into a number.
- **Art. 2300**: a commitment manifestly disproportionate to income and
  assets is reduced; the policy test (all commitments above net assets plus
  ``income_years`` years of income) is a documented, overridable default.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from probanker.finance.trends import _euros  # the project's format, restated in finance

CENT = Decimal("0.01")


class GuaranteeKind(StrEnum):
    PERSONAL_NATURAL = "caution_physique"
    PERSONAL_LEGAL = "caution_morale"
    BPIFRANCE = "bpifrance"
    SIAGI = "siagi"
    BUSINESS_PLEDGE = "nantissement_fonds"
    EQUIPMENT_PLEDGE = "gage_materiel"
    MORTGAGE = "hypotheque"
    LENDER_PRIVILEGE = "privilege_preteur"
    SECURITIES_PLEDGE = "nantissement_titres"
    LIFE_INSURANCE_PLEDGE = "nantissement_assurance_vie"
    DAILLY = "dailly"
    INSURANCE_DELEGATION = "delegation_assurance"


@dataclass(frozen=True)
class KindRule:
    label: str
    haircut: Decimal  # percent of the value not counted on
    quota_range: tuple[Decimal, Decimal] | None = None  # guarantee funds, percent of the loan
    natural_person: bool = False


CATALOGUE: dict[GuaranteeKind, KindRule] = {
    GuaranteeKind.PERSONAL_NATURAL: KindRule("Caution d'une personne physique", Decimal(50), natural_person=True),
    GuaranteeKind.PERSONAL_LEGAL: KindRule("Caution d'une personne morale", Decimal(40)),
    GuaranteeKind.BPIFRANCE: KindRule("Garantie Bpifrance", Decimal(0), (Decimal(40), Decimal(70))),
    GuaranteeKind.SIAGI: KindRule("Garantie SIAGI", Decimal(0), (Decimal(20), Decimal(70))),
    GuaranteeKind.BUSINESS_PLEDGE: KindRule("Nantissement du fonds de commerce", Decimal(60)),
    GuaranteeKind.EQUIPMENT_PLEDGE: KindRule("Gage sur matériel", Decimal(50)),
    GuaranteeKind.MORTGAGE: KindRule("Hypothèque", Decimal(30)),
    GuaranteeKind.LENDER_PRIVILEGE: KindRule("Privilège de prêteur de deniers", Decimal(30)),
    GuaranteeKind.SECURITIES_PLEDGE: KindRule("Nantissement de compte-titres", Decimal(20)),
    GuaranteeKind.LIFE_INSURANCE_PLEDGE: KindRule("Nantissement d'assurance-vie", Decimal(10)),
    GuaranteeKind.DAILLY: KindRule("Cession de créances Dailly", Decimal(50)),
    GuaranteeKind.INSURANCE_DELEGATION: KindRule("Délégation d'assurance", Decimal(50)),
}  # fmt: skip

# Bpifrance quotas by purpose (DOMAIN.md).
BPIFRANCE_BY_PURPOSE: dict[str, tuple[Decimal, Decimal]] = {
    "creation": (Decimal(50), Decimal(60)),
    "reprise": (Decimal(50), Decimal(70)),
    "investissement": (Decimal(40), Decimal(70)),
}


@dataclass(frozen=True)
class Guarantee:
    kind: GuaranteeKind
    value: Decimal  # asset value, guarantor's net worth, or the loan amount for a fund
    limit: Decimal | None = None  # the commitment's cap (caution, pledge amount)
    prior_claims: Decimal = Decimal(0)  # claims ranking before (mortgage of 2nd rank...)
    quota: Decimal | None = None  # guarantee funds: percent of the loan covered


@dataclass(frozen=True)
class CoverageLine:
    guarantee: Guarantee
    counted: Decimal
    note: str


@dataclass(frozen=True)
class Coverage:
    exposure: Decimal
    lines: list[CoverageLine]

    @property
    def secured(self) -> Decimal:
        return min(self.exposure, sum((line.counted for line in self.lines), Decimal(0)))

    @property
    def ratio(self) -> Decimal:
        """Share of the exposure covered, percent."""
        if self.exposure <= 0:
            return Decimal(0)
        return (self.secured / self.exposure * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)


def counted_value(guarantee: Guarantee, exposure: Decimal) -> CoverageLine:
    """What one guarantee brings, with how it was counted."""
    rule = CATALOGUE[guarantee.kind]
    if rule.quota_range is not None:
        quota = guarantee.quota or Decimal(0)
        low, high = rule.quota_range
        if not low <= quota <= high:
            return CoverageLine(guarantee, Decimal(0), f"quotité {quota} % hors de {low}-{high} %")
        value = (exposure * quota / 100).quantize(CENT, ROUND_HALF_UP)
        return CoverageLine(guarantee, value, f"quotité {quota} % de l'encours")
    net = max(Decimal(0), guarantee.value - guarantee.prior_claims)
    after_haircut = (net * (100 - rule.haircut) / 100).quantize(CENT, ROUND_HALF_UP)
    counted = min(after_haircut, guarantee.limit) if guarantee.limit is not None else after_haircut
    note = f"décote {rule.haircut} %"
    if guarantee.prior_claims:
        note += f", après {_euros(guarantee.prior_claims)} de créances de rang antérieur"
    if guarantee.limit is not None and counted == guarantee.limit:
        note += ", plafonnée à l'engagement"
    return CoverageLine(guarantee, counted, note)


def coverage(exposure: Decimal, guarantees: list[Guarantee]) -> Coverage:
    return Coverage(exposure, [counted_value(g, exposure) for g in guarantees])


# --- Art. 2297: the amount in words ---------------------------------------------

UNITS = {
    "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
    "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30,
    "quarante": 40, "cinquante": 50, "soixante": 60,
}  # fmt: skip
SCALES = {"mille": 1000, "million": 10**6, "millions": 10**6, "milliard": 10**9, "milliards": 10**9}


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _integer(words: list[str], original: str) -> int:
    total = 0
    current = 0
    for word in words:
        if word == "et":
            continue
        if word in ("vingt", "vingts") and current % 100 == 4:
            current += 76  # quatre-vingt(s) = 80
        elif word in UNITS:
            current += UNITS[word]
        elif word in ("cent", "cents"):
            current = (current or 1) * 100  # « deux cent » = 200, « cent » = 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
        else:
            raise ValueError(f"« {word} » n'est pas un nombre écrit en lettres ({original})")
    return total + current


def parse_french_amount(text: str) -> Decimal:
    """« cinquante mille euros » → 50000; « mille deux cent trente euros et quarante centimes » → 1230.40."""
    cleaned = _ascii(text).replace("-", " ").replace("'", " ")
    cleaned = re.sub(r"[^a-z ]", " ", cleaned)
    words = cleaned.split()
    if not words:
        raise ValueError("montant en lettres vide")
    euros_words, cents_words = words, []
    for marker in ("euros", "euro"):
        if marker in words:
            at = words.index(marker)
            euros_words, cents_words = words[:at], words[at + 1 :]
            break
    cents_words = [w for w in cents_words if w not in ("centimes", "centime", "et")]
    units = _integer(euros_words, text)
    cents = _integer(cents_words, text) if cents_words else 0
    if cents >= 100:
        raise ValueError(f"{cents} centimes : plus d'un euro ({text})")
    return Decimal(units) + Decimal(cents) / 100


@dataclass(frozen=True)
class MentionCheck:
    ok: bool
    in_words: Decimal | None
    message: str


def check_mention(words: str, figures: Decimal) -> MentionCheck:
    """Art. 2297: the limit in words must match the figures (the words prevail)."""
    try:
        value = parse_french_amount(words)
    except ValueError as exc:
        return MentionCheck(False, None, f"Montant en lettres illisible : {exc}.")
    if value == figures:
        return MentionCheck(True, value, "Les montants en lettres et en chiffres concordent.")
    return MentionCheck(
        False,
        value,
        f"La somme en lettres ({_euros(value)}) diffère de la somme en chiffres "
        f"({_euros(figures)}) : "
        "les lettres prévalent (art. 2297 C. civ.) ; faire réécrire la mention.",
    )


# --- Art. 2300: proportionality ---------------------------------------------------

DEFAULT_INCOME_YEARS = Decimal(2)


@dataclass(frozen=True)
class Proportionality:
    ok: bool
    capacity: Decimal
    commitments: Decimal
    message: str


def proportionality(
    *,
    commitment: Decimal,
    yearly_income: Decimal,
    net_assets: Decimal,
    other_commitments: Decimal = Decimal(0),
    income_years: Decimal = DEFAULT_INCOME_YEARS,
) -> Proportionality:
    """Whether a natural person's guarantee is manifestly disproportionate (art. 2300).

    Policy default: all the guarantor's commitments must not exceed their net
    assets plus ``income_years`` years of income.
    """
    capacity = max(Decimal(0), net_assets) + max(Decimal(0), yearly_income) * income_years
    total = commitment + other_commitments
    if total <= capacity:
        return Proportionality(
            True, capacity, total,
            f"Engagements {_euros(total)} pour une capacité de {_euros(capacity)} : proportionné.",
        )  # fmt: skip
    return Proportionality(
        False, capacity, total,
        f"Engagements {_euros(total)} au-delà de la capacité de {_euros(capacity)} "
        f"(patrimoine net + "
        f"{income_years} ans de revenus) : caution manifestement disproportionnée, réductible "
        "(art. 2300 C. civ.) ; réduire le montant ou revoir la garantie.",
    )  # fmt: skip
