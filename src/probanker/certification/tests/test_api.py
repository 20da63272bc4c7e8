"""``/api/v1/certification``: the contracts of the issue, the 422 rules, who reaches what."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from probanker.certification.models import Deliberation
from probanker.certification.tests.factories import TODAY, CandidateFactory, acquire, jury
from probanker.core import services as core_services
from probanker.core.models import Role
from probanker.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/certification"


class Caller:
    """Calls the API with a user's personal token."""

    def __init__(self, client: Client, user: Any) -> None:
        self.client = client
        self.headers = {
            "Authorization": f"Bearer {core_services.create_api_token(user=user, name='t').secret}"
        }

    def get(self, path: str) -> Any:
        return self.client.get(API + path, headers=self.headers)

    def send(self, method: str, path: str, body: Any) -> Any:
        return getattr(self.client, method)(API + path, data=json.dumps(body, default=str),
                                            content_type="application/json", headers=self.headers)  # fmt: skip


@pytest.fixture
def officer() -> Any:
    return UserFactory(username="officer", role=Role.CERTIFICATION, branch=None)


@pytest.fixture
def api(client: Client, officer: Any) -> Caller:
    return Caller(client, officer)


def _members() -> list[dict[str, str]]:
    return [{"name": "Sophie Arnaud", "college": "salarie"},
            {"name": "Marc Lemoine", "college": "employeur"},
            {"name": "Hélène Vidal", "college": "cncm"}]  # fmt: skip


def test_the_referentiel_has_its_four_blocks(api: Caller) -> None:
    """Codes, 6/8/6/8 competencies with code and label, modalities per block."""
    body = api.get("/referentiel").json()
    assert body["code"] == "RNCP38026"
    assert [b["code"] for b in body["blocks"]] == [f"RNCP38026BC0{n}" for n in range(1, 5)]
    assert [len(b["competencies"]) for b in body["blocks"]] == [6, 8, 6, 8]
    assert body["blocks"][1]["modalities"][1] == {
        "code": "rapport_activite",
        "label": "Rapport d’activité lié à l’activité commerciale",
    }
    assert set(body["blocks"][0]["competencies"][0]) == {"code", "label"}


def test_a_candidate_is_enrolled_evaluated_and_read(api: Caller) -> None:
    """POST 201 with an id; PATCH the AMF date; an evaluation counts in its block."""
    created = api.send("post", "/candidats",
                       {"first_name": "Léa", "last_name": "Fontaine", "access_route": "vae"})  # fmt: skip
    assert created.status_code == 201, created.content
    cid = created.json()["id"]
    patched = api.send("patch", f"/candidats/{cid}", {"amf_certified_on": "2026-01-15"})
    assert patched.json()["amf_certified_on"] == "2026-01-15"
    # Enrolled today (no date given): evaluated today, not before.
    evaluation = {"competency": "BC01-C3", "modality": "etude_de_cas", "result": "acquis",
                  "evaluated_on": timezone.localdate().isoformat()}  # fmt: skip
    assert api.send("post", f"/candidats/{cid}/evaluations", evaluation).status_code == 201
    body = api.get(f"/candidats/{cid}").json()
    assert body["blocks"][0] == {"code": "RNCP38026BC01", "title": body["blocks"][0]["title"],
                                 "acquired": 1, "total": 6, "validated": False}  # fmt: skip
    assert body["certified"] is False
    assert body["access_route"] == "vae"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"competency": "BC09-C1", "modality": "etude_de_cas", "result": "acquis"}, "competency"),
        ({"competency": "BC01-C1", "modality": "rapport_activite", "result": "acquis"}, "modality"),
        ({"competency": "BC01-C1", "modality": "etude_de_cas", "result": "bien"}, "result"),
    ],
)
def test_a_bad_evaluation_is_a_422_naming_the_field(
    api: Caller, body: dict[str, str], field: str
) -> None:
    """Unknown competency, a modality of another block, a result other than acquis/non_acquis."""
    cid = CandidateFactory().pk
    answer = api.send(
        "post", f"/candidats/{cid}/evaluations", {**body, "evaluated_on": "2026-06-01"}
    )
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == field


