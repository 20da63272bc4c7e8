"""The daily batch: steps in order, journaled one by one, stopped by a failure, resumed."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from probanker.banking.tests.factories import ContractFactory, product
from probanker.batch import services
from probanker.batch.models import BatchRun
from probanker.core.registry import BatchStep, StepContext, batch_steps
from probanker.credit.models import GuarantorLetter
from probanker.parties.models import Party
from probanker.parties.tests.factories import PartyFactory, PartyRoleFactory
from probanker.risk.models import Alert
from probanker.risk.tests.lake_samples import AS_OF, write_lake

pytestmark = pytest.mark.django_db
STEPS = [
    "statements_compact", "risk", "cases_escalation", "guarantor_letters", "portfolio_figures",
    "after_sales", "complaints_deadlines",
]  # fmt: skip


@pytest.fixture
def world(tmp_path: Path, settings: Any, manager1: Any) -> dict[str, Any]:
    """A troubled client (alerts, past due) with a guarantor and a loan, and a healthy one."""
    settings.LAKE_DIR = tmp_path / "lake"
    troubled = ContractFactory(party=PartyFactory(manager=manager1, name="Garage en difficulté"))
    healthy = ContractFactory(party=PartyFactory(manager=manager1, name="Boulangerie prospère"))
    write_lake(settings.LAKE_DIR, (troubled.pk, troubled.party_id), (healthy.pk, healthy.party_id))
    ContractFactory(party=troubled.party, product=product("equipment_loan"), balance=20_000)
    PartyRoleFactory(party=troubled.party, role="guarantor")
    return {"troubled": troubled.party, "healthy": healthy.party}


class Switch:
    """A step that fails while ``on``, after a write that its transaction must roll back."""

    def __init__(self) -> None:
        self.on = True

    def __call__(self, context: StepContext) -> dict[str, int]:
        Party.objects.update(name="écrit par une étape en échec")
        if self.on:
            raise RuntimeError("panne simulée")
        Party.objects.filter(name="écrit par une étape en échec").update(name="rétabli")
        return {"done": 1}


@pytest.fixture
def failing() -> Iterator[Switch]:
    """A step ``boom`` between risk (20) and cases_escalation (30), unregistered after."""
    switch = Switch()
    batch_steps.register(BatchStep(name="boom", label="Étape en panne", order=25, run=switch))
    yield switch
    batch_steps.unregister("boom")


def journal(run: BatchRun) -> list[tuple[str, str]]:
    return [(s.name, s.status) for s in run.steps.all()]


def alerts() -> set[tuple[int, str, dt.date]]:
    return set(Alert.objects.values_list("party_id", "rule__code", "opened_on"))


def test_the_registered_steps_run_in_order_and_each_is_journaled(world: dict[str, Any]) -> None:
    """banking, risk, risk, credit: in their order, each with its counts, the run ok."""
    assert services.step_names() == STEPS
    run = services.run_daily(as_of=AS_OF, launched_by="test")
    assert journal(run) == [(name, "ok") for name in STEPS]
    assert (run.status, run.resumed_from, run.launched_by) == ("ok", "", "test")
    assert run.finished_at is not None
    risk = services.step_counts(run, "risk")
    assert risk["accounts"] == 2
    assert risk["alerts_opened"] == Alert.objects.count() > 0
    assert services.step_counts(run, "statements_compact") == {
        "months": 0, "merged": 0, "recovered": 0,
    }  # fmt: skip
    # The letters step reads the statuses the risk step just wrote (a first incident).
    letters = services.step_counts(run, "guarantor_letters")["guarantor_letters"]
    assert letters == GuarantorLetter.objects.count() == 2
    assert set(GuarantorLetter.objects.values_list("kind", flat=True)) == {"2302", "2303"}
    for step in run.steps.all():
        assert step.started_at <= step.finished_at


def test_a_failed_step_stops_the_run_and_the_next_run_resumes_from_it(
    world: dict[str, Any], failing: Switch
) -> None:
    """The steps before the failure stay committed; the failed step's writes do not."""
    run = services.run_daily(as_of=AS_OF)
    assert run.status == "failed"
    assert journal(run) == [("statements_compact", "ok"), ("risk", "ok"), ("boom", "failed")]
    step = services.failed_step(run)
    assert step is not None
    assert step.error == "RuntimeError : panne simulée"
    assert Alert.objects.exists()  # the risk step's journal and effects are kept
    assert not Party.objects.filter(name="écrit par une étape en échec").exists()
    assert not GuarantorLetter.objects.exists()  # the steps after it did not run
    opened = alerts()

    failing.on = False
    again = services.run_daily(as_of=AS_OF)
    assert again.resumed_from == "boom"
    assert journal(again) == [
        ("statements_compact", "skipped"), ("risk", "skipped"), ("boom", "ok"),
        ("cases_escalation", "ok"), ("guarantor_letters", "ok"), ("portfolio_figures", "ok"),
        ("after_sales", "ok"), ("complaints_deadlines", "ok"),
    ]  # fmt: skip
    assert again.status == "ok"
    assert alerts() == opened
    assert GuarantorLetter.objects.count() == 2

    # After a run that ended well, the next one starts from the top.
    third = services.run_daily(as_of=AS_OF)
    assert third.resumed_from == ""
    assert all(status == "ok" for _, status in journal(third))


