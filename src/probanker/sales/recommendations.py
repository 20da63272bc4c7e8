"""Next best offers from explainable rules that are data (:class:`RecommendationRule`).

For a set of clients, :func:`recommend` reads in a fixed number of queries —
whatever the number of clients — the active rules, the products each client holds,
the families each holds, the needs noted, the risk status, the events (a credit
paid off, an owner nearing retirement) and the holding rates of the peers (the
bank's clients of the same NAF division and segment), then applies the rules in
Python. Each recommendation carries its reason in French and the figures behind
it. Never a product the client holds, is being offered (an open opportunity), won in
the last year or turned down in the last three months; never one its legal form cannot
hold (:data:`INELIGIBLE`); never credit (loans and lines) to a prospect or to a client
in default or degraded.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q

from probanker.banking import coverage
from probanker.banking.models import Contract
from probanker.core.formatting import date_fr, euros0, fraction_percent
from probanker.core.models import NafDivision
from probanker.parties.choices import PersonRole, Segment
from probanker.parties.models import Party, PartyRole
from probanker.risk.models import ClientRisk, RiskStatus
from probanker.sales.guides import need_label
from probanker.sales.models import (
    OPEN_STAGES,
    Basis,
    ClientNeed,
    Opportunity,
    RecommendationRule,
    Stage,
)

CREDIT_KINDS = ("credit", "line")
BLOCKED_STATUSES = (RiskStatus.DEGRADED, RiskStatus.DEFAULT)
RETIREMENT_AGE_SIGNAL = 55
PAID_OFF_DAYS = 365
WON_HOLD = dt.timedelta(days=365)
LOST_HOLD = dt.timedelta(days=90)
#: Products a legal form cannot hold: the president of an SAS or SA is an assimilated
#: employee, not self-employed (no TNS provident contract); a property company (SCI)
#: has no shop, staff or stock to finance.
INELIGIBLE: dict[str, frozenset[str]] = {
    "SAS": frozenset({"provident_insurance"}),
    "SASU": frozenset({"provident_insurance"}),
    "SA": frozenset({"provident_insurance"}),
    "SELAS": frozenset({"provident_insurance"}),
    "SCI": frozenset({"provident_insurance", "key_person_insurance", "payment_terminal",
                      "online_payment", "dailly", "factoring", "employee_savings",
                      "equipment_loan", "leasing", "retirement_savings"}),
}  # fmt: skip

#: Events the rules may name, in words.
EVENTS = {
    "credit_solde": "un crédit soldé dans les douze derniers mois, sans autre crédit en cours",
    "dirigeant_55": f"un dirigeant de {RETIREMENT_AGE_SIGNAL} ans ou plus",
}


@dataclass(frozen=True)
class Recommendation:
    """A product to offer: its code and label, the rule's basis, the reason and score."""

    product: str
    label: str
    basis: str
    reason: str
    score: int
    rule: str
    others: tuple[str, ...] = field(default=())  # the other reasons pointing to it


@dataclass
class _Facts:
    """What the rules read of one client."""

    segment: str
    division: str | None
    legal_form: str = ""
    prospect: bool = False
    products: set[str] = field(default_factory=set)
    pursued: set[str] = field(default_factory=set)  # products of an open opportunity
    families: set[str] = field(default_factory=set)
    needs: dict[str, ClientNeed] = field(default_factory=dict)
    status: str = RiskStatus.HEALTHY
    paid_off: dt.date | None = None
    has_credit: bool = False
    senior: tuple[str, int] | None = None  # (name, age) of the oldest principal ≥ 55


