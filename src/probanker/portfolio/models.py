"""Transfer prices, the clients' figures of the daily batch, and the commercial plan."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from probanker.banking.models import ProductFamily
from probanker.core.models import Branch
from probanker.parties.models import Party
from probanker.parties.querysets import PartyBoundQuerySet
from probanker.portfolio.querysets import (
    CommercialActionQuerySet,
    ObjectiveQuerySet,
    TargetListQuerySet,
)


class TransferKind(models.TextChoices):
    """What a transfer price (« taux de cession interne ») prices."""

    CREDIT = "credit", _("Crédits (refinancement)")
    DEPOSIT = "deposit", _("Épargne et placements (replacement)")
    SIGHT = "sight", _("Dépôts à vue (replacement des soldes créditeurs)")


class TransferPrice(models.Model):
    """The internal rate at which the treasury buys or sells money, from ``start`` on.

    The price in force on a date is the latest whose ``start`` is on or before it;
    recorded by an administrator, every change kept in the history.
    """

    kind = models.CharField(_("nature"), max_length=10, choices=TransferKind.choices)
    start = models.DateField(_("en vigueur à partir du"))
    rate = models.DecimalField(_("taux (%)"), max_digits=7, decimal_places=4)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("taux de cession interne")
        verbose_name_plural = _("taux de cession interne")
        ordering = ["kind", "-start"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "start"], name="one_transfer_price_per_start")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} au {self.start:%d/%m/%Y} : {self.rate} %"


class ClientFigures(models.Model):
    """What the daily batch computes for a client on its business date (``as_of``).

    Twelve months are ``[as_of − 365 days, as_of)``. PNB components are annual:
    interest margins on the open contracts at the transfer prices in force,
    overdraft interest by the Hamburg method on the lake's daily balances, fees
    booked in the lake. ``*_ytd`` cover the calendar year up to ``as_of``.
    """

    party = models.OneToOneField(Party, on_delete=models.CASCADE, related_name="portfolio_figures")
    as_of = models.DateField(_("date de situation"))
    credit_margin = models.DecimalField(
        _("marge d'intérêts sur crédits"), max_digits=18, decimal_places=2
    )
    deposit_margin = models.DecimalField(_("marge sur dépôts"), max_digits=18, decimal_places=2)
    overdraft_interest = models.DecimalField(
        _("intérêts débiteurs (agios)"), max_digits=18, decimal_places=2
    )
    fees_account = models.DecimalField(
        _("frais de tenue de compte"), max_digits=18, decimal_places=2
    )
    fees_card = models.DecimalField(
        _("commissions carte et monétique"), max_digits=18, decimal_places=2
    )
    fees_intervention = models.DecimalField(
        _("commissions d'intervention"), max_digits=18, decimal_places=2
    )
    fees_other = models.DecimalField(_("autres commissions"), max_digits=18, decimal_places=2)
    pnb = models.DecimalField(_("PNB sur douze mois"), max_digits=18, decimal_places=2)
    pnb_ytd = models.DecimalField(_("PNB de l'année en cours"), max_digits=18, decimal_places=2)
    credit_turnover = models.DecimalField(
        _("flux créditeurs sur douze mois"), max_digits=18, decimal_places=2
    )
    credit_turnover_before = models.DecimalField(
        _("flux créditeurs des douze mois précédents"), max_digits=18, decimal_places=2
    )
    fiscal_turnover = models.DecimalField(
        _("chiffre d'affaires du dernier exercice"),
        null=True,
        blank=True,
        max_digits=18,
        decimal_places=2,
    )
    average_deposits = models.DecimalField(
        _("soldes créditeurs moyens (90 jours)"), max_digits=18, decimal_places=2
    )
    average_deposits_before = models.DecimalField(
        _("soldes créditeurs moyens (90 jours précédents)"), max_digits=18, decimal_places=2
    )
    flows_share = models.DecimalField(
        _("part de flux confiés"), max_digits=7, decimal_places=4, null=True, blank=True
    )
    potential = models.PositiveSmallIntegerField(_("score de potentiel"), default=0)
    potential_parts = models.JSONField(_("composantes du potentiel"), default=dict)
    attrition = models.JSONField(_("signaux d'attrition"), default=list)
    missing_families = models.JSONField(_("familles manquantes face aux pairs"), default=list)

    objects = PartyBoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("chiffres du client")
        verbose_name_plural = _("chiffres des clients")
        indexes = [models.Index(fields=["pnb"]), models.Index(fields=["potential"])]

    def __str__(self) -> str:
        return f"{self.party_id} au {self.as_of}"

    @property
    def fees(self) -> Any:
        """Every fee and commission of the twelve months."""
        return self.fees_account + self.fees_card + self.fees_intervention + self.fees_other


class Indicator(models.TextChoices):
    """The indicators of the commercial plan (« plan d'action commerciale »)."""

    NEW_CLIENTS = "new_clients", _("Nouveaux clients")
    SALES = "sales", _("Ventes (contrats ouverts)")
    CREDIT_PRODUCTION = "credit_production", _("Production de crédits accordés")
    DEPOSITS = "deposits", _("Collecte d'épargne")
    PNB = "pnb", _("PNB")


#: Indicators counted in units; the others are amounts in euros.
UNIT_INDICATORS = frozenset({Indicator.NEW_CLIENTS, Indicator.SALES})


class Objective(models.Model):
    """An objective of a year for a branch, or one manager's share of it.

    ``manager`` empty: the branch's objective, set by its director, who splits it
    by manager. ``family`` names the product family of a sales objective.
    """

    year = models.PositiveSmallIntegerField(_("année"))
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="objectives")
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chargé de clientèle"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="objectives",
    )
    indicator = models.CharField(_("indicateur"), max_length=20, choices=Indicator.choices)
    family = models.ForeignKey(
        ProductFamily,
        verbose_name=_("famille de produits"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    target = models.DecimalField(_("objectif"), max_digits=18, decimal_places=2)

    history = HistoricalRecords()
    objects = ObjectiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("objectif commercial")
        verbose_name_plural = _("objectifs commerciaux")
        ordering = ["year", "branch", "manager", "indicator", "family"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target__gte=0), name="objective_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(indicator="sales", family__isnull=False)
                | (~models.Q(indicator="sales") & models.Q(family__isnull=True)),
                name="objective_family_for_sales_only",
            ),
        ]

    def __str__(self) -> str:
        who = self.manager or self.branch
        return f"{self.year} — {who} — {self.get_indicator_display()}"


