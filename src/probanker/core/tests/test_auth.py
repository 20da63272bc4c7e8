"""Login, lockout, logout, password change and API tokens on the profile page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from probanker.core.models import ApiToken
from probanker.core.services import digest_token
from probanker.core.tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_redirected_to_login(client: Client) -> None:
    response = client.get("/clients/")
    assert response.status_code == 302
    assert response["Location"] == "/connexion/?next=/clients/"


def test_login_then_logout(client: Client, manager1: Any) -> None:
    response = client.post("/connexion/", {"username": "manager1", "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200
    assert client.post("/deconnexion/").status_code == 302
    assert client.get("/").status_code == 302


def test_wrong_password_shows_an_announced_error(client: Client, manager1: Any) -> None:
    response = client.post("/connexion/", {"username": "manager1", "password": "nope"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Identifiant ou mot de passe incorrect" in html


def test_five_failures_lock_the_account(client: Client, manager1: Any) -> None:
    for _ in range(5):
        client.post("/connexion/", {"username": "manager1", "password": "wrong"})
    response = client.post("/connexion/", {"username": "manager1", "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "temporairement bloqué" in response.content.decode()
    assert client.get("/").status_code == 302


def test_password_change(client: Client, manager1: Any) -> None:
    client.force_login(manager1)
    new = "un-nouveau-mot-de-passe-solide"
    response = client.post(
        "/profil/mot-de-passe/",
        {"old_password": TEST_PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    manager1.refresh_from_db()
    assert manager1.check_password(new)
    assert manager1.password.startswith("argon2")


def test_password_change_errors_are_tied_to_fields(client: Client, manager1: Any) -> None:
    client.force_login(manager1)
    response = client.post(
        "/profil/mot-de-passe/",
        {"old_password": "bad", "new_password1": "x", "new_password2": "y"},
    )
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_old_password-error' in html
    assert 'id="id_old_password-error"' in html


def test_token_is_shown_once_and_only_its_hash_is_stored(client: Client, manager1: Any) -> None:
    client.force_login(manager1)
    client.post("/profil/jetons/", {"name": "tableur"})
    page = client.get("/profil/").content.decode()
    token = ApiToken.objects.get(user=manager1)
    secret = page.split('<code class="secret">')[1].split("</code>")[0]
    assert token.digest == digest_token(secret)
    assert secret not in str(ApiToken.objects.values_list().get())
    assert '<code class="secret">' not in client.get("/profil/").content.decode()
    response = client.get("/api/v1/clients", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    client.post(f"/profil/jetons/{token.pk}/revoquer/")
    response = Client().get("/api/v1/clients", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 401


def test_token_needs_a_name(client: Client, manager1: Any) -> None:
    client.force_login(manager1)
    response = client.post("/profil/jetons/", {"name": "  "}, follow=True)
    assert "Donnez un nom" in response.content.decode()
    assert not ApiToken.objects.exists()
