"""Seeding the référentiel from :mod:`referentiel_data` (the data migration and the demo,
which flushes the database and seeds the reference data again)."""

from __future__ import annotations

from typing import Any

from probanker.certification.referentiel_data import BLOCKS


def competency_code(block_code: str, n: int) -> str:
    """``BC01-C3`` for the third competency of ``RNCP38026BC01``."""
    return f"{block_code[-4:]}-C{n}"


def seed_referentiel(apps: Any) -> None:
    """The four blocks, their competencies and modalities (idempotent)."""
    Block = apps.get_model("certification", "Block")
    Competency = apps.get_model("certification", "Competency")
    Modality = apps.get_model("certification", "Modality")
    for order, (code, title, competencies, modalities) in enumerate(BLOCKS, 1):
        block, _ = Block.objects.update_or_create(
            code=code, defaults={"title": title, "order": order}
        )
        for n, label in enumerate(competencies, 1):
            Competency.objects.update_or_create(
                code=competency_code(code, n), defaults={"block": block, "label": label, "order": n}
            )
        for n, (modality, label) in enumerate(modalities, 1):
            Modality.objects.update_or_create(
                block=block, code=modality, defaults={"label": label, "order": n}
            )


def seed_questionnaires(apps: Any) -> None:
    """The questionnaires of :mod:`questionnaires_data` (idempotent: a questionnaire
    already seeded keeps its questions, so the attempts' answers keep their meaning)."""
    from probanker.certification.questionnaires_data import QUESTIONNAIRES

    Block = apps.get_model("certification", "Block")
    Questionnaire = apps.get_model("certification", "Questionnaire")
    Question = apps.get_model("certification", "Question")
    Choice = apps.get_model("certification", "Choice")
    for code, block, theme, title, questions in QUESTIONNAIRES:
        found, created = Questionnaire.objects.get_or_create(
            code=code,
            defaults={"block": Block.objects.get(code=block), "theme": theme, "title": title},
        )
        if not created:
            continue
        for n, (text, answers) in enumerate(questions, 1):
            question = Question.objects.create(questionnaire=found, order=n, text=text)
            Choice.objects.bulk_create(
                Choice(question=question, order=k, text=answer, correct=correct)
                for k, (answer, correct) in enumerate(answers, 1)
            )
