"""The after-sales events, each worked by hand on a small lake; the step writes each
once, keeps what the managers made of them, and « Ma journée » shows them."""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from django.test import Client
from django.utils import timezone

from probanker import lake
from probanker.banking.tests.factories import ContractFactory, product
from probanker.core.registry import StepContext
from probanker.diagnosis.tests.factories import fiscal_year
from probanker.parties.models import Establishment
from probanker.parties.tests.factories import EstablishmentFactory, PartyFactory, valid_siret
from probanker.sales.after_sales import detect, record
from probanker.sales.models import AfterSalesEvent
from probanker.sales.steps import after_sales

pytestmark = pytest.mark.django_db


def _instalments(lake_dir: Path, rows: list[tuple[int, int, dt.date, dt.date | None]]) -> None:
    """``(contract, party, due, paid)`` rows, one file per month of the due date."""
    schema = lake.INSTALMENTS.file_schema
    by_month: dict[str, list[dict[str, Any]]] = {}
    for contract, party, due, paid in rows:
        by_month.setdefault(f"{due:%Y-%m}", []).append(
            {"contract_id": contract, "party_id": party, "due_date": due,
             "amount_due_cents": 50_000, "paid_date": paid,
             "amount_paid_cents": 50_000 if paid else 0}
        )  # fmt: skip
    for month, subset in by_month.items():
        lake.write_file(lake.INSTALMENTS.partition(month, lake_dir) / "part-0.parquet",
                        pa.Table.from_pylist(subset, schema=schema))  # fmt: skip


def _movements(lake_dir: Path, rows: list[tuple[int, dt.date, str]]) -> None:
    table = pa.Table.from_pylist(
        [{"account_id": 1, "party_id": p, "booking_date": d, "value_date": d,
          "amount_cents": 10_000, "family": f, "label": f, "month": f"{d:%Y-%m}"}
         for p, d, f in rows],
        lake.MOVEMENTS.schema,
    )  # fmt: skip
    lake.replace_dataset(lake_dir, lake.MOVEMENTS, table)


