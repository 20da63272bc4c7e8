"""What ``probanker fec check|analyse FILE [--json]`` does, without Django.

The command reads a file and touches no database: :func:`run` is all of it,
called by the management command (``diagnosis/management/commands/fec.py``)
and, for the plain forms of the command line (:func:`plain_arguments`), by
``probanker.cli`` before Django is even imported — the start-up of Django
(settings, every app, the registries) costs more than reading a FEC of a
hundred thousand lines. Any other form (``--help``, ``--verbosity``, a usage
error...) goes through Django, whose parser gives the messages and exit code 2.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from probanker.core.formatting import dumps
from probanker.diagnosis.fec_output import (
    analysis_dict,
    analysis_text,
    validation_dict,
    validation_text,
)
from probanker.finance.analysis import analyse_fec
from probanker.finance.fec import FecFileError, read_fec

ACTIONS = ("check", "analyse")


def plain_arguments(args: list[str]) -> tuple[str, Path, bool] | None:
    """``(action, file, json)`` for ``ACTION FILE [--json]`` in any order, else ``None``."""
    flags = [a for a in args if a.startswith("-")]
    positionals = [a for a in args if not a.startswith("-")]
    if flags not in ([], ["--json"]) or len(positionals) != 2 or positionals[0] not in ACTIONS:
        return None
    return positionals[0], Path(positionals[1]), bool(flags)


def run(
    action: str,
    path: Path,
    as_json: bool,
    write: Callable[[str], None],
    write_error: Callable[[str], None],
) -> int:
    """Check (and for ``analyse``, analyse) the FEC at ``path``; the exit code: 0 ok, 1 errors.

    ``write`` and ``write_error`` print one message each (the line end is theirs).
    """
    try:
        report = read_fec(path)
    except FecFileError as exc:
        if as_json:
            fatal = {
                "file": path.name,
                "fatal": str(exc),
                "code": exc.anomaly.code,
                "line": exc.anomaly.line,
            }
            write(dumps(fatal, indent=None))
        write_error(str(exc))
        return 1
    if action == "analyse":
        analysis = analyse_fec(report)
        write(
            dumps(analysis_dict(report, analysis)) if as_json else analysis_text(report, analysis)
        )
    else:
        write(dumps(validation_dict(report)) if as_json else validation_text(report))
    return 0 if report.ok else 1


def main(args: list[str], stdout: TextIO, stderr: TextIO) -> int | None:
    """Run the plain forms without Django; ``None`` when Django must take the command line."""
    plain = plain_arguments(args)
    if plain is None:
        return None

    def line_writer(stream: TextIO, style: Callable[[str], str]) -> Callable[[str], None]:
        # As Django's OutputWrapper: one line end added when missing, errors styled on a tty.
        def write(message: str) -> None:
            stream.write(style(message if message.endswith("\n") else message + "\n"))

        return write

    error_style: Callable[[str], str] = str
    if stderr.isatty():
        from django.core.management.color import color_style

        error_style = color_style().ERROR
    stream_out = line_writer(stdout, str)
    code = run(*plain, stream_out, line_writer(stderr, error_style))
    stdout.flush()
    return code
