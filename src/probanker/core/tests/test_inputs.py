"""Junk typed in URLs, forms and commands is refused cleanly, never a server error."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from probanker.core import services
from probanker.core.access import parse_id
from probanker.core.calendar import batch_date
from probanker.core.formatting import de
from probanker.core.services import DomainError

TODAY = dt.date(2026, 12, 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12", 12), ("²", None), ("١٢", None), ("", None), (None, None), ("-1", None),
     (str(2**63 - 1), 2**63 - 1), (str(2**63), None), ("99999999999999999999999", None),
     ("9" * 5000, None)],  # past Python's 4,300 digits: no ValueError
)  # fmt: skip
def test_parse_id_takes_ascii_digits_within_a_database_integer(
    text: str | None, expected: int | None
) -> None:
    """« ² ».isdigit() is true in Python: ids are ASCII digits that a column can hold."""
    assert parse_id(text) == expected


def test_batch_date_defaults_to_the_last_business_day_and_refuses_junk() -> None:
    """A batch runs on a past business date: future, pre-2000 and malformed dates are refused."""
    assert batch_date(None, today=TODAY) == TODAY
    assert batch_date("", today=dt.date(2026, 12, 6)) == dt.date(2026, 12, 4)  # a Sunday
    assert batch_date("2026-11-30", today=TODAY) == dt.date(2026, 11, 30)
    for text, message in [
        ("2026-02-30", "date invalide"),
        ("20261201", "date invalide"),
        ("9999-12-31", "date future"),
        ("2026-12-03", "date future"),
        ("0001-01-01", "antérieure au 01/01/2000"),
    ]:
        with pytest.raises(ValueError, match=message):
            batch_date(text, today=TODAY)


@pytest.mark.django_db
def test_a_token_name_longer_than_its_column_is_refused(manager1: Any) -> None:
    """The name is checked against the column, whatever the database enforces."""
    with pytest.raises(DomainError, match="80 caractères"):
        services.create_api_token(user=manager1, name="x" * 81)
    assert not manager1.api_tokens.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("junk", ["²", "99999999999999999999999"])
def test_bulk_reassignment_ignores_junk_ids(client: Client, director: Any, junk: str) -> None:
    """A source or a client id that cannot be a row is ignored, not a server error."""
    client.force_login(director)
    assert client.get("/clients/reaffectation/", {"source": junk}).status_code == 200
    response = client.post(
        "/clients/reaffectation/", {"parties": [junk], "target": "", "reason": "x"}
    )
    assert response.status_code == 200


def test_de_elides_and_contracts() -> None:
    """« d'Inès », « du Comptoir », « des Halles », « de Garage Martin »."""
    assert de("Inès Benali") == "d'Inès Benali"
    assert de("Le Comptoir de Aubry") == "du Comptoir de Aubry"
    assert de("Les Halles") == "des Halles"
    assert de("Garage Martin") == "de Garage Martin"
