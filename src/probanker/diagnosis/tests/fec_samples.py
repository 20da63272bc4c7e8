"""Small FECs written inline, with figures worked out by hand."""

from __future__ import annotations

HEADER = (
    "JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|"
    "CompAuxLib|PieceRef|PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|"
    "ValidDate|Montantdevise|Idevise"
)
# Capital 5,000 paid in; services invoiced 12,000 + VAT 2,400 and paid; supplies
# 3,000 + VAT 600 bought on credit; rent 1,000 paid; a loan of 10,000 received
# and 1,000 repaid with 200 of interest. Result = 12,000 − 3,000 − 1,000 − 200 = 7,800.
LINES = [
    "BQ|Banque|1|20240102|101000|Capital|||K1|20240102|Apport|0,00|5000,00|||20240131||",
    "BQ|Banque|1|20240102|512000|Banque|||K1|20240102|Apport|5000,00|0,00|||20240131||",
    "BQ|Banque|2|20240105|512000|Banque|||E1|20240105|Prêt|10000,00|0,00|||20240131||",
    "BQ|Banque|2|20240105|164000|Emprunt|||E1|20240105|Prêt|0,00|10000,00|||20240131||",
    "VE|Ventes|3|20240331|411000|Clients|C001|Dupont|F1|20240331|Facture F1|14400,00|0,00|||20240430||",
    "VE|Ventes|3|20240331|706000|Prestations|||F1|20240331|Facture F1|0,00|12000,00|||20240430||",
    "VE|Ventes|3|20240331|445710|TVA collectée|||F1|20240331|Facture F1|0,00|2400,00|||20240430||",
    "BQ|Banque|4|20240415|512000|Banque|||R1|20240415|Règlement F1|14400,00|0,00|||20240430||",
    "BQ|Banque|4|20240415|411000|Clients|C001|Dupont|R1|20240415|Règlement F1|0,00|14400,00|||20240430||",
    "AC|Achats|5|20240610|606000|Fournitures|||A1|20240610|Achat A1|3000,00|0,00|||20240630||",
    "AC|Achats|5|20240610|445660|TVA déductible|||A1|20240610|Achat A1|600,00|0,00|||20240630||",
    "AC|Achats|5|20240610|401000|Fournisseurs|F001|Martin|A1|20240610|Achat A1|0,00|3600,00|||20240630||",
    "BQ|Banque|6|20240701|613200|Loyer|||L1|20240701|Loyer|1000,00|0,00|||20240731||",
    "BQ|Banque|6|20240701|512000|Banque|||L1|20240701|Loyer|0,00|1000,00|||20240731||",
    "BQ|Banque|7|20241231|164000|Emprunt|||E2|20241231|Échéance|1000,00|0,00|||20241231||",
    "BQ|Banque|7|20241231|661100|Intérêts|||E2|20241231|Échéance|200,00|0,00|||20241231||",
    "BQ|Banque|7|20241231|512000|Banque|||E2|20241231|Échéance|0,00|1200,00|||20241231||",
]
RESULT = "7800.00"
# The same entries with one line of the sale dropped: entry 3 no longer balances.
UNBALANCED = [line for line in LINES if "445710" not in line]


def fec_bytes(lines: list[str] | None = None) -> bytes:
    return ("\n".join([HEADER, *(LINES if lines is None else lines)]) + "\n").encode()


def fec_name(siren: str, closing: str = "20241231") -> str:
    return f"{siren}FEC{closing}.txt"
