"""The certification's data: the référentiel, candidates, evaluations, juries, deliberations.

The référentiel (RNCP38026: four blocks, their competencies and modalities) is
seeded by the data migration ``0002_referentiel`` from :mod:`referentiel_data`.
Evaluations are all kept (the latest of a competency counts); a deliberation,
once recorded, is never changed nor deleted (:meth:`Deliberation.save`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from probanker.certification.querysets import (
    CandidateQuerySet,
    CertificationQuerySet,
    DeliberationQuerySet,
    JuryQuerySet,
)


class Block(models.Model):
    """A block of competencies (« bloc de compétences »), validated whole or not at all."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    title = models.CharField(_("intitulé"), max_length=200)
    order = models.PositiveSmallIntegerField(_("ordre"))

    class Meta:
        verbose_name = _("bloc de compétences")
        ordering = ["order"]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    @property
    def short_code(self) -> str:
        """``BC01`` for ``RNCP38026BC01``."""
        return self.code[-4:]


class Competency(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    block = models.ForeignKey(Block, on_delete=models.PROTECT, related_name="competencies")
    label = models.TextField(_("libellé"))
    order = models.PositiveSmallIntegerField(_("ordre"))

    class Meta:
        verbose_name = _("compétence")
        ordering = ["block__order", "order"]

    def __str__(self) -> str:
        return f"{self.code} — {self.label}"


class Modality(models.Model):
    """An evaluation modality of one block (the same modality may serve several blocks)."""

    block = models.ForeignKey(Block, on_delete=models.PROTECT, related_name="modalities")
    code = models.CharField(_("code"), max_length=40)
    label = models.CharField(_("libellé"), max_length=200)
    order = models.PositiveSmallIntegerField(_("ordre"))

    class Meta:
        verbose_name = _("modalité d'évaluation")
        ordering = ["block__order", "order"]
        constraints = [models.UniqueConstraint(fields=["block", "code"], name="modality_once")]

    def __str__(self) -> str:
        return str(self.label)


class AccessRoute(models.TextChoices):
    """The routes to the certification (the seed's « voies d'accès »)."""

    INITIAL = (
        "formation_initiale",
        _("Après un parcours de formation sous statut d'élève ou d'étudiant"),
    )
    APPRENTICESHIP = "apprentissage", _("En contrat d'apprentissage")
    CONTINUING = "formation_continue", _("Après un parcours de formation continue")
    PROFESSIONALISATION = "contrat_professionnalisation", _("En contrat de professionnalisation")
    INDIVIDUAL = "candidature_individuelle", _("Par candidature individuelle")
    VAE = "vae", _("Par expérience (VAE)")


class Prerequisite(models.TextChoices):
    """The entry prerequisite (« prérequis à l'entrée en formation »)."""

    NONE = "", _("Non renseigné")
    PROMOTION = "promotion_interne", _("Promotion interne")
    COURSE = "formation_niveau5", _("Parcours de formation commerciale de niveau 5 au minimum")


class Candidate(models.Model):
    """A candidate to the CQP, with their access route and the AMF prerequisite."""

    first_name = models.CharField(_("prénom"), max_length=80)
    last_name = models.CharField(_("nom"), max_length=80)
    email = models.EmailField(_("courriel"), blank=True)
    access_route = models.CharField(_("voie d'accès"), max_length=30, choices=AccessRoute.choices)
    prerequisite = models.CharField(
        _("prérequis d'entrée"), max_length=30, choices=Prerequisite.choices, blank=True
    )
    branch = models.ForeignKey(
        "core.Branch", verbose_name=_("agence employeur"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="candidates",
    )  # fmt: skip
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("utilisateur probanker"),
        on_delete=models.PROTECT, null=True, blank=True, related_name="candidate_file",
    )  # fmt: skip
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("responsable hiérarchique"),
        on_delete=models.PROTECT, null=True, blank=True, related_name="supervised_candidates",
    )  # fmt: skip
    amf_certified_on = models.DateField(_("certification AMF obtenue le"), null=True, blank=True)
    amf_proof = models.CharField(_("justificatif AMF"), max_length=200, blank=True)
    enrolled_on = models.DateField(_("inscrit le"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CandidateQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("candidat")
        ordering = ["last_name", "first_name", "pk"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Result(models.TextChoices):
    ACQUIRED = "acquis", _("Acquis")
    NOT_ACQUIRED = "non_acquis", _("Non acquis")


class Evaluation(models.Model):
    """One evaluation of a competency; all are kept, the latest (date, then record) counts."""

    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="evaluations")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    modality = models.ForeignKey(Modality, on_delete=models.PROTECT, related_name="+")
    evaluated_on = models.DateField(_("évalué le"))
    result = models.CharField(_("résultat"), max_length=12, choices=Result.choices)
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("évaluateur"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    evidence = models.TextField(_("preuves (documents)"), blank=True)
    comment = models.TextField(_("commentaire"), blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = CertificationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("évaluation")
        ordering = ["-evaluated_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.competency.code} : {self.get_result_display()}"


class College(models.TextChoices):
    """The three seats of a jury (CPNE deliberation of 23 November 2016)."""

    EMPLOYEE = "salarie", _("Collège salarié de la CPNE")
    EMPLOYER = "employeur", _("Collège employeur de la CPNE")
    CNCM = "cncm", _("Permanent de la Confédération nationale du Crédit Mutuel")


class Jury(models.Model):
    """A jury session: three members, the candidates presented to it."""

    session_on = models.DateField(_("date de la session"))
    place = models.CharField(_("lieu"), max_length=120, blank=True)
    candidates = models.ManyToManyField(Candidate, related_name="juries", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = JuryQuerySet.as_manager()

    class Meta:
        verbose_name = _("jury")
        ordering = ["-session_on", "-pk"]

    def __str__(self) -> str:
        return f"Jury du {self.session_on:%d/%m/%Y}"


class JuryMember(models.Model):
    """A seat of a jury; ``user`` when the member has a probanker account (a juror),
    ``branch`` when they work in one of the bank's branches (conflicts of interest)."""

    jury = models.ForeignKey(Jury, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("nom"), max_length=160)
    college = models.CharField(_("collège"), max_length=12, choices=College.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="jury_seats",
    )  # fmt: skip
    branch = models.ForeignKey(
        "core.Branch", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("membre du jury")
        ordering = ["jury", "pk"]
        constraints = [models.UniqueConstraint(fields=["jury", "college"], name="one_per_college")]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_college_display()})"


class Deliberation(models.Model):
    """A jury's decision on one candidate: the blocks it validates. Never changed."""

    jury = models.ForeignKey(Jury, on_delete=models.PROTECT, related_name="deliberations")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="deliberations")
    deliberated_on = models.DateField(_("délibéré le"))
    validated_blocks = models.ManyToManyField(Block, related_name="+", blank=True)
    # What the jury found, frozen at the deliberation: the blocks held afterwards
    # (capitalised), whether the AMF certification was recorded, the CQP obtained.
    held_blocks = models.JSONField(default=list)
    amf_certified_on = models.DateField(null=True, blank=True)
    certified = models.BooleanField(_("CQP obtenu"), default=False)
    observations = models.TextField(_("observations"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = DeliberationQuerySet.as_manager()

    class Meta:
        verbose_name = _("délibération")
        ordering = ["-deliberated_on", "-pk"]

    def __str__(self) -> str:
        return f"Délibération n° {self.pk}"

    def save(self, *args: object, **kwargs: object) -> None:
        """Recorded once: a deliberation that exists is never written again."""
        if self.pk is not None and Deliberation.objects.filter(pk=self.pk).exists():
            raise ValueError("Une délibération enregistrée ne se modifie pas.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValueError("Une délibération enregistrée ne se supprime pas.")


class OutcomeKind(models.TextChoices):
    SIX_MONTHS = "6_mois", _("À 6 mois")
    TWO_YEARS = "2_ans", _("À 2 ans")


class Outcome(models.Model):
    """Where a certified candidate works 6 months or 2 years after (insertion rates)."""

    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="outcomes")
    kind = models.CharField(_("échéance"), max_length=8, choices=OutcomeKind.choices)
    employed = models.BooleanField(_("en emploi"))
    in_target_job = models.BooleanField(_("dans le métier visé"))
    recorded_on = models.DateField(_("constaté le"))

    objects = CertificationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("insertion")
        constraints = [models.UniqueConstraint(fields=["candidate", "kind"], name="outcome_once")]

    def __str__(self) -> str:
        return f"{self.candidate} {self.get_kind_display()}"


class Questionnaire(models.Model):
    """A questionnaire of a block on one theme (« questionnaire par thématique »): reference
    data seeded by ``0004_questionnaires``; a new version replaces an old one (``active``),
    the old one staying readable with the attempts made on it."""

    block = models.ForeignKey(Block, on_delete=models.PROTECT, related_name="questionnaires")
    code = models.CharField(_("code"), max_length=40, unique=True)
    theme = models.CharField(_("thématique"), max_length=120)
    title = models.CharField(_("intitulé"), max_length=200)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    pass_percent = models.PositiveSmallIntegerField(_("seuil de réussite (%)"), default=70)
    active = models.BooleanField(_("en service"), default=True)

    class Meta:
        verbose_name = _("questionnaire")
        ordering = ["block__order", "code"]

    def __str__(self) -> str:
        return f"{self.block.code} — {self.theme}"


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(_("ordre"))
    text = models.TextField(_("question"))

    class Meta:
        verbose_name = _("question")
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "order"], name="question_order_unique")
        ]

    def __str__(self) -> str:
        return self.text


class Choice(models.Model):
    """A proposed answer; ``correct`` is the answer key (one per question)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    order = models.PositiveSmallIntegerField(_("ordre"))
    text = models.CharField(_("réponse proposée"), max_length=300)
    correct = models.BooleanField(_("bonne réponse"), default=False)

    class Meta:
        verbose_name = _("réponse proposée")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.text


class Attempt(models.Model):
    """A questionnaire taken by a candidate: the answers given and the score, kept as
    evidence for the evaluation of the block (every attempt is kept)."""

    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="attempts")
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="attempts"
    )
    taken_on = models.DateField(_("passé le"))
    answers = models.JSONField(_("réponses"), default=dict)  # {question id: choice id}
    score = models.PositiveSmallIntegerField(_("bonnes réponses"))
    total = models.PositiveSmallIntegerField(_("questions"))
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = CertificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("questionnaire passé")
        ordering = ["-taken_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.questionnaire} : {self.score}/{self.total}"

    @property
    def percent(self) -> int:
        """The score in whole percent (rounded down)."""
        return self.score * 100 // self.total if self.total else 0

    @property
    def passed(self) -> bool:
        return self.percent >= self.questionnaire.pass_percent
