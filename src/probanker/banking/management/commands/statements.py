"""``probanker statements check|import PATH... [--lenient] [--json]`` and ``compact``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser

from probanker.banking.statements.files import ReadResult, detect, expand, read_all
from probanker.banking.statements.model import StatementError
from probanker.banking.statements.reconcile import breaks, unique
from probanker.core.commands import ProbankerCommand
from probanker.core.formatting import cents, dumps, json_amount


def check_report(result: ReadResult) -> dict[str, Any]:
    """The JSON report of ``statements check`` (amounts as strings with two decimals)."""
    statements = unique(result.statements)
    found = breaks(statements)
    return {
        "files": result.files,
        "statements": len(statements),
        "entries": sum(len(s.entries) for s in statements),
        "accounts": len({s.account.label for s in statements}),
        "reconciled": sum(1 for s in statements if s.reconciled),
        "not_checkable": sum(1 for s in statements if s.reconciled is None),
        "instalments": len(result.instalments),
        "breaks": [
            {
                "kind": b.kind,
                "file": b.source,
                "account": b.account,
                "statement": b.statement,
                "expected": json_amount(cents(b.expected_cents)),
                "found": json_amount(cents(b.found_cents)),
                "message": b.message,
            }
            for b in found
        ],
        "errors": [{"file": f, "message": m} for f, m in result.errors],
        "warnings": [
            {"file": s.source, "statement": s.statement_id, "message": message}
            for s in statements
            for message in s.warnings
        ],
        "by_statement": [
            {
                "file": s.source,
                "account": s.account.label,
                "statement": s.statement_id,
                "opening": json_amount(cents(s.opening_cents)),
                "movements": json_amount(cents(s.movement_cents)),
                "closing": json_amount(cents(s.closing_cents)),
                "entries": len(s.entries),
                "reconciled": s.reconciled,
            }
            for s in statements
        ],
    }


class Command(ProbankerCommand):
    help = (
        "Relevés bancaires camt.053, CFONB 120 et CSV : check contrôle (soldes, continuité), "
        "import les range dans le lac, tout ou rien, chaque relevé une seule fois ; "
        "compact fusionne les fichiers de relevés de chaque mois."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "action", choices=["check", "import", "compact"], metavar="check|import|compact"
        )
        parser.add_argument(
            "paths", nargs="*", type=Path, metavar="PATH", help="fichiers ou dossiers"
        )
        parser.add_argument(
            "--lenient",
            action="store_true",
            help="CFONB : accepter des blancs dans les zones numériques, devise ou décimales absentes",
        )
        parser.add_argument("--json", action="store_true", help="rapport JSON (check)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "compact":
            if options["paths"]:
                raise CommandError(
                    "statements compact : le lac est celui des réglages, sans chemin."
                )
            self._compact(options["json"])
            return
        if not options["paths"]:
            raise CommandError(
                f"statements {options['action']} : indiquez des fichiers ou dossiers."
            )
        try:
            result = read_all(options["paths"], lenient=options["lenient"])
        except StatementError as exc:
            self.stderr.write(str(exc))
            sys.exit(1)
        report = check_report(result)
        if options["action"] == "check":
            self._print(report, options["json"])
            # A break is a data error as much as an unreadable file (DESIGN.md: exit 1).
            sys.exit(1 if report["errors"] or report["breaks"] else 0)
        self._import(result, report)

    def _print(self, report: dict[str, Any], as_json: bool) -> None:
        if as_json:
            self.stdout.write(dumps(report))
            return
        self.stdout.write(
            f"{len(report['files'])} fichier(s), {report['statements']} relevé(s) de "
            f"{report['accounts']} compte(s), {report['entries']} mouvement(s) ; "
            f"{report['reconciled']} relevé(s) équilibré(s), {len(report['breaks'])} rupture(s), "
            f"{len(report['errors'])} fichier(s) illisible(s), "
            f"{len(report['warnings'])} avertissement(s)."
        )
        for b in report["breaks"]:
            self.stdout.write(f"  - rupture de {b['kind']} : {b['message']}")
        for e in report["errors"]:
            self.stdout.write(f"  - erreur : {e['message']}")
        for w in report["warnings"]:
            self.stdout.write(f"  - avertissement : {w['message']}")

    def _import(self, result: ReadResult, report: dict[str, Any]) -> None:
        from probanker.banking.statements.store import store_instalments, store_statements
        from probanker.core.pagecache import bump_data_version

        self._print(report, False)
        if report["errors"] or report["breaks"]:
            self.stderr.write(
                "Import refusé : rien n'a été enregistré (corrigez les fichiers ci-dessus)."
            )
            sys.exit(1)
        formats = {p.name: detect(p) for p in expand(self._paths)}
        outcome = store_statements(unique(result.statements), formats)
        instalments = store_instalments(result.instalments)
        bump_data_version()
        self.stdout.write(
            f"Importé : {outcome.stored} relevé(s) ; déjà présents : {outcome.already} ; "
            f"échéances de prêt : {instalments.instalments}."
        )
        for label in outcome.unknown_accounts:
            self.stdout.write(f"  - compte inconnu, ignoré : {label}")
        for number in instalments.unknown_contracts:
            self.stdout.write(f"  - contrat inconnu, échéances ignorées : {number}")

    def _compact(self, as_json: bool) -> None:
        from probanker.banking.statements.compact import compact

        summary = compact(settings.LAKE_DIR)
        if as_json:
            self.stdout.write(dumps(summary))
            return
        self.stdout.write(
            f"Lac compacté : {summary.merged} fichier(s) fusionné(s) en {summary.months} "
            f"fichier(s) mensuel(s) ; {summary.recovered} fichier(s) d'une compaction "
            "interrompue retiré(s)."
        )

    def execute(self, *args: Any, **options: Any) -> Any:
        self._paths = options.get("paths", [])
        return super().execute(*args, **options)
