"""``probanker fec check|analyse FILE [--json]`` without Django: the same output, code and errors."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from probanker.core.testing import REPO_ROOT, shared_data
from probanker.diagnosis.fec_command import main, plain_arguments


def _django(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as info:
        call_command("fec", *args, stdout=out, stderr=err)
    return int(info.value.code or 0), out.getvalue(), err.getvalue()  # type: ignore[arg-type]


def _fast(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out, err)
    assert code is not None
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("action", ["check", "analyse"])
@pytest.mark.parametrize("json_flag", [[], ["--json"]])
@pytest.mark.parametrize("content", [None, b"", b"%PDF-1.7\n", b"JournalCode|Debit\n"])
def test_the_fast_path_prints_what_the_command_prints(
    action: str, json_flag: list[str], content: bytes | None, tmp_path: Path
) -> None:
    """Same standard output, standard error and exit code as the Django command."""
    if content is None:
        path = shared_data("fec", "odicom_123456789FEC20200331.txt")
    else:
        path = tmp_path / "123456789FEC20240131.txt"
        path.write_bytes(content)
    args = [action, str(path), *json_flag]
    assert _fast(*args) == _django(*args)


def test_an_anomaly_exits_1_on_both_paths(tmp_path: Path) -> None:
    """A file with an unbalanced entry: exit 1 and the same report."""
    path = tmp_path / "123456789FEC20240131.txt"
    path.write_text(
        "JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|"
        "CompAuxLib|PieceRef|PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|"
        "ValidDate|Montantdevise|Idevise\n"
        "VE|Ventes|1|20240115|411000|Clients|||F1|20240115|F1|100,00|0,00|||20240131||\n"
        "VE|Ventes|1|20240115|706000|Ventes|||F1|20240115|F1|0,00|90,00|||20240131||\n",
        encoding="utf-8",
    )
    fast = _fast("check", str(path), "--json")
    assert fast[0] == 1
    assert fast == _django("check", str(path), "--json")


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["check"],
        ["chek", "x"],
        ["check", "a", "b"],
        ["check", "x", "--verbosity", "2"],
        ["check", "x", "--json", "--json"],
        ["check", "-"],
    ],
)
def test_other_forms_go_through_django(args: list[str]) -> None:
    """Help, usage errors and Django's own options are left to Django's parser."""
    assert plain_arguments(args) is None


def test_options_anywhere_as_in_the_command() -> None:
    """``--json`` before, between or after the positionals, as ProbankerCommand allows."""
    expected = ("check", Path("f.txt"), True)
    for args in (["--json", "check", "f.txt"], ["check", "--json", "f.txt"]):
        assert plain_arguments(args) == expected


def test_the_command_line_does_not_start_django() -> None:
    """No settings, no app registry: ``probanker fec check`` reads the file and exits."""
    path = shared_data("fec", "sage_coala_2020.txt")
    probe = (
        "import sys, runpy\n"
        f"sys.argv = ['probanker', 'fec', 'check', {str(path)!r}, '--json']\n"
        "try:\n"
        "    runpy.run_module('probanker.cli', run_name='__main__')\n"
        "except SystemExit as stop:\n"
        "    started = [m for m in ('django.conf', 'django.apps', 'probanker.settings')"
        " if m in sys.modules]\n"
        "    print('STARTED', started, 'CODE', stop.code, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO_ROOT,
        timeout=120, check=False,
    )  # fmt: skip
    assert "STARTED [] CODE 0" in result.stderr, result.stderr
    assert '"entries": 20' in result.stdout
