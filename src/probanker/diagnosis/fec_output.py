"""A FEC's validation report and analysis as French text and as JSON (``probanker fec``)."""

from __future__ import annotations

from typing import Any

from probanker.core.formatting import amount, euros, json_amount, json_amounts, number
from probanker.diagnosis.summaries import BILAN_LABELS, SIG_LABELS
from probanker.finance.amounts import to_decimal
from probanker.finance.analysis import Analysis
from probanker.finance.fec import FecReport
from probanker.finance.liasse import liasse
from probanker.finance.ratios import CATALOGUE


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
        "totals": {"debit": json_amount(report.debit), "credit": json_amount(report.credit)},
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
        f"  Total débit {euros(report.debit)} — total crédit {euros(report.credit)}",
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


STATUS_LABELS = {"green": "vert", "orange": "orange", "red": "rouge"}


def analysis_dict(report: FecReport, analysis: Analysis) -> dict[str, Any]:
    """The JSON document of ``probanker fec analyse``."""
    validation = validation_dict(report)
    sheet = analysis.balance_sheet.as_decimals()
    return {
        "validation": {
            key: validation[key]
            for key in (
                "lines",
                "entries",
                "journals",
                "errors",
                "warnings",
                "unbalanced_entries",
                "anomalies",
            )
        },
        "fiscal_year": validation["fiscal_year"],
        "totals": {
            "produits": json_amount(report.class_total("7")),
            "charges": json_amount(-report.class_total("6")),
            "debit": json_amount(report.debit),
            "credit": json_amount(report.credit),
        },
        "sig": json_amounts(analysis.sig.as_decimals()),
        "caf": {
            "additive": json_amount(to_decimal(analysis.caf.additive)),
            "soustractive": json_amount(to_decimal(analysis.caf.subtractive)),
        },
        "bilan": json_amounts(sheet),
        "ratios": {
            code: (
                {"value": str(r.value), "unit": r.unit, "status": r.status}
                if r.value is not None
                else {"value": None, "reason": r.reason}
            )
            for code, r in analysis.ratios.items()
        },
        "liasse": json_amounts(liasse(analysis.ledger, analysis.sig.net_result)),
    }


def analysis_text(report: FecReport, analysis: Analysis) -> str:
    """A readable French summary of the analysis."""
    sig = analysis.sig.as_decimals()
    sheet = analysis.balance_sheet.as_decimals()
    labels = {r.code: r.label for r in CATALOGUE}
    out = [validation_text(report), "", "Soldes intermédiaires de gestion"]
    out += [f"  {SIG_LABELS[k]:<32} {amount(v):>18} €" for k, v in sig.items()]
    out.append(f"  {'CAF':<32} {amount(to_decimal(analysis.caf.subtractive)):>18} €")
    out += ["", "Bilan fonctionnel"]
    out += [f"  {BILAN_LABELS[k]:<32} {amount(v):>18} €" for k, v in sheet.items()]
    out += ["", "Ratios"]
    for code, r in analysis.ratios.items():
        shown = (
            f"{number(r.value, None)} {r.unit} ({STATUS_LABELS.get(r.status or '', '')})"
            if r.value is not None
            else f"non calculable : {r.reason}"
        )
        out.append(f"  {labels[code]:<42} {shown}")
    return "\n".join(out)
