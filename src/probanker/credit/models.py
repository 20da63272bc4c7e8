"""Credit files: project, financing plan, products, guarantees, compliance, delegation, decision."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from probanker.credit.querysets import FileBoundQuerySet
from probanker.parties.models import Party
from probanker.parties.querysets import PartyBoundQuerySet


class Purpose(models.TextChoices):
    EQUIPMENT = "equipement", _("Équipement")
    BUSINESS_PURCHASE = "fonds", _("Achat de fonds de commerce")
    REAL_ESTATE = "immobilier", _("Immobilier professionnel")
    WORKING_CAPITAL = "tresorerie", _("Besoin en fonds de roulement")
    CREATION = "creation", _("Création d'entreprise")
    TAKEOVER = "reprise", _("Reprise d'entreprise")


class FileStatus(models.TextChoices):
    DRAFT = "brouillon", _("En constitution")
    SUBMITTED = "soumis", _("Soumis à décision")
    DECIDED = "decide", _("Décidé")


class Level(models.TextChoices):
    MANAGER = "manager", _("Chargé de clientèle")
    DIRECTOR = "director", _("Directeur d'agence")
    COMMITTEE = "committee", _("Comité de crédit")


class CreditFile(models.Model):
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="credit_files")
    purpose = models.CharField(_("objet"), max_length=12, choices=Purpose.choices)
    description = models.TextField(_("description du projet"), blank=True)
    status = models.CharField(
        _("état"), max_length=10, choices=FileStatus.choices, default=FileStatus.DRAFT
    )
    level = models.CharField(
        _("niveau de décision"), max_length=10, choices=Level.choices, blank=True
    )
    client_rate = models.DecimalField(
        _("taux proposé (%)"), max_digits=6, decimal_places=3, null=True, blank=True
    )
    renewal_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="renewals"
    )
    # The line (overdraft, Dailly) this file renews: one file in progress per line.
    renews_contract = models.ForeignKey(
        "banking.Contract",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="renewal_files",
        verbose_name=_("ligne renouvelée"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_on = models.DateField(_("ouvert le"))
    submitted_on = models.DateField(_("soumis le"), null=True, blank=True)

    history = HistoricalRecords()
    objects = PartyBoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("dossier de crédit")
        verbose_name_plural = _("dossiers de crédit")
        ordering = ["-created_on", "-pk"]
        constraints = [
            # Until decided, a line's renewal is one file: a second click finds it.
            models.UniqueConstraint(
                fields=["renews_contract"],
                condition=models.Q(renews_contract__isnull=False)
                & ~models.Q(status=FileStatus.DECIDED),
                name="one_open_renewal_per_line",
            )
        ]

    def __str__(self) -> str:
        return f"Dossier de crédit {self.pk} — {self.party}"


class FinancingLine(models.Model):
    """One line of the financing plan: a need, or a resource (own contribution included)."""

    class Side(models.TextChoices):
        NEED = "besoin", _("Besoin")
        RESOURCE = "ressource", _("Ressource")

    file = models.ForeignKey(CreditFile, on_delete=models.CASCADE, related_name="plan")
    side = models.CharField(_("nature"), max_length=10, choices=Side.choices)
    label = models.CharField(_("libellé"), max_length=120)
    amount = models.DecimalField(_("montant"), max_digits=15, decimal_places=2)
    own_contribution = models.BooleanField(_("apport personnel"), default=False)

    history = HistoricalRecords()
    objects = FileBoundQuerySet.as_manager()

    class Meta:
        ordering = ["side", "pk"]

    def __str__(self) -> str:
        return self.label


class ProductKind(models.TextChoices):
    LOAN = "pret", _("Prêt amortissable")
    LEASING = "credit_bail", _("Crédit-bail")
    OVERDRAFT = "decouvert", _("Autorisation de découvert")
    DAILLY = "dailly", _("Ligne Dailly")


class RequestedProduct(models.Model):
    """A product asked for: a loan (schedule and TEG), leasing, an overdraft or a Dailly line."""

    file = models.ForeignKey(CreditFile, on_delete=models.CASCADE, related_name="products")
    kind = models.CharField(_("produit"), max_length=12, choices=ProductKind.choices)
    amount = models.DecimalField(_("montant"), max_digits=15, decimal_places=2)
    rate = models.DecimalField(_("taux nominal (%)"), max_digits=6, decimal_places=3)
    months = models.PositiveIntegerField(_("durée (mois)"), default=12)
    loan_type = models.CharField(_("amortissement"), max_length=10, default="annuity")
    frequency = models.CharField(_("périodicité"), max_length=12, default="monthly")
    deferral_months = models.PositiveIntegerField(_("différé (mois)"), default=0)
    deferral = models.CharField(_("type de différé"), max_length=8, default="none")
    fees = models.DecimalField(_("frais de dossier"), max_digits=12, decimal_places=2, default=0)
    insurance_rate = models.DecimalField(
        _("assurance (% par an)"), max_digits=6, decimal_places=3, default=0
    )
    residual_value = models.DecimalField(
        _("valeur résiduelle (crédit-bail)"), max_digits=15, decimal_places=2, default=0
    )

    history = HistoricalRecords()
    objects = FileBoundQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} de {self.amount} €"


class FileGuarantee(models.Model):
    """A guarantee offered for the file, with its guarantor's details when a natural person."""

    file = models.ForeignKey(CreditFile, on_delete=models.CASCADE, related_name="guarantees")
    kind = models.CharField(_("garantie"), max_length=30)
    value = models.DecimalField(_("valeur"), max_digits=15, decimal_places=2)
    limit = models.DecimalField(
        _("plafond de l'engagement"), max_digits=15, decimal_places=2, null=True, blank=True
    )
    prior_claims = models.DecimalField(
        _("créances de rang antérieur"), max_digits=15, decimal_places=2, default=0
    )
    quota = models.DecimalField(
        _("quotité (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    guarantor = models.CharField(_("garant"), max_length=160, blank=True)
    yearly_income = models.DecimalField(
        _("revenus annuels du garant"), max_digits=15, decimal_places=2, null=True, blank=True
    )
    net_assets = models.DecimalField(
        _("patrimoine net du garant"), max_digits=15, decimal_places=2, null=True, blank=True
    )
    other_commitments = models.DecimalField(
        _("autres engagements du garant"), max_digits=15, decimal_places=2, default=0
    )
    mention_words = models.CharField(
        _("mention manuscrite : montant en lettres"), max_length=240, blank=True
    )
    warning_2299 = models.BooleanField(_("mise en garde art. 2299 remise"), default=False)

    history = HistoricalRecords()
    objects = FileBoundQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.kind} ({self.value} €)"


class ComplianceRule(models.Model):
    """A document or check required for some files (rules are data)."""

    code = models.SlugField(unique=True)
    label = models.CharField(_("exigence"), max_length=160)
    reference = models.CharField(_("référence"), max_length=160)
    applies_to = models.CharField(
        _("s'applique à"),
        max_length=40,
        help_text=_("all, product:<type>, guarantee:<type> ou regime:<régime>"),
    )
    automatic = models.CharField(_("contrôle automatique"), max_length=40, blank=True)
    blocking = models.BooleanField(_("bloquant"), default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.label


class ComplianceItem(models.Model):
    class State(models.TextChoices):
        MISSING = "manquant", _("Manquant")
        OK = "conforme", _("Conforme")

    file = models.ForeignKey(CreditFile, on_delete=models.CASCADE, related_name="compliance")
    rule = models.ForeignKey(ComplianceRule, on_delete=models.PROTECT)
    state = models.CharField(_("état"), max_length=10, choices=State.choices, default=State.MISSING)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contrôlé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    checked_on = models.DateField(_("contrôlé le"), null=True, blank=True)

    history = HistoricalRecords()
    objects = FileBoundQuerySet.as_manager()

    class Meta:
        ordering = ["rule__code"]
        constraints = [models.UniqueConstraint(fields=["file", "rule"], name="one_item_per_rule")]

    def __str__(self) -> str:
        return f"{self.rule} : {self.get_state_display()}"


#: A grid cell at or above this amount has no limit (the committee's): shown « sans limite ».
UNLIMITED = 100_000_000


class DelegationLimit(models.Model):
    """A row of the delegation grid: up to this amount, at worst this status, this level decides."""

    level = models.CharField(_("niveau"), max_length=10, choices=Level.choices)
    max_amount = models.DecimalField(_("montant maximal"), max_digits=15, decimal_places=2)
    worst_status = models.CharField(
        _("situation de risque la plus dégradée admise"),
        max_length=12,
        choices=[("sain", "Sain"), ("surveillance", "Sous surveillance"), ("degrade", "Dégradé")],
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["level", "worst_status"]
        constraints = [
            models.UniqueConstraint(fields=["level", "worst_status"], name="one_limit_per_cell")
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} : {self.max_amount} € ({self.worst_status})"

    @property
    def unlimited(self) -> bool:
        """The cell puts no ceiling on the amount (the committee decides any)."""
        return self.max_amount >= UNLIMITED


class Decision(models.Model):
    """The decision on a file: recorded once, never changed."""

    class Outcome(models.TextChoices):
        ACCORD = "accord", _("Accord")
        CONDITIONAL = "accord_conditions", _("Accord sous conditions")
        REFUSAL = "refus", _("Refus")

    file = models.OneToOneField(CreditFile, on_delete=models.PROTECT, related_name="decision")
    level = models.CharField(_("niveau"), max_length=10, choices=Level.choices)
    outcome = models.CharField(_("décision"), max_length=20, choices=Outcome.choices)
    conditions = models.TextField(_("conditions et motifs"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    objects = FileBoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("décision")

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.get_level_display()})"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValidationError("Une décision enregistrée ne se modifie pas.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValidationError("Une décision enregistrée ne se supprime pas.")


class LetterKind(models.TextChoices):
    ANNUAL = "2302", _("Information annuelle de la caution (art. 2302 C. civ.)")
    FIRST_INCIDENT = "2303", _("Premier incident de paiement (art. 2303 C. civ.)")


class GuarantorLetter(models.Model):
    """A letter the bank owes a guarantor, with its due date, tracked until sent."""

    kind = models.CharField(_("lettre"), max_length=4, choices=LetterKind.choices)
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="guarantor_letters")
    guarantor = models.ForeignKey(
        "parties.Person", on_delete=models.CASCADE, related_name="letters"
    )
    reference_date = models.DateField(_("date de situation"))
    due_on = models.DateField(_("à envoyer au plus tard le"))
    principal = models.DecimalField(_("capital restant dû"), max_digits=15, decimal_places=2)
    interest = models.DecimalField(_("intérêts courus"), max_digits=15, decimal_places=2, default=0)
    accessories = models.DecimalField(
        _("commissions, frais et accessoires"), max_digits=15, decimal_places=2, default=0
    )
    sent_on = models.DateField(_("envoyée le"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()
    objects = PartyBoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("lettre à la caution")
        verbose_name_plural = _("lettres aux cautions")
        # Letters still to send first, on SQLite and PostgreSQL alike.
        ordering = [models.F("sent_on").asc(nulls_first=True), "due_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "party", "guarantor", "reference_date"], name="one_letter_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.guarantor}"

    def overdue(self, today: dt.date) -> bool:
        """Not sent and past its send-by date (art. 2302: interest since the last
        information is lost meanwhile)."""
        return self.sent_on is None and self.due_on < today


class UsuryRate(models.Model):
    """A published usury ceiling for a category and a quarter (edited by an administrator)."""

    category = models.CharField(_("catégorie"), max_length=30, default="decouvert_pro")
    start = models.DateField(_("du"))
    end = models.DateField(_("au"))
    rate = models.DecimalField(_("taux d'usure (%)"), max_digits=6, decimal_places=2)
    # The demo carries the last published ceiling forward to its date: those rows
    # are not the Banque de France's and must never be taken for them.
    demo_value = models.BooleanField(_("valeur de démonstration"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("taux d'usure")
        ordering = ["-start"]
        constraints = [
            models.UniqueConstraint(fields=["category", "start"], name="one_usury_rate_per_quarter")
        ]

    def __str__(self) -> str:
        return f"{self.rate} % du {self.start:%d/%m/%Y} au {self.end:%d/%m/%Y}"
