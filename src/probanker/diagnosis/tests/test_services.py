"""FEC import (all or nothing, idempotent), statements by regime, peers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from probanker.core.services import DomainError
from probanker.core.tests.factories import naf
from probanker.diagnosis import services
from probanker.diagnosis.analysis import analyse_party, peer_quartiles, quartiles
from probanker.diagnosis.models import AccountBalance, FecImport, FiscalYear
from probanker.diagnosis.summaries import ratios_of, summary_from_fec
from probanker.diagnosis.tests.fec_samples import RESULT, UNBALANCED, fec_bytes, fec_name
from probanker.parties.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db


def stage(user: Any, data: bytes, name: str) -> services.StagedFile:
    return services.stage_upload(user=user, chunks=[data[:100], data[100:]], name=name)


def counts() -> tuple[int, int, int]:
    return FiscalYear.objects.count(), AccountBalance.objects.count(), FecImport.objects.count()


def test_import_stores_the_year_its_balance_and_figures(manager1: Any) -> None:
    party = PartyFactory(manager=manager1)
    staged = stage(manager1, fec_bytes(), fec_name(party.siren))
    year = services.import_fec(actor=manager1, party=party, file=staged)
    assert (year.start, year.end) == (dt.date(2024, 1, 2), dt.date(2024, 12, 31))
    assert year.summary["sig"]["resultat_net"] == RESULT
    assert year.summary["sig"]["chiffre_affaires"] == "12000.00"
    assert year.summary["bilan"]["total_actif"] == year.summary["bilan"]["total_passif"]
    assert year.summary["liasse"]["2033-B/310"] == RESULT
    assert year.fec.lines == 17
    assert year.fec.entries_count == 7
    # The stored trial balance gives back exactly the same figures.
    assert summary_from_fec(services.stored_report(year)).to_json() == year.summary
    assert AccountBalance.objects.filter(fiscal_year=year, auxiliary="C001").exists()


def test_the_same_file_twice_changes_nothing(manager1: Any) -> None:
    party = PartyFactory(manager=manager1)
    data = fec_bytes()
    services.import_fec(
        actor=manager1, party=party, file=stage(manager1, data, fec_name(party.siren))
    )
    before = counts()
    with pytest.raises(services.AlreadyImported, match="déjà été importé"):
        services.import_fec(
            actor=manager1, party=party, file=stage(manager1, data, fec_name(party.siren))
        )
    assert counts() == before


def test_a_file_with_errors_stores_nothing(manager1: Any) -> None:
    party = PartyFactory(manager=manager1)
    staged = stage(manager1, fec_bytes(UNBALANCED), fec_name(party.siren))
    with pytest.raises(DomainError, match="rien n'a été enregistré") as error:
        services.import_fec(actor=manager1, party=party, file=staged)
    assert "ligne" in str(error.value)
    assert counts() == (0, 0, 0)


def test_another_companys_fec_is_refused(manager1: Any) -> None:
    party = PartyFactory(manager=manager1)
    staged = stage(manager1, fec_bytes(), fec_name("732829320"))
    with pytest.raises(DomainError, match="732829320"):
        services.import_fec(actor=manager1, party=party, file=staged)
    assert counts() == (0, 0, 0)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "vide"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x00\x01\x02binary\x00" * 50, "binaire"),
        (b"a;b\n1;2\n", "ligne 1 : séparateur introuvable"),
        ("JournalCode|Débit\né|1\n".encode("utf-16"), "binaire"),
    ],
)
def test_files_that_are_no_fec_get_a_clear_message(
    manager1: Any, data: bytes, message: str
) -> None:
    party = PartyFactory(manager=manager1)
    staged = stage(manager1, data, "export.txt")
    with pytest.raises(DomainError, match=message) as error:
        services.import_fec(actor=manager1, party=party, file=staged)
    assert "export.txt" in str(error.value)
    assert counts() == (0, 0, 0)


def test_oversized_upload_is_refused_while_streaming(manager1: Any, settings: Any) -> None:
    settings.PROBANKER_FEC_MAX_BYTES = 1000
    with pytest.raises(DomainError, match="trop volumineux"):
        services.stage_upload(user=manager1, chunks=[b"x" * 600, b"x" * 600], name="gros.txt")
    assert not any(p.is_file() for p in services.staging_dir(manager1).rglob("*"))


def test_an_existing_year_is_replaced_only_when_asked(manager1: Any) -> None:
    party = PartyFactory(manager=manager1)
    micro = services.save_statement(
        actor=manager1, party=party, source="micro", start=dt.date(2024, 1, 1),
        end=dt.date(2024, 12, 31), entries={"turnover": Decimal(50000), "sector_margin": Decimal("0.35")},
    )  # fmt: skip
    staged = stage(manager1, fec_bytes(), fec_name(party.siren))
    with pytest.raises(DomainError, match="Remplacer"):
        services.import_fec(actor=manager1, party=party, file=staged)
    assert FiscalYear.objects.get(party=party).pk == micro.pk
    year = services.import_fec(actor=manager1, party=party, file=staged, replace=True)
    assert FiscalYear.objects.get(party=party).pk == year.pk
    assert year.source == "fec"
    reasons = list(
        FiscalYear.history.filter(id=micro.pk).values_list("history_change_reason", flat=True)
    )
    assert any("remplacé" in (r or "") for r in reasons)


def test_statements_by_regime(manager1: Any) -> None:
    party = PartyFactory(manager=manager1)
    zero = {k: Decimal(0) for k in ("sales_of_goods", "purchases_of_goods", "stock_change_goods",
                                    "raw_materials", "taxes", "social_charges", "trade_receivables",
                                    "stocks", "trade_payables")}  # fmt: skip
    y2033 = services.save_statement(
        actor=manager1, party=party, source="2033", start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31),
        entries={**zero, "production_sold": Decimal(100000), "external_charges": Decimal(40000),
                 "wages": Decimal(30000), "depreciation": Decimal(5000), "financial_charges": Decimal(1000),
                 "net_result": Decimal(24000), "equity": Decimal(50000), "financial_debt": Decimal(40000),
                 "cash": Decimal(10000), "total_balance_sheet": Decimal(120000), "debt_service": None},
    )  # fmt: skip
    assert y2033.summary["sig"]["ebe"] == "30000.00"  # 100,000 − 40,000 − 30,000
    assert y2033.summary["caf"] == "29000.00"  # result + depreciation
    ratios = ratios_of(y2033.summary, "2033")
    assert ratios["taux_marge_ebe"].value == Decimal("30.00")
    assert ratios["autonomie_financiere"].value == Decimal("41.67")
    assert ratios["dscr"].value is None  # no debt service typed
    y2035 = services.save_statement(
        actor=manager1, party=party, source="2035", start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31),
        entries={"receipts": Decimal(90000), "purchases": Decimal(2000), "staff_costs": Decimal(0),
                 "own_social_charges": Decimal(15000), "taxes": Decimal(1000),
                 "rents_and_other_external": Decimal(18000), "financial_charges": Decimal(500),
                 "depreciation": Decimal(3500), "result": Decimal(50000), "debt_service": Decimal(6000)},
    )  # fmt: skip
    ratios = ratios_of(y2035.summary, "2035")
    assert ratios["dscr"].value == Decimal("8.92")  # (50,000 + 3,500) / 6,000
    assert "bilan" in (ratios["autonomie_financiere"].reason or "")
    assert y2035.summary["bilan"] is None
    analysis = analyse_party(party)
    assert [y.end.year for y in analysis.years] == [2023, 2024]
    assert analysis.capacity is not None
    assert analysis.capacity.caf == Decimal("53500.00")


def test_micro_statement_has_an_estimated_caf(manager1: Any) -> None:
    party = PartyFactory(manager=manager1)
    year = services.save_statement(
        actor=manager1, party=party, source="micro", start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31),
        entries={"turnover": Decimal(60000), "sector_margin": Decimal("0.35")},
    )  # fmt: skip
    assert year.summary["caf"] == "21000.00"
    assert year.summary["caf_estimated"]
    ratios = ratios_of(year.summary, "micro")
    assert all(r.value is None for code, r in ratios.items())
    assert "micro" in (ratios["taux_marge_ebe"].reason or "")


def test_quartiles_interpolate() -> None:
    q = quartiles([Decimal(4), Decimal(1), Decimal(3), Decimal(2)])
    assert (q.q1, q.median, q.q3, q.count) == (Decimal("1.75"), Decimal("2.50"), Decimal("3.25"), 4)


def test_peers_are_shown_from_five_clients_of_the_same_division(
    manager1: Any, manager2: Any
) -> None:
    code = naf("56.10A")
    party = PartyFactory(manager=manager1, naf=code)

    def peer(margin: int, manager: Any) -> None:
        other = PartyFactory(manager=manager, naf=code)
        services.save_statement(
            actor=manager, party=other, source="2035", start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31),
            entries={"receipts": Decimal(100000), "purchases": Decimal(0), "staff_costs": Decimal(0),
                     "own_social_charges": Decimal(0), "taxes": Decimal(0),
                     "rents_and_other_external": Decimal(100000 - margin * 1000),
                     "financial_charges": Decimal(0), "depreciation": Decimal(0),
                     "result": Decimal(margin * 1000), "debt_service": None},
        )  # fmt: skip

    for margin in (10, 20, 30, 40):
        peer(margin, manager2)  # another portfolio: only the aggregate is shown
    PartyFactory(manager=manager1, naf=naf("10.71C"))
    assert peer_quartiles(party) == {}
    peer(50, manager1)
    q = peer_quartiles(party)["taux_marge_ebe"]
    assert (q.q1, q.median, q.q3, q.count) == (
        Decimal("20.00"),
        Decimal("30.00"),
        Decimal("40.00"),
        5,
    )
