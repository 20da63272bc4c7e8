"""The référentiel as seeded, and the certification's rules in the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from probanker.certification import progress, services
from probanker.certification.models import Block, College, Competency, Deliberation, Modality
from probanker.certification.referentiel_data import BLOCKS
from probanker.certification.tests.factories import (
    TODAY,
    CandidateFactory,
    acquire,
    deliberation,
    jury,
    members,
)
from probanker.core.models import Role
from probanker.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer() -> Any:
    return UserFactory(username="officer", role=Role.CERTIFICATION, branch=None)


def test_the_migration_seeds_the_four_blocks_as_the_text_words_them() -> None:
    """Four blocks of 6, 8, 6 and 8 competencies; the seed's first and last wordings."""
    counts = [b.competencies.count() for b in Block.objects.order_by("order")]
    assert counts == [6, 8, 6, 8]
    assert Competency.objects.get(code="BC01-C1").label.startswith(
        "Réaliser le diagnostic de son portefeuille, de son environnement"
    )
    assert Competency.objects.get(code="BC04-C8").label == (
        "Concevoir des solutions physiques et des interfaces numériques adaptés aux personnes "
        "en situation de handicap, en concertation avec leurs associations, afin de répondre à "
        "leurs besoins dans la relation avec la banque"
    )
    assert (
        Block.objects.get(code="RNCP38026BC02").title
        == "Conseiller / Vendre à un client professionnel"
    )
    assert list(
        Modality.objects.filter(block__code="RNCP38026BC01").values_list("code", flat=True)
    ) == ["etude_de_cas", "mise_en_situation", "questionnaire", "document_synthese"]
    assert [len(b[3]) for b in BLOCKS] == [4, 2, 2, 2]


def test_the_latest_evaluation_counts_and_all_are_kept(officer: Any) -> None:
    """Non acquis in March then acquis in May: acquired; both rows stay."""
    candidate = CandidateFactory()
    for day, result in ((dt.date(2026, 3, 2), "non_acquis"), (dt.date(2026, 5, 4), "acquis")):
        services.record_evaluation(
            actor=officer, candidate=candidate, competency="BC01-C1", modality="etude_de_cas",
            result=result, evaluated_on=day, today=TODAY,
        )  # fmt: skip
    bc01 = progress.block_statuses(candidate)[0]
    assert (bc01.acquired, bc01.total, bc01.eligible) == (1, 6, False)
    assert candidate.evaluations.count() == 2


def test_an_evaluation_takes_a_modality_of_its_block(officer: Any) -> None:
    """The activity report is a modality of BC02, not of BC01."""
    candidate = CandidateFactory()
    with pytest.raises(services.FieldProblem) as refused:
        services.record_evaluation(
            actor=officer, candidate=candidate, competency="BC01-C1", modality="rapport_activite",
            result="acquis", evaluated_on=TODAY, today=TODAY,
        )  # fmt: skip
    assert refused.value.field == "modality"
    with pytest.raises(services.FieldProblem, match="date future"):
        services.record_evaluation(
            actor=officer, candidate=candidate, competency="BC02-C1", modality="rapport_activite",
            result="acquis", evaluated_on=TODAY + dt.timedelta(days=1), today=TODAY,
        )  # fmt: skip


@pytest.mark.parametrize(
    "colleges",
    [
        ("salarie", "employeur"),
        ("salarie", "employeur", "cncm", "cncm"),
        ("salarie", "salarie", "cncm"),
        ("salarie", "employeur", "direction"),
    ],
)
def test_a_jury_is_three_members_one_per_college(officer: Any, colleges: tuple[str, ...]) -> None:
    """Two members, four, two of one college or an unknown college: refused, nothing stored."""
    specs = [services.MemberSpec(f"Membre {i}", c) for i, c in enumerate(colleges)]
    with pytest.raises(services.FieldProblem):
        services.create_jury(actor=officer, session_on=TODAY, members=specs)
    from probanker.certification.models import Jury

    assert not Jury.objects.exists()


