"""probanker's commands take their options anywhere on the line, as users type them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import get_commands, load_command_class

from probanker.core.commands import IntermixedCommandParser


def parse(name: str, *argv: str) -> dict[str, Any]:
    """The options the command's own parser reads from ``argv`` (as typed after its name)."""
    command = load_command_class(get_commands()[name], name)
    parser = command.create_parser("probanker", name)
    return vars(parser.parse_args(list(argv)))


def probanker_commands() -> list[str]:
    return sorted(n for n, app in get_commands().items() if app.startswith("probanker."))


def test_every_probanker_command_parses_options_anywhere() -> None:
    """Each of our commands is built on the shared parser: a new one cannot forget it."""
    names = probanker_commands()
    assert {"statements", "fec", "risk", "loan", "daily", "demo", "serve", "load_naf"} <= set(names)
    for name in names:
        command = load_command_class(get_commands()[name], name)
        assert isinstance(command.create_parser("probanker", name), IntermixedCommandParser), name


PLACEMENTS = ["before", "between", "after"]


@pytest.mark.parametrize("where", PLACEMENTS)
def test_statements_options_anywhere(where: str) -> None:
    """``statements check --lenient A B --json``: the option may sit before, between or after."""
    lines = {
        "before": ["--lenient", "check", "--json", "a.xml", "b.xml"],
        "between": ["check", "--lenient", "a.xml", "--json", "b.xml"],
        "after": ["check", "a.xml", "b.xml", "--lenient", "--json"],
    }
    options = parse("statements", *lines[where])
    assert options["action"] == "check"
    assert options["paths"] == [Path("a.xml"), Path("b.xml")]
    assert options["lenient"]
    assert options["json"]


@pytest.mark.parametrize("where", PLACEMENTS)
def test_statements_compact_options_anywhere(where: str) -> None:
    """``statements compact --json`` and ``statements import`` read the same way."""
    lines = {
        "before": ["--json", "compact"],
        "between": ["import", "--lenient", "a.txt"],
        "after": ["compact", "--json"],
    }
    options = parse("statements", *lines[where])
    assert options["action"] in {"compact", "import"}
    assert options["json"] or options["lenient"]


@pytest.mark.parametrize("where", PLACEMENTS)
def test_fec_options_anywhere(where: str) -> None:
    """``fec check --json FILE`` as well as ``fec --json check FILE`` and ``fec check FILE --json``."""
    lines = {
        "before": ["--json", "analyse", "f.txt"],
        "between": ["analyse", "--json", "f.txt"],
        "after": ["analyse", "f.txt", "--json"],
    }
    options = parse("fec", *lines[where])
    assert (options["action"], options["file"], options["json"]) == (
        "analyse",
        Path("f.txt"),
        True,
    )


@pytest.mark.parametrize("where", PLACEMENTS)
def test_risk_options_anywhere(where: str) -> None:
    """``risk --date D run --json``: options around the action."""
    lines = {
        "before": ["--date", "2026-03-31", "--json", "run"],
        "between": ["--json", "run", "--engine", "duckdb"],
        "after": ["run", "--date", "2026-03-31", "--json"],
    }
    options = parse("risk", *lines[where])
    assert options["action"] == "run"
    assert options["json"]


@pytest.mark.parametrize("where", PLACEMENTS)
def test_loan_options_anywhere(where: str) -> None:
    """``loan --amount … schedule --rate …``: the action among its options."""
    lines = {
        "before": ["--amount", "10000", "--rate", "4", "--months", "12", "schedule"],
        "between": ["--amount", "10000", "schedule", "--rate", "4", "--months", "12"],
        "after": ["schedule", "--amount", "10000", "--rate", "4", "--months", "12"],
    }
    options = parse("loan", *lines[where])
    assert (options["action"], options["amount"], options["months"]) == ("schedule", "10000", 12)


@pytest.mark.parametrize("where", PLACEMENTS)
def test_load_naf_options_anywhere(where: str) -> None:
    """``load_naf FILE -v 0`` and ``load_naf -v 0 FILE``."""
    lines = {
        "before": ["-v", "0", "naf.csv"],
        "between": ["--no-color", "naf.csv", "-v", "0"],
        "after": ["naf.csv", "-v", "0"],
    }
    options = parse("load_naf", *lines[where])
    assert (options["file"], options["verbosity"]) == (Path("naf.csv"), 0)


@pytest.mark.parametrize(
    ("name", "argv", "expected"),
    [
        ("daily", ["--json", "--date", "2026-03-31"], {"json": True}),
        ("daily", ["--date", "2026-03-31", "--json"], {"json": True}),
        (
            "demo",
            ["--no-serve", "--clients", "12", "--seed", "1"],
            {"clients": 12, "no_serve": True},
        ),
        (
            "demo",
            ["--seed", "1", "--no-serve", "--clients", "12"],
            {"clients": 12, "no_serve": True},
        ),
        ("serve", ["--port", "8100", "--host", "127.0.0.2"], {"port": 8100, "host": "127.0.0.2"}),
        ("serve", ["--host", "127.0.0.2", "--port", "8100"], {"port": 8100, "host": "127.0.0.2"}),
    ],
)
def test_commands_without_positionals_take_options_in_any_order(
    name: str, argv: list[str], expected: dict[str, Any]
) -> None:
    """``daily``, ``demo`` and ``serve`` have only options: any order reads the same."""
    options = parse(name, *argv)
    assert {k: options[k] for k in expected} == expected
