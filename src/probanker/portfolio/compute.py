"""The daily computation of every client's figures: PNB, flows entrusted, potential, attrition.

One read of each lake dataset, a constant number of queries, then exact
``Decimal`` arithmetic per client in Python and one bulk write. The page and
the API only read the stored :class:`~probanker.portfolio.models.ClientFigures`
(``portfolio.figures``).

PNB (annual, at the business date):

* credits: Σ outstanding × (client rate − credit transfer price);
* deposits: Σ savings × (deposit transfer price − rate paid), plus the average
  credit balance of the current accounts over twelve months × the sight
  transfer price (nothing is paid on a current account);
* overdraft interest: the Hamburg numbers of twelve months × the overdraft
  line's rate (the tariff's :data:`DEFAULT_OVERDRAFT_RATE` without one) / 365;
* fees and commissions booked in the lake over twelve months.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from probanker.banking import coverage
from probanker.banking.models import Contract, ProductKind
from probanker.core import registry
from probanker.core.pagecache import bump_data_version
from probanker.diagnosis.models import FiscalYear
from probanker.finance.overdraft import interest_on_numbers
from probanker.parties.choices import PartyKind, PersonRole
from probanker.parties.models import Party, PartyRole
from probanker.portfolio import summaries
from probanker.portfolio.lakefigures import LakeFigures, read_lake_figures
from probanker.portfolio.models import ClientFigures, TransferKind, TransferPrice
from probanker.risk.models import ClientRisk

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
#: The overdraft rate of the tariff, for an account without a rated line (credit's default).
DEFAULT_OVERDRAFT_RATE = Decimal("9.50")
DEGRADED = frozenset({"degrade", "defaut"})
RETIREMENT_AGE = 62
FALLING_TURNOVER = Decimal("0.80")  # twelve months under 80 % of the twelve before
DEPOSITS_OUT = Decimal("0.70")  # average deposits under 70 % of the 90 days before
DEPOSITS_OUT_MIN = Decimal("5000")  # ... when they were worth watching


def transfer_prices(on: dt.date) -> dict[str, Decimal]:
    """The transfer price of each kind in force on ``on`` (0 for a kind never recorded)."""
    prices = dict.fromkeys(TransferKind.values, Decimal(0))
    for row in TransferPrice.objects.filter(start__lte=on).order_by("kind", "start"):
        prices[row.kind] = row.rate  # the latest start wins
    return prices


def _euros(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


def _margin(amount: Decimal, spread: Decimal) -> Decimal:
    return (amount * spread / 100).quantize(CENT, ROUND_HALF_UP)


@dataclass
class ContractSums:
    """A client's open contracts, reduced to what the PNB needs."""

    credit_margin: Decimal = ZERO
    savings_margin: Decimal = ZERO
    overdraft_rate: Decimal | None = None


def contract_sums(prices: Mapping[str, Decimal]) -> dict[int, ContractSums]:
    """Interest margins of each client's open contracts, in one query."""
    sums: dict[int, ContractSums] = defaultdict(ContractSums)
    rows = Contract.objects.filter(closed_on__isnull=True, party__kind=PartyKind.CLIENT)
    for party_id, kind, code, balance, rate in rows.values_list(
        "party_id", "product__kind", "product__code", "balance", "rate"
    ):
        row = sums[party_id]
        if kind == ProductKind.CREDIT and rate is not None:
            row.credit_margin += _margin(balance, rate - prices[TransferKind.CREDIT])
        elif kind == ProductKind.DEPOSIT:
            paid = rate or Decimal(0)
            row.savings_margin += _margin(balance, prices[TransferKind.DEPOSIT] - paid)
        elif code == "overdraft" and rate is not None:
            row.overdraft_rate = max(row.overdraft_rate or rate, rate)
    return sums


def fiscal_turnovers() -> dict[int, Decimal]:
    """The turnover of each client's latest fiscal year, in one query."""
    out: dict[int, Decimal] = {}
    rows = FiscalYear.objects.order_by("party_id", "end").values_list("party_id", "summary")
    for party_id, summary in rows:
        value = ((summary or {}).get("sig") or {}).get("chiffre_affaires")
        if value is not None:
            out[party_id] = Decimal(value)  # later years replace earlier ones
    return out


def retiring_owners(as_of: dt.date) -> set[int]:
    """Clients whose principal is of retirement age or older, in one query."""
    limit = as_of.replace(year=as_of.year - RETIREMENT_AGE)
    rows = PartyRole.objects.filter(role=PersonRole.PRINCIPAL, person__birth_date__lte=limit)
    return set(rows.values_list("party_id", flat=True))


