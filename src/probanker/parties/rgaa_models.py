"""RGAA 4.1 reference data and the bank's accessibility audits, plan and consultations.

Not client-bound: they describe the bank's client-facing interfaces and documents.
The 13 themes and 106 criterion numbers ship with a data migration; the official
texts load with ``probanker load_rgaa FILE`` (the DINUM's ``criteres.json``).
Imported by ``parties.models`` so that Django finds them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RgaaTheme(models.Model):
    number = models.PositiveSmallIntegerField(_("numéro"), primary_key=True)
    title = models.CharField(_("thématique"), max_length=80)

    class Meta:
        verbose_name = _("thématique RGAA")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class RgaaCriterion(models.Model):
    """A criterion, ``1.1`` to ``13.12``; its title and tests come from ``load_rgaa``."""

    code = models.CharField(_("critère"), max_length=5, unique=True)
    theme = models.ForeignKey(RgaaTheme, on_delete=models.PROTECT, related_name="criteria")
    number = models.PositiveSmallIntegerField(_("numéro dans la thématique"))
    title = models.TextField(_("intitulé"), blank=True)
    tests = models.JSONField(_("tests"), default=dict, blank=True)
    wcag = models.CharField(_("références WCAG"), max_length=400, blank=True)

    class Meta:
        verbose_name = _("critère RGAA")
        ordering = ["theme_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "number"], name="rgaa_criterion_number")
        ]

    def __str__(self) -> str:
        return f"Critère {self.code}"


class RgaaAudit(models.Model):
    """An audit of a sample of pages or documents against the 106 criteria."""

    title = models.CharField(_("intitulé"), max_length=200)
    scope = models.CharField(_("service audité"), max_length=200)
    auditor = models.CharField(_("réalisé par"), max_length=200)
    audited_on = models.DateField(_("date de l'audit"))
    tools = models.CharField(_("outils"), max_length=300, blank=True)
    environment = models.TextField(_("environnement de test"), blank=True)
    contact = models.CharField(_("contact accessibilité"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("audit RGAA")
        ordering = ["-audited_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class SampleKind(models.TextChoices):
    PAGE = "page", _("Page")
    DOCUMENT = "document", _("Document")


class RgaaSample(models.Model):
    """A page or document of the audit's sample."""

    audit = models.ForeignKey(RgaaAudit, on_delete=models.CASCADE, related_name="samples")
    kind = models.CharField(_("nature"), max_length=10, choices=SampleKind.choices)
    name = models.CharField(_("nom"), max_length=200)
    location = models.CharField(_("adresse ou référence"), max_length=300)

    class Meta:
        verbose_name = _("élément de l'échantillon")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Verdict(models.TextChoices):
    CONFORM = "C", _("Conforme")
    NOT_CONFORM = "NC", _("Non conforme")
    NOT_APPLICABLE = "NA", _("Non applicable")


class RgaaResult(models.Model):
    """One criterion on one page or document of the sample."""

    sample = models.ForeignKey(RgaaSample, on_delete=models.CASCADE, related_name="results")
    criterion = models.ForeignKey(RgaaCriterion, on_delete=models.PROTECT, related_name="+")
    verdict = models.CharField(_("résultat"), max_length=2, choices=Verdict.choices)
    note = models.TextField(_("observations"), blank=True)

    class Meta:
        verbose_name = _("résultat d'un critère")
        constraints = [
            models.UniqueConstraint(fields=["sample", "criterion"], name="rgaa_result_once")
        ]

    def __str__(self) -> str:
        return f"{self.criterion} — {self.sample} : {self.get_verdict_display()}"


class AccessibilityPlan(models.Model):
    """The multi-year accessibility plan (schéma pluriannuel, at most three years)."""

    title = models.CharField(_("intitulé"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("de"))
    end_year = models.PositiveSmallIntegerField(_("à"))

    class Meta:
        verbose_name = _("schéma pluriannuel")
        ordering = ["-start_year"]

    def __str__(self) -> str:
        return f"{self.title} ({self.start_year}-{self.end_year})"


class PlanAction(models.Model):
    plan = models.ForeignKey(AccessibilityPlan, on_delete=models.CASCADE, related_name="actions")
    year = models.PositiveSmallIntegerField(_("année"))
    action = models.CharField(_("action"), max_length=300)
    owner = models.CharField(_("responsable"), max_length=120, blank=True)
    done_on = models.DateField(_("réalisée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("action du plan")
        ordering = ["year", "pk"]

    def __str__(self) -> str:
        return f"{self.year} — {self.action}"


class AssociationConsultation(models.Model):
    """A consultation of disability associations, with what was decided."""

    held_on = models.DateField(_("date"))
    association = models.CharField(_("association(s)"), max_length=300)
    topic = models.CharField(_("sujet"), max_length=300)
    decisions = models.TextField(_("décisions"))

    class Meta:
        verbose_name = _("concertation avec une association")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.association} ({self.held_on:%d/%m/%Y})"