def test_a_failure_on_another_date_does_not_make_this_date_resume(
    world: dict[str, Any], failing: Switch
) -> None:
    """Resumption is per business date."""
    assert services.run_daily(as_of=AS_OF).status == "failed"
    failing.on = False
    other = services.run_daily(as_of=AS_OF + dt.timedelta(days=1))
    assert other.resumed_from == ""
    assert [status for _, status in journal(other)] == ["ok"] * (
        len(STEPS) + 1
    )  # the steps and « boom »


def test_from_step_forces_the_start(world: dict[str, Any], failing: Switch) -> None:
    """``from_step`` wins over the resumption, and skips (and journals) the steps before it."""
    services.run_daily(as_of=AS_OF)  # fails at boom
    failing.on = False
    run = services.run_daily(as_of=AS_OF, from_step="risk")
    assert run.resumed_from == "risk"
    assert journal(run)[:2] == [("statements_compact", "skipped"), ("risk", "ok")]
    with pytest.raises(services.UnknownStepError, match="statements_compact, risk, boom"):
        services.run_daily(as_of=AS_OF, from_step="nope")


def test_running_a_date_twice_gives_the_same_alerts_and_letters(world: dict[str, Any]) -> None:
    """Each step is idempotent for a business date."""
    first = services.run_daily(as_of=AS_OF)
    opened, letters = alerts(), set(GuarantorLetter.objects.values_list("kind", "party_id"))
    second = services.run_daily(as_of=AS_OF)
    assert alerts() == opened
    assert set(GuarantorLetter.objects.values_list("kind", "party_id")) == letters
    assert services.step_counts(second, "risk")["alerts_opened"] == len(opened)
    assert services.step_counts(second, "guarantor_letters") == {"guarantor_letters": 0}
    assert (
        services.step_counts(first, "risk")["statuses"]
        == services.step_counts(second, "risk")["statuses"]
    )


def test_daily_json_prints_the_run_with_its_steps(
    world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """The JSON document: as_of, status, resumed_from, steps with their fields."""
    call_command("daily", "--json", "--date", AS_OF.isoformat())
    document = json.loads(capsys.readouterr().out)
    assert set(document) == {"as_of", "status", "resumed_from", "steps"}
    assert (document["as_of"], document["status"], document["resumed_from"]) == (
        "2026-06-30", "ok", None,
    )  # fmt: skip
    assert [s["name"] for s in document["steps"]] == STEPS
    for step in document["steps"]:
        assert set(step) == {"name", "status", "started_at", "finished_at", "counts", "error"}
        assert step["error"] is None
        dt.datetime.fromisoformat(step["started_at"])
    assert document["steps"][1]["counts"]["accounts"] == 2


def test_daily_command_exits_1_on_a_failed_step_and_resumes(
    world: dict[str, Any], failing: Switch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 1 with the step and its error on stderr; the JSON still says what ran."""
    with pytest.raises(SystemExit) as exit_info:
        call_command("daily", "--date", AS_OF.isoformat(), "--json")
    assert exit_info.value.code == 1
    out, err = capsys.readouterr()
    assert "arrêté à l'étape « boom »" in err
    assert "panne simulée" in err
    document = json.loads(out)
    assert document["status"] == "failed"
    assert document["steps"][-1]["error"] == "RuntimeError : panne simulée"
    failing.on = False
    call_command("daily", "--date", AS_OF.isoformat())
    out = capsys.readouterr().out
    assert "repris à l'étape « boom »" in out
    assert "statements_compact : sautée" in out


def test_daily_usage_errors_exit_2(
    world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown step lists the steps; a bad date says the format; nothing is journaled."""
    with pytest.raises(SystemExit) as exit_info:
        call_command("daily", "--from-step", "inconnue")
    assert exit_info.value.code == 2
    assert (
        "Étapes : statements_compact, risk, cases_escalation, guarantor_letters, portfolio_figures,"
        " after_sales, complaints_deadlines" in (capsys.readouterr().err)
    )
    with pytest.raises(SystemExit) as exit_info:
        call_command("daily", "--date", "30/06/2026")
    assert exit_info.value.code == 2
    assert "AAAA-MM-JJ" in capsys.readouterr().err
    assert not BatchRun.objects.exists()


def test_daily_options_are_accepted_anywhere_on_the_line() -> None:
    """``--json --from-step risk --date D`` parses as ``--date D --from-step risk --json``."""
    from probanker.batch.management.commands.daily import Command

    parser = Command().create_parser("probanker", "daily")
    options = vars(parser.parse_args(["--json", "--from-step", "risk", "--date", "2026-06-30"]))
    assert (options["json"], options["from_step"], options["date"]) == (
        True, "risk", "2026-06-30",
    )  # fmt: skip
