"""The demo branch: deterministic, consistent, realistic enough to work with."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from django.core.management import call_command
from stdnum.fr import siren, siret

from probanker import lake
from probanker.banking.models import Contract
from probanker.core.models import Branch, User
from probanker.demo.common import DemoConfig
from probanker.demo.generator import build_demo
from probanker.diagnosis.models import FecImport, FiscalYear
from probanker.diagnosis.summaries import summary_from_fec
from probanker.finance.fec import read_fec
from probanker.parties.models import Establishment, Party, PartyLink, PartyRole, Person

AS_OF = dt.date(2026, 6, 30)


@pytest.fixture(autouse=True)
def var_dir(settings: Any, tmp_path: Path) -> Path:
    """The demo writes its FEC files under VAR_DIR: keep them out of the repository."""
    settings.VAR_DIR = tmp_path
    return tmp_path


def _digest(lake_dir: Path) -> str:
    parties = list(
        Party.objects.order_by("siren").values_list(
            "name", "siren", "legal_form", "tax_regime", "naf_id"
        )
    )
    contracts = list(
        Contract.objects.order_by("number").values_list(
            "number", "product__code", "balance", "authorised_limit", "limit_expiry"
        )
    )
    movements = lake.read_dataset(lake_dir, lake.MOVEMENTS).sort_by(
        [("account_id", "ascending"), ("booking_date", "ascending")]
    )
    years = list(
        FiscalYear.objects.order_by("party__siren", "end").values_list(
            "source", "end", "summary__sig__resultat_net"
        )
    )
    payload = repr(
        (parties, contracts, years, movements.num_rows, pc.sum(movements["amount_cents"]).as_py())
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _wipe() -> None:
    from probanker.complaints.models import Complaint, Mediator
    from probanker.credit.models import Decision
    from probanker.parties.models import AccessibilityPlan, AssociationConsultation, RgaaAudit
    from probanker.portfolio.models import Objective, TargetList

    Decision.objects.all().delete()  # recorded decisions protect their files
    Objective.objects.all().delete()  # objectives protect their branch and managers
    TargetList.objects.all().delete()  # target lists (and their actions) protect their owners
    Complaint.objects.all().delete()  # the register protects its parties
    from probanker.prospecting.models import Campaign, VisitDay

    Campaign.objects.all().delete()  # campaigns protect their managers
    VisitDay.objects.all().delete()  # and so do days of visits
    from probanker.sales.models import (
        AfterSalesEvent,
        Interview,
        NegotiatedCondition,
        Opportunity,
        SpecialistReferral,
    )

    # Opportunities protect their manager and product, interviews their guide and manager,
    # conditions their requester.
    for sales_row in (Opportunity, SpecialistReferral, Interview, AfterSalesEvent,
                      NegotiatedCondition):  # fmt: skip
        sales_row.objects.all().delete()
    for reference in (Mediator, RgaaAudit, AccessibilityPlan, AssociationConsultation):
        reference.objects.all().delete()
    from probanker.certification import models as certification

    # Certification rows protect their candidates and the staff who wrote them.
    for kind in (certification.Attempt, certification.Deliberation, certification.Outcome,
                 certification.Evaluation,
                 certification.Jury, certification.Candidate):  # fmt: skip
        kind.objects.all().delete()
    for model in (Contract, PartyLink, PartyRole, Establishment, Party, Person, User, Branch):
        model.objects.all().delete()


@pytest.mark.django_db
def test_same_seed_same_branch(tmp_path: Path) -> None:
    config = DemoConfig(clients=40, seed=7, as_of=AS_OF, lake_dir=tmp_path / "lake")
    build_demo(config)
    first = _digest(config.lake_dir)
    _wipe()
    build_demo(config)
    assert _digest(config.lake_dir) == first
    _wipe()
    build_demo(DemoConfig(clients=40, seed=8, as_of=AS_OF, lake_dir=config.lake_dir))
    assert _digest(config.lake_dir) != first


@pytest.mark.django_db
def test_demo_data_is_valid_and_consistent(tmp_path: Path) -> None:
    config = DemoConfig(clients=60, seed=3, as_of=AS_OF, lake_dir=tmp_path / "lake")
    summary = build_demo(config)
    assert summary.clients > 40
    assert summary.prospects > 0
    assert set(User.objects.values_list("username", flat=True)) == {
        "manager1",
        "manager2",
        "manager3",
        "director",
        "risk",
        "comite",
        "admin",
        "manager4",
        "reclamations",
        "certif",
        "jure",
    }
    for party in Party.objects.all():
        party.full_clean()  # legal form, regime, SIREN: every model rule holds
        assert siren.is_valid(party.siren)
    assert all(siret.is_valid(s) for s in Establishment.objects.values_list("siret", flat=True))
    assert Party.objects.filter(legal_form="EI", tax_regime="micro").exists()
    roles = set(PartyRole.objects.values_list("role", flat=True))
    assert roles == {"principal", "partner", "spouse", "guarantor"}
    assert PartyLink.objects.filter(kind="household").exists()
    assert not Party.objects.exclude(legal_form="EI").filter(tax_regime="micro").exists()
    # Every current account has a year of daily balances ending on its stored balance.
    balances = lake.read_dataset(config.lake_dir, lake.BALANCES)
    movements = lake.read_dataset(config.lake_dir, lake.MOVEMENTS)
    assert balances.schema.field("balance_cents").type == "int64"
    assert movements.schema.field("amount_cents").type == "int64"
    accounts = Contract.objects.filter(product__code="current_account")
    assert accounts.count() == summary.accounts
    last = balances.filter(pc.equal(balances["date"], pc.max(balances["date"])))
    closing = {row["account_id"]: row["balance_cents"] for row in last.to_pylist()}
    for account in accounts:
        assert int(account.balance * 100) == closing[account.pk]
    months = sorted(p.name for p in lake.MOVEMENTS.path(config.lake_dir).iterdir())
    assert months[0].startswith("month=2025-06")
    assert months[-1] == "month=2026-06"
    families = set(movements["family"].unique().to_pylist())
    assert {"card_receipts", "incoming_transfer", "salaries", "tax_social", "fees"} <= families
    # Authorisation expiries spread over the coming year.
    expiries = list(
        Contract.objects.filter(limit_expiry__isnull=False).values_list("limit_expiry", flat=True)
    )
    assert min(expiries) >= AS_OF
    assert max(expiries) > AS_OF + dt.timedelta(days=180)


@pytest.mark.django_db
def test_deteriorating_clients_show_it_in_their_flows(tmp_path: Path) -> None:
    config = DemoConfig(
        clients=120, seed=11, as_of=AS_OF, lake_dir=tmp_path / "lake", deteriorating_share=0.3
    )
    summary = build_demo(config)
    assert summary.deteriorating
    movements = lake.read_dataset(config.lake_dir, lake.MOVEMENTS)
    rejected = movements.filter(pc.equal(movements["family"], "rejected_direct_debit"))
    assert rejected.num_rows > 0
    bad = set(Party.objects.filter(name__in=summary.deteriorating).values_list("pk", flat=True))
    assert set(rejected["party_id"].to_pylist()) & bad


@pytest.mark.django_db
def test_demo_books_three_years_per_business_client(tmp_path: Path) -> None:
    config = DemoConfig(
        clients=120, seed=11, as_of=AS_OF, lake_dir=tmp_path / "lake", deteriorating_share=0.3
    )
    summary = build_demo(config)
    sources = Counter(FiscalYear.objects.values_list("source", flat=True))
    assert sources["fec"]
    assert sources["2035"]
    assert sources["micro"]
    assert summary.fiscal_years == sum(sources.values())
    assert summary.fec_files == sources["fec"] == FecImport.objects.count()
    assert set(FiscalYear.objects.dates("end", "year")) == {
        dt.date(2023, 1, 1), dt.date(2024, 1, 1), dt.date(2025, 1, 1),
    }  # fmt: skip
    # The demo's files are clean FECs that give back the stored figures.
    assert not FecImport.objects.filter(warnings__gt=0).exists()
    for fec in FecImport.objects.select_related("fiscal_year")[:15]:
        report = read_fec(tmp_path / "demo" / "fec" / fec.file_name)
        assert report.ok
        assert summary_from_fec(report).to_json() == fec.fiscal_year.summary
        bilan = fec.fiscal_year.summary["bilan"]
        assert bilan["total_actif"] == bilan["total_passif"]
    # Deteriorating clients end in a loss.
    bad = FiscalYear.objects.filter(
        party__name__in=summary.deteriorating, end=dt.date(2025, 12, 31)
    ).exclude(source="micro")
    assert bad.exists()
    assert all(Decimal(y.summary["sig"]["resultat_net"]) < 0 for y in bad)


@pytest.mark.django_db
def test_demo_has_credit_files_in_every_state_and_guarantor_letters(tmp_path: Path) -> None:
    """Files in every state; usury ceilings up to the demo's date (those not published
    marked as demo values), so overdraft renewals are not blocked; letters to guarantors,
    most of those due before the demo's date sent, with the guarantor's address and cap."""
    from probanker.credit.models import CreditFile, GuarantorLetter, UsuryRate

    build_demo(DemoConfig(clients=150, seed=5, as_of=AS_OF, lake_dir=tmp_path / "lake"))
    states = {(f.status, f.level) for f in CreditFile.objects.all()}
    assert {s for s, _ in states} == {"brouillon", "soumis", "decide"}
    outcomes = set(
        CreditFile.objects.filter(status="decide").values_list("decision__outcome", flat=True)
    )
    assert outcomes == {"accord", "accord_conditions", "refus"}
    assert {lvl for s, lvl in states if s != "brouillon"} >= {"manager", "director", "committee"}
    assert GuarantorLetter.objects.filter(kind="2302").exists()
    in_force = UsuryRate.objects.get(start__lte=AS_OF, end__gte=AS_OF)
    assert in_force.demo_value
    assert not UsuryRate.objects.filter(end__lte=dt.date(2024, 9, 30), demo_value=True).exists()
    annual = GuarantorLetter.objects.filter(kind="2302", due_on__lt=AS_OF)
    assert annual.filter(sent_on__isnull=True).count() < annual.count() / 4  # most went out
    assert annual.filter(sent_on__isnull=True).exists()  # a few late, to be seen
    assert all(x.guarantor.address for x in annual.select_related("guarantor"))
    assert not PartyRole.objects.filter(role="guarantor", guarantee_limit__isnull=True).exists()


@pytest.mark.django_db(transaction=True)
def test_demo_command_builds_twice_without_error(
    tmp_path: Path, settings: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.VAR_DIR = tmp_path
    settings.LAKE_DIR = tmp_path / "lake"
    for _ in range(2):
        call_command("demo", "--no-serve", "--clients", "20", "--as-of", "2026-06-30")
    err = capsys.readouterr().err
    assert "Agence de démonstration prête" in err
    assert "manager1" in err
    marker = json.loads((tmp_path / "demo.json").read_text(encoding="utf-8"))
    assert marker["as_of"] == "2026-06-30"
    assert {x["username"] for x in marker["logins"]} >= {"manager1", "director", "risk"}
    assert User.objects.filter(username="manager1").count() == 1


@pytest.mark.django_db
def test_demo_has_clients_in_default(tmp_path: Path) -> None:
    """Clients beyond their limit for more than 90 days are in default, stage 3 (CRR art. 178)."""
    from probanker.risk.models import ClientRisk

    config = DemoConfig(
        clients=120, seed=11, as_of=AS_OF, lake_dir=tmp_path / "lake", deteriorating_share=0.3
    )
    # A snapshot left by an earlier demo (other data) must not be carried on from.
    stale = pa.table({"account_id": [1], "current_beyond_limit_run": [500]})
    lake.write_snapshot(config.lake_dir, AS_OF - dt.timedelta(days=1), stale, stale)
    summary = build_demo(config)
    defaults = ClientRisk.objects.filter(status="defaut")
    assert defaults.exists()
    assert all(r.stage == 3 and r.days_past_due > 90 and r.material for r in defaults)
    assert all("CRR art. 178" in r.reason for r in defaults)
    assert set(defaults.values_list("party__name", flat=True)) <= set(summary.deteriorating)
    # The month ends before the last date have their snapshots: the runs carry on from them.
    earlier = lake.snapshot_dates(config.lake_dir, before=summary.as_of)
    assert earlier[-1] == dt.date(2026, 5, 29)  # the last business day of May
    assert len(earlier) == 11


@pytest.mark.django_db
def test_demo_has_complaints_in_every_state_and_an_rgaa_audit(tmp_path: Path) -> None:
    """Every stage, some escalated as overdue, every channel, payment services (one on
    hold), one in the Bas-Rhin branch, adapted letters, a mediator referral; the audit of
    probanker's pages with results, a plan and a consultation."""
    from probanker.complaints.models import Channel, Complaint, Level, Status
    from probanker.parties.models import AccessibilityPlan, AssociationConsultation, RgaaAudit

    build_demo(DemoConfig(clients=60, seed=3, as_of=AS_OF, lake_dir=tmp_path / "lake"))
    complaints = Complaint.objects.select_related("branch", "party__accessibility")
    assert set(complaints.values_list("status", flat=True)) == set(Status.values)
    assert set(complaints.values_list("channel", flat=True)) == set(Channel.values)
    # The daily batch escalated each overdue complaint the business day after its deadline.
    escalated = complaints.filter(level=Level.DEPARTMENT, escalated_on__isnull=False)
    assert escalated.count() >= 2
    for c in escalated:
        assert c.received_on < c.escalated_on <= AS_OF
    assert complaints.filter(payment_service=True, status=Status.HOLDING).exists()
    assert complaints.filter(mediator_referred_on__isnull=False).exists()
    assert complaints.get(branch__departement="67").branch.city == "Strasbourg"
    assert any(c.party.accessibility.large_print for c in complaints)
    assert any(c.party.accessibility.plain_language for c in complaints)
    assert {c.party.branch_id for c in complaints} == {c.branch_id for c in complaints}
    audit = RgaaAudit.objects.get()
    assert audit.samples.count() == 4
    assert AccessibilityPlan.objects.get().actions.count() == 4
    assert AssociationConsultation.objects.exists()
