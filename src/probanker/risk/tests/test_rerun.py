"""A rerun of the same date keeps each alert's identity: a case never loses its evidence."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from probanker import lake
from probanker.banking.tests.factories import ContractFactory
from probanker.parties.tests.factories import PartyFactory
from probanker.risk.cases import open_case
from probanker.risk.models import Alert, DegradationCase
from probanker.risk.services import run_risk
from probanker.risk.tests.lake_samples import AS_OF, write_lake

pytestmark = pytest.mark.django_db


@pytest.fixture
def troubled(tmp_path: Path, settings: Any, manager1: Any) -> Any:
    settings.LAKE_DIR = tmp_path / "lake"
    account = ContractFactory(party=PartyFactory(manager=manager1, name="Garage en difficulté"))
    other = ContractFactory(party=PartyFactory(manager=manager1, name="Boulangerie prospère"))
    write_lake(settings.LAKE_DIR, (account.pk, account.party_id), (other.pk, other.party_id))
    return account.party


def _alerts(party: Any) -> dict[str, int]:
    return dict(Alert.objects.filter(party=party).values_list("rule__code", "pk"))


def _open_case(party: Any, manager: Any, codes: set[str] | None = None) -> DegradationCase:
    alerts = [a for a in Alert.objects.open().filter(party=party)
              if codes is None or a.rule.code in codes]  # fmt: skip
    return open_case(actor=manager, party=party, alerts=alerts, today=AS_OF)


def test_a_rerun_keeps_the_alerts_a_case_was_opened_from(troubled: Any, manager1: Any) -> None:
    """Same data, same date: every alert keeps its row and id; the case lists the same ones."""
    run_risk(AS_OF)
    before = _alerts(troubled)
    case = _open_case(troubled, manager1)
    linked = set(case.alerts.values_list("pk", flat=True))
    assert linked == set(before.values())
    summary = run_risk(AS_OF)
    assert _alerts(troubled) == before
    assert set(case.alerts.values_list("pk", flat=True)) == linked
    assert summary.opened == len(before)  # still the alerts this date opened


def test_a_rerun_after_the_data_changed(troubled: Any, manager1: Any, settings: Any) -> None:
    """Data corrected, date rerun: matching alerts keep their ids and take the new evidence;
    one that no longer holds stays (closed on the date) when a case links to it, and goes
    when nothing does."""
    run_risk(AS_OF)
    before = _alerts(troubled)
    case = _open_case(troubled, manager1, {"rejets-30j", "retard-30j"})
    # The rejections were booked by mistake and the loan was in fact paid.
    movements = lake.read_dataset(settings.LAKE_DIR, lake.MOVEMENTS)
    kept = movements.filter(pc.invert(pc.is_in(movements["family"], pa.array(
        ["rejected_direct_debit", "unpaid_cheque"]))))  # fmt: skip
    lake.replace_dataset(settings.LAKE_DIR, lake.MOVEMENTS, kept)
    shutil.rmtree(lake.INSTALMENTS.path(settings.LAKE_DIR))
    run_risk(AS_OF)
    after = Alert.objects.filter(party=troubled)
    assert set(case.alerts.values_list("pk", flat=True)) == {
        before["rejets-30j"],
        before["retard-30j"],
    }
    linked = after.filter(pk__in=[before["rejets-30j"], before["retard-30j"]])
    assert {a.closed_on for a in linked} == {AS_OF}  # no longer hold: closed, kept as evidence
    assert not after.filter(pk=before["echeance-impayee"]).exists()  # nothing linked: removed
    still = {"depassement-30j", "autorisation-saturee", "baisse-flux-annuelle"}
    assert {c: before[c] for c in still} == {
        a.rule.code: a.pk for a in after.filter(closed_on__isnull=True)
    }
    saturated = after.get(pk=before["autorisation-saturee"])
    assert saturated.last_seen_on == AS_OF
    assert saturated.evidence == saturated.last_evidence  # opened on this date: the rerun's
    # A further rerun changes nothing: the linked alerts stay closed, nothing is recreated.
    run_risk(AS_OF)
    assert set(Alert.objects.filter(party=troubled).values_list("pk", "closed_on")) == set(
        after.values_list("pk", "closed_on")
    )


def test_an_alert_of_an_earlier_date_is_never_removed(troubled: Any, settings: Any) -> None:
    """An alert opened before the rerun date that no longer holds is closed, not removed."""
    import datetime as dt

    run_risk(AS_OF)
    before = _alerts(troubled)
    later = AS_OF + dt.timedelta(days=1)
    run_risk(later)
    movements = lake.read_dataset(settings.LAKE_DIR, lake.MOVEMENTS)
    rejected = pc.is_in(movements["family"], pa.array(["rejected_direct_debit", "unpaid_cheque"]))
    lake.replace_dataset(settings.LAKE_DIR, lake.MOVEMENTS, movements.filter(pc.invert(rejected)))
    run_risk(later)
    alert = Alert.objects.get(pk=before["rejets-30j"])
    assert (alert.opened_on, alert.closed_on) == (AS_OF, later)