def test_conflicts_of_interest_are_refused(
    officer: Any, branch: Any, manager1: Any, director: Any
) -> None:
    """A colleague of the branch, the branch's director, the candidate's supervisor: refused."""
    candidate = CandidateFactory(user=manager1, branch=branch)
    colleague = UserFactory(role=Role.JURY, branch=branch)
    session = services.create_jury(
        actor=officer, session_on=TODAY, members=members(juror=colleague)
    )
    with pytest.raises(services.FieldProblem, match="travaille dans l'agence"):
        services.present_candidate(actor=officer, jury=session, candidate=candidate)
    specs = members()
    specs[1] = services.MemberSpec("Directeur", College.EMPLOYER, user=director.pk)
    session = services.create_jury(actor=officer, session_on=TODAY, members=specs)
    with pytest.raises(services.FieldProblem, match="dirige l'agence"):
        services.present_candidate(actor=officer, jury=session, candidate=candidate)
    boss = UserFactory(role=Role.JURY, branch=None)
    candidate.supervisor = boss
    candidate.save()
    session = services.create_jury(actor=officer, session_on=TODAY, members=members(juror=boss))
    with pytest.raises(services.FieldProblem, match="responsable hiérarchique"):
        services.present_candidate(actor=officer, jury=session, candidate=candidate)
    assert not candidate.juries.exists()


def test_a_block_is_validated_whole_or_not_at_all(officer: Any) -> None:
    """BC01 with 5 of 6 competencies acquired: refused, naming the missing one."""
    candidate = CandidateFactory()
    acquire(candidate, "BC01", evaluator=officer, skip=1)
    session = jury(officer=officer, candidates=(candidate,))
    with pytest.raises(services.FieldProblem, match=r"BC01-C6.*partielle") as refused:
        services.deliberate(actor=officer, jury=session, candidate=candidate,
                            validated_blocks=["RNCP38026BC01"], today=TODAY)  # fmt: skip
    assert refused.value.field == "validated_blocks.0"
    assert not Deliberation.objects.exists()


def test_blocks_capitalise_and_the_cqp_needs_four_blocks_and_the_amf(officer: Any) -> None:
    """BC01+BC02 in 2025, BC03+BC04 in 2026 without AMF: partial; with AMF later: CQP."""
    candidate = CandidateFactory(enrolled_on=dt.date(2024, 9, 1))
    first = deliberation(candidate, ["RNCP38026BC01", "RNCP38026BC02"], on=dt.date(2025, 6, 20))
    assert (first.held_blocks, first.certified) == (["RNCP38026BC01", "RNCP38026BC02"], False)
    second = deliberation(candidate, ["RNCP38026BC03", "RNCP38026BC04"], on=dt.date(2026, 3, 10))
    assert len(second.held_blocks) == 4
    assert not second.certified
    assert all(s.validated for s in progress.block_statuses(candidate))
    services.update_candidate(actor=officer, candidate=candidate, today=TODAY,
                              amf_certified_on=dt.date(2026, 4, 1))  # fmt: skip
    candidate.refresh_from_db()
    session = jury(officer=officer, candidates=(candidate,), session_on=dt.date(2026, 6, 1))
    with pytest.raises(services.FieldProblem, match="déjà validé"):
        services.deliberate(actor=officer, jury=session, candidate=candidate,
                            validated_blocks=["RNCP38026BC01"], today=TODAY)  # fmt: skip
    third = services.deliberate(actor=officer, jury=session, candidate=candidate,
                                validated_blocks=[], today=TODAY)  # fmt: skip
    assert third.certified
    assert third.amf_certified_on == dt.date(2026, 4, 1)
    assert progress.certifying_deliberation(candidate) == third


def test_a_recorded_deliberation_never_changes(officer: Any) -> None:
    """Saving or deleting a recorded deliberation raises; the row stays as recorded."""
    recorded = deliberation(CandidateFactory(), ["RNCP38026BC01"])
    recorded.observations = "corrigé"
    with pytest.raises(ValueError, match="ne se modifie pas"):
        recorded.save()
    with pytest.raises(ValueError, match="ne se supprime pas"):
        recorded.delete()
    assert Deliberation.objects.get(pk=recorded.pk).observations == ""


def test_only_the_certification_roles_write(manager1: Any, director: Any) -> None:
    """A manager cannot enrol, a juror cannot constitute a jury (PermissionDenied)."""
    with pytest.raises(PermissionDenied):
        services.create_candidate(actor=manager1, today=TODAY, first_name="A", last_name="B",
                                  access_route="vae")  # fmt: skip
    juror = UserFactory(role=Role.JURY, branch=None)
    with pytest.raises(PermissionDenied):
        services.create_jury(actor=juror, session_on=TODAY, members=members())
    assert College.values == ["salarie", "employeur", "cncm"]
