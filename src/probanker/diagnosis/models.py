"""Fiscal years of a client, with the statement they come from.

A :class:`FiscalYear` is one closed year of a client's accounts, from one
source: an imported FEC (then its trial balance is kept in
:class:`AccountBalance` and the file's identity in :class:`FecImport`), or a
2033, 2035 or micro statement typed from the tax return (then the lines are
kept in ``entries``). ``summary`` holds the figures computed from it (SIG,
CAF, balance sheet, ratio inputs, liasse lines); services recompute it on
every write, so pages and peer comparisons read it without re-deriving.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from probanker.diagnosis.querysets import FiscalYearQuerySet
from probanker.diagnosis.summaries import Summary
from probanker.parties.models import Party
from probanker.parties.querysets import PartyBoundQuerySet


class StatementSource(models.TextChoices):
    FEC = "fec", _("Fichier des écritures comptables (FEC)")
    FORM_2033 = "2033", _("Liasse 2033 (réel simplifié) saisie")
    FORM_2035 = "2035", _("Déclaration 2035 (BNC) saisie")
    MICRO = "micro", _("Chiffre d'affaires micro-entreprise")


class FiscalYear(models.Model):
    """One closed fiscal year of a client and its statement."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="fiscal_years")
    start = models.DateField(_("début de l'exercice"))
    end = models.DateField(_("clôture de l'exercice"))
    source = models.CharField(_("source"), max_length=8, choices=StatementSource.choices)
    entries: models.JSONField[dict[str, Any]] = models.JSONField(
        _("lignes saisies"), default=dict, blank=True
    )
    summary: models.JSONField[dict[str, Any]] = models.JSONField(
        _("chiffres calculés"), default=dict, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["summary"])
    objects = FiscalYearQuerySet.as_manager()

    class Meta:
        verbose_name = _("exercice")
        verbose_name_plural = _("exercices")
        ordering = ["party", "-end"]
        constraints = [
            models.UniqueConstraint(fields=["party", "end"], name="one_fiscal_year_per_closing"),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="fiscal_year_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"Exercice clos le {self.end:%d/%m/%Y}"

    @property
    def typed_summary(self) -> Summary:
        """The stored ``summary`` read through its codec (:class:`~.summaries.Summary`)."""
        return Summary.from_json(self.summary)

    @property
    def months(self) -> int:
        """Length in whole months (12 for a calendar year)."""
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


class FecImport(models.Model):
    """The FEC file a fiscal year was imported from; a file is imported once per client."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="fec_imports")
    fiscal_year = models.OneToOneField(FiscalYear, on_delete=models.CASCADE, related_name="fec")
    file_name = models.CharField(_("nom du fichier"), max_length=255)
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64)
    size_bytes = models.BigIntegerField(_("taille (octets)"))
    lines = models.PositiveIntegerField(_("lignes"))
    entries_count = models.PositiveIntegerField(_("écritures"))
    warnings = models.PositiveIntegerField(_("avertissements"), default=0)
    anomalies: models.JSONField[list[dict[str, Any]]] = models.JSONField(
        _("anomalies"), default=list, blank=True
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    objects = PartyBoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("import de FEC")
        verbose_name_plural = _("imports de FEC")
        constraints = [
            models.UniqueConstraint(fields=["party", "sha256"], name="fec_imported_once_per_party")
        ]

    def __str__(self) -> str:
        return self.file_name


class AccountBalance(models.Model):
    """One line of a FEC's trial balance: an account (and auxiliary account), its movements."""

    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.CASCADE, related_name="balances")
    account = models.CharField(_("compte"), max_length=40)
    auxiliary = models.CharField(_("compte auxiliaire"), max_length=40, blank=True)
    label = models.CharField(_("libellé"), max_length=200, blank=True)
    debit_cents = models.BigIntegerField(_("débit (centimes)"))
    credit_cents = models.BigIntegerField(_("crédit (centimes)"))

    class Meta:
        verbose_name = _("solde de compte")
        verbose_name_plural = _("balance")
        ordering = ["account", "auxiliary"]
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "account", "auxiliary"], name="one_balance_per_account"
            )
        ]

    def __str__(self) -> str:
        return f"{self.account} {self.auxiliary}".strip()