class TargetMode(models.TextChoices):
    """How a target list keeps its clients."""

    QUERY = "query", _("Filtre réévalué à chaque lecture")
    FROZEN = "frozen", _("Liste figée à l'enregistrement")


class TargetList(models.Model):
    """A list of clients saved from the diagnosis to act on.

    ``query`` holds the client list's filter (its query-string parameters);
    a ``query`` list is re-evaluated on the owner's portfolio at every reading,
    a ``frozen`` one keeps the ``parties`` it had when saved.
    """

    name = models.CharField(_("nom"), max_length=120)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("créée par"), on_delete=models.PROTECT,
        related_name="target_lists",
    )  # fmt: skip
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="target_lists")
    mode = models.CharField(_("mode"), max_length=10, choices=TargetMode.choices)
    query = models.JSONField(_("filtre"), default=dict, blank=True)
    title = models.CharField(_("filtre en clair"), max_length=250)
    parties = models.ManyToManyField(Party, verbose_name=_("clients"), blank=True, related_name="+")
    created_on = models.DateField(_("créée le"))

    history = HistoricalRecords()
    objects = TargetListQuerySet.as_manager()

    class Meta:
        verbose_name = _("liste cible")
        verbose_name_plural = _("listes cibles")
        ordering = ["-created_on", "name"]

    def __str__(self) -> str:
        return self.name


class ActionKind(models.TextChoices):
    CALLS = "calls", _("Campagne d'appels")
    MAILING = "mailing", _("Mailing")
    REVIEWS = "reviews", _("Revues de clients")
    MEETINGS = "meetings", _("Rendez-vous")


class ActionStatus(models.TextChoices):
    TODO = "todo", _("À faire")
    DOING = "doing", _("En cours")
    DONE = "done", _("Terminée")


class CommercialAction(models.Model):
    """An action planned on a target list; its results are counted from ``started_on``."""

    target_list = models.ForeignKey(
        TargetList, verbose_name=_("liste cible"), on_delete=models.CASCADE, related_name="actions"
    )
    kind = models.CharField(_("nature"), max_length=10, choices=ActionKind.choices)
    label = models.CharField(_("objet"), max_length=200, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("responsable"), on_delete=models.PROTECT,
        related_name="commercial_actions",
    )  # fmt: skip
    started_on = models.DateField(_("lancée le"))
    due_on = models.DateField(_("échéance"))
    status = models.CharField(
        _("statut"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.TODO
    )

    history = HistoricalRecords()
    objects = CommercialActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action commerciale")
        verbose_name_plural = _("actions commerciales")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.target_list}"


class ScopeSummary(models.Model):
    """The dashboard's figures of one portfolio, as the daily batch computed them.

    ``key`` names the portfolio: ``manager:<id>`` (a manager's clients),
    ``branch:<id>`` (a branch's), ``branch:<id>:manager:<id>`` (the branch's
    clients of one manager, as its director narrows to them) or ``all`` (the
    bank's). ``payload`` holds
    the segmentation along every axis, the product coverage, PNB by component,
    flows entrusted, attrition counts and the year's realised objectives, as
    ``portfolio.summaries`` encodes them (amounts as decimal strings). The
    dashboard, the review and the API read one row instead of aggregating the
    clients on every request; every row is replaced by each batch.
    """

    key = models.CharField(_("portefeuille"), max_length=40, unique=True)
    day = models.DateField(_("date de situation"))
    computed_at = models.DateTimeField(_("calculé le"), auto_now=True)
    payload = models.JSONField(_("chiffres"))

    class Meta:
        verbose_name = _("synthèse de portefeuille")
        verbose_name_plural = _("synthèses de portefeuille")

    def __str__(self) -> str:
        return f"{self.key} au {self.day}"