@pytest.mark.parametrize(
    "members",
    [
        _members()[:2],
        [*_members(), {"name": "Quatrième", "college": "cncm"}],
        [_members()[0], _members()[0], _members()[2]],
        [*_members()[:2], {"name": "Autre", "college": "direction"}],
    ],
)
def test_any_other_jury_composition_is_a_422(api: Caller, members: list[dict[str, str]]) -> None:
    """Two, four, two employee representatives, an unknown college: refused."""
    answer = api.send("post", "/jurys", {"session_on": "2026-07-10", "members": members})
    assert answer.status_code == 422
    assert "trois membres" in answer.json()["errors"][0]["message"]


def test_a_deliberation_validates_whole_blocks_only(api: Caller, officer: Any) -> None:
    """BC01 fully acquired, BC02 missing one: 422 for BC02; then 201 for BC01 alone."""
    created = api.send("post", "/jurys", {"session_on": TODAY.isoformat(), "members": _members()})
    assert created.status_code == 201
    jid = created.json()["id"]
    candidate = CandidateFactory()
    acquire(candidate, "BC01", evaluator=officer)
    acquire(candidate, "BC02", evaluator=officer, skip=1)
    assert (
        api.send("post", f"/jurys/{jid}/candidats", {"candidate": candidate.pk}).status_code == 200
    )
    refused = api.send("post", f"/jurys/{jid}/deliberations",
                       {"candidate": candidate.pk, "validated_blocks": ["RNCP38026BC01", "RNCP38026BC02"]})  # fmt: skip
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "validated_blocks.1"
    assert "BC02-C8" in refused.json()["errors"][0]["message"]
    assert not Deliberation.objects.exists()
    done = api.send("post", f"/jurys/{jid}/deliberations",
                    {"candidate": candidate.pk, "validated_blocks": ["RNCP38026BC01"]})  # fmt: skip
    assert done.status_code == 201
    assert done.json()["held_blocks"] == ["RNCP38026BC01"]
    assert not done.json()["certified"]
    blocks = api.get(f"/candidats/{candidate.pk}").json()["blocks"]
    assert [b["validated"] for b in blocks] == [True, False, False, False]


def test_a_conflict_of_interest_is_a_422(
    api: Caller, branch: Any, manager1: Any, director: Any
) -> None:
    """The candidate's director on the jury: presenting the candidate is refused."""
    members = _members()
    members[1] = {"name": "Le directeur", "college": "employeur", "user": director.pk}
    jid = api.send("post", "/jurys", {"session_on": "2026-06-01", "members": members}).json()["id"]
    candidate = CandidateFactory(user=manager1, branch=branch)
    answer = api.send("post", f"/jurys/{jid}/candidats", {"candidate": candidate.pk})
    assert answer.status_code == 422
    assert "dirige l'agence" in answer.json()["errors"][0]["message"]


def test_a_juror_sees_the_candidates_of_their_sessions_only(client: Client, officer: Any) -> None:
    """Presented to their jury: 200; any other candidate: 404; the list holds theirs only."""
    juror = UserFactory(username="juror", role=Role.JURY, branch=None)
    theirs, other = CandidateFactory(), CandidateFactory()
    jury(officer=officer, juror=juror, candidates=(theirs,))
    api = Caller(client, juror)
    assert api.get(f"/candidats/{theirs.pk}").status_code == 200
    assert api.get(f"/candidats/{other.pk}").status_code == 404
    assert [c["id"] for c in api.get("/candidats").json()["items"]] == [theirs.pk]
    assert (
        api.send("post", "/jurys", {"session_on": "2026-07-10", "members": _members()}).status_code
        == 403
    )


def test_a_manager_reads_their_own_file_and_nothing_else(
    client: Client, manager1: Any, manager2: Any
) -> None:
    """« mon-dossier »: 200; the référentiel, the lists, their own id: 403; another's: 404."""
    own, other = CandidateFactory(user=manager1), CandidateFactory(user=manager2)
    api = Caller(client, manager1)
    assert api.get("/mon-dossier").json()["id"] == own.pk
    for path in ("/referentiel", "/candidats", "/jurys", "/statistiques", f"/candidats/{own.pk}"):
        assert api.get(path).status_code == 403, path
    assert api.get(f"/candidats/{other.pk}").status_code == 404
    assert Caller(client, manager2).get("/mon-dossier").json()["id"] == other.pk
