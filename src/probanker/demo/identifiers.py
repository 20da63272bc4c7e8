"""Valid-looking French identifiers for synthetic businesses."""

from __future__ import annotations

import random

from schwifty import IBAN
from stdnum import luhn

DEMO_BANK_CODE = "14508"
DEMO_BRANCH_CODE = "00420"


def make_siren(rng: random.Random, used: set[str]) -> str:
    """A Luhn-valid SIREN not yet used (never La Poste's 356000000)."""
    while True:
        body = str(rng.randint(30_000_000, 99_999_999))
        siren = body + luhn.calc_check_digit(body)
        if siren not in used and not siren.startswith("356000000"):
            used.add(siren)
            return siren


def make_siret(siren: str, establishment: int) -> str:
    """SIRET of the ``establishment``-th establishment: NIC 000N plus a Luhn key."""
    body = f"{siren}{establishment:04d}"
    return body + luhn.calc_check_digit(body)


def make_iban(account_number: int) -> str:
    """A French IBAN at the demo bank with a valid RIB key and IBAN checksum."""
    return str(
        IBAN.generate(
            "FR",
            bank_code=DEMO_BANK_CODE,
            branch_code=DEMO_BRANCH_CODE,
            account_code=f"{account_number:011d}",
        )
    )
