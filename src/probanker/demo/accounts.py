"""Demo books: a realistic FEC for one fiscal year of a small business.

:func:`write_fec_year` writes the year's entries the way an accounting
package exports them (pipe-separated, 18 columns, French amounts): opening
entries carried from the previous year, monthly sales and purchases with VAT
and auxiliary accounts, bank receipts and payments, payroll and social
charges, loan instalments (principal and interest), taxes, the owner's
drawings for a sole trader, and the year-end entries (depreciation, stock
change, corporate tax). Amounts are integer cents throughout; the books
balance by construction, and the closing balances feed the next year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

VAT_RATE_PERCENT = 20
CUSTOMERS = (
    ("C001", "Clients comptant", 50),
    ("C002", "Mairie", 20),
    ("C003", "Société Durand", 30),
)
SUPPLIERS = (("F001", "Grossiste Centre", 60), ("F002", "Énergie Loire", 40))
AUX_LABELS = {code: name for code, name, _ in CUSTOMERS + SUPPLIERS}
LABELS = {
    "101": "Capital",
    "108": "Compte de l'exploitant",
    "110": "Report à nouveau",
    "119": "Report à nouveau débiteur",
    "164": "Emprunts auprès des établissements de crédit",
    "2154": "Matériel industriel",
    "28154": "Amortissements du matériel",
    "37": "Stocks de marchandises",
    "401": "Fournisseurs",
    "411": "Clients",
    "421": "Personnel - rémunérations dues",
    "431": "Sécurité sociale",
    "444": "État - impôt sur les bénéfices",
    "44566": "TVA déductible sur biens et services",
    "44571": "TVA collectée",
    "512": "Banque",
    "601": "Achats de matières premières",
    "6037": "Variation des stocks de marchandises",
    "607": "Achats de marchandises",
    "613": "Locations",
    "626": "Frais postaux et de télécommunications",
    "635": "Autres impôts, taxes",
    "641": "Rémunérations du personnel",
    "645": "Charges de sécurité sociale",
    "661": "Charges d'intérêts",
    "6811": "Dotations aux amortissements",
    "695": "Impôt sur les bénéfices",
    "701": "Ventes de produits finis",
    "706": "Prestations de services",
    "707": "Ventes de marchandises",
}
JOURNALS = {
    "AN": "A nouveaux",
    "VE": "Ventes",
    "AC": "Achats",
    "BQ": "Banque",
    "OD": "Opérations diverses",
}
HEADER = (
    "JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|"
    "CompAuxLib|PieceRef|PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|"
    "ValidDate|Montantdevise|Idevise"
)


@dataclass(frozen=True)
class YearPlan:
    """What happens in the year, in cents (charges positive)."""

    siren: str
    start: dt.date
    end: dt.date
    sales_goods: int
    sales_products: int
    sales_services: int
    purchases_goods: int
    materials: int
    stock_change: int  # 6037: positive when the stock decreased
    rent_and_external: int
    taxes: int
    wages: int
    social: int
    depreciation: int
    interest: int
    principal: int
    corporate_tax: int
    drawings: int  # sole trader's living, debited to 108
    new_loan: int = 0
    new_equipment: int = 0
    capital: int = 0  # paid in at the start of the first year
    initial_stock: int = 0  # goods bought for cash at the start of the first year
    # Shares (per mille) of December's invoices still unpaid at closing: the
    # client's payment terms with its customers (DSO) and suppliers (DPO).
    december_unpaid_customers: int = 500
    december_unpaid_suppliers: int = 400
    # The stock's account and its change's: goods (37, 6037) or raw materials (31, 6031).
    stock_accounts: tuple[str, str] = ("37", "6037")


@dataclass
class Books:
    """The entries of one year and the balance of every account (credit − debit, cents)."""

    lines: list[str] = field(default_factory=list)
    balances: dict[tuple[str, str], int] = field(default_factory=dict)
    number: int = 0

    def entry(
        self, journal: str, day: dt.date, ref: str, label: str, moves: list[tuple[str, str, int]]
    ) -> None:
        """One balanced entry: ``moves`` are (account, auxiliary, debit − credit)."""
        assert sum(m[2] for m in moves) == 0, moves
        self.number += 1
        date = day.strftime("%Y%m%d")
        for account, aux, amount in moves:
            if amount == 0:
                continue
            aux_label = AUX_LABELS.get(aux, "")
            debit, credit = (amount, 0) if amount > 0 else (0, -amount)
            full = account.ljust(6, "0")
            self.lines.append(
                "|".join(
                    [
                        journal, JOURNALS[journal], f"{journal}{self.number:05d}", date, full,
                        LABELS.get(account, account), aux, aux_label, ref, date, label,
                        _fr(debit), _fr(credit), "", "", date, "", "",
                    ]
                )
            )  # fmt: skip
            key = (account, aux)
            self.balances[key] = self.balances.get(key, 0) - amount


def _fr(cents: int) -> str:
    return f"{cents // 100},{cents % 100:02d}"


def _months(total: int) -> list[int]:
    """``total`` spread over 12 months, the rounding in December."""
    base = total // 12
    return [base] * 11 + [total - base * 11]


def _split(total: int, shares: tuple[tuple[str, str, int], ...]) -> list[tuple[str, int]]:
    parts = [(code, total * share // 100) for code, _, share in shares]
    code, first = parts[0]
    return [(code, first + total - sum(p for _, p in parts)), *parts[1:]]


def _vat(amount: int) -> int:
    return amount * VAT_RATE_PERCENT // 100


def _month_end(start: dt.date, index: int) -> dt.date:
    year, month = start.year + (start.month - 1 + index) // 12, (start.month - 1 + index) % 12 + 1
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _opening(books: Books, plan: YearPlan, opening: dict[tuple[str, str], int]) -> None:
    """Carry the previous closing balances (classes 1-5), the result to retained earnings."""
    moves: list[tuple[str, str, int]] = []
    result = 0
    for (account, aux), balance in sorted(opening.items()):
        if account[0] in "67":
            result += balance
        elif balance:
            moves.append((account, aux, -balance))
    if result:
        moves.append(("110" if result > 0 else "119", "", -result))
    if moves:
        books.entry("AN", plan.start, "AN", "Reprise des soldes", moves)


# Short-term balances carried from last year and settled in January.
SETTLED_IN_JANUARY = ("411", "401", "421", "431", "444", "44566", "44571")


def _settle_opening(books: Books, plan: YearPlan, opening: dict[tuple[str, str], int]) -> None:
    """Customers pay, and suppliers, VAT, social charges and tax are paid, in January."""
    moves = [
        (account, aux, balance)
        for (account, aux), balance in sorted(opening.items())
        if account in SETTLED_IN_JANUARY and balance
    ]
    if moves:
        bank = -sum(m[2] for m in moves)
        books.entry(
            "BQ",
            _month_end(plan.start, 0),
            "SOLDE",
            "Règlement des soldes d'ouverture",
            [*moves, ("512", "", bank)],
        )


def write_fec_year(
    plan: YearPlan, opening: dict[tuple[str, str], int], folder: Path
) -> tuple[Path, dict[tuple[str, str], int]]:
    """Write the year's FEC in ``folder``; return its path and the closing balances."""
    books = Books()
    _opening(books, plan, opening)
    start = plan.start
    _settle_opening(books, plan, opening)
    if plan.capital:
        books.entry(
            "BQ",
            start,
            "CAP",
            "Apport en capital",
            [("512", "", plan.capital), ("101", "", -plan.capital)],
        )
    if plan.initial_stock:
        books.entry(
            "BQ",
            start,
            "STK0",
            "Stock initial",
            [(plan.stock_accounts[0], "", plan.initial_stock), ("512", "", -plan.initial_stock)],
        )
    if plan.new_loan:
        books.entry(
            "BQ",
            start,
            "PRET",
            "Déblocage du prêt",
            [("512", "", plan.new_loan), ("164", "", -plan.new_loan)],
        )
    if plan.new_equipment:
        vat = _vat(plan.new_equipment)
        books.entry(
            "BQ", start, "IMMO", "Achat de matériel",
            [("2154", "", plan.new_equipment), ("44566", "", vat), ("512", "", -plan.new_equipment - vat)],
        )  # fmt: skip
    series = {
        name: _months(getattr(plan, name))
        for name in (
            "sales_goods", "sales_products", "sales_services", "purchases_goods", "materials",
            "rent_and_external", "wages", "social", "interest", "principal", "drawings",
        )
    }  # fmt: skip
    for m in range(12):
        day = _month_end(start, m)
        ref = f"{day:%Y%m}"
        sales = [
            ("707", series["sales_goods"][m]),
            ("701", series["sales_products"][m]),
            ("706", series["sales_services"][m]),
        ]
        net = sum(a for _, a in sales)
        vat_out = _vat(net)
        customer_moves = [
            ("411", code, amount) for code, amount in _split(net + vat_out, CUSTOMERS)
        ]
        books.entry(
            "VE",
            day,
            f"F{ref}",
            "Factures du mois",
            [*customer_moves, *((a, "", -x) for a, x in sales), ("44571", "", -vat_out)],
        )
        # Customers pay within the month, except part of December's invoices.
        paid_share = 1000 - plan.december_unpaid_customers if m == 11 else 1000
        receipts = [
            (code, amount * paid_share // 1000) for code, amount in _split(net + vat_out, CUSTOMERS)
        ]
        books.entry(
            "BQ",
            day,
            f"R{ref}",
            "Encaissements clients",
            [("512", "", sum(a for _, a in receipts)), *(("411", c, -a) for c, a in receipts)],
        )
        bought = [
            ("607", series["purchases_goods"][m]),
            ("601", series["materials"][m]),
            ("613", series["rent_and_external"][m] * 6 // 10),
            ("626", series["rent_and_external"][m] - series["rent_and_external"][m] * 6 // 10),
        ]
        net_in = sum(a for _, a in bought)
        vat_in = _vat(net_in)
        supplier_moves = [
            ("401", code, -amount) for code, amount in _split(net_in + vat_in, SUPPLIERS)
        ]
        books.entry(
            "AC",
            day,
            f"A{ref}",
            "Factures fournisseurs",
            [*((a, "", x) for a, x in bought), ("44566", "", vat_in), *supplier_moves],
        )
        paid_out = 1000 - plan.december_unpaid_suppliers if m == 11 else 1000
        payments = [
            (code, amount * paid_out // 1000) for code, amount in _split(net_in + vat_in, SUPPLIERS)
        ]
        books.entry(
            "BQ",
            day,
            f"P{ref}",
            "Règlements fournisseurs",
            [*(("401", c, a) for c, a in payments), ("512", "", -sum(a for _, a in payments))],
        )
        if m < 11:  # the month's VAT is settled; December's is still due at closing
            books.entry(
                "BQ",
                day,
                f"TVA{ref}",
                "TVA du mois",
                [("44571", "", vat_out), ("44566", "", -vat_in), ("512", "", vat_in - vat_out)],
            )
        if series["wages"][m]:
            books.entry(
                "OD",
                day,
                f"S{ref}",
                "Paie du mois",
                [
                    ("641", "", series["wages"][m]),
                    ("421", "", -series["wages"][m]),
                    ("645", "", series["social"][m]),
                    ("431", "", -series["social"][m]),
                ],
            )
            books.entry(
                "BQ",
                day,
                f"V{ref}",
                "Virement des salaires",
                [("421", "", series["wages"][m]), ("512", "", -series["wages"][m])],
            )
            if m < 11:
                books.entry(
                    "BQ",
                    day,
                    f"U{ref}",
                    "Cotisations URSSAF",
                    [("431", "", series["social"][m]), ("512", "", -series["social"][m])],
                )
        if series["principal"][m] or series["interest"][m]:
            books.entry(
                "BQ",
                day,
                f"E{ref}",
                "Échéance de prêt",
                [
                    ("164", "", series["principal"][m]),
                    ("661", "", series["interest"][m]),
                    ("512", "", -series["principal"][m] - series["interest"][m]),
                ],
            )
        if series["drawings"][m]:
            books.entry(
                "BQ",
                day,
                f"X{ref}",
                "Prélèvements de l'exploitant",
                [("108", "", series["drawings"][m]), ("512", "", -series["drawings"][m])],
            )
    end = plan.end
    if plan.taxes:
        books.entry(
            "BQ",
            _month_end(start, 9),
            "CFE",
            "CFE et taxes",
            [("635", "", plan.taxes), ("512", "", -plan.taxes)],
        )
    if plan.depreciation:
        books.entry(
            "OD",
            end,
            "DAP",
            "Dotation aux amortissements",
            [("6811", "", plan.depreciation), ("28154", "", -plan.depreciation)],
        )
    if plan.stock_change:
        books.entry(
            "OD",
            end,
            "STK",
            "Variation de stock",
            [
                (plan.stock_accounts[1], "", plan.stock_change),
                (plan.stock_accounts[0], "", -plan.stock_change),
            ],
        )
    if plan.corporate_tax:
        books.entry(
            "OD",
            end,
            "IS",
            "Impôt sur les sociétés",
            [("695", "", plan.corporate_tax), ("444", "", -plan.corporate_tax)],
        )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{plan.siren}FEC{end:%Y%m%d}.txt"
    path.write_text(HEADER + "\n" + "\n".join(books.lines) + "\n", encoding="utf-8")
    return path, books.balances
