"""Field validators for French business identifiers (python-stdnum, schwifty).

Each raises :class:`django.core.exceptions.ValidationError` with a French
message that says what is wrong, so forms and the API show it next to the
field.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from schwifty import IBAN, exceptions
from schwifty.exceptions import SchwiftyException
from stdnum import exceptions as stdnum_errors
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

NAF_PATTERN = re.compile(r"^\d{2}\.\d{2}[A-Z]$")


def compact_digits(value: str) -> str:
    """Remove spaces, dots and dashes that people type in identifiers."""
    return re.sub(r"[\s.\-]", "", value or "")


def _validate_luhn_identifier(value: str, module: Any, name: str, digits: int) -> None:
    """Check a SIREN or SIRET with python-stdnum and explain what is wrong."""
    number = compact_digits(value)
    code = name.lower()
    try:
        module.validate(number)
    except stdnum_errors.InvalidLength as exc:
        raise ValidationError(
            "Le %(name)s doit comporter %(digits)s chiffres (%(n)s saisis).",
            code=f"{code}_length",
            params={"name": name, "digits": digits, "n": len(number)},
        ) from exc
    except stdnum_errors.InvalidFormat as exc:
        raise ValidationError(
            "Le %(name)s ne doit contenir que des chiffres.",
            code=f"{code}_format",
            params={"name": name},
        ) from exc
    except stdnum_errors.InvalidChecksum as exc:
        raise ValidationError(
            "%(name)s invalide : la clé de contrôle (Luhn) ne correspond pas.",
            code=f"{code}_checksum",
            params={"name": name},
        ) from exc


def validate_siren(value: str) -> None:
    """A SIREN is 9 digits with a valid Luhn key."""
    _validate_luhn_identifier(value, stdnum_siren, "SIREN", 9)


def validate_siret(value: str) -> None:
    """A SIRET is 14 digits, Luhn-valid (La Poste's digit-sum rule included)."""
    _validate_luhn_identifier(value, stdnum_siret, "SIRET", 14)


# schwifty explains in English: each of its errors, said in French.
IBAN_REASONS: dict[type[SchwiftyException], str] = {
    exceptions.InvalidChecksumDigits: "la clé de contrôle (2 chiffres après le pays) est fausse",
    exceptions.InvalidBBANChecksum: "la clé RIB du compte est fausse",
    exceptions.InvalidCountryCode: "le code pays (2 lettres au début) est inconnu",
    exceptions.InvalidLength: "la longueur ne correspond pas à celle des IBAN de ce pays",
    exceptions.InvalidStructure: "la structure (caractères attendus à chaque position) "
    "ne correspond pas à celle des IBAN de ce pays",
    exceptions.InvalidBankCode: "le code banque est invalide",
    exceptions.InvalidBranchCode: "le code guichet est invalide",
    exceptions.InvalidAccountCode: "le numéro de compte est invalide",
}


def validate_iban(value: str) -> None:
    """An IBAN with a valid structure for its country and a valid key; errors in French."""
    try:
        IBAN(value)
    except SchwiftyException as exc:
        reason = next(
            (text for kind, text in IBAN_REASONS.items() if isinstance(exc, kind)),
            "vérifiez les caractères saisis",
        )
        if isinstance(exc, exceptions.InvalidStructure) and "characters" in str(exc):
            reason = "il contient des caractères non permis ou est trop court"
        raise ValidationError(
            "IBAN invalide : %(reason)s.", code="iban", params={"reason": reason}
        ) from exc


def validate_naf_format(value: str) -> None:
    """A NAF rév. 2 sub-class is written ``NN.NNL`` (e.g. ``56.10A``)."""
    if not NAF_PATTERN.match(value or ""):
        raise ValidationError("Code NAF attendu au format NN.NNL (ex. 56.10A).", code="naf_format")


def normalise_naf(value: str) -> str:
    """``5610A``, ``56.10a`` or `` 56.10A `` → ``56.10A``."""
    raw = compact_digits(value).upper()
    if re.fullmatch(r"\d{4}[A-Z]", raw):
        return f"{raw[:2]}.{raw[2:]}"
    return raw
