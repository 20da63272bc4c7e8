"""Advice and sales: interview guides, interviews, the client's needs, specialists,
recommendation rules and opportunities.

A guide is data (situation × segment, versioned: an edit saves a new version and
the interviews keep the one they were held with). An interview records its answers
(``{question key: value}``); the answers of questions that name a need go into the
client's profile of needs (:class:`ClientNeed`, one row per client and need). The
recommendation rules are data too. An opportunity follows a product through the
pipeline, from detected to won or lost (with a reason); one of credit opens a credit
file. All of it is scoped through its client (``PartyBoundQuerySet``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from probanker.banking.models import Product
from probanker.parties.choices import Channel, Segment
from probanker.parties.models import Party
from probanker.parties.querysets import PartyBoundQuerySet


class Situation(models.TextChoices):
    DISCOVERY = "decouverte", _("Entretien de découverte")
    ANNUAL = "bilan_annuel", _("Bilan annuel")
    FINANCING = "projet_financement", _("Projet de financement")
    SETTING_UP = "installation", _("Installation")
    TRANSFER = "transmission", _("Transmission d'entreprise")
    PROVIDENT = "prevoyance_dirigeant", _("Prévoyance du dirigeant")


class InterviewGuide(models.Model):
    """One version of the guide of a situation for a segment.

    ``sections`` is ``[{"title", "questions": [{"key", "label", "type", "choices"?,
    "need"?, "need_when"?}]}]`` (checked by :func:`probanker.sales.guides.check_sections`).
    Only the latest version of a (situation, segment) is ``current``.
    """

    situation = models.CharField(_("situation"), max_length=24, choices=Situation.choices)
    segment = models.CharField(_("segment"), max_length=20, choices=Segment.choices)
    title = models.CharField(_("titre"), max_length=160)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    current = models.BooleanField(_("version en vigueur"), default=True)
    sections = models.JSONField(_("sections"))
    created_on = models.DateField(_("créée le"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("guide d'entretien")
        verbose_name_plural = _("guides d'entretien")
        ordering = ["situation", "segment", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["situation", "segment", "version"], name="sales_guide_version"
            ),
            models.UniqueConstraint(
                fields=["situation", "segment"],
                condition=models.Q(current=True),
                name="sales_guide_one_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    def questions(self) -> list[dict[str, Any]]:
        """Every question of the guide, in order."""
        return [q for section in self.sections for q in section["questions"]]


class InterviewQuerySet(PartyBoundQuerySet):
    def held(self) -> InterviewQuerySet:
        return self.filter(status=InterviewStatus.HELD)


class InterviewStatus(models.TextChoices):
    HELD = "held", _("tenu")
    REPORT_SENT = "sent", _("compte rendu envoyé")


class Interview(models.Model):
    """An interview held with a client along a guide, and its report."""

    party = models.ForeignKey(
        Party, on_delete=models.CASCADE, related_name="interviews", verbose_name=_("client")
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="interviews",
        verbose_name=_("chargé de clientèle"),
    )  # fmt: skip
    guide = models.ForeignKey(InterviewGuide, on_delete=models.PROTECT, related_name="interviews")
    held_on = models.DateField(_("date de l'entretien"))
    answers = models.JSONField(_("réponses"), default=dict)
    summary = models.TextField(_("synthèse"), max_length=4000)
    next_steps = models.TextField(_("suites convenues"), max_length=2000, blank=True)
    status = models.CharField(
        _("état"), max_length=8, choices=InterviewStatus.choices, default=InterviewStatus.HELD
    )
    report_channel = models.CharField(
        _("compte rendu envoyé par"), max_length=10, choices=Channel.choices, blank=True
    )
    report_sent_on = models.DateField(_("compte rendu envoyé le"), null=True, blank=True)

    history = HistoricalRecords()
    objects = InterviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("entretien")
        verbose_name_plural = _("entretiens")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.guide.get_situation_display()} du {self.held_on:%d/%m/%Y} — {self.party}"


class ClientNeed(models.Model):
    """A need of the client (or of its owner) noted in an interview: one row per need,
    updated by the latest interview that speaks of it."""

    party = models.ForeignKey(
        Party, on_delete=models.CASCADE, related_name="needs", verbose_name=_("client")
    )
    code = models.CharField(_("besoin"), max_length=32)
    detail = models.CharField(_("précision"), max_length=240, blank=True)
    amount = models.DecimalField(
        _("montant"), max_digits=15, decimal_places=2, null=True, blank=True
    )
    noted_on = models.DateField(_("noté le"))
    interview = models.ForeignKey(
        Interview, on_delete=models.SET_NULL, null=True, blank=True, related_name="needs"
    )

    history = HistoricalRecords()
    objects = PartyBoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("besoin du client")
        verbose_name_plural = _("besoins du client")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["party", "code"], name="sales_need_once"),
        ]

    def __str__(self) -> str:
        from probanker.sales.guides import need_label

        return need_label(self.code)


class Specialty(models.TextChoices):
    INSURANCE = "assurance", _("Assurance")
    WEALTH = "patrimoine", _("Gestion de patrimoine")
    INTERNATIONAL = "international", _("International")
    LEASING = "credit_bail", _("Crédit-bail")
    FACTORING = "affacturage", _("Affacturage")


class SpecialistReferral(models.Model):
    """A specialist called in for a client, tracked until answered."""

    party = models.ForeignKey(
        Party, on_delete=models.CASCADE, related_name="specialist_referrals",
        verbose_name=_("client"),
    )  # fmt: skip
    interview = models.ForeignKey(
        Interview, on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals"
    )
    specialty = models.CharField(_("spécialité"), max_length=16, choices=Specialty.choices)
    question = models.TextField(_("question posée"), max_length=2000)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_on = models.DateField(_("demandé le"))
    answered_on = models.DateField(_("répondu le"), null=True, blank=True)
    answer = models.TextField(_("réponse du spécialiste"), max_length=4000, blank=True)

    history = HistoricalRecords()
    objects = PartyBoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("appel à un spécialiste")
        verbose_name_plural = _("appels aux spécialistes")
        ordering = ["answered_on", "-requested_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_specialty_display()} — {self.party}"


class Basis(models.TextChoices):
    NEED = "need", _("besoin noté")
    PEER = "peer", _("détenu par les pairs")
    EVENT = "event", _("événement")


class RecommendationRule(models.Model):
    """One explainable rule: a need, the peers or an event points to a product.

    * ``need``: the client has the need ``need`` → ``product``; score ``weight``;
    * ``peer``: at least ``min_peer_rate`` of the bank's clients of the same NAF
      division and segment hold the product's family → ``product``; score
      ``weight`` × that rate;
    * ``event``: the event ``event`` (see :data:`probanker.sales.recommendations.EVENTS`)
      happened → ``product``; score ``weight``.
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    basis = models.CharField(_("fondement"), max_length=8, choices=Basis.choices)
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    need = models.CharField(_("besoin"), max_length=32, blank=True)
    event = models.CharField(_("événement"), max_length=32, blank=True)
    min_peer_rate = models.DecimalField(
        _("taux de détention minimal des pairs"), max_digits=5, decimal_places=4, null=True,
        blank=True,
    )  # fmt: skip
    weight = models.PositiveSmallIntegerField(_("poids"), default=50)
    active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("règle de recommandation")
        verbose_name_plural = _("règles de recommandation")
        ordering = ["basis", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__lte=100), name="sales_rule_weight_max_100"
            ),
        ]

    def __str__(self) -> str:
        return self.code


