"""The journal of the daily batch: one run per launch, one row per step of the run."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from probanker.batch.querysets import BatchRunQuerySet


class RunStatus(models.TextChoices):
    RUNNING = "running", _("en cours")
    OK = "ok", _("terminé")
    FAILED = "failed", _("en échec")


class StepStatus(models.TextChoices):
    OK = "ok", _("terminée")
    FAILED = "failed", _("en échec")
    SKIPPED = "skipped", _("sautée")


class BatchRun(models.Model):
    """One launch of ``probanker daily`` for a business date.

    ``resumed_from`` names the step the run started at when it resumed after a
    failure or was told to (``--from-step``); empty for a run from the start.
    """

    as_of = models.DateField(_("date de traitement"), db_index=True)
    started_at = models.DateTimeField(_("début"))
    finished_at = models.DateTimeField(_("fin"), null=True, blank=True)
    status = models.CharField(
        _("statut"), max_length=8, choices=RunStatus.choices, default=RunStatus.RUNNING
    )
    resumed_from = models.CharField(_("repris à l'étape"), max_length=60, blank=True)
    launched_by = models.CharField(_("lancé par"), max_length=120, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = BatchRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("traitement quotidien")
        verbose_name_plural = _("traitements quotidiens")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"Traitement du {self.as_of:%d/%m/%Y} ({self.get_status_display()})"


class BatchStepRun(models.Model):
    """One step of a run: when it ran, how it ended, what it counted, why it failed."""

    run = models.ForeignKey(BatchRun, on_delete=models.CASCADE, related_name="steps")
    name = models.CharField(_("étape"), max_length=60)
    label = models.CharField(_("libellé"), max_length=120, blank=True)
    order = models.IntegerField(_("ordre"))
    started_at = models.DateTimeField(_("début"))
    finished_at = models.DateTimeField(_("fin"), null=True, blank=True)
    status = models.CharField(_("statut"), max_length=8, choices=StepStatus.choices)
    counts = models.JSONField(_("comptes"), default=dict, blank=True)
    error = models.TextField(_("erreur"), blank=True)

    class Meta:
        verbose_name = _("étape de traitement")
        verbose_name_plural = _("étapes de traitement")
        ordering = ["run", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["run", "name"], name="batch_step_once_per_run")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_status_display()})"
