"""The base of probanker's management commands: options anywhere on the line.

argparse matches positional arguments in runs: in ``statements check --lenient
A B`` it gives ``check`` to the action and an empty list to the paths as soon
as an option interrupts them, and then refuses ``A B`` as « unrecognized
arguments ». Users type options wherever they think of them, so every
probanker command parses with :meth:`argparse.ArgumentParser.parse_intermixed_args`,
which reads the options first and the positionals from what remains.
"""

from __future__ import annotations

from argparse import Namespace
from collections.abc import Sequence
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class IntermixedCommandParser(CommandParser):
    """Django's command parser, reading options before, between and after positionals."""

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Namespace | None = None
    ) -> Namespace:
        """Parse ``args`` with options anywhere (Django's missing-arguments message kept)."""
        if self.missing_args_message and not (
            args or any(not arg.startswith("-") for arg in args or ())
        ):
            self.error(self.missing_args_message)
        return self.parse_intermixed_args(args, namespace)


class ProbankerCommand(BaseCommand):
    """A management command whose options may sit anywhere among its arguments."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        # Django builds its CommandParser itself and offers no hook for the class;
        # the subclass adds no state, only the way arguments are matched.
        parser.__class__ = IntermixedCommandParser
        return parser
