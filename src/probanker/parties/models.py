"""Clients and prospects, their establishments, people, links and needs."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from probanker.core.formatting import percent
from probanker.core.models import Branch, NafCode
from probanker.core.validators import validate_iban, validate_siren, validate_siret
from probanker.parties.choices import (
    REGIME_LEGAL_FORMS,
    Channel,
    Control,
    HeadcountBand,
    KycRisk,
    KycStatus,
    LegalForm,
    LinkKind,
    PartyKind,
    PartyType,
    PersonRole,
    Segment,
    TaxRegime,
)
from probanker.parties.querysets import PartyBoundQuerySet, PartyQuerySet


class Party(models.Model):
    """A professional client or prospect: a company or an individual entrepreneur.

    ``manager`` is the portfolio assignment; ``branch`` is where the
    relationship is held. Every change is in the history.
    """

    kind = models.CharField(
        _("nature"), max_length=10, choices=PartyKind.choices, default=PartyKind.CLIENT
    )
    party_type = models.CharField(
        _("type"), max_length=20, choices=PartyType.choices, default=PartyType.LEGAL_ENTITY
    )
    name = models.CharField(_("dénomination ou nom"), max_length=200)
    siren = models.CharField(
        _("SIREN"),
        max_length=9,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_siren],
    )
    legal_form = models.CharField(_("forme juridique"), max_length=10, choices=LegalForm.choices)
    tax_regime = models.CharField(_("régime fiscal"), max_length=20, choices=TaxRegime.choices)
    segment = models.CharField(_("segment"), max_length=20, choices=Segment.choices)
    naf = models.ForeignKey(
        NafCode, verbose_name=_("code NAF"), on_delete=models.PROTECT, related_name="+"
    )
    creation_date = models.DateField(_("date de création"), null=True, blank=True)
    headcount_band = models.CharField(
        _("tranche d'effectif"),
        max_length=2,
        choices=HeadcountBand.choices,
        default=HeadcountBand.NN,
    )
    street = models.CharField(_("adresse"), max_length=200, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=5, blank=True)
    city = models.CharField(_("ville"), max_length=120, blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    email = models.EmailField(_("courriel"), blank=True)
    other_bank_iban = models.CharField(
        _("IBAN du compte tenu dans une autre banque"),
        max_length=34,
        blank=True,
        validators=[validate_iban],
        help_text=_("Multibancarisation : le compte principal hors de nos livres."),
    )
    branch = models.ForeignKey(
        Branch, verbose_name=_("agence"), on_delete=models.PROTECT, related_name="parties"
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chargé de clientèle"),
        on_delete=models.PROTECT,
        related_name="portfolio",
    )
    client_since = models.DateField(_("client depuis"), null=True, blank=True)
    kyc_status = models.CharField(
        _("statut KYC"), max_length=20, choices=KycStatus.choices, default=KycStatus.INCOMPLETE
    )
    kyc_risk = models.CharField(
        _("niveau de risque LCB-FT"),
        max_length=10,
        choices=KycRisk.choices,
        default=KycRisk.STANDARD,
    )
    kyc_reviewed_on = models.DateField(_("dernière révision KYC"), null=True, blank=True)
    kyc_next_review = models.DateField(_("prochaine révision KYC"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = PartyQuerySet.as_manager()

    class Meta:
        verbose_name = _("client ou prospect")
        verbose_name_plural = _("clients et prospects")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["manager", "kind", "name"]),
            models.Index(fields=["branch", "kind", "name"]),
            models.Index(fields=["kyc_next_review"]),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """One-row rules: the legal form must suit the tax regime."""
        errors: dict[str, str] = {}
        allowed = REGIME_LEGAL_FORMS.get(self.tax_regime)
        if allowed is not None and self.legal_form and self.legal_form not in allowed:
            forms = ", ".join(sorted(allowed))
            errors["tax_regime"] = (
                f"Le régime « {TaxRegime(self.tax_regime).label} » n'est possible "
                f"que pour : {forms}."
            )
        if self.legal_form == LegalForm.EI and self.party_type != PartyType.SOLE_TRADER:
            errors["party_type"] = "Une EI est une entreprise individuelle."
        if self.legal_form != LegalForm.EI and self.party_type == PartyType.SOLE_TRADER:
            errors["party_type"] = "Une entreprise individuelle a la forme EI."
        if self.kind == PartyKind.CLIENT and not self.siren:
            errors["siren"] = "Le SIREN est obligatoire pour un client."
        if errors:
            raise ValidationError(errors)

    @property
    def naf_section_code(self) -> str:
        return self.naf.division.section_id  # type: ignore[no-any-return]

    def kyc_due(self, today: dt.date) -> bool:
        return self.kyc_next_review is not None and self.kyc_next_review <= today

    def beneficial_owners(self) -> list[tuple[Person, list[str]]]:
        """Each beneficial owner once, with the natures of control of all their roles."""
        owners: dict[int, tuple[Person, list[str]]] = {}
        for role in self.roles.all():
            natures = role.control_natures
            if natures:
                _, known = owners.setdefault(role.person_id, (role.person, []))
                known += [n for n in natures if n not in known]
        return list(owners.values())

    def kyc_checks(self) -> list[str]:
        """What the KYC file lacks, in French (empty: nothing to flag).

        A company (personne morale) must have its beneficial owners identified
        (art. L561-5 and R561-7 CMF); a sole trader is their own.
        """
        problems = []
        if self.party_type == PartyType.LEGAL_ENTITY and not self.beneficial_owners():
            problems.append(
                "Aucun bénéficiaire effectif enregistré : identifiez les personnes détenant "
                "plus de 25 % du capital ou des droits de vote, ou contrôlant la société "
                "(art. R561-1 CMF)."
            )
        return problems


class Establishment(models.Model):
    """An establishment (SIRET) of a party."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="establishments")
    siret = models.CharField(_("SIRET"), max_length=14, unique=True, validators=[validate_siret])
    is_head_office = models.BooleanField(_("siège"), default=False)
    trade_name = models.CharField(_("enseigne"), max_length=200, blank=True)
    street = models.CharField(_("adresse"), max_length=200, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=5, blank=True)
    city = models.CharField(_("ville"), max_length=120, blank=True)

    history = HistoricalRecords()
    objects = PartyBoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("établissement")
        ordering = ["-is_head_office", "siret"]

    def __str__(self) -> str:
        return self.siret

    def clean(self) -> None:
        if self.party_id and self.party.siren and not self.siret.startswith(self.party.siren):
            raise ValidationError(
                {"siret": "Le SIRET doit commencer par le SIREN de l'entreprise."}
            )