def closed_products(as_of: dt.date) -> dict[int, int]:
    """Contracts each client closed in the twelve months before ``as_of``."""
    rows = Contract.objects.filter(
        closed_on__gt=as_of - dt.timedelta(days=365), closed_on__lte=as_of
    ).values_list("party_id", flat=True)
    counts: dict[int, int] = defaultdict(int)
    for party_id in rows:
        counts[party_id] += 1
    return counts


def last_contacts(party_ids: list[int]) -> dict[int, dt.date] | None:
    """The latest contact with each client from the registered sources (``None``: no source).

    The contacts log belongs to capabilities above banking (agenda, sales):
    they register a :class:`~probanker.core.registry.ContactSource`.
    """
    sources = list(registry.contact_sources)
    if not sources:
        return None
    latest: dict[int, dt.date] = {}
    for source in sources:
        for party_id, day in source.last_contacts(party_ids).items():
            if party_id not in latest or day > latest[party_id]:
                latest[party_id] = day
    return latest


def turnover_pair(lake_row: LakeFigures) -> tuple[Decimal, Decimal]:
    """(recent, earlier) credit turnover to compare: twelve months against the twelve
    before, or — while the lake holds less than two years — the last six months
    against the six before."""
    if lake_row.turnover_before > 0:
        return Decimal(lake_row.turnover), Decimal(lake_row.turnover_before)
    return Decimal(lake_row.turnover_recent_half), Decimal(lake_row.turnover_prior_half)


@dataclass(frozen=True)
class Potential:
    """A potential score out of 100 and its components (points by component)."""

    score: int
    parts: dict[str, int]


