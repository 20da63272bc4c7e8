"""``probanker risk run --date YYYY-MM-DD [--engine duckdb|spark] [--json]``: the risk step."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import CommandError, CommandParser

from probanker.core.calendar import last_business_day_on_or_before
from probanker.core.commands import ProbankerCommand
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
            as_of = (
                dt.date.fromisoformat(options["date"])
                if options["date"]
                else last_business_day_on_or_before(dt.date.today())
            )
        except ValueError as exc:
            raise CommandError(f"--date {options['date']} : date invalide (AAAA-MM-JJ).") from exc
        summary = run_risk(as_of, options["engine"])
        if options["json"]:
            self.stdout.write(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2))
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