def test_each_event_is_detected_with_its_due_date(tmp_path: Path, manager1: Any) -> None:
    today = timezone.localdate()
    d = dt.timedelta
    paid_off = PartyFactory(manager=manager1, name="Soldé")
    ContractFactory(party=paid_off, product=product("equipment_loan"), balance=0,
                    closed_on=today - d(days=10))  # fmt: skip
    ContractFactory(party=paid_off, product=product("equipment_loan"), balance=0,
                    closed_on=today - d(days=45))  # too old  # fmt: skip
    limit = PartyFactory(manager=manager1, name="Découvert")
    ContractFactory(party=limit, product=product("overdraft"), balance=0,
                    authorised_limit=Decimal(8000), limit_expiry=today + d(days=40))  # fmt: skip
    # 10 years old in 12 days; 7 years old in 12 days gives nothing
    ten = PartyFactory(manager=manager1, kind="client",
                       creation_date=(today + d(days=12)).replace(year=today.year - 10))  # fmt: skip
    PartyFactory(manager=manager1, kind="client",
                 creation_date=(today + d(days=12)).replace(year=today.year - 7))  # fmt: skip
    filed = PartyFactory(manager=manager1, name="Comptes")
    fiscal_year(filed, manager1, year=today.year - 2)  # an older year: not this one
    fiscal_year(filed, manager1, year=today.year - 1)
    grown = PartyFactory(manager=manager1, name="Deux boutiques")
    first = EstablishmentFactory(party=grown)
    first.history.update(history_date=timezone.now() - d(days=400))
    EstablishmentFactory(party=grown, siret=valid_siret(grown.siren, 2), city="Amboise",
                         is_head_office=False)  # fmt: skip
    ending = PartyFactory(manager=manager1, name="Fin de prêt")
    loan = ContractFactory(party=ending, product=product("equipment_loan"), balance=3000)
    late = PartyFactory(manager=manager1, name="Retard")
    late_loan = ContractFactory(party=late, product=product("equipment_loan"), balance=9000)
    _instalments(tmp_path, [
        (loan.pk, ending.pk, today + d(days=20), None),
        (loan.pk, ending.pk, today + d(days=50), None),  # the last one: ends within 90 days
        (late_loan.pk, late.pk, today - d(days=20), today - d(days=5)),  # paid 15 days late
        (late_loan.pk, late.pk, today - d(days=50), today - d(days=50)),  # on time
        (late_loan.pk, late.pk, today + d(days=400), None),  # goes on: not ending
    ])  # fmt: skip
    idle, busy = PartyFactory(manager=manager1, name="TPE dormant"), PartyFactory(manager=manager1)
    for party in (idle, busy):
        ContractFactory(party=party, product=product("payment_terminal"), balance=0,
                        opened_on=today - d(days=400))  # fmt: skip
    _movements(tmp_path, [(busy.pk, today - d(days=10), "card_receipts"),
                          (idle.pk, today - d(days=10), "incoming_transfer")])  # fmt: skip
    found = {(f.party_id, f.kind): f for f in detect(today, tmp_path)}
    assert found[(paid_off.pk, "credit_solde")].due_on == today + d(days=15)
    assert found[(limit.pk, "autorisation")].due_on == today + d(days=10)  # 30 days ahead
    anniversary = found[(ten.pk, "anniversaire")]
    assert anniversary.due_on == today + d(days=12)
    assert "10 ans" in anniversary.detail
    assert str(today.year - 1) in found[(filed.pk, "exercice")].detail
    assert "Amboise" in found[(grown.pk, "etablissement")].detail
    assert found[(ending.pk, "credit_fin")].due_on == today + d(days=20)  # 30 days before the end
    assert (late.pk, "incident_regularise") in found
    assert (late.pk, "credit_fin") not in found
    assert (idle.pk, "produit_inutilise") in found
    assert (busy.pk, "produit_inutilise") not in found
    assert sorted(k for _, k in found) == sorted([
        "credit_solde", "autorisation", "anniversaire", "exercice", "etablissement",
        "credit_fin", "incident_regularise", "produit_inutilise",
    ])  # fmt: skip
    assert Establishment.objects.filter(party=grown).count() == 2


def test_the_step_writes_each_event_once_and_keeps_what_was_made_of_it(
    tmp_path: Path, client: Client, manager1: Any, manager2: Any
) -> None:
    today = timezone.localdate()
    party = PartyFactory(manager=manager1, name="Garage Morel")
    ContractFactory(party=party, product=product("leasing"), balance=0,
                    closed_on=today - dt.timedelta(days=3))  # fmt: skip
    context = StepContext(as_of=today, lake_dir=tmp_path)
    assert after_sales(context) == {"after_sales_events": 1}
    event = AfterSalesEvent.objects.get(party=party)
    client.force_login(manager1)
    day = html.unescape(client.get("/").content.decode())
    assert "Contacts d'après-vente" in day
    assert "Crédit-bail mobilier n°" in day
    client.post(f"/ventes/apres-vente/{event.pk}/", {"issue": "fait", "suite": "home"})
    event.refresh_from_db()
    assert (event.status, event.closed_on, event.closed_by) == ("fait", today, manager1)
    assert record(today, tmp_path) == 0  # the rerun finds it, closed, and adds nothing
    assert AfterSalesEvent.objects.get(party=party).pk == event.pk
    client.force_login(manager2)
    assert client.post(f"/ventes/apres-vente/{event.pk}/", {"issue": "ecarte"}).status_code == 404


def test_a_schedule_cut_by_the_extract_is_no_loan_ending(tmp_path: Path, manager1: Any) -> None:
    """The lake's schedules stop in 40 days: a loan whose last known instalment is then
    says nothing of its term."""
    today = timezone.localdate()
    party = PartyFactory(manager=manager1)
    loan = ContractFactory(party=party, product=product("equipment_loan"), balance=8000)
    _instalments(tmp_path, [(loan.pk, party.pk, today + dt.timedelta(days=10), None),
                            (loan.pk, party.pk, today + dt.timedelta(days=40), None)])  # fmt: skip
    assert not [f for f in detect(today, tmp_path) if f.kind == "credit_fin"]
