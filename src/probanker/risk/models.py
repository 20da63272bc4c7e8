"""Alert rules (data, versioned), alerts with their evidence, client risk status, batch runs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from probanker.banking.models import Contract
from probanker.core.querysets import ScopedQuerySet
from probanker.parties.models import Party
from probanker.parties.querysets import PartyBoundQuerySet
from probanker.risk.querysets import AlertQuerySet, MeasureQuerySet


class Severity(models.IntegerChoices):
    LOW = 1, _("faible")
    MEDIUM = 2, _("moyenne")
    HIGH = 3, _("élevée")


class Level(models.TextChoices):
    ACCOUNT = "account", _("compte")
    CLIENT = "client", _("client")


class Comparator(models.TextChoices):
    GE = ">=", "≥"
    LE = "<=", "≤"
    GT = ">", ">"
    IS_TRUE = "is_true", _("vrai")


class AlertRule(models.Model):
    """One alert rule: an indicator compared with a threshold, and how to explain it.

    Editable by the risk analyst; each change increments ``version`` and is in
    the history, and every alert keeps the version it was opened under.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("libellé"), max_length=120)
    explanation = models.TextField(_("explication"))
    severity = models.PositiveSmallIntegerField(_("gravité"), choices=Severity.choices)
    level = models.CharField(_("niveau"), max_length=8, choices=Level.choices)
    metric = models.CharField(_("indicateur"), max_length=60)
    comparator = models.CharField(_("comparaison"), max_length=8, choices=Comparator.choices)
    threshold = models.BigIntegerField(_("seuil"), default=0)
    unit = models.CharField(_("unité"), max_length=20, blank=True)
    evidence = models.JSONField(_("indicateurs conservés comme preuve"), default=list)
    active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("règle d'alerte")
        verbose_name_plural = _("règles d'alerte")
        ordering = ["-severity", "code"]

    def __str__(self) -> str:
        return self.label

    @property
    def condition(self) -> str:
        """The rule in words, e.g. « Dettes financières / CAF ≥ 4,00 ans »: label, unit."""
        # Imported here: the presentation layer reads core's formatters, not models.
        from probanker.risk.presentation import condition

        symbol = str(self.get_comparator_display())
        return condition(self.metric, self.comparator, symbol, self.threshold)


