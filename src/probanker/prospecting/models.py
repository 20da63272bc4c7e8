"""Prospecting: the branch's territory, and where each prospect comes from."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from probanker.core.models import Branch
from probanker.parties.models import Party
from probanker.parties.querysets import PartyBoundQuerySet


def _codes(text: str) -> list[str]:
    """Codes typed in a list separated by commas, semicolons or spaces."""
    return [c for c in text.replace(";", " ").replace(",", " ").split() if c]


class Territory(models.Model):
    """Where and in which sectors a branch prospects; the branch's position (routes, map).

    « Nouveaux installés » lists the establishments created lately in these
    communes (or départements) and NAF codes or prefixes.
    """

    branch = models.OneToOneField(
        Branch, verbose_name=_("agence"), on_delete=models.CASCADE, related_name="territory"
    )
    departements = models.CharField(_("départements"), max_length=200, blank=True)
    communes = models.CharField(_("communes (codes INSEE)"), max_length=2000, blank=True)
    naf_prefixes = models.CharField(_("secteurs (codes NAF ou débuts)"), max_length=500, blank=True)
    latitude = models.DecimalField(_("latitude de l'agence"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude de l'agence"), max_digits=9, decimal_places=6)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("territoire de prospection")

    def __str__(self) -> str:
        return f"Territoire — {self.branch}"

    @property
    def departement_list(self) -> list[str]:
        return _codes(self.departements)

    @property
    def commune_list(self) -> list[str]:
        return _codes(self.communes)

    @property
    def naf_list(self) -> list[str]:
        return _codes(self.naf_prefixes)


class SourceKind(models.TextChoices):
    SIRENE = "sirene", _("Répertoire SIRENE")
    CLIENT_REFERRAL = "parrainage", _("Recommandation d'un client")
    PRESCRIBER = "prescripteur", _("Prescripteur")
    EVENT = "evenement", _("Manifestation")
    OTHER = "autre", _("Autre")


class ProspectSource(models.Model):
    """Where a prospect comes from: the register (with the SIRET found), a referral, an event."""

    party = models.OneToOneField(
        Party, verbose_name=_("prospect"), on_delete=models.CASCADE, related_name="prospect_source"
    )
    kind = models.CharField(_("origine"), max_length=20, choices=SourceKind.choices)
    siret = models.CharField(_("SIRET trouvé"), max_length=14, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enregistré par"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_on = models.DateField(_("enregistré le"))
    note = models.CharField(_("précision"), max_length=300, blank=True)

    history = HistoricalRecords()
    objects = PartyBoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("origine du prospect")
        ordering = ["-registered_on", "pk"]

    def __str__(self) -> str:
        return f"{self.party} — {self.get_kind_display()}"
