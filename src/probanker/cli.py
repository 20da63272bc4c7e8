"""``probanker``: the project's ``manage.py`` and the product's own commands.

Every Django command works through it (``probanker migrate``,
``probanker createsuperuser``...), and so do probanker's (``demo``,
``serve``, ``load_naf``...).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command, like ``manage.py``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "probanker.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["probanker", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
