"""Lines of the tax return (liasse fiscale) from a ledger, by account prefixes.

- Simplified regime: form 2033-A (balance sheet, gross and depreciation
  columns) and 2033-B (income statement), with the 3-digit line codes of the
  Cerfa form;
- normal regime: forms 2050 (assets, gross and depreciation columns), 2051
  (liabilities), 2052 and 2053 (income statement), with their 2-letter codes.

Each line is a set of account prefixes (DOMAIN.md). Products and liabilities
are read as credit − debit, charges and assets as debit − credit; mixed
accounts (suppliers, customers, banks, other debtors and creditors) are split
by the sign of each account and auxiliary account (:class:`Ledger`). The
mapping is exhaustive: every class 6 and 7 account falls in exactly one line
and every class 1 to 5 position in exactly one side, so, for any balanced
ledger, the forms' result lines equal Σ class 7 − Σ class 6 and the net total
of assets equals the total of liabilities (property-tested). Lines that
split amounts the FEC does not carry (France / export) are given in total
only (FC, FF, FI, FL). A FEC has no closing entries: the year's result is
added to the result line (136, DI).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from probanker.finance.amounts import to_decimal
from probanker.finance.ledger import Ledger

Lines = dict[str, int]

LABELS: dict[str, str] = {
    # 2033-A, assets (gross; depreciation in the code + 2)
    "2033-A/010": "Fonds commercial (brut)",
    "2033-A/012": "Fonds commercial (amortissements, provisions)",
    "2033-A/014": "Autres immobilisations incorporelles (brut)",
    "2033-A/016": "Autres immobilisations incorporelles (amortissements, provisions)",
    "2033-A/028": "Immobilisations corporelles (brut)",
    "2033-A/030": "Immobilisations corporelles (amortissements, provisions)",
    "2033-A/040": "Immobilisations financières (brut)",
    "2033-A/042": "Immobilisations financières (provisions)",
    "2033-A/044": "Total actif immobilisé (brut)",
    "2033-A/048": "Total actif immobilisé (amortissements, provisions)",
    "2033-A/050": "Matières premières, approvisionnements, en cours (brut)",
    "2033-A/052": "Matières premières, approvisionnements, en cours (provisions)",
    "2033-A/060": "Marchandises (brut)",
    "2033-A/062": "Marchandises (provisions)",
    "2033-A/064": "Avances et acomptes versés sur commandes",
    "2033-A/068": "Créances clients et comptes rattachés (brut)",
    "2033-A/070": "Créances clients et comptes rattachés (provisions)",
    "2033-A/072": "Autres créances (brut)",
    "2033-A/074": "Autres créances (provisions)",
    "2033-A/080": "Valeurs mobilières de placement (brut)",
    "2033-A/082": "Valeurs mobilières de placement (provisions)",
    "2033-A/084": "Disponibilités",
    "2033-A/092": "Charges constatées d'avance",
    "2033-A/096": "Total actif circulant (brut)",
    "2033-A/098": "Total actif circulant (provisions)",
    "2033-A/110": "Total général de l'actif (brut)",
    "2033-A/112": "Total général de l'actif (amortissements, provisions)",
    # 2033-A, liabilities
    "2033-A/120": "Capital social ou individuel",
    "2033-A/124": "Écarts de réévaluation",
    "2033-A/126": "Réserve légale",
    "2033-A/130": "Réserves réglementées",
    "2033-A/132": "Autres réserves (primes incluses)",
    "2033-A/134": "Report à nouveau",
    "2033-A/136": "Résultat de l'exercice",
    "2033-A/140": "Subventions d'investissement et provisions réglementées",
    "2033-A/142": "Total capitaux propres",
    "2033-A/154": "Provisions pour risques et charges",
    "2033-A/156": "Emprunts et dettes assimilées (concours bancaires compris)",
    "2033-A/164": "Avances et acomptes reçus sur commandes en cours",
    "2033-A/166": "Fournisseurs et comptes rattachés",
    "2033-A/172": "Autres dettes (fiscales, sociales, sur immobilisations, associés)",
    "2033-A/174": "Produits constatés d'avance",
    "2033-A/176": "Total dettes",
    "2033-A/180": "Total général du passif",
    # 2033-B
    "2033-B/210": "Ventes de marchandises",
    "2033-B/214": "Production vendue (biens)",
    "2033-B/218": "Production vendue (services)",
    "2033-B/222": "Production stockée",
    "2033-B/224": "Production immobilisée",
    "2033-B/226": "Subventions d'exploitation reçues",
    "2033-B/230": "Autres produits (reprises et quotes-parts comprises)",
    "2033-B/232": "Total des produits d'exploitation",
    "2033-B/234": "Achats de marchandises",
    "2033-B/236": "Variation de stock (marchandises)",
    "2033-B/238": "Achats de matières premières et autres approvisionnements",
    "2033-B/240": "Variation de stock (matières premières et approvisionnements)",
    "2033-B/242": "Autres charges externes",
    "2033-B/244": "Impôts, taxes et versements assimilés",
    "2033-B/250": "Rémunérations du personnel",
    "2033-B/252": "Charges sociales",
    "2033-B/254": "Dotations aux amortissements",
    "2033-B/256": "Dotations aux provisions",
    "2033-B/262": "Autres charges (quotes-parts comprises)",
    "2033-B/264": "Total des charges d'exploitation",
    "2033-B/270": "Résultat d'exploitation",
    "2033-B/280": "Produits financiers",
    "2033-B/290": "Produits exceptionnels",
    "2033-B/294": "Charges financières",
    "2033-B/300": "Charges exceptionnelles",
    "2033-B/306": "Impôt sur les bénéfices (et participation des salariés)",
    "2033-B/310": "Bénéfice ou perte",
    # 2050, assets (gross / depreciation columns)
    "2050/AA": "Capital souscrit non appelé",
    "2050/AB": "Frais d'établissement (brut)",
    "2050/AC": "Frais d'établissement (amortissements)",
    "2050/CX": "Frais de développement (brut)",
    "2050/CQ": "Frais de développement (amortissements)",
    "2050/AF": "Concessions, brevets et droits similaires (brut)",
    "2050/AG": "Concessions, brevets et droits similaires (amortissements)",
    "2050/AH": "Fonds commercial (brut)",
    "2050/AI": "Fonds commercial (amortissements, provisions)",
    "2050/AJ": "Autres immobilisations incorporelles (brut)",
    "2050/AK": "Autres immobilisations incorporelles (amortissements, provisions)",
    "2050/AN": "Terrains (brut)",
    "2050/AO": "Terrains (amortissements, provisions)",
    "2050/AP": "Constructions (brut)",
    "2050/AQ": "Constructions (amortissements)",
    "2050/AR": "Installations techniques, matériel et outillage (brut)",
    "2050/AS": "Installations techniques, matériel et outillage (amortissements)",
    "2050/AT": "Autres immobilisations corporelles (brut)",
    "2050/AU": "Autres immobilisations corporelles (amortissements)",
    "2050/AV": "Immobilisations en cours (brut)",
    "2050/AW": "Immobilisations en cours (provisions)",
    "2050/AX": "Avances et acomptes sur immobilisations",
    "2050/CU": "Autres participations (brut)",
    "2050/CV": "Autres participations (provisions)",
    "2050/BB": "Créances rattachées à des participations (brut)",
    "2050/BC": "Créances rattachées à des participations (provisions)",
    "2050/BD": "Autres titres immobilisés (brut)",
    "2050/BE": "Autres titres immobilisés (provisions)",
    "2050/BF": "Prêts (brut)",
    "2050/BG": "Prêts (provisions)",
    "2050/BH": "Autres immobilisations financières (brut)",
    "2050/BI": "Autres immobilisations financières (provisions)",
    "2050/BJ": "Total actif immobilisé (brut)",
    "2050/BK": "Total actif immobilisé (amortissements, provisions)",
    "2050/BL": "Matières premières, approvisionnements (brut)",
    "2050/BM": "Matières premières, approvisionnements (provisions)",
    "2050/BN": "En cours de production de biens (brut)",
    "2050/BO": "En cours de production de biens (provisions)",
    "2050/BP": "En cours de production de services (brut)",
    "2050/BQ": "En cours de production de services (provisions)",
    "2050/BR": "Produits intermédiaires et finis (brut)",
    "2050/BS": "Produits intermédiaires et finis (provisions)",
    "2050/BT": "Marchandises (brut)",
    "2050/BU": "Marchandises (provisions)",
    "2050/BV": "Avances et acomptes versés sur commandes",
    "2050/BX": "Clients et comptes rattachés (brut)",
    "2050/BY": "Clients et comptes rattachés (provisions)",
    "2050/BZ": "Autres créances (brut)",
    "2050/CA": "Autres créances (provisions)",
    "2050/CD": "Valeurs mobilières de placement (brut)",
    "2050/CE": "Valeurs mobilières de placement (provisions)",
    "2050/CF": "Disponibilités",
    "2050/CH": "Charges constatées d'avance",
    "2050/CJ": "Total actif circulant (brut)",
    "2050/CK": "Total actif circulant (provisions)",
    "2050/CL": "Charges à répartir sur plusieurs exercices",
    "2050/CN": "Écarts de conversion actif",
    "2050/CO": "Total général de l'actif (brut)",
    "2050/1A": "Total général de l'actif (amortissements, provisions)",
    # 2051
    "2051/DA": "Capital social ou individuel",
    "2051/DB": "Primes d'émission, de fusion, d'apport",
    "2051/DC": "Écarts de réévaluation",
    "2051/DD": "Réserve légale",
    "2051/DE": "Réserves statutaires ou contractuelles",
    "2051/DF": "Réserves réglementées",
    "2051/DG": "Autres réserves",
    "2051/DH": "Report à nouveau",
    "2051/DI": "Résultat de l'exercice",
    "2051/DJ": "Subventions d'investissement",
    "2051/DK": "Provisions réglementées",
    "2051/DL": "Total capitaux propres",
    "2051/DM": "Produit des émissions de titres participatifs",
    "2051/DN": "Avances conditionnées",
    "2051/DO": "Total autres fonds propres",
    "2051/DP": "Provisions pour risques",
    "2051/DQ": "Provisions pour charges",
    "2051/DR": "Total provisions",
    "2051/DS": "Emprunts obligataires convertibles",
    "2051/DT": "Autres emprunts obligataires",
    "2051/DU": "Emprunts et dettes auprès des établissements de crédit",
    "2051/DV": "Emprunts et dettes financières divers",
    "2051/DW": "Avances et acomptes reçus sur commandes en cours",
    "2051/DX": "Dettes fournisseurs et comptes rattachés",
    "2051/DY": "Dettes fiscales et sociales",
    "2051/DZ": "Dettes sur immobilisations et comptes rattachés",
    "2051/EA": "Autres dettes",
    "2051/EB": "Produits constatés d'avance",
    "2051/EC": "Total dettes",
    "2051/ED": "Écarts de conversion passif",
    "2051/EE": "Total général du passif",
    "2051/EH": "dont concours bancaires courants et soldes créditeurs de banques",
    # 2052
    "2052/FC": "Ventes de marchandises",
    "2052/FF": "Production vendue (biens)",
    "2052/FI": "Production vendue (services)",
    "2052/FL": "Chiffre d'affaires net",
    "2052/FM": "Production stockée",
    "2052/FN": "Production immobilisée",
    "2052/FO": "Subventions d'exploitation",
    "2052/FP": "Reprises sur amortissements et provisions, transferts de charges",
    "2052/FQ": "Autres produits",
    "2052/FR": "Total des produits d'exploitation",
    "2052/FS": "Achats de marchandises",
    "2052/FT": "Variation de stock (marchandises)",
    "2052/FU": "Achats de matières premières et autres approvisionnements",
    "2052/FV": "Variation de stock (matières premières et approvisionnements)",
    "2052/FW": "Autres achats et charges externes",
    "2052/FX": "Impôts, taxes et versements assimilés",
    "2052/FY": "Salaires et traitements",
    "2052/FZ": "Charges sociales",
    "2052/GA": "Dotations aux amortissements sur immobilisations",
    "2052/GB": "Dotations aux provisions sur immobilisations",
    "2052/GC": "Dotations aux provisions sur actif circulant",
    "2052/GD": "Dotations aux provisions pour risques et charges",
    "2052/GE": "Autres charges",
    "2052/GF": "Total des charges d'exploitation",
    "2052/GG": "Résultat d'exploitation",
    "2052/GH": "Bénéfice attribué ou perte transférée",
    "2052/GI": "Perte supportée ou bénéfice transféré",
    "2052/GJ": "Produits financiers de participations",
    "2052/GK": "Produits des autres valeurs mobilières et créances de l'actif immobilisé",
    "2052/GL": "Autres intérêts et produits assimilés",
    "2052/GM": "Reprises sur provisions et transferts de charges (financiers)",
    "2052/GN": "Différences positives de change",
    "2052/GO": "Produits nets sur cessions de valeurs mobilières de placement",
    "2052/GP": "Total des produits financiers",
    "2052/GQ": "Dotations financières aux amortissements et provisions",
    "2052/GR": "Intérêts et charges assimilées",
    "2052/GS": "Différences négatives de change",
    "2052/GT": "Charges nettes sur cessions de valeurs mobilières de placement",
    "2052/GU": "Total des charges financières",
    "2052/GV": "Résultat financier",
    "2052/GW": "Résultat courant avant impôts",
    # 2053
    "2053/HA": "Produits exceptionnels sur opérations de gestion",
    "2053/HB": "Produits exceptionnels sur opérations en capital",
    "2053/HC": "Reprises sur provisions et transferts de charges (exceptionnels)",
    "2053/HD": "Total des produits exceptionnels",
    "2053/HE": "Charges exceptionnelles sur opérations de gestion",
    "2053/HF": "Charges exceptionnelles sur opérations en capital",
    "2053/HG": "Dotations exceptionnelles aux amortissements et provisions",
    "2053/HH": "Total des charges exceptionnelles",
    "2053/HI": "Résultat exceptionnel",
    "2053/HJ": "Participation des salariés aux résultats",
    "2053/HK": "Impôts sur les bénéfices",
    "2053/HL": "Total des produits",
    "2053/HM": "Total des charges",
    "2053/HN": "Bénéfice ou perte",
}

Prefixes = tuple[str, ...]


def _reader(ledger: Ledger) -> tuple[Callable[..., int], ...]:
    """The four readings of a ledger: product, charge, debit side, credit side."""
    return ledger.sld, ledger.charge, ledger.debit_side, ledger.credit_side


# Prefix sets shared by the simplified and the normal forms.
SALES_OF_GOODS: Prefixes = ("707", "7097")
GOODS_PRODUCED: Prefixes = ("701", "702", "703")
GOODS_PURCHASES: Prefixes = ("607", "6087", "6097")
MATERIALS: Prefixes = ("601", "602", "6081", "6082", "6091", "6092")
MATERIAL_STOCK_CHANGE: Prefixes = ("6031", "6032")
WAGES: Prefixes = ("641", "642", "643", "644", "648")
DEPRECIATION_ALLOWANCES: Prefixes = ("6811", "6812")
OPERATING_REVERSALS: Prefixes = ("78", "79")
NON_OPERATING_REVERSALS: Prefixes = ("786", "787", "796", "797")
# Purchases with a line of their own; the rest of 60, and 61-62, are external charges.
PURCHASES: Prefixes = (*GOODS_PURCHASES, "6037", *MATERIALS, *MATERIAL_STOCK_CHANGE)
EXTERNAL: Prefixes = ("60", "61", "62")
OTHER_RECEIVABLES: Prefixes = ("42", "43", "44", "45", "46", "47", "48")
CONTRA: Prefixes = ("28", "29")


def _cash_lines(ledger: Ledger) -> tuple[int, int, int, int]:
    """Marketable securities, their provisions, cash (debit) and overdrafts (credit)."""
    sld, _, deb, cred = _reader(ledger)
    return deb(("50",)), sld(("59",)), deb(("5",), ("50", "59")), cred(("5",), ("59",))


def form_2033_a(ledger: Ledger, net_result: int) -> Lines:
    """Simplified balance sheet (cents), gross and depreciation columns."""
    sld, chg, deb, cred = _reader(ledger)
    vmp, vmp_prov, cash, overdrafts = _cash_lines(ledger)
    a: Lines = {
        "010": chg(("206", "207")),
        "012": sld(("2806", "2807", "2906", "2907")),
        "014": chg(("20",), ("206", "207")),
        "016": sld(("280", "290"), ("2806", "2807", "2906", "2907")),
        "028": chg(("21", "22", "23", "24")),
        "030": sld(CONTRA, ("280", "290", "296", "297")),
        "040": chg(("25", "26", "27")),
        "042": sld(("296", "297")),
        "050": chg(("3",), ("37", "39")),
        "052": sld(("39",), ("397",)),
        "060": chg(("37",)),
        "062": sld(("397",)),
        "064": deb(("40",)),
        "068": deb(("41",)),
        "070": sld(("491",)),
        "072": deb(OTHER_RECEIVABLES, ("486",)),
        "074": sld(("49",), ("491",)),
        "080": vmp,
        "082": vmp_prov,
        "084": cash,
        "092": deb(("486",)),
    }
    a["044"] = a["010"] + a["014"] + a["028"] + a["040"]
    a["048"] = a["012"] + a["016"] + a["030"] + a["042"]
    a["096"] = sum(a[k] for k in ("050", "060", "064", "068", "072", "080", "084", "092"))
    a["098"] = a["052"] + a["062"] + a["070"] + a["074"] + a["082"]
    a["110"] = a["044"] + a["096"]
    a["112"] = a["048"] + a["098"]
    p: Lines = {
        "120": sld(("101", "108", "109")),
        "124": sld(("105",)),
        "126": sld(("1061",)),
        "130": sld(("1064",)),
        "132": sld(("10",), ("101", "105", "1061", "1064", "108", "109")),
        "134": sld(("11",)),
        "136": sld(("12",)) + net_result,
        "140": sld(("13", "14")),
        "154": sld(("15",)),
        "156": sld(("16", "17", "18")) + overdrafts,
        "164": cred(("41",)),
        "166": cred(("40",), ("404",)),
        "172": cred(OTHER_RECEIVABLES, ("487",)) + cred(("404",)),
        "174": cred(("487",)),
    }
    p["142"] = sum(p[k] for k in ("120", "124", "126", "130", "132", "134", "136", "140"))
    p["176"] = p["156"] + p["164"] + p["166"] + p["172"] + p["174"]
    p["180"] = p["142"] + p["154"] + p["176"]
    return a | p


def form_2033_b(ledger: Ledger) -> Lines:
    """Simplified income statement (cents)."""
    sld, chg, _, _ = _reader(ledger)
    b: Lines = {
        "210": sld(SALES_OF_GOODS),
        "214": sld(GOODS_PRODUCED),
        "218": sld(("70",), SALES_OF_GOODS + GOODS_PRODUCED),
        "222": sld(("71",)),
        "224": sld(("72", "73")),
        "226": sld(("74",)),
        "230": sld(("75",)) + sld(OPERATING_REVERSALS, NON_OPERATING_REVERSALS),
        "234": chg(GOODS_PURCHASES),
        "236": chg(("6037",)),
        "238": chg(MATERIALS),
        "240": chg(MATERIAL_STOCK_CHANGE),
        "242": chg(EXTERNAL, PURCHASES),
        "244": chg(("63",)),
        "250": chg(WAGES),
        "252": chg(("64",), WAGES),
        "254": chg(DEPRECIATION_ALLOWANCES),
        "256": chg(("68",), (*DEPRECIATION_ALLOWANCES, "686", "687")),
        "262": chg(("65",)),
        "280": sld(("76", "786", "796")),
        "290": sld(("77", "787", "797")),
        "294": chg(("66", "686")),
        "300": chg(("67", "687")),
        "306": chg(("69",)),
    }
    b["232"] = sum(b[k] for k in ("210", "214", "218", "222", "224", "226", "230"))
    b["264"] = sum(
        b[k] for k in ("234", "236", "238", "240", "242", "244", "250", "252", "254", "256", "262")
    )
    b["270"] = b["232"] - b["264"]
    b["310"] = b["270"] + b["280"] + b["290"] - b["294"] - b["300"] - b["306"]
    return b


def form_2050(ledger: Ledger) -> Lines:
    """Assets of the normal regime (cents), gross and depreciation columns."""
    sld, chg, deb, _ = _reader(ledger)
    vmp, vmp_prov, cash, _ = _cash_lines(ledger)
    other_tangible = ("211", "212", "213", "214", "215")
    a: Lines = {
        "AA": chg(("109",)),
        "AB": chg(("201",)),
        "AC": sld(("2801",)),
        "CX": chg(("203",)),
        "CQ": sld(("2803",)),
        "AF": chg(("205",)),
        "AG": sld(("2805", "2905")),
        "AH": chg(("206", "207")),
        "AI": sld(("2806", "2807", "2906", "2907")),
        "AJ": chg(("20",), ("201", "203", "205", "206", "207")),
        "AK": sld(("280", "290"), ("2801", "2803", "2805", "2905", "2806", "2807", "2906", "2907")),
        "AN": chg(("211", "212")),
        "AO": sld(("2811", "2812", "2911")),
        "AP": chg(("213", "214")),
        "AQ": sld(("2813", "2814")),
        "AR": chg(("215",)),
        "AS": sld(("2815",)),
        "AT": chg(("21", "22", "24"), other_tangible),
        "AU": sld(("281", "282", "291", "292"), ("2811", "2812", "2813", "2814", "2815", "2911")),
        "AV": chg(("23",), ("237", "238")),
        "AW": sld(("293",)),
        "AX": chg(("237", "238")),
        "CU": chg(("25", "26"), ("267", "268")),
        "CV": sld(("296",), ("2967", "2968")),
        "BB": chg(("267", "268")),
        "BC": sld(("2967", "2968")),
        "BD": chg(("271", "272", "273")),
        "BE": sld(("2971", "2972", "2973")),
        "BF": chg(("274",)),
        "BG": sld(("2974",)),
        "BH": chg(("27",), ("271", "272", "273", "274")),
        "BI": sld(("297",), ("2971", "2972", "2973", "2974")),
        # Class 28/29 accounts outside the lines above (rare) stay with the
        # other tangible assets so that the column adds up.
        "BL": chg(("31", "32", "36", "38")),
        "BM": sld(("39",), ("393", "394", "395", "397")),
        "BN": chg(("33",)),
        "BO": sld(("393",)),
        "BP": chg(("34",)),
        "BQ": sld(("394",)),
        "BR": chg(("35",)),
        "BS": sld(("395",)),
        "BT": chg(("37",)),
        "BU": sld(("397",)),
        "BV": deb(("40",)),
        "BX": deb(("41",)),
        "BY": sld(("491",)),
        "BZ": deb(OTHER_RECEIVABLES, ("476", "481", "486")),
        "CA": sld(("49",), ("491",)),
        "CD": vmp,
        "CE": vmp_prov,
        "CF": cash,
        "CH": deb(("486",)),
        "CL": deb(("481",)),
        "CN": deb(("476",)),
    }
    mapped = ("280", "290", "281", "282", "291", "292", "293", "296", "297")
    a["AU"] += sld(CONTRA, mapped)
    a["BJ"] = sum(
        a[k] for k in ("AB", "CX", "AF", "AH", "AJ", "AN", "AP", "AR", "AT", "AV", "AX")
    ) + sum(a[k] for k in ("CU", "BB", "BD", "BF", "BH"))
    a["BK"] = sum(
        a[k] for k in ("AC", "CQ", "AG", "AI", "AK", "AO", "AQ", "AS", "AU", "AW", "CV", "BC")
    ) + sum(a[k] for k in ("BE", "BG", "BI"))
    a["CJ"] = sum(a[k] for k in ("BL", "BN", "BP", "BR", "BT", "BV", "BX", "BZ", "CD", "CF", "CH"))
    a["CK"] = sum(a[k] for k in ("BM", "BO", "BQ", "BS", "BU", "BY", "CA", "CE"))
    a["CO"] = a["AA"] + a["BJ"] + a["CJ"] + a["CL"] + a["CN"]
    a["1A"] = a["BK"] + a["CK"]
    return a


def form_2051(ledger: Ledger, net_result: int) -> Lines:
    """Liabilities of the normal regime (cents)."""
    sld, _, _, cred = _reader(ledger)
    _, _, _, overdrafts = _cash_lines(ledger)
    named_financial = ("161", "163", "164", "1671", "1674")
    p: Lines = {
        "DA": sld(("101", "108")),
        "DB": sld(("104",)),
        "DC": sld(("105",)),
        "DD": sld(("1061",)),
        "DE": sld(("1063",)),
        "DF": sld(("1064",)),
        "DG": sld(("10",), ("101", "104", "105", "1061", "1063", "1064", "108", "109")),
        "DH": sld(("11",)),
        "DI": sld(("12",)) + net_result,
        "DJ": sld(("13",)),
        "DK": sld(("14",)),
        "DM": sld(("1671",)),
        "DN": sld(("1674",)),
        "DP": sld(("151",)),
        "DQ": sld(("15",), ("151",)),
        "DS": sld(("161",)),
        "DT": sld(("163",)),
        "DU": sld(("164",)) + overdrafts,
        "DV": sld(("16", "17", "18"), named_financial),
        "DW": cred(("41",)),
        "DX": cred(("40",), ("404",)),
        "DY": cred(("42", "43", "44")),
        "DZ": cred(("404",)),
        "EA": cred(("45", "46", "47", "48"), ("477", "487")),
        "EB": cred(("487",)),
        "ED": cred(("477",)),
        "EH": overdrafts,
    }
    p["DL"] = sum(p[k] for k in ("DA", "DB", "DC", "DD", "DE", "DF", "DG", "DH", "DI", "DJ", "DK"))
    p["DO"] = p["DM"] + p["DN"]
    p["DR"] = p["DP"] + p["DQ"]
    p["EC"] = sum(p[k] for k in ("DS", "DT", "DU", "DV", "DW", "DX", "DY", "DZ", "EA", "EB"))
    p["EE"] = p["DL"] + p["DO"] + p["DR"] + p["EC"] + p["ED"]
    return p


def form_2052_2053(ledger: Ledger) -> tuple[Lines, Lines]:
    """Income statement of the normal regime (cents): 2052 then 2053."""
    sld, chg, _, _ = _reader(ledger)
    named_provisions = (*DEPRECIATION_ALLOWANCES, "6815", "6816", "6817", "686", "687")
    r: Lines = {
        "FC": sld(SALES_OF_GOODS),
        "FF": sld(GOODS_PRODUCED),
        "FI": sld(("70",), SALES_OF_GOODS + GOODS_PRODUCED),
        "FM": sld(("71",)),
        "FN": sld(("72", "73")),
        "FO": sld(("74",)),
        "FP": sld(OPERATING_REVERSALS, NON_OPERATING_REVERSALS),
        "FQ": sld(("75",), ("755",)),
        "FS": chg(GOODS_PURCHASES),
        "FT": chg(("6037",)),
        "FU": chg(MATERIALS),
        "FV": chg(MATERIAL_STOCK_CHANGE),
        "FW": chg(EXTERNAL, PURCHASES),
        "FX": chg(("63",)),
        "FY": chg(WAGES),
        "FZ": chg(("64",), WAGES),
        "GA": chg(DEPRECIATION_ALLOWANCES),
        "GB": chg(("6816",)),
        "GC": chg(("6817",)),
        "GD": chg(("68",), named_provisions) + chg(("6815",)),
        "GE": chg(("65",), ("655",)),
        "GH": sld(("755",)),
        "GI": chg(("655",)),
        "GJ": sld(("761",)),
        "GK": sld(("762",)),
        "GL": sld(("76",), ("761", "762", "766", "767")),
        "GM": sld(("786", "796")),
        "GN": sld(("766",)),
        "GO": sld(("767",)),
        "GQ": chg(("686",)),
        "GR": chg(("66",), ("666", "667")),
        "GS": chg(("666",)),
        "GT": chg(("667",)),
    }
    r["FL"] = r["FC"] + r["FF"] + r["FI"]
    r["FR"] = r["FL"] + r["FM"] + r["FN"] + r["FO"] + r["FP"] + r["FQ"]
    r["GF"] = sum(
        r[k] for k in ("FS", "FT", "FU", "FV", "FW", "FX", "FY", "FZ", "GA", "GB", "GC", "GD", "GE")
    )
    r["GG"] = r["FR"] - r["GF"]
    r["GP"] = sum(r[k] for k in ("GJ", "GK", "GL", "GM", "GN", "GO"))
    r["GU"] = r["GQ"] + r["GR"] + r["GS"] + r["GT"]
    r["GV"] = r["GP"] - r["GU"]
    r["GW"] = r["GG"] + r["GH"] - r["GI"] + r["GV"]
    e: Lines = {
        "HA": sld(("771",)),
        "HB": sld(("77",), ("771",)),
        "HC": sld(("787", "797")),
        "HE": chg(("671",)),
        "HF": chg(("67",), ("671",)),
        "HG": chg(("687",)),
        "HJ": chg(("691",)),
        "HK": chg(("69",), ("691",)),
    }
    e["HD"] = e["HA"] + e["HB"] + e["HC"]
    e["HH"] = e["HE"] + e["HF"] + e["HG"]
    e["HI"] = e["HD"] - e["HH"]
    e["HL"] = r["FR"] + r["GH"] + r["GP"] + e["HD"]
    e["HM"] = r["GF"] + r["GI"] + r["GU"] + e["HH"] + e["HJ"] + e["HK"]
    e["HN"] = e["HL"] - e["HM"]
    return r, e


def liasse_cents(ledger: Ledger, net_result: int) -> Lines:
    """Every mapped line of the 2033 and 2050-2053 forms, keyed ``form/code``, in cents."""
    r2052, r2053 = form_2052_2053(ledger)
    forms = {
        "2033-A": form_2033_a(ledger, net_result),
        "2033-B": form_2033_b(ledger),
        "2050": form_2050(ledger),
        "2051": form_2051(ledger, net_result),
        "2052": r2052,
        "2053": r2053,
    }
    lines = {
        f"{form}/{code}": cents for form, codes in forms.items() for code, cents in codes.items()
    }
    # Keep the order of the forms (LABELS) rather than of computation.
    return {key: lines[key] for key in LABELS if key in lines}


def liasse(ledger: Ledger, net_result: int) -> dict[str, Decimal]:
    """:func:`liasse_cents` in euros."""
    return {key: to_decimal(cents) for key, cents in liasse_cents(ledger, net_result).items()}
