"""Environment parsers behind the settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from probanker import config


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("TRUE", True),
        (" yes ", True),
        ("on", True),
        ("0", False),
        ("no", False),
        ("", False),
    ],
)
def test_parse_bool_reads_usual_spellings(raw: str, expected: bool) -> None:
    assert config.parse_bool(raw) is expected


def test_parse_bool_refuses_garbage_and_defaults_on_none() -> None:
    assert config.parse_bool(None, default=True) is True
    with pytest.raises(config.ConfigurationError, match="booléenne"):
        config.parse_bool("peut-être")


def test_parse_list_drops_blanks() -> None:
    assert config.parse_list("a.fr, b.fr,,") == ["a.fr", "b.fr"]
    assert config.parse_list(None) == []


def test_secret_is_created_once_and_private(tmp_path: Path) -> None:
    path = tmp_path / "var" / "secret_key"
    first = config.read_or_create_secret(path)
    assert len(first) > 40
    assert config.read_or_create_secret(path) == first
    assert path.stat().st_mode & 0o077 == 0


def test_production_requires_its_variables() -> None:
    assert config.is_production({"PROBANKER_ENV": "production"})
    assert not config.is_production({})
    with pytest.raises(config.ConfigurationError, match="SECRET_KEY"):
        config.require({}, "SECRET_KEY")
    with pytest.raises(config.ConfigurationError, match="inconnu"):
        config.is_production({"PROBANKER_ENV": "prod"})


def test_var_dir_defaults_to_cwd_var(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert config.var_dir({}) == (tmp_path / "var").resolve()
    assert config.var_dir({"PROBANKER_VAR": str(tmp_path / "x")}) == (tmp_path / "x").resolve()