class Stage(models.TextChoices):
    DETECTED = "detectee", _("Détectée")
    QUALIFIED = "qualifiee", _("Qualifiée")
    PROPOSED = "proposee", _("Proposée")
    NEGOTIATION = "negociation", _("En négociation")
    WON = "gagnee", _("Gagnée")
    LOST = "perdue", _("Perdue")


OPEN_STAGES = (Stage.DETECTED, Stage.QUALIFIED, Stage.PROPOSED, Stage.NEGOTIATION)
CLOSED_STAGES = (Stage.WON, Stage.LOST)


class LostReason(models.TextChoices):
    PRICE = "prix", _("Conditions tarifaires")
    COMPETITOR = "concurrence", _("Choix d'un concurrent")
    PROJECT_DROPPED = "abandon", _("Projet abandonné par le client")
    REFUSED = "refus", _("Refus de la banque")
    NO_NEED = "sans_besoin", _("Besoin non confirmé")


class OpportunityQuerySet(PartyBoundQuerySet):
    def open(self) -> OpportunityQuerySet:
        return self.filter(stage__in=OPEN_STAGES)


class Opportunity(models.Model):
    """A product to sell to a client, through the pipeline's stages."""

    party = models.ForeignKey(
        Party, on_delete=models.CASCADE, related_name="opportunities", verbose_name=_("client")
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="opportunities",
        verbose_name=_("chargé de clientèle"),
    )  # fmt: skip
    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="+", verbose_name=_("produit")
    )
    amount = models.DecimalField(_("montant"), max_digits=15, decimal_places=2)
    stage = models.CharField(
        _("étape"), max_length=12, choices=Stage.choices, default=Stage.DETECTED
    )
    expected_on = models.DateField(_("conclusion attendue le"), null=True, blank=True)
    lost_reason = models.CharField(
        _("motif de perte"), max_length=12, choices=LostReason.choices, blank=True
    )
    note = models.CharField(_("commentaire"), max_length=400, blank=True)
    source = models.CharField(_("origine"), max_length=240, blank=True)
    interview = models.ForeignKey(
        Interview, on_delete=models.SET_NULL, null=True, blank=True, related_name="opportunities"
    )
    credit_file = models.OneToOneField(
        "credit.CreditFile", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="opportunity", verbose_name=_("dossier de crédit"),
    )  # fmt: skip
    created_on = models.DateField(_("détectée le"))
    closed_on = models.DateField(_("close le"), null=True, blank=True)

    history = HistoricalRecords()
    objects = OpportunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("opportunité")
        verbose_name_plural = _("opportunités")
        ordering = ["expected_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=Decimal(0)), name="sales_opportunity_amount_positive"
            ),
            models.CheckConstraint(
                condition=~models.Q(stage="perdue") | ~models.Q(lost_reason=""),
                name="sales_opportunity_lost_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product} — {self.party}"

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES


class EventKind(models.TextChoices):
    LOAN_PAID_OFF = "credit_solde", _("Crédit soldé")
    LOAN_ENDING = "credit_fin", _("Crédit arrivant à son terme")
    LIMIT_DUE = "autorisation", _("Autorisation à échéance")
    YEAR_FILED = "exercice", _("Exercice comptable déposé")
    ANNIVERSARY = "anniversaire", _("Anniversaire de l'entreprise")
    NEW_ESTABLISHMENT = "etablissement", _("Nouvel établissement")
    INCIDENT_CURED = "incident_regularise", _("Échéance de prêt réglée en retard")
    PRODUCT_UNUSED = "produit_inutilise", _("Produit inutilisé depuis six mois")


class EventStatus(models.TextChoices):
    OPEN = "a_faire", _("à contacter")
    DONE = "fait", _("contact fait")
    DISMISSED = "ecarte", _("écarté")


class AfterSalesEvent(models.Model):
    """An event of the client's life the daily batch turned into a contact to make.

    ``key`` names what the event is about (a contract, a fiscal year, a year of the
    company...) so that a rerun of the batch finds the same row, whatever became of it.
    """

    party = models.ForeignKey(
        Party, on_delete=models.CASCADE, related_name="after_sales_events",
        verbose_name=_("client"),
    )  # fmt: skip
    kind = models.CharField(_("événement"), max_length=20, choices=EventKind.choices)
    key = models.CharField(_("objet"), max_length=60)
    detected_on = models.DateField(_("détecté le"))
    due_on = models.DateField(_("contact à faire avant le"))
    detail = models.CharField(_("ce qui s'est passé"), max_length=240)
    action = models.CharField(_("action suggérée"), max_length=240)
    status = models.CharField(
        _("état"), max_length=8, choices=EventStatus.choices, default=EventStatus.OPEN
    )
    closed_on = models.DateField(_("traité le"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    history = HistoricalRecords()
    objects = PartyBoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("événement d'après-vente")
        verbose_name_plural = _("événements d'après-vente")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["party", "kind", "key"], name="sales_event_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.party}"


class ConditionKind(models.TextChoices):
    RATE = "taux", _("Bonification de taux")
    FEES = "frais", _("Exonération ou remise de frais")


class ConditionLevel(models.TextChoices):
    MANAGER = "manager", _("Chargé de clientèle")
    DIRECTOR = "director", _("Directeur d'agence")
    COMMITTEE = "committee", _("Comité")


#: The levels, from the one that grants the least.
CONDITION_LEVELS = (ConditionLevel.MANAGER, ConditionLevel.DIRECTOR, ConditionLevel.COMMITTEE)


class ConditionLimit(models.Model):
    """A row of the delegation grid of negotiated conditions: what ``level`` grants alone
    — a rate discount up to ``max_rate_bp`` basis points, a yearly cost (the PNB given
    up) up to ``max_annual_cost`` per condition, for ``max_months`` at most. Beyond the
    director's row, the committee decides."""

    level = models.CharField(_("niveau"), max_length=10, choices=ConditionLevel.choices,
                             unique=True)  # fmt: skip
    max_rate_bp = models.PositiveSmallIntegerField(_("bonification maximale (points de base)"))
    max_annual_cost = models.DecimalField(
        _("coût annuel maximal (€)"), max_digits=12, decimal_places=2
    )
    max_months = models.PositiveSmallIntegerField(_("durée maximale (mois)"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("délégation de conditions")
        verbose_name_plural = _("délégations de conditions")

    def __str__(self) -> str:
        return self.get_level_display()


class ConditionStatus(models.TextChoices):
    PENDING = "a_decider", _("à décider")
    GRANTED = "accordee", _("accordée")
    REFUSED = "refusee", _("refusée")


class NegotiatedCondition(models.Model):
    """A condition negotiated on a contract (a rate discount, fees waived or reduced),
    with its end date, its yearly cost to the bank and the level that granted it."""

    party = models.ForeignKey(
        Party, on_delete=models.CASCADE, related_name="negotiated_conditions",
        verbose_name=_("client"),
    )  # fmt: skip
    contract = models.ForeignKey(
        "banking.Contract", on_delete=models.CASCADE, related_name="negotiated_conditions",
        verbose_name=_("contrat"),
    )  # fmt: skip
    kind = models.CharField(_("nature"), max_length=6, choices=ConditionKind.choices)
    label = models.CharField(_("condition"), max_length=160)
    rate_bp = models.PositiveSmallIntegerField(
        _("bonification (points de base)"), null=True, blank=True
    )
    annual_cost = models.DecimalField(_("coût annuel (€)"), max_digits=12, decimal_places=2)
    start = models.DateField(_("à compter du"))
    end = models.DateField(_("jusqu'au"))
    reason = models.CharField(_("argument"), max_length=400)
    level = models.CharField(_("niveau de décision"), max_length=10,
                             choices=ConditionLevel.choices)  # fmt: skip
    status = models.CharField(_("état"), max_length=10, choices=ConditionStatus.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_on = models.DateField(_("demandée le"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    decided_on = models.DateField(_("décidée le"), null=True, blank=True)
    history = HistoricalRecords()
    objects = PartyBoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("condition négociée")
        verbose_name_plural = _("conditions négociées")
        ordering = ["-requested_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="sales_condition_ends"
            ),
            models.CheckConstraint(
                condition=models.Q(annual_cost__gte=0), name="sales_condition_cost_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} — {self.party}"