class Person(models.Model):
    """A natural person: principal, partner, spouse or guarantor."""

    first_name = models.CharField(_("prénom"), max_length=100)
    last_name = models.CharField(_("nom"), max_length=100)
    birth_date = models.DateField(_("date de naissance"), null=True, blank=True)
    email = models.EmailField(_("courriel"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    address = models.TextField(_("adresse postale"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("personne")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


# A beneficial owner holds *more than* 25 % (art. R561-1 CMF): 25 % exactly is not.
BENEFICIAL_THRESHOLD = 25


class PartyRole(models.Model):
    """The role of a person towards a party (dirigeant, associé, conjoint, caution)."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="roles")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("rôle"), max_length=20, choices=PersonRole.choices)
    share_percent = models.DecimalField(
        _("part du capital (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    votes_percent = models.DecimalField(
        _("part des droits de vote (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    control = models.CharField(
        _("autre forme de contrôle"), max_length=12, choices=Control.choices, blank=True
    )
    # A guarantor's commitment, as the deed of guarantee states it (art. 2297 C. civ.):
    # the letters of art. 2302 recall its cap and its term.
    guarantee_limit = models.DecimalField(
        _("plafond du cautionnement"), max_digits=15, decimal_places=2, null=True, blank=True
    )
    guarantee_end = models.DateField(_("terme du cautionnement"), null=True, blank=True)

    history = HistoricalRecords()
    objects = PartyBoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("rôle")
        constraints = [
            models.UniqueConstraint(
                fields=["party", "person", "role"], name="unique_party_person_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()}"

    @property
    def control_natures(self) -> list[str]:
        """Why this person is a beneficial owner (empty: they are not).

        More than 25 % of the capital or of the votes, or control by other
        means or, failing anyone else, as legal representative (art. L561-2-2
        and R561-1 CMF).
        """
        natures = []
        if self.share_percent is not None and self.share_percent > BENEFICIAL_THRESHOLD:
            natures.append(f"plus de 25 % du capital ({percent(self.share_percent, trim=True)})")
        if self.votes_percent is not None and self.votes_percent > BENEFICIAL_THRESHOLD:
            natures.append(
                f"plus de 25 % des droits de vote ({percent(self.votes_percent, trim=True)})"
            )
        if self.control:
            natures.append(self.get_control_display().lower())
        return natures

    @property
    def is_beneficial_owner(self) -> bool:
        return bool(self.control_natures)


class PartyLink(models.Model):
    """A link between two parties: holding, operating SCI, household, group."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="links")
    other = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="linked_from")
    kind = models.CharField(_("nature du lien"), max_length=20, choices=LinkKind.choices)
    note = models.CharField(_("précision"), max_length=200, blank=True)

    history = HistoricalRecords()
    objects = PartyBoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("lien entre tiers")
        constraints = [
            models.UniqueConstraint(fields=["party", "other", "kind"], name="unique_link"),
            models.CheckConstraint(
                condition=~models.Q(party=models.F("other")), name="link_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party} → {self.other} ({self.get_kind_display()})"


# The yes/no needs of an accessibility profile, in the order forms show them.
ACCESSIBILITY_NEEDS: tuple[str, ...] = (
    "large_print",
    "plain_language",
    "sign_language_relay",
    "speech_to_text",
    "screen_reader_documents",
    "reduced_mobility",
)


class AccessibilityProfile(models.Model):
    """How to communicate with the client (RGAA, loi 2005-102, EAA)."""

    party = models.OneToOneField(Party, on_delete=models.CASCADE, related_name="accessibility")
    large_print = models.BooleanField(_("documents en gros caractères"), default=False)
    plain_language = models.BooleanField(_("langage clair (FALC)"), default=False)
    sign_language_relay = models.BooleanField(
        _("relais visio en langue des signes (LSF)"), default=False
    )
    speech_to_text = models.BooleanField(_("transcription écrite en temps réel"), default=False)
    screen_reader_documents = models.BooleanField(
        _("documents compatibles lecteur d'écran"), default=False
    )
    reduced_mobility = models.BooleanField(
        _("accès agence de plain-pied / mobilité réduite"), default=False
    )
    preferred_channel = models.CharField(
        _("canal préféré"), max_length=10, choices=Channel.choices, default=Channel.BRANCH
    )
    preferred_times = models.CharField(_("horaires préférés"), max_length=120, blank=True)
    notes = models.TextField(_("précisions"), blank=True)

    history = HistoricalRecords()
    objects = PartyBoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("besoins d'accessibilité")

    def __str__(self) -> str:
        return f"Accessibilité — {self.party}"

    @property
    def needs(self) -> list[str]:
        """Labels of the needs that are set, in the order of the form."""
        flags = ACCESSIBILITY_NEEDS
        return [
            str(getattr(self._meta.get_field(name), "verbose_name", name))
            for name in flags
            if getattr(self, name)
        ]


# The RGAA audits live in their own module; imported here for Django's model registry.
from probanker.parties.rgaa_models import (  # noqa: E402, F401
    AccessibilityPlan,
    AssociationConsultation,
    PlanAction,
    RgaaAudit,
    RgaaCriterion,
    RgaaResult,
    RgaaSample,
    RgaaTheme,
)
