"""Bank transaction codes → families of the lake.

Families are those of :data:`FAMILIES`. camt.053 entries
carry an ISO 20022 code (domain / family / sub-family) and sometimes a
proprietary one; CFONB 120 movements carry the 2-character interbank
operation code. A code that says nothing usable gives ``other_credit`` or
``other_debit`` by the sign of the amount.
"""

from __future__ import annotations

# The families of bank transactions: the lake stores one of these codes per movement
# (a string; the lake does not check it), the CSV importer refuses any other.
FAMILIES = {
    "card_receipts": "Remises carte",
    "incoming_transfer": "Virements reçus",
    "cheque_deposit": "Remises de chèques",
    "direct_debit": "Prélèvements",
    "outgoing_transfer": "Virements émis",
    "salaries": "Salaires",
    "tax_social": "Impôts et cotisations sociales",
    "loan_instalment": "Échéances de prêt",
    "fees": "Frais et commissions",
    "rejected_direct_debit": "Prélèvements rejetés",
    "unpaid_cheque": "Chèques impayés",
    "card_payment": "Paiements par carte",
    "cheque_paid": "Chèques émis",
    "cash": "Espèces",
    "rejected_transfer": "Virements rejetés",
    "rejected_card": "Remises carte impayées",
    "loan_drawdown": "Déblocages de prêt",
    "other_credit": "Autres crédits",
    "other_debit": "Autres débits",
}

# Families the risk indicators single out: rejected and unpaid items, and the
# credits that are not business the client brings (loan drawdowns, reversals).
REJECTED = ("rejected_direct_debit", "unpaid_cheque", "rejected_transfer", "rejected_card")
NOT_TURNOVER = ("loan_drawdown", *REJECTED)

# CFONB interbank operation codes (« codes opération interbancaires »).
CFONB = {
    "01": "cheque_paid", "02": "cheque_deposit", "03": "unpaid_cheque", "04": "cash",
    "05": "incoming_transfer", "06": "outgoing_transfer", "08": "direct_debit",
    "09": "incoming_transfer", "10": "rejected_direct_debit", "11": "card_payment",
    "12": "rejected_transfer", "13": "incoming_transfer", "14": "outgoing_transfer",
    "15": "cheque_deposit", "18": "incoming_transfer", "21": "outgoing_transfer",
    "22": "direct_debit", "23": "direct_debit", "24": "incoming_transfer",
    "25": "incoming_transfer", "26": "rejected_direct_debit", "27": "rejected_direct_debit",
    "28": "card_payment", "29": "cash", "30": "card_receipts", "31": "incoming_transfer",
    "32": "incoming_transfer", "33": "unpaid_cheque", "36": "card_receipts",
    "38": "rejected_card", "39": "incoming_transfer", "40": "incoming_transfer",
    "44": "outgoing_transfer", "45": "incoming_transfer", "50": "outgoing_transfer",
    "61": "fees", "62": "fees", "64": "fees", "65": "fees", "66": "fees", "67": "tax_social",
    "70": "fees", "71": "loan_drawdown", "72": "loan_instalment", "78": "incoming_transfer",
    "79": "outgoing_transfer", "88": "fees", "90": "outgoing_transfer",
    "96": "direct_debit", "97": "outgoing_transfer", "98": "rejected_direct_debit",
    "A1": "incoming_transfer", "A2": "incoming_transfer", "A3": "rejected_direct_debit",
    "A4": "rejected_direct_debit", "A5": "incoming_transfer", "A6": "incoming_transfer",
    "B1": "direct_debit", "B2": "direct_debit", "B3": "rejected_direct_debit",
    "B4": "rejected_direct_debit", "B5": "incoming_transfer", "B6": "incoming_transfer",
}  # fmt: skip

# ISO 20022 sub-families that decide alone, whatever the family.
ISO_SUBFAMILY = {
    "UPDD": "rejected_direct_debit",  # unpaid direct debit
    "UPCQ": "unpaid_cheque",  # unpaid cheque
    "RRTN": "rejected_transfer",  # reversal due to return
    "CHRG": "fees",
    "FEES": "fees",
    "COMM": "fees",
    "INTR": "fees",  # debit interest
    "TAXS": "tax_social",
    "SALA": "salaries",
    "PPAY": "loan_instalment",  # principal payment
    "RIMB": "loan_instalment",  # reimbursement
    "DDWN": "loan_drawdown",
}
# (domain, family) → family of the lake.
ISO_FAMILY = {
    ("PMNT", "RCDT"): "incoming_transfer",
    ("PMNT", "ICDT"): "outgoing_transfer",
    ("PMNT", "RDDT"): "direct_debit",
    ("PMNT", "IDDT"): "incoming_transfer",
    ("PMNT", "MCRD"): "card_receipts",
    ("PMNT", "CCRD"): "card_payment",
    ("PMNT", "RCHQ"): "cheque_deposit",
    ("PMNT", "ICHQ"): "cheque_paid",
    ("PMNT", "CNTR"): "cash",
    ("PMNT", "MDOP"): "fees",
    ("ACMT", "MDOP"): "fees",
}


def other(amount_cents: int) -> str:
    return "other_credit" if amount_cents >= 0 else "other_debit"


def from_cfonb(code: str, amount_cents: int) -> str:
    """Family of a CFONB interbank operation code."""
    family = CFONB.get(code.strip().upper())
    if family == "loan_instalment" and amount_cents > 0:
        return "loan_drawdown"
    return family or other(amount_cents)


def from_iso(domain: str, family: str, subfamily: str, proprietary: str, amount_cents: int) -> str:
    """Family of an ISO 20022 bank transaction code (proprietary CFONB codes too)."""
    if subfamily in ISO_SUBFAMILY:
        found = ISO_SUBFAMILY[subfamily]
        if found == "salaries" and amount_cents > 0:
            return "incoming_transfer"
        return found
    if domain == "LDAS":
        return "loan_instalment" if amount_cents < 0 else "loan_drawdown"
    if (domain, family) in ISO_FAMILY:
        return ISO_FAMILY[(domain, family)]
    if proprietary and proprietary.strip().upper() in CFONB:
        return from_cfonb(proprietary, amount_cents)
    return other(amount_cents)
