"""Default is reached: days past due are counted beyond the 90-day window (CRR art. 178)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from probanker import lake
from probanker.banking.tests.factories import ContractFactory
from probanker.parties.tests.factories import PartyFactory
from probanker.risk.models import ClientRisk
from probanker.risk.services import run_risk

pytestmark = pytest.mark.django_db

END = dt.date(2026, 6, 30)
BEYOND_SINCE = END - dt.timedelta(days=119)  # 120 consecutive days beyond the limit on END


def write_balances(lake_dir: Path, account: Any, back_within_limit: dt.date | None = None) -> None:
    """200 days of balances: +100 €, then −2,000 € (limit 1,000 €) from ``BEYOND_SINCE`` on.

    ``back_within_limit``: the one day the account is back within its limit.
    """
    first = END - dt.timedelta(days=199)
    rows = []
    for n in range(200):
        day = first + dt.timedelta(days=n)
        balance = -200_000 if day >= BEYOND_SINCE and day != back_within_limit else 10_000
        rows.append({"account_id": account.pk, "party_id": account.party_id, "date": day,
                     "balance_cents": balance, "limit_cents": 100_000, "month": f"{day:%Y-%m}"})  # fmt: skip
    lake.replace_dataset(lake_dir, lake.BALANCES, pa.Table.from_pylist(rows, lake.BALANCES.schema))


@pytest.fixture
def account(tmp_path: Path, settings: Any, manager1: Any) -> Any:
    settings.LAKE_DIR = tmp_path / "lake"
    return ContractFactory(party=PartyFactory(manager=manager1, name="Menuiserie à découvert"))


def test_120_days_beyond_the_limit_on_successive_runs_is_a_default(
    account: Any, settings: Any
) -> None:
    """Runs on successive dates carry the run on: 120 days beyond the limit → défaut, stage 3."""
    write_balances(settings.LAKE_DIR, account)
    for days_before in (60, 30, 3, 0):
        run_risk(END - dt.timedelta(days=days_before))
    risk = ClientRisk.objects.get(party=account.party)
    assert (risk.status, risk.stage, risk.days_past_due, risk.material) == ("defaut", 3, 120, True)
    assert "120 jours" in risk.reason
    assert "CRR art. 178" in risk.reason
    snapshot = lake.read_snapshot(settings.LAKE_DIR, END, "accounts")
    assert snapshot is not None
    assert snapshot["current_beyond_limit_run"].to_pylist() == [120]
    # A rerun of the date reads the same earlier snapshot: the same count, not more.
    run_risk(END)
    assert ClientRisk.objects.get(party=account.party).days_past_due == 120


def test_a_run_that_breaks_starts_again(account: Any, settings: Any) -> None:
    """One day back within the limit resets the count: 10 days later, not a default."""
    write_balances(settings.LAKE_DIR, account, back_within_limit=END - dt.timedelta(days=10))
    for days_before in (60, 30, 3, 0):
        run_risk(END - dt.timedelta(days=days_before))
    risk = ClientRisk.objects.get(party=account.party)
    assert risk.days_past_due == 10
    assert risk.status != "defaut"


def test_the_first_run_sees_only_its_window(account: Any, settings: Any) -> None:
    """With no earlier snapshot, the window's 90 days are all the run can show: not yet default."""
    write_balances(settings.LAKE_DIR, account)
    run_risk(END)
    risk = ClientRisk.objects.get(party=account.party)
    assert (risk.days_past_due, risk.status, risk.stage) == (90, "degrade", 2)


def test_a_loan_instalment_unpaid_for_120_days_is_a_default(account: Any, settings: Any) -> None:
    """Loan days past due count from the oldest unpaid due date: no window caps them."""
    write_balances(settings.LAKE_DIR, account, back_within_limit=END)
    due = END - dt.timedelta(days=120)
    row = {"contract_id": 900, "party_id": account.party_id, "due_date": due,
           "amount_due_cents": 150_000, "paid_date": None, "amount_paid_cents": 0}  # fmt: skip
    lake.write_file(
        lake.INSTALMENTS.partition(f"{due:%Y-%m}", settings.LAKE_DIR) / "part-0.parquet",
        pa.Table.from_pylist([row], schema=lake.INSTALMENTS.file_schema),
    )
    run_risk(END)
    risk = ClientRisk.objects.get(party=account.party)
    assert (risk.status, risk.stage, risk.days_past_due) == ("defaut", 3, 120)


def test_backfilled_snapshots_let_the_first_run_see_the_default(
    account: Any, settings: Any
) -> None:
    """Snapshots written for earlier dates (no alerts, no status) carry the run to the first run."""
    from probanker.risk.models import Alert, RiskRun
    from probanker.risk.services import backfill_snapshots

    write_balances(settings.LAKE_DIR, account)
    backfill_snapshots([END - dt.timedelta(days=30), END - dt.timedelta(days=80)])
    assert [m.objects.count() for m in (Alert, ClientRisk, RiskRun)] == [0, 0, 0]
    run_risk(END)
    risk = ClientRisk.objects.get(party=account.party)
    assert (risk.status, risk.stage, risk.days_past_due) == ("defaut", 3, 120)
