"""Tax-return lines (2033-A/B, 2050-2053): exhaustive mappings, a golden case."""

from __future__ import annotations

from hypothesis import given, settings

from probanker.core.testing import shared_data
from probanker.finance.balance_sheet import compute_balance_sheet
from probanker.finance.fec import read_fec
from probanker.finance.ledger import Ledger, Position
from probanker.finance.liasse import LABELS, liasse, liasse_cents
from probanker.finance.sig import compute_sig
from probanker.finance.tests.strategies import balanced_positions

# Every line's accounts, plus odd ones that only a "rest of" rule catches.
ACCOUNTS = [
    "101300", "104100", "105000", "106100", "106300", "106400", "106800", "108000", "109000",
    "110000", "119000", "120000", "131000", "145000", "151100", "153000", "161000", "163000",
    "164000", "167100", "167400", "168800", "171000", "201000", "203000", "205000", "206000",
    "207000", "208000", "211000", "213000", "215400", "218300", "231000", "237000", "238000",
    "261000", "267000", "271000", "274000", "275000", "280100", "280500", "280700", "281300",
    "281540", "281830", "283000", "290500", "290700", "291100", "293000", "296100", "296700",
    "297100", "297400", "297500", "310000", "331000", "345000", "355000", "370000", "381000",
    "391000", "393000", "397000", "401000", "404000", "409100", "411000", "419100", "421000",
    "431000", "445660", "445710", "455000", "467000", "476000", "477000", "481000", "486000",
    "487000", "491000", "496000", "503000", "512000", "519000", "530000", "590000", "601000",
    "602200", "603100", "603700", "604000", "606100", "607000", "608100", "608700", "609100",
    "609700", "613200", "622600", "635100", "641000", "644000", "645000", "649000", "651000",
    "655000", "658000", "661100", "666000", "667000", "668000", "671200", "675000", "681120",
    "681500", "681600", "681740", "686000", "687000", "691000", "695000", "697000", "701000",
    "704000", "706000", "707000", "708500", "709700", "709100", "713500", "721000", "740000",
    "752000", "755000", "761000", "762000", "763000", "766000", "767000", "771000", "775000",
    "777000", "781500", "786500", "787000", "791000", "796000", "797000",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(balanced_positions(ACCOUNTS, ("40", "41", "46", "51"), max_size=40))
def test_every_form_adds_up_for_any_balanced_ledger(positions: list[Position]) -> None:
    """Result lines = Σ7 − Σ6; net assets = liabilities = the functional balance sheet's total."""
    ledger = Ledger(positions)
    result = ledger.sld(("6", "7"))
    lines = liasse_cents(ledger, compute_sig(ledger).net_result)
    assert lines["2033-B/310"] == lines["2053/HN"] == result
    assert lines["2052/GW"] + lines["2053/HI"] - lines["2053/HJ"] - lines["2053/HK"] == result
    sheet = compute_balance_sheet(ledger, result)
    assert lines["2033-A/110"] - lines["2033-A/112"] == lines["2033-A/180"] == sheet.total_assets
    # 2050 shows capital not called (109) as an asset rather than less equity.
    assert lines["2050/CO"] - lines["2050/1A"] == lines["2051/EE"]
    assert lines["2051/EE"] - lines["2050/AA"] == sheet.total_liabilities


def test_golden_joiner() -> None:
    """A joinery workshop under the simplified regime, worked out by hand (cents)."""
    balances = {
        "101000": 500_000,  # capital 5,000
        "164000": 1_500_000,  # bank loan 15,000
        "215400": -2_400_000,  # machines 24,000
        "281540": 800_000,  # their depreciation 8,000
        "310000": -300_000,  # wood in stock 3,000
        "411000": -900_000,  # customers 9,000
        "401000": 700_000,  # suppliers 7,000
        "421000": 200_000,  # wages due 2,000
        "512000": -400_000,  # bank 4,000
        "519000": 100_000,  # overdraft 1,000 (credit facility)
        "701000": 9_000_000,  # furniture sold 90,000
        "706000": 1_000_000,  # fitting services 10,000
        "601000": -3_500_000,  # wood bought 35,000
        "603100": 100_000,  # stock increase 1,000
        "613200": -600_000,  # workshop rent 6,000
        "635100": -150_000,  # taxes 1,500
        "641000": -2_500_000,  # wages 25,000
        "645000": -1_000_000,  # social charges 10,000
        "681120": -400_000,  # depreciation 4,000
        "661100": -60_000,  # interest 600
        "695000": -190_000,  # corporate tax 1,900
    }
    balances["108000"] = -sum(balances.values())
    ledger = Ledger.from_balances(balances)
    result = compute_sig(ledger).net_result
    # 100,000 − 35,000 + 1,000 − 6,000 − 1,500 − 25,000 − 10,000 − 4,000 − 600 − 1,900
    assert result == 1_700_000
    lines = liasse(ledger, result)
    expected = {
        "2033-B/214": "90000.00",
        "2033-B/218": "10000.00",
        "2033-B/232": "100000.00",
        "2033-B/238": "35000.00",
        "2033-B/240": "-1000.00",
        "2033-B/242": "6000.00",
        "2033-B/244": "1500.00",
        "2033-B/250": "25000.00",
        "2033-B/252": "10000.00",
        "2033-B/254": "4000.00",
        "2033-B/264": "80500.00",
        "2033-B/270": "19500.00",
        "2033-B/294": "600.00",
        "2033-B/306": "1900.00",
        "2033-B/310": "17000.00",
        "2033-A/028": "24000.00",
        "2033-A/030": "8000.00",
        "2033-A/050": "3000.00",
        "2033-A/068": "9000.00",
        "2033-A/084": "4000.00",
        "2033-A/110": "40000.00",
        "2033-A/112": "8000.00",
        "2033-A/156": "16000.00",
        "2033-A/166": "7000.00",
        "2033-A/172": "2000.00",
        "2033-A/180": "32000.00",
        "2052/FF": "90000.00",
        "2052/FI": "10000.00",
        "2052/FL": "100000.00",
        "2052/FU": "35000.00",
        "2052/FV": "-1000.00",
        "2052/GG": "19500.00",
        "2052/GW": "18900.00",
        "2053/HK": "1900.00",
        "2053/HN": "17000.00",
        "2050/AR": "24000.00",
        "2050/AS": "8000.00",
        "2050/CO": "40000.00",
        "2051/DU": "16000.00",
        "2051/EH": "1000.00",
        "2051/EE": "32000.00",
    }
    assert {k: str(lines[k]) for k in expected} == expected
    debts = lines["2033-A/156"] + lines["2033-A/166"] + lines["2033-A/172"]
    assert lines["2033-A/142"] == lines["2033-A/180"] - debts


def test_every_line_has_a_label() -> None:
    ledger = Ledger.from_balances({"701000": 100, "512000": -100})
    assert set(liasse_cents(ledger, 100)) <= set(LABELS)
    assert all(LABELS[k] for k in liasse_cents(ledger, 100))


def test_real_files_balance() -> None:
    """Quadra's sample (a wine business): forms balance and give the file's result."""
    report = read_fec(shared_data("fec", "quadra_123456789FEC20190731.txt"))
    ledger = Ledger.from_fec(report)
    result = compute_sig(ledger).net_result
    lines = liasse(ledger, result)
    assert lines["2033-B/310"] == lines["2053/HN"] == report.result
    assert lines["2033-A/110"] - lines["2033-A/112"] == lines["2033-A/180"]
    assert lines["2050/CO"] - lines["2050/1A"] == lines["2051/EE"]
