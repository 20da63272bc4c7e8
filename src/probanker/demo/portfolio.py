"""Demo portfolio: transfer prices over two years, products closed during the year, the
year's commercial plan per manager, then the clients' figures of the daily batch.

The administrator records the transfer prices and the director sets the
objectives through the portfolio's services, as they would in the pages, so
the history shows who did it. Objectives follow what each manager's portfolio
makes (the year's PNB annualised, a share of its clients and contracts) with a
stretch, so progress differs from one manager to the next.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from probanker.banking.models import Contract, ProductFamily
from probanker.core.models import Role, User
from probanker.core.pagecache import bump_data_version
from probanker.portfolio import compute, services
from probanker.portfolio.models import Indicator
from probanker.portfolio.objectives import realised

# (kind, rate from 1 January of last year, rate from 1 January of this year), in percent.
TRANSFER_PRICES = (
    ("credit", "3.35", "2.95"),
    ("deposit", "2.60", "2.25"),
    ("sight", "2.40", "2.05"),
)
# Products a client may give up during the year: their share closed, and what closing does.
CLOSABLE = {"term_deposit": 0.30, "savings_account": 0.08, "multirisk_insurance": 0.06,
            "business_card": 0.05, "online_payment": 0.10}  # fmt: skip
STRETCH = Decimal("1.08")  # objectives 8 % above the pace of the portfolio


def _round(value: Decimal, step: int) -> Decimal:
    return (value / step).quantize(Decimal(1), ROUND_HALF_UP) * step


def _close_products(builder: Any) -> int:
    """Close a share of the closable products on dates spread over the last eleven months."""
    rng, as_of = builder.rng, builder.as_of
    closed = []
    rows = Contract.objects.filter(
        product__code__in=CLOSABLE, closed_on__isnull=True, party__kind="client",
        opened_on__lt=as_of - dt.timedelta(days=400),
    ).select_related("product").order_by("pk")  # fmt: skip
    for contract in rows:
        if rng.random() < CLOSABLE[contract.product.code]:
            contract.closed_on = as_of - dt.timedelta(days=rng.randint(10, 330))
            if contract.product.kind == "deposit":
                contract.balance = Decimal("0.00")
            closed.append(contract)
    Contract.objects.bulk_update(closed, ["closed_on", "balance"])
    return len(closed)


def _objectives(director: User, managers: list[User], year: int, as_of: dt.date, rng: Any) -> int:
    """The year's objectives of each manager, and the branch's as their sum."""
    elapsed = Decimal((as_of - dt.date(year, 1, 1)).days + 1) / Decimal(365)
    families = {f.code: f for f in ProductFamily.objects.all()}
    count = 0
    totals: dict[tuple[str, str | None], Decimal] = {}
    for manager in managers:
        # Each manager's objectives follow the pace of their portfolio so far this year,
        # stretched by a draw of their own: some are ahead, some behind.
        scope = manager.portfolio.filter(kind="client")
        done = realised(scope, year, as_of)
        stretch = STRETCH * Decimal(str(round(rng.uniform(0.9, 1.3), 2)))

        def pace(
            key: tuple[str, str | None],
            floor: int,
            step: int,
            done: dict[tuple[str, str | None], Decimal] = done,
            stretch: Decimal = stretch,
        ) -> Decimal:
            projected = done.get(key, Decimal(0)) / max(elapsed, Decimal("0.1")) * stretch
            return max(Decimal(floor), _round(projected, step))

        targets: list[tuple[str, str | None, Decimal]] = [
            (Indicator.NEW_CLIENTS, None, pace((Indicator.NEW_CLIENTS, None), 2, 1)),
            (Indicator.CREDIT_PRODUCTION, None, pace((Indicator.CREDIT_PRODUCTION, None), 50_000, 10_000)),
            (Indicator.DEPOSITS, None, pace((Indicator.DEPOSITS, None), 20_000, 10_000)),
            (Indicator.PNB, None, pace((Indicator.PNB, None), 10_000, 1_000)),
        ]  # fmt: skip
        for family in ("flux", "financement", "epargne", "assurance"):
            targets.append((Indicator.SALES, family, pace((Indicator.SALES, family), 2, 1)))
        for indicator, code, target in targets:
            services.set_objective(actor=director, year=year, indicator=indicator,
                                   target=target, manager=manager,
                                   family=families[code] if code else None)  # fmt: skip
            totals[(indicator, code)] = totals.get((indicator, code), Decimal(0)) + target
            count += 1
    for (indicator, code), target in totals.items():
        services.set_objective(actor=director, year=year, indicator=indicator, target=target,
                               family=families[code] if code else None)  # fmt: skip
        count += 1
    return count


def _targets(managers: list[User], as_of: dt.date) -> int:
    """Per manager, a frozen list of their twelve clients of highest potential, with a call
    campaign started three weeks ago (under way) and meetings to plan after it."""
    from probanker.parties.models import Party

    actions = 0
    for manager in managers:
        ids = list(
            Party.objects.filter(manager=manager, kind="client", portfolio_figures__potential__gt=0)
            .order_by("-portfolio_figures__potential", "name")
            .values_list("pk", flat=True)[:12]
        )
        if not ids:
            continue
        started = as_of - dt.timedelta(days=21)
        target = services.save_target_list(
            actor=manager, name="Clients à fort potentiel", mode="frozen",
            query={"tri": "potentiel"}, title="Clients du portefeuille par potentiel",
            party_ids=ids, today=started,
        )  # fmt: skip
        services.plan_action(actor=manager, target=target, kind="calls", owner=manager,
                             due_on=as_of + dt.timedelta(days=9), status="doing",
                             label="Proposer un point sur l'équipement", today=started)  # fmt: skip
        services.plan_action(actor=manager, target=target, kind="meetings", owner=manager,
                             due_on=as_of + dt.timedelta(days=45), today=as_of)  # fmt: skip
        actions += 2
    return actions


def build_portfolio(builder: Any) -> None:
    """The portfolio's demo data, then its figures computed as the daily batch does."""
    as_of = builder.as_of
    admin = User.objects.filter(role=Role.ADMIN).order_by("pk").first()
    director = User.objects.filter(role=Role.DIRECTOR).order_by("pk").first()
    if admin is None or director is None:
        raise RuntimeError("Démonstration : administrateur ou directeur absent.")
    for kind, before, now in TRANSFER_PRICES:
        services.record_transfer_price(
            actor=admin, kind=kind, start=dt.date(as_of.year - 1, 1, 1), rate=Decimal(before)
        )
        services.record_transfer_price(
            actor=admin, kind=kind, start=dt.date(as_of.year, 1, 1), rate=Decimal(now)
        )
    closed = _close_products(builder)
    bump_data_version()
    clients = compute.refresh_figures(as_of, builder.config.lake_dir)
    builder.progress("Chiffres du portefeuille", clients, clients)
    managers = list(
        User.objects.filter(role=Role.MANAGER, branch=director.branch).order_by("username")
    )
    objectives = _objectives(director, managers, as_of.year, as_of, builder.rng)
    builder.progress("Produits clos dans l'année", closed, closed)
    builder.progress("Objectifs commerciaux", objectives, objectives)
    actions = _targets(managers, as_of)
    builder.progress("Actions commerciales", actions, actions)


def refresh_figures_after_contacts(builder: Any) -> None:
    """The portfolio's figures computed again once the agenda and sales wrote their
    contacts and interviews: « aucun contact depuis un an » reads them, as the daily
    batch would the next morning."""
    clients = compute.refresh_figures(builder.as_of, builder.config.lake_dir)
    builder.progress("Chiffres du portefeuille (après les contacts)", clients, clients)