def potential(
    *,
    flows_share: Decimal | None,
    missing: int,
    fiscal_turnover: Decimal | None,
    turnover: Decimal,
    turnover_before: Decimal,
    degraded: bool,
) -> Potential:
    """The development potential of a client, from four components.

    * flows not entrusted: up to 30 points, (1 − share of flows) × 30;
    * families missing against peers: 10 points each, up to 30;
    * size: the latest turnover, 5 points per band of 250 000 €, up to 20;
    * growth: credit turnover up 10 % or more 20, up 0-10 % 10 (a year against the one
      before, six months against the six before while the lake is younger).

    A degraded client (status « dégradé » or « défaut ») is a risk, not a
    target: its score is 0 and its only component says so.
    """
    if degraded:
        return Potential(0, {"risk": 0})
    parts = {"flows": 0, "families": min(missing, 3) * 10, "size": 0, "growth": 0}
    if flows_share is not None:
        untouched = max(Decimal(0), Decimal(1) - min(flows_share, Decimal(1)))
        parts["flows"] = int((untouched * 30).quantize(Decimal(1), ROUND_HALF_UP))
    if fiscal_turnover is not None and fiscal_turnover > 0:
        parts["size"] = min(20, 5 * (1 + int(fiscal_turnover // Decimal(250_000))))
    if turnover_before > 0:
        growth = turnover / turnover_before - 1
        parts["growth"] = 20 if growth >= Decimal("0.10") else 10 if growth >= 0 else 0
    return Potential(sum(parts.values()), parts)


def attrition_signals(
    *,
    lake_row: LakeFigures,
    closed: int,
    retiring: bool,
    last_contact: dt.date | None,
    contacts_known: bool,
    as_of: dt.date,
) -> list[str]:
    """The attrition signals of a client, as codes (``presentation.ATTRITION``)."""
    signals = []
    now, before = turnover_pair(lake_row)
    if before > 0 and now < before * FALLING_TURNOVER:
        signals.append("falling_turnover")
    if closed:
        signals.append("closed_products")
    recent = Decimal(lake_row.credit_numbers_recent) / 90 / 100
    earlier = Decimal(lake_row.credit_numbers_before) / 90 / 100
    if earlier >= DEPOSITS_OUT_MIN and recent < earlier * DEPOSITS_OUT:
        signals.append("deposits_out")
    if contacts_known and (last_contact is None or last_contact < as_of - dt.timedelta(days=365)):
        signals.append("no_contact")
    if retiring:
        signals.append("owner_retirement")
    return signals


def _figures_row(party_id: int, as_of: dt.date, context: dict[str, Any]) -> ClientFigures:
    prices = context["prices"]
    lake_row: LakeFigures = context["lake"].get(party_id) or LakeFigures()
    sums: ContractSums = context["contracts"].get(party_id) or ContractSums()
    sight = _margin(Decimal(lake_row.credit_numbers) / 365 / 100, prices[TransferKind.SIGHT])
    rate = sums.overdraft_rate or DEFAULT_OVERDRAFT_RATE
    overdraft = interest_on_numbers(lake_row.debit_numbers, rate)
    fees = {kind: _euros(cents) for kind, cents in lake_row.fees.items()}
    margins = sums.credit_margin + sums.savings_margin + sight
    pnb = margins + overdraft + sum(fees.values(), ZERO)
    elapsed = Decimal((as_of - dt.date(as_of.year, 1, 1)).days) / 365
    pnb_ytd = (
        (margins * elapsed).quantize(CENT, ROUND_HALF_UP)
        + interest_on_numbers(lake_row.debit_numbers_ytd, rate)
        + _euros(lake_row.fees_ytd)
    )
    turnover, before = _euros(lake_row.turnover), _euros(lake_row.turnover_before)
    recent, earlier = turnover_pair(lake_row)
    fiscal = context["fiscal"].get(party_id)
    share = (turnover / fiscal).quantize(Decimal("0.0001")) if fiscal else None
    missing = context["missing"].get(party_id, [])
    status = context["status"].get(party_id)
    score = potential(
        flows_share=share, missing=len(missing), fiscal_turnover=fiscal, turnover=recent,
        turnover_before=earlier, degraded=status in DEGRADED,
    )  # fmt: skip
    contacts = context["contacts"]
    signals = attrition_signals(
        lake_row=lake_row, closed=context["closed"].get(party_id, 0),
        retiring=party_id in context["retiring"],
        last_contact=(contacts or {}).get(party_id), contacts_known=contacts is not None,
        as_of=as_of,
    )  # fmt: skip
    return ClientFigures(
        party_id=party_id, as_of=as_of,
        credit_margin=sums.credit_margin, deposit_margin=sums.savings_margin + sight,
        overdraft_interest=overdraft, fees_account=fees["account"], fees_card=fees["card"],
        fees_intervention=fees["intervention"], fees_other=fees["other"], pnb=pnb,
        pnb_ytd=pnb_ytd, credit_turnover=turnover, credit_turnover_before=before,
        fiscal_turnover=fiscal, average_deposits=_euros(lake_row.credit_numbers_recent // 90),
        average_deposits_before=_euros(lake_row.credit_numbers_before // 90),
        flows_share=share, potential=score.score, potential_parts=score.parts,
        attrition=signals, missing_families=missing,
    )  # fmt: skip


def _missing_families(clients: Any) -> dict[int, list[str]]:
    """Families each client lacks that most of its peers hold (four queries)."""
    held = coverage.holdings(clients)
    keys = dict(clients.values_list("pk", "naf__division_id"))
    segments = dict(clients.values_list("pk", "segment"))
    peers = coverage.peer_rates()
    out: dict[int, list[str]] = {}
    for party_id, division in keys.items():
        group = peers.get((division, segments[party_id]))
        if group:
            out[party_id] = coverage.missing_against_peers(held.get(party_id, set()), group)
    return out


@transaction.atomic
def refresh_figures(as_of: dt.date, lake_dir: Path | None = None) -> int:
    """Recompute every client's figures for the business date ``as_of`` (idempotent).

    Returns the number of clients written. Rows of parties no longer clients
    are removed. The figures of every portfolio are then summarised for the
    dashboards (``summaries.store_all``), in the same transaction.
    """
    clients = Party.objects.filter(kind=PartyKind.CLIENT)
    ids = list(clients.values_list("pk", flat=True))
    prices = transfer_prices(as_of)
    context: dict[str, Any] = {
        "prices": prices,
        "lake": read_lake_figures(as_of, lake_dir),
        "contracts": contract_sums(prices),
        "fiscal": fiscal_turnovers(),
        "missing": _missing_families(clients),
        "status": dict(ClientRisk.objects.values_list("party_id", "status")),
        "closed": closed_products(as_of),
        "retiring": retiring_owners(as_of),
        "contacts": last_contacts(ids),
    }
    rows = [_figures_row(party_id, as_of, context) for party_id in ids]
    ClientFigures.objects.all().delete()
    ClientFigures.objects.bulk_create(rows, batch_size=1000)
    summaries.store_all(as_of)
    bump_data_version()  # bulk writes send no signal: cached pages are stale
    return len(rows)
