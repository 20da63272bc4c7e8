"""What the client page shows of risk: status, open alerts and their evidence,
the balance and turnover charts read from the lake for one client."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from probanker.core.formatting import day_month_fr, month_fr
from probanker.parties.models import Party
from probanker.risk.models import (
    Alert,
    ClientRisk,
)

if TYPE_CHECKING:
    pass


@dataclass(frozen=True)
class ClientRiskView:
    """What the client page shows: status, stage, reason, open alerts with their evidence."""

    risk: ClientRisk | None
    alerts: list[tuple[Alert, list[tuple[str, str]]]]
    open_case: Any = None


def client_risk(party: Party) -> ClientRiskView:
    from probanker.risk.presentation import evidence_lines

    risk = ClientRisk.objects.filter(party=party).first()
    alerts = [
        (a, evidence_lines(a.last_evidence))
        for a in Alert.objects.open()
        .filter(party=party)
        .select_related("rule", "account")
        .order_by("-rule__severity", "-opened_on")
    ]
    from probanker.risk.models import DegradationCase

    case = DegradationCase.objects.filter(party=party, closed_on__isnull=True).first()
    return ClientRiskView(risk, alerts, case)


def _month_label(year: int, month: int) -> str:
    return month_fr(dt.date(year, month, 1), short_year=True)


def _month_in_progress(as_of: dt.date) -> bool:
    """Whether ``as_of``'s month has days left after it (its figures are partial)."""
    return (as_of + dt.timedelta(days=1)).month == as_of.month


def client_charts(party: Party, as_of: dt.date, lake_dir: Path | None = None) -> list[Any]:
    """Balance against the authorisation and credit turnover, month by month over a year.

    Read from the lake for this client only (``probanker.lake``'s per-client
    reads, each under the shared lock). The turnover is compared with the same
    month a year earlier; while ``as_of``'s month is not over, its column says
    so (« mois en cours, au JJ/MM ») and it is compared with the same days of
    that month a year earlier, not with the whole month.
    """
    months = []
    year, month = as_of.year, as_of.month
    for _ in range(12):
        months.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    months.reverse()
    return _lake_charts(party, as_of, lake_dir, months)


def _lake_charts(
    party: Party, as_of: dt.date, lake_dir: Path | None, months: list[tuple[int, int]]
) -> list[Any]:
    """The two charts of ``client_charts``, from the client's balances and movements."""
    from probanker import lake
    from probanker.banking.statements.families import NOT_TURNOVER
    from probanker.reports.charts import chart

    columns = [_month_label(y, m) for y, m in months]
    partial = _month_in_progress(as_of)
    if partial:
        columns[-1] += f" (mois en cours, au {day_month_fr(as_of)})"
    charts = []
    first = dt.date(months[0][0], months[0][1], 1)
    # The 12 months up to as_of (included) for the balances; the turnover also
    # reads the 12 months before them, for the same month a year earlier.
    after = dt.date(as_of.year + as_of.month // 12, as_of.month % 12 + 1, 1)
    daily = {
        d.date: (d.balance_cents, d.limit_cents)
        for d in lake.client_daily_balances(
            party.pk, first, as_of + dt.timedelta(days=1), lake_dir=lake_dir
        )
    }
    if daily:
        end: list[Decimal | None] = []
        low: list[Decimal | None] = []
        limit: list[Decimal | None] = []
        for y, m in months:
            days = sorted(d for d in daily if (d.year, d.month) == (y, m))
            if not days:
                end.append(None)
                low.append(None)
                limit.append(None)
                continue
            end.append(Decimal(daily[days[-1]][0]) / 100)
            low.append(Decimal(min(daily[d][0] for d in days)) / 100)
            limit.append(-Decimal(daily[days[-1]][1]) / 100)
        rows: list[tuple[str, list[Decimal | None]]] = [
            ("Solde en fin de mois", end),
            ("Solde le plus bas du mois", low),
            ("Découvert autorisé (plancher)", limit),
        ]
        charts.append(chart("solde", "Solde et découvert autorisé sur 12 mois", columns, rows))
    data = lake.client_movements(
        party.pk,
        first.replace(year=first.year - 1),
        after,
        credits_only=True,
        exclude_families=NOT_TURNOVER,
        lake_dir=lake_dir,
    )
    sums: dict[tuple[int, int], int] = {}
    for day, amount in zip(
        data["booking_date"].to_pylist(), data["amount_cents"].to_pylist(), strict=True
    ):
        a_year_before = (day.year, day.month) == (as_of.year - 1, as_of.month)
        if partial and a_year_before and day.day > as_of.day:
            continue  # after the same days a year earlier: not comparable
        sums[(day.year, day.month)] = sums.get((day.year, day.month), 0) + amount
    if sums:
        this_year: list[Decimal | None] = [Decimal(sums.get((y, m), 0)) / 100 for y, m in months]
        last_year: list[Decimal | None] = [
            Decimal(sums[(y - 1, m)]) / 100 if (y - 1, m) in sums else None for y, m in months
        ]
        flows = [("Flux confiés", this_year), ("Même mois l'année précédente", last_year)]
        charts.append(chart("flux", "Flux créditeurs confiés par mois", columns, flows))
    return charts
