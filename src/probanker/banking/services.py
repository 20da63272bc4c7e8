"""Reads and writes on contracts: portfolio figures, products of a client."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, F, Q, Sum, Value
from django.db.models.functions import Coalesce

from probanker.banking.models import Contract, ProductKind
from probanker.core.models import User
from probanker.parties.models import Party

ZERO = Decimal("0.00")
EXPIRY_HORIZON_DAYS = 90
KYC_HORIZON_DAYS = 30


@dataclass(frozen=True)
class PortfolioFigures:
    """The « Ma journée » key figures of a user's scope."""

    clients: int
    prospects: int
    deposits: Decimal
    credit_outstanding: Decimal
    overdraft_used: Decimal
    expiring_authorisations: int
    kyc_reviews_due: int


def deposits_q(prefix: str = "") -> Q:
    """Money the clients keep with us: positive account balances and savings.

    ``prefix`` reaches contracts from another model (``"contracts__"`` from a party).
    """
    return Q(**{f"{prefix}product__kind": ProductKind.DEPOSIT}) | Q(
        **{f"{prefix}product__kind": ProductKind.ACCOUNT, f"{prefix}balance__gt": 0}
    )


def credit_q(prefix: str = "") -> Q:
    """Credit outstanding: the principal of credit products."""
    return Q(**{f"{prefix}product__kind": ProductKind.CREDIT})


def portfolio_figures(
    user: User, today: dt.date, manager_id: int | None = None
) -> PortfolioFigures:
    """Key figures over what ``user`` can see (narrowed to one manager's
    portfolio when ``manager_id`` is given), in two queries."""
    parties = Party.objects.visible_to(user)
    if manager_id is not None:
        parties = parties.filter(manager_id=manager_id)
    counts = parties.aggregate(
        clients=Count("pk", filter=Q(kind="client")),
        prospects=Count("pk", filter=Q(kind="prospect")),
        kyc_due=Count(
            "pk",
            filter=Q(
                kind="client",
                kyc_next_review__lte=today + dt.timedelta(days=KYC_HORIZON_DAYS),
            ),
        ),
    )
    money = DecimalField(max_digits=18, decimal_places=2)
    zero = Value(ZERO, output_field=money)
    contracts = Contract.objects.visible_to(user).filter(closed_on__isnull=True)
    if manager_id is not None:
        contracts = contracts.filter(party__manager_id=manager_id)
    sums = contracts.aggregate(
        deposits=Coalesce(Sum("balance", filter=deposits_q()), zero),
        credit=Coalesce(Sum("balance", filter=credit_q()), zero),
        overdraft=Coalesce(
            Sum("balance", filter=Q(product__kind=ProductKind.ACCOUNT, balance__lt=0)),
            zero,
        ),
        expiring=Count(
            "pk",
            filter=Q(
                limit_expiry__gte=today,
                limit_expiry__lte=today + dt.timedelta(days=EXPIRY_HORIZON_DAYS),
            ),
        ),
    )
    return PortfolioFigures(
        clients=counts["clients"],
        prospects=counts["prospects"],
        deposits=Decimal(sums["deposits"]).quantize(ZERO),
        credit_outstanding=Decimal(sums["credit"]).quantize(ZERO),
        overdraft_used=(-Decimal(sums["overdraft"])).quantize(ZERO),
        expiring_authorisations=sums["expiring"],
        kyc_reviews_due=counts["kyc_due"],
    )


def contracts_of(party: Party) -> Any:
    """Open and closed contracts of one party, with product and family."""
    return (
        Contract.objects.filter(party=party)
        .select_related("product", "product__family", "account")
        .order_by(
            F("closed_on").asc(nulls_first=True),  # open contracts first, on every database
            "product__family__position",
            "product__position",
            "opened_on",
        )
    )


def party_totals() -> dict[str, Any]:
    """Annotations giving deposits and credit outstanding per party."""
    money = DecimalField(max_digits=18, decimal_places=2)
    zero = Value(ZERO, output_field=money)
    open_ = Q(contracts__closed_on__isnull=True)
    return {
        "deposits": Coalesce(
            Sum(
                "contracts__balance",
                filter=open_ & deposits_q("contracts__"),
            ),
            zero,
        ),
        "credit": Coalesce(
            Sum(
                "contracts__balance",
                filter=open_ & credit_q("contracts__"),
            ),
            zero,
        ),
    }


def totals_for(party_ids: list[int]) -> dict[int, tuple[Decimal, Decimal]]:
    """(deposits, credit outstanding) of each given party, in one query.

    Used by list pages for the rows of the current page only, so the cost
    does not grow with the portfolio.
    """
    rows = (
        Contract.objects.filter(party_id__in=party_ids, closed_on__isnull=True)
        .values("party_id")
        .annotate(
            deposits=Sum("balance", filter=deposits_q()),
            credit=Sum("balance", filter=credit_q()),
        )
    )
    return {
        row["party_id"]: (
            Decimal(row["deposits"] or 0).quantize(ZERO),
            Decimal(row["credit"] or 0).quantize(ZERO),
        )
        for row in rows
    }
