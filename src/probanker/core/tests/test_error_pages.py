"""Error pages in French, in the layout, with a way back; JSON for the API.

Run with ``DEBUG=False``, as in production: Django then uses the handlers.
"""

from __future__ import annotations

import html
import json
from typing import Any

import pytest
from django.test import Client

from probanker.core import services
from probanker.core.errors import server_page
from probanker.parties.tests.factories import PartyFactory

ERROR_URLS = "probanker.core.tests.error_urls"


@pytest.fixture(autouse=True)
def production_errors(settings: Any) -> None:
    settings.DEBUG = False


def _html(response: Any) -> str:
    """The page's text with entities read back (``&#x27;`` is an apostrophe)."""
    return html.unescape(response.content.decode())


def _in_layout(html: str) -> bool:
    return '<html lang="fr">' in html and 'class="site-header"' in html and "<main" in html


@pytest.mark.django_db
def test_colleague_client_is_a_kind_404_in_the_layout(
    client: Client, manager1: Any, manager2: Any
) -> None:
    """A colleague's client: 404, French, menu and breadcrumbs, back to the day and the list."""
    other = PartyFactory(manager=manager2)
    client.force_login(manager1)
    response = client.get(f"/clients/{other.pk}/")
    page = _html(response)
    assert response.status_code == 404
    assert _in_layout(page)
    assert "Cette page n'existe pas ou ne fait pas partie de votre portefeuille." in page
    assert 'aria-label="Menu principal"' in page
    assert 'aria-label="Fil d\'Ariane"' in page
    assert '<a href="/">Retour à Ma journée</a>' in page
    assert '<a href="/clients/">Retour à la rubrique « Clients »</a>' in page
    assert "<title>Page introuvable — probanker</title>" in page


@pytest.mark.django_db
def test_unknown_address_is_a_404_for_anonymous_visitors_too(client: Client) -> None:
    """No menu without a session, but French and a link back."""
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert _in_layout(_html(response))
    assert "Retour à Ma journée" in _html(response)


@pytest.mark.django_db
def test_forbidden_action_is_a_french_403(client: Client, manager1: Any) -> None:
    """A manager on the director's reassignment page: 403 in the layout."""
    client.force_login(manager1)
    response = client.get("/clients/reaffectation/")
    page = _html(response)
    assert response.status_code == 403
    assert _in_layout(page)
    assert "Accès refusé" in page
    assert '<a href="/">Retour à Ma journée</a>' in page


@pytest.mark.django_db
def test_expired_form_is_a_french_403(manager1: Any) -> None:
    """A POST without its CSRF token: « Formulaire expiré », not Django's English page."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager1)
    response = client.post("/profil/jetons/", {"name": "x"})
    assert response.status_code == 403
    assert _in_layout(_html(response))
    assert "Formulaire expiré" in _html(response)


@pytest.mark.django_db
def test_bad_request_is_a_french_400(client: Client) -> None:
    """A request for an unknown host (a suspicious operation): 400 in the layout."""
    response = client.get("/connexion/", headers={"host": "inconnu.example"})
    assert response.status_code == 400
    assert _in_layout(_html(response))
    assert "Requête incorrecte" in _html(response)


@pytest.mark.django_db
@pytest.mark.urls(ERROR_URLS)
def test_crash_is_a_french_500(manager1: Any) -> None:
    """A crashing view: 500 in the layout, with the link back."""
    client = Client(raise_request_exception=False)
    client.force_login(manager1)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert _in_layout(_html(response))
    assert "Erreur du serveur" in _html(response)
    assert '<a href="/">Retour à Ma journée</a>' in _html(response)


def test_500_page_renders_without_database_or_request() -> None:
    """No database access is allowed here: the page is still the layout, not the fallback."""
    page = server_page()
    assert _in_layout(page)
    assert "Erreur du serveur" in page


@pytest.mark.django_db
@pytest.mark.urls(ERROR_URLS)
def test_api_errors_stay_json(manager1: Any) -> None:
    """Under /api/v1/: a 404 and a 500 answer JSON with a French detail."""
    secret = services.create_api_token(user=manager1, name="t").secret
    client = Client(raise_request_exception=False, headers={"Authorization": f"Bearer {secret}"})
    missing = client.get("/api/v1/nulle-part")
    crash = client.get("/api/v1/boom/")
    assert missing.status_code == 404
    assert missing["Content-Type"].startswith("application/json")
    assert "portefeuille" in json.loads(missing.content)["detail"]
    assert crash.status_code == 500
    assert json.loads(crash.content)["detail"].startswith("Une erreur inattendue")


@pytest.mark.django_db
def test_a_wrong_method_is_a_french_405(client: Client, manager1: Any) -> None:
    """A link opened on a form's address: the layout and a French message, ``Allow`` kept;
    a verb the API does not have: French JSON."""
    from probanker.complaints.tests.factories import complaint

    own = complaint(PartyFactory(manager=manager1), manager1)
    client.force_login(manager1)
    page = client.get(f"/reclamations/{own.pk}/pieces/")
    assert page.status_code == 405
    assert page["Allow"] == "POST"
    assert _in_layout(_html(page))
    assert "Méthode non autorisée" in _html(page)
    assert "no-store" in page["Cache-Control"]
    api = client.put(f"/api/v1/reclamations/{own.pk}", "{}", content_type="application/json")
    assert api.status_code == 405
    assert json.loads(api.content)["detail"].startswith("Cette adresse ne s'ouvre pas ainsi")
