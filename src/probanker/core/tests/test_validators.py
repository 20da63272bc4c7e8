"""French identifiers: SIREN, SIRET (La Poste), IBAN, NAF."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st
from stdnum import luhn

from probanker.core import validators


def test_valid_siren_and_siret_pass() -> None:
    validators.validate_siren("732 829 320")
    validators.validate_siret("732 829 320 00074")


@pytest.mark.parametrize(
    ("value", "code"),
    [("73282932", "siren_length"), ("73282932A", "siren_format"), ("732829321", "siren_checksum")],
)
def test_bad_siren_says_why(value: str, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        validators.validate_siren(value)
    assert info.value.code == code


def test_siret_with_wrong_key_is_refused_with_a_french_message() -> None:
    with pytest.raises(ValidationError, match="Luhn"):
        validators.validate_siret("73282932000075")


def test_la_poste_establishments_follow_the_digit_sum_rule() -> None:
    """SIREN 356000000: Luhn does not hold, the digit sum is a multiple of 5."""
    validators.validate_siret("35600000000048")
    with pytest.raises(ValidationError):
        validators.validate_siret("35600000000049")


@given(st.integers(min_value=10_000_000, max_value=99_999_999))
def test_any_luhn_completed_number_is_a_valid_siren(body: int) -> None:
    number = str(body) + luhn.calc_check_digit(str(body))
    validators.validate_siren(number)


def test_iban_checksum_is_checked() -> None:
    validators.validate_iban("FR76 3000 6000 0112 3456 7890 189")
    with pytest.raises(ValidationError, match="IBAN invalide"):
        validators.validate_iban("FR7630006000011234567890188")


@pytest.mark.parametrize(
    ("raw", "expected"), [("5610A", "56.10A"), ("56.10a", "56.10A"), (" 56.10A ", "56.10A")]
)
def test_naf_codes_are_normalised(raw: str, expected: str) -> None:
    assert validators.normalise_naf(raw) == expected
    validators.validate_naf_format(expected)


def test_naf_format_is_enforced() -> None:
    with pytest.raises(ValidationError, match=r"NN\.NNL"):
        validators.validate_naf_format("561")


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("FR7630006000011234567890188", "clé de contrôle"),
        ("FR12", "caractères"),
        ("XX7630006000011234567890189", "code pays"),
        ("FR76300060000112345678901AA", "structure"),
    ],
)
def test_iban_errors_are_in_french(value: str, reason: str) -> None:
    """Every IBAN error says in French what is wrong, never schwifty's English."""
    with pytest.raises(ValidationError) as caught:
        validators.validate_iban(value)
    message = caught.value.messages[0]
    assert reason in message
    for english in ("Invalid", "Unknown", "doesn't", "checksum", "length"):
        assert english not in message
