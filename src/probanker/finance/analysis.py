"""From a FEC to its statements, CAF, balance sheet and ratios, in one call."""

from __future__ import annotations

from dataclasses import dataclass

from probanker.finance.balance_sheet import BalanceSheet, compute_balance_sheet
from probanker.finance.fec import FecReport
from probanker.finance.ledger import Ledger
from probanker.finance.ratios import Figures, RatioValue, evaluate_all, figures_from_statements
from probanker.finance.sig import Caf, Sig, compute_caf, compute_sig


@dataclass(frozen=True)
class Analysis:
    sig: Sig
    caf: Caf
    balance_sheet: BalanceSheet
    figures: Figures
    ratios: dict[str, RatioValue]
    ledger: Ledger


def analyse_fec(report: FecReport) -> Analysis:
    """SIG, CAF (both methods), balance sheet and ratios of a read FEC."""
    ledger = Ledger.from_fec(report)
    sig = compute_sig(ledger)
    caf = compute_caf(ledger, sig)
    sheet = compute_balance_sheet(ledger, sig.net_result)
    debits = {account: b.debit_cents for account, b in report.accounts.items()}
    figures = figures_from_statements(ledger, sig, caf, sheet, debits)
    return Analysis(
        sig=sig,
        caf=caf,
        balance_sheet=sheet,
        figures=figures,
        ratios=evaluate_all(figures),
        ledger=ledger,
    )
