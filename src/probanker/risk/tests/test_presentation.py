"""Rules and evidence read in French: a label and a value in its unit, never a code name."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from probanker.banking.tests.factories import ContractFactory
from probanker.parties.tests.factories import PartyFactory
from probanker.risk.models import AlertRule
from probanker.risk.presentation import IDENTIFIERS, METRICS, evidence_lines, show
from probanker.risk.services import run_risk, signal_columns
from probanker.risk.tests.lake_samples import AS_OF, write_lake

pytestmark = pytest.mark.django_db

CODE_NAME = re.compile(r"[a-z]+_[a-z0-9_]+")


def test_every_default_rule_reads_as_a_french_condition() -> None:
    """The rules page's condition: the indicator's label, the comparison, the threshold in its unit."""
    conditions = {r.code: r.condition for r in AlertRule.objects.all()}
    assert not [c for c in conditions.values() if CODE_NAME.search(c)], conditions
    assert conditions["capacite-remboursement"] == "Dettes financières / CAF ≥ 4,00 ans"
    assert conditions["autorisation-saturee"] == "Utilisation de l'autorisation ≥ 90,00\u00a0%"
    assert conditions["baisse-flux-annuelle"] == "Évolution des flux sur un an ≤ −30,00\u00a0%"
    assert conditions["retard-30j"] == "Jours d'impayé ou de dépassement > 30 jours"
    assert conditions["rejets-30j"] == "Rejets et impayés sur 30 jours ≥ 2"
    assert conditions["ebe-negatif"] == "EBE négatif"


def test_a_rule_on_an_amount_reads_in_euros() -> None:
    """A threshold in cents is shown in euros."""
    rule = AlertRule(metric="past_due_cents", comparator=">=", threshold=150_000, unit="centimes")
    assert rule.condition == "Montant en retard ≥ 1\u202f500,00\u00a0€"


def test_every_indicator_of_the_snapshots_has_a_label(
    tmp_path: Path, settings: Any, manager1: Any
) -> None:
    """Whatever a rule may compare — account and client snapshot columns, every signal — is labelled."""
    settings.LAKE_DIR = tmp_path / "lake"
    a, b = ContractFactory(party=PartyFactory(manager=manager1)), ContractFactory()
    write_lake(settings.LAKE_DIR, (a.pk, a.party_id), (b.pk, b.party_id))
    run_risk(AS_OF)
    from probanker import lake

    columns = set(signal_columns())
    for which in ("accounts", "clients"):
        snapshot = lake.read_snapshot(settings.LAKE_DIR, AS_OF, which)
        assert snapshot is not None
        columns |= set(snapshot.column_names)
    assert sorted(columns - set(METRICS) - IDENTIFIERS) == []


def test_evidence_shows_years_and_unknown_values() -> None:
    """Repayment years read as years with two decimals; a missing value as a dash."""
    assert show("repayment_years_x100", 425) == "4,25 ans"
    assert show("current_debit_run", 1) == "1 jour"
    assert evidence_lines({"repayment_years_x100": None}) == [("Dettes financières / CAF", "—")]
