"""Documentation that cannot drift: every command is in the README."""

from __future__ import annotations

from pathlib import Path

from probanker.core.testing import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def probanker_commands() -> list[str]:
    commands = []
    for path in sorted((REPO_ROOT / "src" / "probanker").glob("*/management/commands/*.py")):
        if path.name != "__init__.py":
            commands.append(path.stem)
    return commands


def test_every_probanker_command_is_documented() -> None:
    commands = probanker_commands()
    assert {"demo", "serve", "load_naf"} <= set(commands)
    missing = [c for c in commands if f"`probanker {c}" not in README]
    assert not missing, f"document these commands in README.md: {missing}"


def test_every_command_option_is_documented() -> None:
    """Each option of our commands appears in the README table."""
    import argparse

    from django.core.management import load_command_class

    for path in sorted((REPO_ROOT / "src" / "probanker").glob("*/management/commands/*.py")):
        if path.name == "__init__.py":
            continue
        app = f"probanker.{path.parts[-4]}"
        command = load_command_class(app, path.stem)
        parser = command.create_parser("probanker", path.stem)
        own = [
            a
            for a in parser._actions
            if isinstance(a, argparse.Action)
            and a.dest
            not in {
                "help",
                "version",
                "verbosity",
                "settings",
                "pythonpath",
                "traceback",
                "no_color",
                "force_color",
                "skip_checks",
            }
        ]
        for action in own:
            if action.choices and not action.option_strings:
                for choice in action.choices:
                    assert f"{choice}" in README, (
                        f"probanker {path.stem} {choice} is not in README.md"
                    )
                continue
            label = (
                action.option_strings[0]
                if action.option_strings
                else (action.metavar or action.dest.upper())
            )
            assert label in README, f"probanker {path.stem}: {label} is not in README.md"


def test_readme_quick_start_has_exactly_two_commands() -> None:
    block = README.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    lines = [line for line in block.strip().splitlines() if line.strip()]
    assert lines == ["uv run probanker demo", "uv run pytest"]


def test_architecture_names_existing_folders() -> None:
    text = (REPO_ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for folder in ["core/", "parties/", "banking/", "demo/", "bench/web.py", ".ci/run"]:
        assert folder in text
        name = folder.rstrip("/")
        assert any(
            Path(p).exists() for p in (REPO_ROOT / "src" / "probanker" / name, REPO_ROOT / name)
        ), name
