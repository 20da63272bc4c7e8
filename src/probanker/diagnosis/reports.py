"""French, JSON-ready views of a FEC validation report (for the CLI and the UI)."""

from __future__ import annotations

from typing import Any

from probanker.core.templatetags.probanker import format_euros
from probanker.finance.fec import FecReport


def validation_dict(report: FecReport) -> dict[str, Any]:
    """The validation part of ``fec check`` / ``fec analyse`` (amounts as strings)."""
    return {
        "file": report.source,
        "encoding": report.encoding,
        "separator": report.separator,
        "lines": report.lines,
        "entries": report.entries,
        "entries_rebuilt": report.entries_rebuilt,
        "journals": len(report.journals),
        "errors": report.errors,
        "warnings": report.warnings,
        "unbalanced_entries": report.unbalanced_entries,
        "totals": {"debit": f"{report.debit:.2f}", "credit": f"{report.credit:.2f}"},
        "fiscal_year": {
            "start": report.first_date.isoformat() if report.first_date else None,
            "end": report.last_date.isoformat() if report.last_date else None,
        },
        "anomaly_counts": dict(sorted(report.counts.items())),
        "anomalies": [
            {
                "code": a.code,
                "severity": a.severity,
                "line": a.line,
                "field": a.field,
                "message": a.message,
            }
            for a in report.anomalies
        ],
    }


def validation_text(report: FecReport) -> str:
    """A readable French summary of the validation."""
    period = (
        f"du {report.first_date:%d/%m/%Y} au {report.last_date:%d/%m/%Y}"
        if report.first_date and report.last_date
        else "période inconnue"
    )
    lines = [
        f"FEC {report.source} ({report.encoding}, séparateur {report.separator})",
        f"  {report.lines} lignes, {report.entries} écritures"
        + (" (reconstituées)" if report.entries_rebuilt else "")
        + f", {len(report.journals)} journaux, {period}",
        f"  Total débit {format_euros(report.debit)} — total crédit {format_euros(report.credit)}",
        f"  {report.errors} erreur(s), {report.warnings} avertissement(s)",
    ]
    for anomaly in report.anomalies:
        marker = "ERREUR" if anomaly.severity == "error" else "avertissement"
        lines.append(f"  - [{marker}] {anomaly.code} : {anomaly.message}")
    hidden = sum(report.counts.values()) - len(report.anomalies)
    if hidden > 0:
        lines.append(f"  … et {hidden} autre(s) du même type (voir --json pour le décompte).")
    lines.append(
        "  Conforme aux contrôles." if report.ok else "  Non conforme : corrigez les erreurs."
    )
    return "\n".join(lines)
