"""Closed lists used by parties: legal forms, tax regimes, segments, bands."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartyKind(models.TextChoices):
    CLIENT = "client", _("Client")
    PROSPECT = "prospect", _("Prospect")


class PartyType(models.TextChoices):
    LEGAL_ENTITY = "legal_entity", _("Personne morale")
    SOLE_TRADER = "sole_trader", _("Entreprise individuelle")


class LegalForm(models.TextChoices):
    """Legal forms met in a professional portfolio (INSEE catégorie juridique)."""

    EI = "EI", _("Entreprise individuelle (EI)")
    EURL = "EURL", _("EURL")
    SARL = "SARL", _("SARL")
    SASU = "SASU", _("SASU")
    SAS = "SAS", _("SAS")
    SA = "SA", _("SA")
    SNC = "SNC", _("SNC")
    SELARL = "SELARL", _("SELARL")
    SELAS = "SELAS", _("SELAS")
    SCP = "SCP", _("SCP (société civile professionnelle)")
    SCM = "SCM", _("SCM (société civile de moyens)")
    SCI = "SCI", _("SCI")


class TaxRegime(models.TextChoices):
    """Tax regime, which decides which statements the client files."""

    MICRO = "micro", _("Micro-entreprise")
    BNC_CONTROLEE = "bnc_controlee", _("BNC déclaration contrôlée (2035)")
    REEL_SIMPLIFIE = "reel_simplifie", _("Réel simplifié (2033)")
    REEL_NORMAL = "reel_normal", _("Réel normal (2050-2059)")
    FONCIER = "foncier", _("Revenus fonciers (SCI à l'IR, 2072)")


class Segment(models.TextChoices):
    ARTISAN = "artisan", _("Artisan")
    COMMERCANT = "commercant", _("Commerçant")
    LIBERAL = "liberal", _("Profession libérale")
    TPE = "tpe", _("TPE")
    PATRIMONIAL = "patrimonial", _("Société patrimoniale")


class HeadcountBand(models.TextChoices):
    """INSEE ``trancheEffectifs`` codes."""

    NN = "NN", _("Non employeur")
    B00 = "00", _("0 salarié")
    B01 = "01", _("1 ou 2 salariés")
    B02 = "02", _("3 à 5 salariés")
    B03 = "03", _("6 à 9 salariés")
    B11 = "11", _("10 à 19 salariés")
    B12 = "12", _("20 à 49 salariés")
    B21 = "21", _("50 à 99 salariés")


class KycStatus(models.TextChoices):
    COMPLETE = "complete", _("À jour")
    TO_REVIEW = "to_review", _("Révision à faire")
    INCOMPLETE = "incomplete", _("Incomplet")


class KycRisk(models.TextChoices):
    LOW = "low", _("Faible")
    STANDARD = "standard", _("Standard")
    HIGH = "high", _("Élevé")


class PersonRole(models.TextChoices):
    PRINCIPAL = "principal", _("Dirigeant")
    PARTNER = "partner", _("Associé")
    SPOUSE = "spouse", _("Conjoint")
    GUARANTOR = "guarantor", _("Caution")


class Control(models.TextChoices):
    """How a person controls a company besides its shares (art. R561-1 CMF)."""

    NONE = "", _("Pas d'autre contrôle")
    OTHER_MEANS = "other_means", _("Contrôle par tout autre moyen")
    LEGAL_REPRESENTATIVE = "legal_rep", _("Représentant légal, à défaut d'autre bénéficiaire")


class LinkKind(models.TextChoices):
    HOLDING = "holding", _("Holding (détient)")
    SCI = "sci", _("SCI (immobilier d'exploitation)")
    HOUSEHOLD = "household", _("Même foyer")
    GROUP = "group", _("Même groupe")


class Channel(models.TextChoices):
    BRANCH = "branch", _("En agence")
    PHONE = "phone", _("Téléphone")
    VIDEO = "video", _("Visioconférence")
    EMAIL = "email", _("Courriel")
    MAIL = "mail", _("Courrier")
    SMS = "sms", _("SMS")


# Legal forms allowed for each regime where the law implies one (CGI art.
# 50-0 and 102 ter: micro only for an individual entrepreneur; the 2035 is
# filed by liberal professions taxed on BNC, individually or as SCP/SCM;
# revenus fonciers are an SCI at income tax).
REGIME_LEGAL_FORMS: dict[str, frozenset[str]] = {
    TaxRegime.MICRO: frozenset({LegalForm.EI}),
    TaxRegime.BNC_CONTROLEE: frozenset({LegalForm.EI, LegalForm.SCP, LegalForm.SCM}),
    TaxRegime.FONCIER: frozenset({LegalForm.SCI}),
}
