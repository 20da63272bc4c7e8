"""Checks made once every line is read: entries, totals, period, file name."""

from __future__ import annotations

import datetime as dt

from probanker.finance.amounts import to_decimal
from probanker.finance.fec_report import ERROR, WARNING, FecReport, _Entry, _Group


def _check_entries(
    report: FecReport, groups: dict[tuple[str, str, dt.date, str], _Group], *, rebuild: bool
) -> None:
    """Merge line groups into entries and check balance and single date."""
    report.entries_rebuilt = rebuild
    if rebuild and groups:
        report.add(
            "FEC-ECRITURENUM", WARNING, None,
            "EcritureNum constant : écritures reconstituées par journal, date et PieceRef.",
        )  # fmt: skip
    entries: dict[tuple[str, ...], _Entry] = {}
    for (journal, number, day, piece), group in groups.items():
        key: tuple[str, ...] = (journal, day.isoformat(), piece) if rebuild else (journal, number)
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = _Entry(first_line=group.first_line)
        entry.debit += group.debit
        entry.credit += group.credit
        entry.days.add(day)
        entry.first_line = min(entry.first_line, group.first_line)
    report.entries = len(entries)
    for key, entry in entries.items():
        label, line = "/".join(key), entry.first_line
        if entry.debit != entry.credit:
            report.unbalanced_entries += 1
            report.add(
                "FEC-ECRITURE-DESEQUILIBREE", ERROR, line,
                f"Écriture {label} (ligne {line}) déséquilibrée : débit {to_decimal(entry.debit)}, "
                f"crédit {to_decimal(entry.credit)}.",
            )  # fmt: skip
        if len(entry.days) > 1:
            report.add(
                "FEC-ECRITURE-DATES", ERROR, line,
                f"Écriture {label} (ligne {line}) sur plusieurs dates.",
            )  # fmt: skip


def _check_totals(report: FecReport) -> None:
    if report.lines == 0:
        report.add("FEC-VIDE", ERROR, None, "Aucune écriture après l'en-tête.")
        return
    if report.debit_cents != report.credit_cents:
        report.add(
            "FEC-TOTAL-DESEQUILIBRE", ERROR, None,
            f"Total des débits {report.debit} ≠ total des crédits {report.credit}.",
        )  # fmt: skip
    first, last, closing = report.first_date, report.last_date, report.closing_date_in_name
    if first and last and (last - first).days > 731:
        report.add(
            "FEC-EXERCICE",
            WARNING,
            None,
            f"Les écritures couvrent {first} → {last} : plus de 24 mois.",
        )
    if closing and last:
        if last > closing:
            report.add(
                "FEC-CLOTURE", WARNING, None,
                f"Écritures postérieures à la clôture du nom de fichier ({closing}) : dernière le {last}.",
            )  # fmt: skip
        elif (closing - last).days > 92:
            report.add(
                "FEC-CLOTURE", WARNING, None,
                f"Dernière écriture le {last}, plus de trois mois avant la clôture du nom de fichier ({closing}).",
            )  # fmt: skip
