"""Lines of the simplified income statement (form 2033-B) from account prefixes.

Each line is a set of account prefixes (DOMAIN.md); products are read as
credit − debit, charges as debit − credit. The 2033-A balance sheet and the
normal forms 2050-2053 are not mapped yet.
"""

from __future__ import annotations

from decimal import Decimal

from probanker.finance.amounts import to_decimal
from probanker.finance.ledger import Ledger

# line code: (label, prefixes, excluded prefixes, is a product)
FORM_2033_B: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], bool]] = {
    "210": ("Ventes de marchandises", ("707", "7097"), (), True),
    "214": ("Production vendue (biens)", ("701", "702", "703"), (), True),
    "218": ("Production vendue (services)", ("704", "705", "706", "708", "709"), ("7097",), True),
    "234": ("Achats de marchandises", ("607", "6087", "6097"), (), False),
    "242": (
        "Autres charges externes",
        ("604", "605", "606", "6094", "6095", "61", "62"),
        (),
        False,
    ),
    "244": ("Impôts, taxes et versements assimilés", ("63",), (), False),
    "250": ("Rémunérations du personnel", ("641", "644", "648"), (), False),
    "252": ("Charges sociales", ("645", "646", "647"), (), False),
    "254": ("Dotations aux amortissements", ("6811", "6812"), (), False),
    "280": ("Produits financiers", ("76", "786", "796"), (), True),
    "294": ("Charges financières", ("66", "686"), (), False),
    "306": ("Impôt sur les bénéfices", ("695", "698", "699"), (), False),
}


def form_2033_b(ledger: Ledger) -> dict[str, Decimal]:
    """Amounts of the mapped 2033-B lines, by line code."""
    lines = {}
    for code, (_, prefixes, excluded, product) in FORM_2033_B.items():
        cents = ledger.sld(prefixes, excluded) if product else ledger.charge(prefixes, excluded)
        lines[f"2033-B/{code}"] = to_decimal(cents)
    return lines