def _age(born: dt.date, today: dt.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _facts(parties: Any, today: dt.date) -> dict[int, _Facts]:
    """Every client's facts in seven queries."""
    facts = {
        pk: _Facts(segment, division, legal_form or "", kind != "client")
        for pk, segment, division, legal_form, kind in parties.order_by().values_list(
            "pk", "segment", "naf__division_id", "legal_form", "kind"
        )
    }
    ids = parties.order_by().values("pk")
    held = Contract.objects.filter(party_id__in=ids, closed_on__isnull=True).values_list(
        "party_id", "product__code", "product__family__code", "product__kind"
    )
    for pk, product, family, kind in held:
        facts[pk].products.add(product)
        facts[pk].families.add(family)
        facts[pk].has_credit |= kind == "credit"
    since = today - dt.timedelta(days=PAID_OFF_DAYS)
    paid = Contract.objects.filter(
        party_id__in=ids, product__kind="credit", closed_on__range=(since, today)
    ).values_list("party_id", "closed_on")
    for pk, closed in paid:
        if facts[pk].paid_off is None or closed > facts[pk].paid_off:  # type: ignore[operator]
            facts[pk].paid_off = closed
    # Being sold, won in the last year (the contract may not be open yet) or lost in the
    # last three months: not offered again.
    pursued = Opportunity.objects.filter(
        Q(stage__in=OPEN_STAGES)
        | Q(stage=Stage.WON, closed_on__gte=today - WON_HOLD)
        | Q(stage=Stage.LOST, closed_on__gte=today - LOST_HOLD),
        party_id__in=ids,
    ).values_list("party_id", "product__code")
    for pk, product in pursued:
        facts[pk].pursued.add(product)
    for need in ClientNeed.objects.filter(party_id__in=ids).select_related("interview__guide"):
        facts[need.party_id].needs[need.code] = need
    for pk, status in ClientRisk.objects.filter(party_id__in=ids).values_list("party_id", "status"):
        facts[pk].status = status
    principals = PartyRole.objects.filter(
        party_id__in=ids, role=PersonRole.PRINCIPAL, person__birth_date__isnull=False
    ).values_list("party_id", "person__first_name", "person__last_name", "person__birth_date")
    for pk, first, last, born in principals:
        age, senior = _age(born, today), facts[pk].senior
        if age >= RETIREMENT_AGE_SIGNAL and (senior is None or age > senior[1]):
            facts[pk].senior = (f"{first} {last}", age)
    return facts


def _need_reason(need: ClientNeed) -> str:
    when = date_fr(need.noted_on)
    where = (
        f"lors de l'entretien « {need.interview.guide.get_situation_display()} » du {when}"
        if need.interview_id and need.interview
        else f"le {when}"
    )
    amount = f" ({euros0(need.amount)})" if need.amount else ""
    return f"Besoin noté {where} : {need_label(need.code).lower()}{amount}."


def _peer_reason(rate: coverage.FamilyRate, facts: _Facts, family: str, divisions: Any) -> str:
    segment = dict(Segment.choices).get(facts.segment, facts.segment)
    division = divisions.get(facts.division, "")
    return (
        f"{fraction_percent(rate.rate, 0)} des clients « {segment} » de la division NAF "
        f"{facts.division} ({division}) détiennent la famille « {family} » "
        f"({rate.holders} sur {rate.clients}) ; ce {'prospect' if facts.prospect else 'client'}"
        " n'en détient aucun produit."
    )


def _event_reason(event: str, facts: _Facts) -> str | None:
    if event == "credit_solde" and facts.paid_off and not facts.has_credit:
        return (
            f"Crédit soldé le {date_fr(facts.paid_off)}, aucun autre en cours : "
            "la capacité d'emprunt est libérée."
        )
    if event == "dirigeant_55" and facts.senior:
        name, age = facts.senior
        return f"Dirigeant ({name}) âgé de {age} ans : la retraite se prépare maintenant."
    return None


def _apply(
    rule: RecommendationRule,
    facts: _Facts,
    peers: dict[coverage.PeerKey, dict[str, coverage.FamilyRate]],
    divisions: dict[str, str],
) -> tuple[str, int] | None:
    """The rule's (reason, score) for the client, or ``None`` when it does not apply."""
    if rule.basis == Basis.NEED:
        need = facts.needs.get(rule.need)
        return (_need_reason(need), rule.weight) if need else None
    if rule.basis == Basis.EVENT:
        reason = _event_reason(rule.event, facts)
        return (reason, rule.weight) if reason else None
    family = rule.product.family
    if family.code in facts.families or facts.division is None:
        return None
    if rule.product.kind in CREDIT_KINDS:
        return None  # credit answers a need or an event, not what the peers hold
    rate = peers.get((facts.division, facts.segment), {}).get(family.code)
    threshold = rule.min_peer_rate if rule.min_peer_rate is not None else coverage.GAP_THRESHOLD
    if rate is None or rate.rate < threshold:
        return None
    score = int((Decimal(rule.weight) * rate.rate).to_integral_value())
    return _peer_reason(rate, facts, family.label, divisions), score


def recommend(parties: Any, today: dt.date) -> dict[int, list[Recommendation]]:
    """``{party_id: recommendations, best first}`` for every party of the queryset."""
    rules = list(RecommendationRule.objects.filter(active=True).select_related("product__family"))
    facts = _facts(parties, today)
    keys = {(f.division, f.segment) for f in facts.values() if f.division}
    peers = coverage.peer_rates(keys) if keys and any(r.basis == Basis.PEER for r in rules) else {}
    divisions = dict(
        NafDivision.objects.filter(pk__in={k[0] for k in keys}).values_list("pk", "label")
    )
    out: dict[int, list[Recommendation]] = {}
    for pk, client in facts.items():
        found: dict[str, list[tuple[int, str, RecommendationRule]]] = defaultdict(list)
        blocked = client.status in BLOCKED_STATUSES
        for rule in rules:
            product = rule.product
            if product.code in client.products or product.code in client.pursued:
                continue  # held, or already being sold
            if (blocked or client.prospect) and product.kind in CREDIT_KINDS:
                continue  # no credit to a degraded client, nor to a prospect
            if product.code in INELIGIBLE.get(client.legal_form, ()):
                continue
            applied = _apply(rule, client, peers, divisions)
            if applied:
                found[product.code].append((applied[1], applied[0], rule))
        rows = []
        for reasons in found.values():
            reasons.sort(key=lambda r: (-r[0], r[2].code))
            score, reason, rule = reasons[0]
            rows.append(
                Recommendation(
                    rule.product.code,
                    rule.product.label,
                    rule.basis,
                    reason,
                    score,
                    rule.code,
                    tuple(r[1] for r in reasons[1:]),
                )
            )
        out[pk] = sorted(rows, key=lambda r: (-r.score, r.product))
    return out


def for_party(party: Party, today: dt.date) -> list[Recommendation]:
    """One client's recommendations (the same pass, over one client)."""
    return recommend(Party.objects.filter(pk=party.pk), today).get(party.pk, [])
