"""The « gamme pro » product catalogue and the contracts clients hold."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from probanker.banking.querysets import ContractQuerySet, StatementQuerySet
from probanker.core.validators import validate_iban
from probanker.parties.models import Party


class ProductKind(models.TextChoices):
    """How a contract's balance reads."""

    ACCOUNT = "account", _("Compte (solde signé)")
    DEPOSIT = "deposit", _("Épargne / placement (encours)")
    CREDIT = "credit", _("Crédit (capital restant dû)")
    LINE = "line", _("Ligne de crédit (autorisation)")
    SERVICE = "service", _("Service")
    INSURANCE = "insurance", _("Assurance / prévoyance")


class ProductFamily(models.Model):
    """A family of the range (flux, financement, épargne, assurance...)."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    label = models.CharField(_("libellé"), max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("famille de produits")
        verbose_name_plural = _("familles de produits")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.label


class Product(models.Model):
    """A product of the professional range."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    label = models.CharField(_("libellé"), max_length=120)
    family = models.ForeignKey(ProductFamily, on_delete=models.PROTECT, related_name="products")
    kind = models.CharField(_("nature"), max_length=10, choices=ProductKind.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("produit")
        ordering = ["family__position", "position"]

    def __str__(self) -> str:
        return self.label


class Contract(models.Model):
    """A product held by a party.

    ``balance`` reads by product kind: signed for an account (negative is an
    overdraft), outstanding principal for a credit, amount invested for a
    deposit. A line (overdraft authorisation, Dailly) carries
    ``authorised_limit`` and ``limit_expiry`` and points at the account it
    applies to.
    """

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="contracts")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="contracts")
    number = models.CharField(_("numéro"), max_length=34, unique=True)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True, validators=[validate_iban])
    account = models.ForeignKey(
        "self",
        verbose_name=_("compte rattaché"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="lines",
    )
    opened_on = models.DateField(_("ouvert le"))
    closed_on = models.DateField(_("clos le"), null=True, blank=True)
    balance = models.DecimalField(_("solde / encours"), max_digits=18, decimal_places=2, default=0)
    balance_date = models.DateField(_("date du solde"), null=True, blank=True)
    authorised_limit = models.DecimalField(
        _("montant autorisé"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    limit_expiry = models.DateField(_("échéance de l'autorisation"), null=True, blank=True)
    rate = models.DecimalField(_("taux (%)"), max_digits=7, decimal_places=4, null=True, blank=True)

    history = HistoricalRecords()
    objects = ContractQuerySet.as_manager()

    class Meta:
        verbose_name = _("contrat détenu")
        verbose_name_plural = _("contrats détenus")
        ordering = ["product__family__position", "product__position", "opened_on"]
        indexes = [models.Index(fields=["limit_expiry"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(authorised_limit__isnull=True)
                | models.Q(authorised_limit__gte=0),
                name="limit_not_negative",
            )
        ]

    def __str__(self) -> str:
        return f"{self.product} n° {self.number}"

    def clean(self) -> None:
        if self.account is not None and self.account.party_id != self.party_id:
            raise ValidationError({"account": "Le compte rattaché doit appartenir au même client."})
        if self.closed_on and self.closed_on < self.opened_on:
            raise ValidationError({"closed_on": "La clôture précède l'ouverture."})


class ImportedStatement(models.Model):
    """A bank statement stored in the lake: each is imported once (by its key)."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="statements")
    key = models.CharField(_("empreinte du relevé"), max_length=32)
    file_format = models.CharField(_("format"), max_length=8)
    file_name = models.CharField(_("fichier"), max_length=255)
    statement_id = models.CharField(_("identifiant du relevé"), max_length=140, blank=True)
    opening_date = models.DateField(_("date de l'ancien solde"), null=True, blank=True)
    opening_cents = models.BigIntegerField(_("ancien solde (centimes)"), null=True, blank=True)
    closing_date = models.DateField(_("date du nouveau solde"), null=True, blank=True)
    closing_cents = models.BigIntegerField(_("nouveau solde (centimes)"), null=True, blank=True)
    entries = models.PositiveIntegerField(_("mouvements"))
    imported_at = models.DateTimeField(auto_now_add=True)

    objects = StatementQuerySet.as_manager()

    class Meta:
        verbose_name = _("relevé importé")
        verbose_name_plural = _("relevés importés")
        ordering = ["contract", "closing_date"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "key"], name="statement_imported_once")
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.statement_id})"