class Alert(models.Model):
    """An alert opens once, stays open while its condition holds and closes by itself."""

    rule = models.ForeignKey(AlertRule, on_delete=models.PROTECT, related_name="alerts")
    rule_version = models.PositiveIntegerField(_("version de la règle"))
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="alerts")
    account = models.ForeignKey(
        Contract, on_delete=models.CASCADE, null=True, blank=True, related_name="alerts"
    )
    opened_on = models.DateField(_("ouverte le"))
    last_seen_on = models.DateField(_("constatée le"))
    closed_on = models.DateField(_("close le"), null=True, blank=True)
    evidence = models.JSONField(_("preuve à l'ouverture"), default=dict)
    last_evidence = models.JSONField(_("dernière preuve"), default=dict)
    # Who took the alert in charge and when: kept across reruns (alerts are
    # updated in place), so the team sees that someone is on it.
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pris en charge par"),
    )
    taken_at = models.DateTimeField(_("pris en charge le"), null=True, blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        verbose_name = _("alerte")
        verbose_name_plural = _("alertes")
        ordering = ["-opened_on", "-rule__severity"]
        indexes = [models.Index(fields=["party", "closed_on"]), models.Index(fields=["opened_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "party"],
                condition=models.Q(closed_on__isnull=True, account__isnull=True),
                name="one_open_client_alert_per_rule",
            ),
            models.UniqueConstraint(
                fields=["rule", "account"],
                condition=models.Q(closed_on__isnull=True, account__isnull=False),
                name="one_open_account_alert_per_rule",
            ),
        ]

    def __str__(self) -> str:
        account = f", compte {self.account.number}" if self.account_id and self.account else ""
        return f"{self.rule} — {self.party}{account}"


class RiskStatus(models.TextChoices):
    HEALTHY = "sain", _("Sain")
    WATCH = "surveillance", _("Sous surveillance")
    DEGRADED = "degrade", _("Dégradé")
    DEFAULT = "defaut", _("Défaut")


class ClientRisk(models.Model):
    """A client's risk status and IFRS 9 stage on the latest business date, with the reason."""

    party = models.OneToOneField(Party, on_delete=models.CASCADE, related_name="risk")
    as_of = models.DateField(_("date de situation"))
    status = models.CharField(_("statut"), max_length=12, choices=RiskStatus.choices)
    stage = models.PositiveSmallIntegerField(_("stage IFRS 9"))
    reason = models.TextField(_("motif"))
    days_past_due = models.PositiveIntegerField(_("jours d'impayé ou de dépassement"), default=0)
    past_due_cents = models.BigIntegerField(_("montant en retard"), default=0)  # in cents
    material = models.BooleanField(_("seuil de matérialité franchi"), default=False)

    history = HistoricalRecords()
    objects = PartyBoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("situation de risque")
        verbose_name_plural = _("situations de risque")

    def __str__(self) -> str:
        return f"{self.party} : {self.get_status_display()}"


class RiskRun(models.Model):
    """One batch run for a business date (a rerun replaces it)."""

    as_of = models.DateField(_("date de situation"), unique=True)
    engine = models.CharField(_("moteur"), max_length=10)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    accounts = models.PositiveIntegerField(default=0)
    clients = models.PositiveIntegerField(default=0)
    opened = models.PositiveIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0)
    per_rule = models.JSONField(default=dict)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("traitement de risque")
        verbose_name_plural = _("traitements de risque")
        ordering = ["-as_of"]

    def __str__(self) -> str:
        return f"Traitement du {self.as_of:%d/%m/%Y}"


class CaseOutcome(models.TextChoices):
    REGULARISED = "regularise", _("Situation régularisée")
    RESTRUCTURED = "restructure", _("Crédits restructurés, client suivi")
    RECOVERY = "recouvrement", _("Transmis au service recouvrement")
    NO_ACTION = "sans_suite", _("Classé sans suite (fausse alerte)")


class DegradationCase(models.Model):
    """A case opened from alerts: contact, causes, corrective measures, closure. Audited."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="degradation_cases")
    alerts = models.ManyToManyField(Alert, related_name="cases", blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    opened_on = models.DateField(_("ouvert le"))
    first_contact_due = models.DateField(_("premier contact au plus tard le"))
    first_contact_on = models.DateField(_("client contacté le"), null=True, blank=True)
    causes = models.TextField(_("analyse des causes"), blank=True)
    escalated_on = models.DateField(_("remonté au directeur le"), null=True, blank=True)
    escalation_reason = models.CharField(_("motif de la remontée"), max_length=240, blank=True)
    closed_on = models.DateField(_("clos le"), null=True, blank=True)
    outcome = models.CharField(_("issue"), max_length=16, choices=CaseOutcome.choices, blank=True)
    outcome_note = models.TextField(_("commentaire de clôture"), blank=True)

    history = HistoricalRecords()
    objects = PartyBoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("dossier de dégradation")
        verbose_name_plural = _("dossiers de dégradation")
        # Open cases first, then the escalated ones, on SQLite and PostgreSQL alike
        # (they sort NULLs at opposite ends by default).
        ordering = [
            models.F("closed_on").asc(nulls_first=True),
            models.F("escalated_on").desc(nulls_last=True),
            "first_contact_due",
        ]

    def __str__(self) -> str:
        return f"Dossier {self.pk} — {self.party}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class MeasureKind(models.TextChoices):
    REGULARISATION = "regularisation", _("Plan de régularisation")
    LIMIT_REDUCTION = "reduction", _("Réduction de l'autorisation")
    RESCHEDULING = "reechelonnement", _("Rééchelonnement")
    GUARANTEE = "garantie", _("Garantie complémentaire")
    PAYMENT_FACILITY = "facilite", _("Facilité de paiement")
    RECOVERY = "recouvrement", _("Transmission au service recouvrement")


class MeasureStatus(models.TextChoices):
    PLANNED = "prevue", _("Prévue")
    DONE = "realisee", _("Réalisée")
    FAILED = "non_tenue", _("Non tenue")


class CorrectiveMeasure(models.Model):
    """A corrective measure agreed with the client, with its amount and deadline."""

    case = models.ForeignKey(DegradationCase, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(_("mesure"), max_length=16, choices=MeasureKind.choices)
    amount = models.DecimalField(
        _("montant"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    deadline = models.DateField(_("échéance"))
    status = models.CharField(
        _("état"), max_length=10, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    done_on = models.DateField(_("constatée le"), null=True, blank=True)
    note = models.CharField(_("commentaire"), max_length=240, blank=True)

    history = HistoricalRecords()
    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("mesure corrective")
        verbose_name_plural = _("mesures correctives")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} avant le {self.deadline:%d/%m/%Y}"
