"""The batch: alerts open once, stay, close by themselves; statuses; a rerun replaces a date."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from probanker.banking.tests.factories import ContractFactory
from probanker.lake import read_snapshot
from probanker.parties.tests.factories import PartyFactory
from probanker.risk.models import Alert, AlertRule, ClientRisk, RiskRun
from probanker.risk.services import classify, run_risk, update_rule
from probanker.risk.tests.lake_samples import AS_OF, write_lake

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tmp_path: Path, settings: Any, manager1: Any) -> dict[str, Any]:
    settings.LAKE_DIR = tmp_path / "lake"
    troubled = ContractFactory(party=PartyFactory(manager=manager1, name="Garage en difficulté"))
    healthy = ContractFactory(party=PartyFactory(manager=manager1, name="Boulangerie prospère"))
    write_lake(settings.LAKE_DIR, (troubled.pk, troubled.party_id), (healthy.pk, healthy.party_id))
    return {"troubled": troubled.party, "healthy": healthy.party, "lake": settings.LAKE_DIR}


def codes(party: Any) -> set[str]:
    return set(Alert.objects.open().filter(party=party).values_list("rule__code", flat=True))


def test_alerts_status_and_snapshot(world: dict[str, Any]) -> None:
    summary = run_risk(AS_OF)
    assert (summary.accounts, summary.clients) == (2, 2)
    assert codes(world["troubled"]) == {
        "rejets-30j", "depassement-30j", "autorisation-saturee", "baisse-flux-annuelle",
        "echeance-impayee", "retard-30j",
    }  # fmt: skip
    assert codes(world["healthy"]) == set()
    alert = Alert.objects.get(party=world["troubled"], rule__code="rejets-30j")
    assert alert.evidence["rejected_30"] == 2
    assert alert.rule_version == 1
    risk = ClientRisk.objects.get(party=world["troubled"])
    assert (risk.status, risk.stage, risk.days_past_due, risk.material) == ("degrade", 2, 56, True)
    assert "56 jours" in risk.reason
    assert ClientRisk.objects.get(party=world["healthy"]).status == "sain"
    snapshot = read_snapshot(world["lake"], AS_OF)
    assert snapshot is not None
    assert snapshot.num_rows == 2


def test_a_rerun_replaces_the_date_and_alerts_close_by_themselves(world: dict[str, Any]) -> None:
    run_risk(AS_OF)
    opened = Alert.objects.count()
    again = run_risk(AS_OF)
    assert Alert.objects.count() == opened  # same date: replaced, not added
    assert again.opened == opened
    assert RiskRun.objects.count() == 1
    # Ninety days later nothing in the lake is recent: the flow and reject alerts close.
    later = AS_OF + dt.timedelta(days=95)
    summary = run_risk(later)
    assert summary.closed > 0
    closed = Alert.objects.filter(closed_on=later)
    assert closed.filter(rule__code="rejets-30j").exists()
    assert Alert.objects.filter(rule__code="rejets-30j").count() == 1  # history kept


def test_an_edited_rule_applies_with_its_new_version(
    world: dict[str, Any], risk_analyst: Any, manager1: Any
) -> None:
    from django.core.exceptions import PermissionDenied

    rule = AlertRule.objects.get(code="rejets-30j")
    # A role without ``rule.change`` is refused by the service itself (core.permissions).
    with pytest.raises(PermissionDenied):
        update_rule(actor=manager1, rule=rule, threshold=5)
    update_rule(actor=risk_analyst, rule=rule, threshold=5)
    run_risk(AS_OF)
    assert "rejets-30j" not in codes(world["troubled"])
    latest = rule.history.latest()
    assert (latest.version, latest.threshold, latest.updated_by) == (2, 5, risk_analyst)


def test_default_needs_90_days_and_a_material_amount() -> None:
    row = {"days_past_due": 91, "past_due_cents": 60_000, "balance_cents": 0, "limit_cents": 0,
           "exposure_cents": 1_000_000, "retail": False}  # fmt: skip
    assert classify(row, [])[:2] == ("defaut", 3)
    small = {**row, "past_due_cents": 40_000}  # under €500 for a company
    assert classify(small, [])[:2] == ("sain", 1)
    assert classify({**small, "retail": True}, [])[:2] == ("defaut", 3)  # over €100 for retail
    diluted = {**row, "exposure_cents": 10_000_000}  # under 1 % of the exposure
    assert classify(diluted, [2])[:2] == ("surveillance", 1)


def test_risk_command_json(world: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    call_command("risk", "run", "--date", AS_OF.isoformat(), "--json")
    summary = json.loads(capsys.readouterr().out)
    assert summary["accounts"] == 2
    assert summary["alerts_opened"] == 6
    assert summary["alerts_by_rule"]["retard-30j"] == 1
    # Compaction, escalation and letters are steps of `daily` now, with their own counts.
    assert set(summary) == {
        "as_of", "engine", "accounts", "clients", "alerts_opened", "alerts_closed",
        "alerts_by_rule", "statuses", "seconds",
    }  # fmt: skip


def test_an_account_level_rule_opens_an_alert_per_account(world: dict[str, Any]) -> None:
    from probanker.banking.models import Contract

    rule = AlertRule.objects.create(
        code="compte-debiteur", label="Compte débiteur", severity=1, level="account",
        metric="overdraft_days_30", comparator=">=", threshold=10, unit="jours",
        explanation="Un compte débiteur au moins 10 jours sur 30.", evidence=["balance_cents"],
    )  # fmt: skip
    run_risk(AS_OF)
    [alert] = Alert.objects.filter(rule=rule)
    account = Contract.objects.get(party=world["troubled"])
    assert (alert.account, alert.party) == (account, world["troubled"])
    assert alert.evidence == {"overdraft_days_30": 20, "balance_cents": -150_000}
    assert "compte" in str(alert)
    # The same day again keeps one alert; the condition gone, it closes by itself.
    run_risk(AS_OF)
    assert Alert.objects.filter(rule=rule).count() == 1
    run_risk(AS_OF + dt.timedelta(days=95))
    assert Alert.objects.get(rule=rule).closed_on == AS_OF + dt.timedelta(days=95)


def test_a_run_after_a_killed_snapshot_write_removes_its_leftovers(world: dict[str, Any]) -> None:
    """`risk run` killed while writing its snapshot leaves a staging folder: the next run removes it."""
    folder = world["lake"] / "indicators"
    leftover = folder / f".as_of={AS_OF.isoformat()}.0a1b2c.tmp"
    leftover.mkdir(parents=True)
    (leftover / "accounts.parquet").write_bytes(b"half written")
    run_risk(AS_OF)
    assert sorted(p.name for p in folder.iterdir()) == [f"as_of={AS_OF.isoformat()}"]
