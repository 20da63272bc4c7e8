"""``probanker``: the project's ``manage.py`` and the product's own commands.

Every Django command works through it (``probanker migrate``,
``probanker createsuperuser``...), and so do probanker's (``demo``,
``serve``, ``load_naf``...).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command, like ``manage.py``.

    ``probanker fec check|analyse FILE [--json]`` reads a file and needs no
    database: it runs without starting Django (the same code as the command).
    """
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["fec"]:
        from probanker.diagnosis.fec_command import main as fec_main

        code = fec_main(args[1:], sys.stdout, sys.stderr)
        if code is not None:
            sys.exit(code)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "probanker.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["probanker", *args])


if __name__ == "__main__":
    main()
