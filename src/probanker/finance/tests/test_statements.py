"""SIG, CAF, balance sheet and ratios: identities, a golden case, real files."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings

from probanker.core.testing import shared_data
from probanker.finance.analysis import analyse_fec
from probanker.finance.balance_sheet import compute_balance_sheet
from probanker.finance.fec import read_fec
from probanker.finance.ledger import Ledger, Position
from probanker.finance.ratios import Figures, evaluate_all
from probanker.finance.sig import compute_caf, compute_sig
from probanker.finance.tests.strategies import balanced_positions

# Accounts covering every SIG and balance-sheet rule (mixed ones included).
ACCOUNTS = [
    "101000", "106000", "108000", "131000", "151000", "164000", "168800", "205000", "215400", "281540",
    "310000", "370000", "391000", "401000", "404000", "409000", "411000", "419000", "421000", "431000",
    "445660", "445710", "455000", "467000", "486000", "487000", "491000", "503000", "512000", "519000",
    "530000", "590000", "601000", "603100", "603700", "604000", "606100", "607000", "608700", "609700",
    "613200", "622600", "635100", "641000", "645000", "651000", "655000", "661100", "666000", "671200",
    "675000", "681120", "686000", "687000", "691000", "695000", "701000", "706000", "707000", "709700",
    "713500", "721000", "740000", "752000", "755000", "761000", "766000", "771000", "775000", "777000",
    "781500", "786500", "787000", "791000", "796000", "797000",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(balanced_positions(ACCOUNTS, ("40", "41"), max_size=30))
def test_identities_hold_for_any_balanced_ledger(positions: list[Position]) -> None:
    """Result = class 7 − 6 = SIG net; CAF additive = subtractive; assets = liabilities; FRNG − BFR = net cash."""
    ledger = Ledger(positions)
    sig = compute_sig(ledger)
    assert sig.net_result == ledger.sld(("6", "7"))
    caf = compute_caf(ledger, sig)
    assert caf.subtractive == caf.additive
    sheet = compute_balance_sheet(ledger, sig.net_result)
    assert sheet.total_assets == sheet.total_liabilities
    assert sheet.net_working_capital - sheet.working_capital_need == sheet.net_cash


def test_golden_baker() -> None:
    """A small bakery worked out by hand."""
    balances = {
        "101000": 1_000_000,  # capital 10,000
        "164000": 2_000_000,  # loan 20,000
        "215400": -3_000_000,  # oven 30,000
        "281540": 600_000,  # depreciation 6,000
        "411000": -120_000,  # customers 1,200
        "401000": 240_000,  # suppliers 2,400
        "512000": -500_000,  # bank 5,000
        "701000": 12_000_000,  # bread sold 120,000
        "601000": -4_000_000,  # flour 40,000
        "613200": -1_200_000,  # rent 12,000
        "641000": -3_000_000,  # wages 30,000
        "645000": -1_200_000,  # social charges 12,000
        "635100": -200_000,  # taxes 2,000
        "681120": -600_000,  # depreciation 6,000
        "661100": -80_000,  # interest 800
    }
    balances["108000"] = -sum(balances.values())  # the owner's drawings close the books
    ledger = Ledger.from_balances(balances)
    sig = compute_sig(ledger)
    assert sig.turnover == 12_000_000
    assert sig.value_added == 12_000_000 - 4_000_000 - 1_200_000  # 68,000
    assert sig.ebitda_fr == 6_800_000 - 200_000 - 4_200_000  # 24,000
    assert sig.operating_result == 2_400_000 - 600_000  # 18,000
    assert sig.current_result == 1_800_000 - 80_000  # 17,200
    assert sig.net_result == 1_720_000
    caf = compute_caf(ledger, sig)
    assert caf.subtractive == caf.additive == 1_720_000 + 600_000  # 23,200
    sheet = compute_balance_sheet(ledger, sig.net_result)
    assert sheet.fixed_assets_gross == 3_000_000
    assert sheet.total_assets == 3_000_000 - 600_000 + 120_000 + 500_000
    assert sheet.total_assets == sheet.total_liabilities
    ratios = evaluate_all(
        Figures(
            turnover=sig.turnover,
            ebitda_fr=sig.ebitda_fr,
            caf=caf.subtractive,
            financial_debt=2_000_000,
        )
    )
    assert ratios["taux_marge_ebe"].value == Decimal("20.00")
    assert ratios["taux_marge_ebe"].status == "green"
    assert ratios["capacite_remboursement"].value == Decimal("0.86")
    assert ratios["dso"].value is None
    assert ratios["dso"].reason


def test_ratio_refuses_a_meaningless_denominator() -> None:
    ratios = evaluate_all(Figures(financial_debt=100, caf=-5))
    assert ratios["capacite_remboursement"].value is None
    assert "négatif" in (ratios["capacite_remboursement"].reason or "")


@pytest.mark.parametrize(
    "name",
    [
        "quadra_123456789FEC20190731.txt",
        "odicom_123456789FEC20200331.txt",
        "bordeaux_sciences_agro_istea_123456789FEC20201231.txt",
        "sage_coala_2020.txt",
        "0000000001FEC20220831.txt",
        "111111111FEC20221231.TXT",
    ],
)
def test_identities_on_real_files(name: str) -> None:
    report = read_fec(shared_data("fec", name))
    analysis = analyse_fec(report)
    assert analysis.sig.as_decimals()["resultat_net"] == report.result
    assert analysis.caf.agree
    sheet = analysis.balance_sheet
    assert sheet.total_assets == sheet.total_liabilities
    assert sheet.net_working_capital - sheet.working_capital_need == sheet.net_cash


def test_quadra_key_figures() -> None:
    """Snapshot of the Quadra sample's key figures (a wine business), to catch drift."""
    analysis = analyse_fec(read_fec(shared_data("fec", "quadra_123456789FEC20190731.txt")))
    sig = analysis.sig.as_decimals()
    assert sig["resultat_net"] == Decimal("107821.44")
    assert sig["ebe"] == Decimal("264716.13")
    assert analysis.caf.subtractive == 23_302_331
    assert analysis.balance_sheet.as_decimals()["total_actif"] == Decimal("2462815.48")
