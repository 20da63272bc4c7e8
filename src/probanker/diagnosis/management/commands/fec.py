"""``probanker fec check|analyse FILE [--json]``: validate a FEC, then analyse it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from probanker.core.commands import ProbankerCommand
from probanker.diagnosis.fec_command import run


class Command(ProbankerCommand):
    # Reads a file, touches no database: the system checks (which import every
    # view) would only add start-up time. ``probanker fec check|analyse FILE
    # [--json]`` does not even start Django (probanker.cli, diagnosis/fec_command.py).
    requires_system_checks: list[str] = []
    help = (
        "Contrôle un FEC (fichier des écritures comptables) : en-tête, colonnes, dates, "
        "montants, comptes, équilibre et date de chaque écriture, exercice. Code de sortie 0 "
        "sans erreur, 1 sinon. Checks a French FEC file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "action",
            choices=["check", "analyse"],
            metavar="check|analyse",
            help="check : contrôler ; analyse : contrôler puis SIG, CAF, bilan, ratios",
        )
        parser.add_argument("file", type=Path, metavar="FILE", help="le FEC (texte)")
        parser.add_argument(
            "--json", action="store_true", help="rapport JSON sur la sortie standard"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # The same function runs without Django from probanker.cli (plain forms).
        sys.exit(
            run(
                options["action"],
                options["file"],
                options["json"],
                self.stdout.write,
                self.stderr.write,
            )
        )
