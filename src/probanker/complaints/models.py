"""Complaints under ACPR recommendation 2022-R-01 and art. L133-45 CMF, and the mediator.

A complaint always belongs to a party of the bank: a client, a former client (a
party whose relationship ended stays a party) or a prospect; a representative
complaining on their behalf is named in ``complainant``. The deadlines are computed
once, at receipt, from the branch's département (its public holidays), and stored:
the register must show the deadline that applied, even if the calendar changes.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from probanker.banking.models import Product
from probanker.core import uploads
from probanker.core.models import Branch
from probanker.parties.models import Party
from probanker.parties.querysets import PartyBoundQuerySet


class Channel(models.TextChoices):
    """How the complaint reached the bank (the API's codes)."""

    LETTER = "courrier", _("Courrier")
    EMAIL = "email", _("Courriel")
    PHONE = "telephone", _("Téléphone")
    BRANCH = "agence", _("En agence")
    WEBSITE = "site", _("Site internet ou application")
    SOCIAL = "reseaux_sociaux", _("Réseaux sociaux")


class ComplainantType(models.TextChoices):
    CLIENT = "client", _("Client")
    FORMER = "ancien_client", _("Ancien client")
    PROSPECT = "prospect", _("Prospect")
    REPRESENTATIVE = "representant", _("Représentant du client")


class Typology(models.TextChoices):
    ACCOUNT = "compte", _("Fonctionnement du compte")
    PAYMENT = "moyens_paiement", _("Moyens de paiement")
    CREDIT = "credit", _("Crédit")
    SAVINGS = "epargne", _("Épargne et placements")
    INSURANCE = "assurance", _("Assurance")
    PRICING = "tarification", _("Tarification")
    SERVICE = "qualite_service", _("Qualité de service")
    ACCESSIBILITY = "accessibilite", _("Accessibilité")
    OTHER = "autre", _("Autre")


class Status(models.TextChoices):
    """The stage of a complaint, in the order it goes through them."""

    RECEIVED = "recue", _("Reçue, à accuser")
    ACKNOWLEDGED = "accusee", _("Accusé de réception envoyé")
    HOLDING = "attente", _("Réponse d'attente envoyée")
    ANSWERED = "repondue", _("Répondue")


OPEN_STATUSES = (Status.RECEIVED, Status.ACKNOWLEDGED, Status.HOLDING)


class Level(models.TextChoices):
    """Who handles it: the branch, then the complaints department, then the mediator."""

    BRANCH = "agence", _("Agence")
    DEPARTMENT = "service", _("Service réclamations")
    MEDIATOR = "mediateur", _("Médiateur")


class Outcome(models.TextChoices):
    FAVOURABLE = "favorable", _("Favorable")
    PARTIAL = "partielle", _("Partiellement favorable")
    UNFAVOURABLE = "defavorable", _("Défavorable")


class LetterChannel(models.TextChoices):
    """How a letter of the complaint goes out (values of ``parties.choices.Channel``)."""

    MAIL = "mail", _("Courrier postal")
    EMAIL = "email", _("Courriel (PDF balisé)")


class Mediator(models.Model):
    """The bank's mediator, named in every refusal with the remedies (data, not code)."""

    name = models.CharField(_("nom"), max_length=200)
    address = models.TextField(_("adresse postale"))
    website = models.URLField(_("site de saisine"), blank=True)
    active = models.BooleanField(_("en fonction"), default=True)

    class Meta:
        verbose_name = _("médiateur")

    def __str__(self) -> str:
        return self.name


class Complaint(models.Model):
    """An expression of dissatisfaction, from receipt to answer, audited."""

    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="complaints")
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="complaints")
    complainant_type = models.CharField(
        _("auteur"), max_length=16, choices=ComplainantType.choices, default=ComplainantType.CLIENT
    )
    complainant = models.CharField(
        _("nom du réclamant"), max_length=200, blank=True,
        help_text=_("Si un représentant écrit pour le client : son nom et sa qualité."),
    )  # fmt: skip
    channel = models.CharField(_("canal"), max_length=16, choices=Channel.choices)
    sent_on = models.DateField(_("envoyée le"), null=True, blank=True)
    received_on = models.DateField(_("reçue le"))
    typology = models.CharField(
        _("typologie"), max_length=16, choices=Typology.choices, default=Typology.OTHER
    )
    product = models.ForeignKey(
        Product, verbose_name=_("produit"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    payment_service = models.BooleanField(_("service de paiement (L133-45 CMF)"), default=False)
    subject = models.CharField(_("objet"), max_length=200)
    description = models.TextField(_("description"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Deadlines fixed at receipt (complaints.deadlines).
    acknowledge_by = models.DateField(_("accusé de réception au plus tard le"))
    answer_by = models.DateField(_("réponse au plus tard le"))
    final_answer_by = models.DateField(
        _("réponse définitive au plus tard le"), null=True, blank=True
    )
    status = models.CharField(
        _("étape"), max_length=10, choices=Status.choices, default=Status.RECEIVED
    )
    level = models.CharField(
        _("niveau"), max_length=10, choices=Level.choices, default=Level.BRANCH
    )
    acknowledged_on = models.DateField(_("accusé de réception le"), null=True, blank=True)
    acknowledged_via = models.CharField(
        _("accusé envoyé par"), max_length=8, choices=LetterChannel.choices, blank=True
    )
    holding_reply_on = models.DateField(_("réponse d'attente le"), null=True, blank=True)
    holding_reason = models.TextField(_("motif de la réponse d'attente"), blank=True)
    holding_via = models.CharField(
        _("réponse d'attente envoyée par"), max_length=8, choices=LetterChannel.choices, blank=True
    )
    answered_on = models.DateField(_("répondue le"), null=True, blank=True)
    answered_via = models.CharField(
        _("réponse envoyée par"), max_length=8, choices=LetterChannel.choices, blank=True
    )
    outcome = models.CharField(_("issue"), max_length=12, choices=Outcome.choices, blank=True)
    answer = models.TextField(_("réponse"), blank=True)
    refund = models.DecimalField(
        _("remboursement"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    gesture = models.CharField(_("geste commercial"), max_length=200, blank=True)
    escalated_on = models.DateField(_("remontée le"), null=True, blank=True)
    escalation_reason = models.CharField(_("motif de la remontée"), max_length=240, blank=True)
    mediator_referred_on = models.DateField(_("saisine du médiateur le"), null=True, blank=True)
    root_cause = models.TextField(_("cause racine"), blank=True)
    corrective_action = models.TextField(_("action corrective"), blank=True)
    # Set by the daily batch when a deadline falls within the warning window.
    due_soon_on = models.DateField(_("échéance proche signalée le"), null=True, blank=True)

    history = HistoricalRecords()
    objects = PartyBoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("réclamation")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["status", "answer_by"])]

    def __str__(self) -> str:
        return f"Réclamation n° {self.pk} — {self.party}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def next_deadline(self) -> tuple[str, dt.date] | None:
        """The next thing owed and its date (``None`` once answered).

        The acknowledgment is owed until sent (an answer within the delay replaces it);
        then the answer — the final answer after a holding reply.
        """
        if not self.is_open:
            return None
        if self.acknowledged_on is None and self.holding_reply_on is None:
            return ("accusé de réception", self.acknowledge_by)
        if self.holding_reply_on is not None and self.final_answer_by is not None:
            return ("réponse définitive", self.final_answer_by)
        return ("réponse", self.answer_by)

    def overdue(self, today: dt.date) -> bool:
        """Whether the next thing owed is late on ``today``."""
        nxt = self.next_deadline()
        return nxt is not None and nxt[1] < today

    @property
    def answer_deadline(self) -> dt.date:
        """The date the answer was owed by (the final one after a holding reply)."""
        if self.holding_reply_on is not None and self.final_answer_by is not None:
            return self.final_answer_by
        return self.answer_by

    @property
    def is_refusal(self) -> bool:
        return self.outcome in {Outcome.PARTIAL, Outcome.UNFAVOURABLE}


class Attachment(models.Model):
    """A document joined to a complaint: the client's letter or e-mail, a statement, a
    photograph. Kept in the database with the complaint, so that a complaint and its
    documents are saved, backed up and exported together; a document is evidence, so
    it is never changed or removed, and the same document is not kept twice."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    label = models.CharField(_("description"), max_length=200, blank=True)
    name = models.CharField(_("nom du fichier"), max_length=200)
    content_type = models.CharField(_("type"), max_length=40)
    size = models.PositiveIntegerField(_("taille (octets)"))
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField(editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("jointe le"), auto_now_add=True)

    class Meta:
        verbose_name = _("pièce jointe")
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "sha256"], name="attachment_once")
        ]

    def __str__(self) -> str:
        return self.label or self.name

    @property
    def kind_label(self) -> str:
        """The kind in French (« PDF », « image JPEG »...)."""
        kinds = {k.content_type: k.label for k in uploads.DOCUMENT_KINDS}
        return kinds.get(self.content_type, self.content_type)
