"""``probanker risk run --date YYYY-MM-DD [--engine duckdb|spark] [--json]``: the risk step."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import CommandParser

from probanker.core.calendar import batch_date
from probanker.core.commands import ProbankerCommand
from probanker.core.formatting import dumps
from probanker.risk.services import run_risk


class Command(ProbankerCommand):
    help = (
        "Traitement quotidien des risques : indicateurs (Ibis sur DuckDB ou Spark), instantané "
        "dans le lac, alertes ouvertes et closes, statut et stage IFRS 9 de chaque client. "
        "Rejouable pour une date (le nouveau résultat remplace l'ancien). C'est l'étape "
        "« risk » de probanker daily, qui compacte d'abord les relevés puis remonte les "
        "dossiers en retard et établit les lettres aux cautions."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["run"], metavar="run")
        parser.add_argument(
            "--date", help="date de situation AAAA-MM-JJ (défaut : dernier jour ouvré)"
        )
        parser.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb")
        parser.add_argument("--json", action="store_true", help="résumé JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            as_of = batch_date(options["date"])
        except ValueError as exc:
            # A usage error: exit 2 with the French message (DESIGN.md's exit codes).
            self.stderr.write(str(exc))
            sys.exit(2)
        summary = run_risk(as_of, options["engine"])
        if options["json"]:
            self.stdout.write(dumps(summary.as_dict()))
            return
        self.stdout.write(
            f"Risques au {as_of:%d/%m/%Y} ({summary.engine}, {summary.seconds:.1f} s) : "
            f"{summary.accounts} comptes, {summary.clients} clients ; alertes ouvertes "
            f"{summary.opened}, closes {summary.closed}."
        )
        for code, count in sorted(summary.per_rule.items()):
            self.stdout.write(f"  {code} : {count} nouvelle(s)")
        for status, count in sorted(summary.statuses.items()):
            self.stdout.write(f"  statut {status} : {count} client(s)")
