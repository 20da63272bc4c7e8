"""``probanker demo``: build the demo branch, then serve it."""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandParser

from probanker.core.commands import ProbankerCommand
from probanker.core.formatting import dumps
from probanker.demo.common import DEMO_PASSWORD, STAFF, DemoConfig
from probanker.demo.complaints import COMPLAINTS_LOGINS
from probanker.demo.generator import build_demo
from probanker.demo.reference import seed_reference_data
from probanker.workspace.management.commands.serve import serve


class Progress:
    """Progress on standard error: a live line on a terminal, steps otherwise."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.last_step = ""
        self.started = time.monotonic()

    def __call__(self, step: str, done: int, total: int) -> None:
        elapsed = time.monotonic() - self.started
        if self.tty:
            end = "\n" if done >= total else ""
            self.stream.write(f"\r  {step} : {done}/{total} ({elapsed:.0f} s)\x1b[K{end}")
            self.stream.flush()
        elif done >= total and step != self.last_step:
            self.stream.write(f"  {step} : {total}/{total} ({elapsed:.1f} s)\n")
            self.last_step = step


class Command(ProbankerCommand):
    help = (
        "Construit une agence de démonstration déterministe (base SQLite, lac "
        "Parquet) puis la sert sur http://127.0.0.1:8000. Builds a deterministic "
        "demo branch and serves it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--clients", type=int, default=600, help="nombre de tiers (600)")
        parser.add_argument("--seed", type=int, default=2026, help="graine du générateur (2026)")
        parser.add_argument(
            "--as-of",
            type=dt.date.fromisoformat,
            default=None,
            help="date d'arrêté AAAA-MM-JJ (aujourd'hui)",
        )
        parser.add_argument("--no-serve", action="store_true", help="construire sans servir")
        parser.add_argument("--port", type=int, default=8000, help="port du serveur (8000)")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            self.stderr.write("La démonstration est interdite avec PROBANKER_ENV=production.")
            sys.exit(2)
        if options["clients"] < 10:
            self.stderr.write("--clients : au moins 10 tiers.")
            sys.exit(2)
        err: Any = self.stderr._out  # the raw stream, for live progress
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        err.write(f"Base : {settings.DATABASES['default']['NAME']}\n")
        call_command("migrate", interactive=False, verbosity=0)
        err.write("  Migrations appliquées\n")
        # Rebuild from scratch: the same seed gives the same branch every time.
        call_command("flush", interactive=False, verbosity=0)
        seed_reference_data(apps)
        config = DemoConfig(
            clients=options["clients"],
            seed=options["seed"],
            as_of=options["as_of"] or dt.date.today(),
            lake_dir=settings.LAKE_DIR,
        )
        summary = build_demo(config, Progress(err))
        logins = [{"username": username, "role": str(role.label)} for username, _, _, role in STAFF]
        logins += [{"username": u, "role": str(r.label)} for u, r in COMPLAINTS_LOGINS]
        (settings.VAR_DIR / "demo.json").write_text(
            dumps(
                {
                    "seed": config.seed,
                    "as_of": summary.as_of,
                    "clients": config.clients,
                    "logins": logins,
                }
            ),
            encoding="utf-8",
        )
        err.write(
            f"Agence de démonstration prête au {summary.as_of:%d/%m/%Y} : "
            f"{summary.clients} clients, {summary.prospects} prospects, "
            f"{summary.contracts} contrats, {summary.movements} mouvements "
            f"({summary.balances} soldes quotidiens) dans {settings.LAKE_DIR}, "
            f"{summary.fiscal_years} exercices comptables dont {summary.fec_files} importés "
            f"depuis des FEC (fichiers dans {settings.VAR_DIR / 'demo' / 'fec'}), "
            f"{summary.alerts} alertes de risque au {summary.as_of:%d/%m/%Y}, "
            f"{summary.credit_files} dossiers de crédit, {summary.complaints} réclamations.\n"
        )
        err.write(
            f"Connexion : {', '.join(x['username'] for x in logins)} — mot de passe « {DEMO_PASSWORD} ».\n"
        )
        if options["no_serve"]:
            return
        err.write(f"Ouvrez http://127.0.0.1:{options['port']}/ (Ctrl+C pour arrêter)\n")
        serve("127.0.0.1", options["port"], workers=(os.cpu_count() or 1) + 1, threads=1)
