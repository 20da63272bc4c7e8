"""``probanker serve``: serve the web UI and the API with gunicorn."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from probanker.core.commands import ProbankerCommand


def pending_migrations() -> int:
    """Number of migrations not yet applied to the default database."""
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    connection.close()
    return len(plan)


def serve(host: str, port: int, workers: int, threads: int) -> None:
    """Run gunicorn in the foreground until interrupted."""
    from gunicorn.app.base import BaseApplication

    from probanker.wsgi import application

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("threads", threads)
            self.cfg.set("worker_class", "gthread" if threads > 1 else "sync")
            self.cfg.set("accesslog", None)
            self.cfg.set("errorlog", "-")
            self.cfg.set("loglevel", "warning")
            self.cfg.set("graceful_timeout", 5)

        def load(self) -> Any:
            return application

    Server().run()


class Command(ProbankerCommand):
    help = (
        "Sert l'interface web et l'API (gunicorn) sur une base existante. "
        "Serves the web UI and API on an existing database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="adresse d'écoute (127.0.0.1)")
        parser.add_argument("--port", type=int, default=8000, help="port (8000)")
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("PROBANKER_WORKERS", (os.cpu_count() or 1) + 1)),
            help="processus (cœurs + 1)",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("PROBANKER_THREADS", 1)),
            help="fils par processus (1 : processus synchrones)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if pending_migrations():
            raise CommandError(
                "La base n'est pas à jour : lancez « probanker migrate » "
                "(ou « probanker demo » pour une agence de démonstration)."
            )
        self.stderr.write(
            f"probanker sur http://{options['host']}:{options['port']}/ (Ctrl+C pour arrêter)"
        )
        serve(options["host"], options["port"], options["workers"], options["threads"])
