"""Prospecting: the branch's territory, and where each prospect comes from."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from probanker.core.formatting import date_fr
from probanker.core.models import Branch
from probanker.core.querysets import OwnedQuerySet
from probanker.parties.models import Party
from probanker.parties.querysets import PartyBoundQuerySet


def split_codes(text: str) -> list[str]:
    """Codes typed in a list separated by commas, semicolons or spaces (« 37, 41 »)."""
    return [c for c in re.split(r"[;,\s]+", text) if c]


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
        return split_codes(self.departements)

    @property
    def commune_list(self) -> list[str]:
        return split_codes(self.communes)

    @property
    def naf_list(self) -> list[str]:
        return split_codes(self.naf_prefixes)


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
    prescriber = models.ForeignKey(
        "Prescriber", verbose_name=_("prescripteur"), on_delete=models.SET_NULL,
        related_name="sources", null=True, blank=True,
    )  # fmt: skip
    referrer = models.ForeignKey(
        Party, verbose_name=_("client parrain"), on_delete=models.SET_NULL,
        related_name="referrals_given", null=True, blank=True,
    )  # fmt: skip
    event = models.ForeignKey(
        "Event", verbose_name=_("manifestation"), on_delete=models.SET_NULL,
        related_name="sources", null=True, blank=True,
    )  # fmt: skip

    history = HistoricalRecords()
    objects = PartyBoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("origine du prospect")
        ordering = ["-registered_on", "pk"]

    def __str__(self) -> str:
        return f"{self.party} — {self.get_kind_display()}"


class PrescriberKind(models.TextChoices):
    ACCOUNTANT = "expert_comptable", _("Cabinet d'expertise comptable")
    NOTARY = "notaire", _("Office notarial")
    CCI = "cci", _("Chambre de commerce et d'industrie (CCI)")
    CMA = "cma", _("Chambre de métiers et de l'artisanat (CMA)")
    FRANCHISE = "franchise", _("Réseau de franchise")
    BROKER = "cession", _("Cabinet de transmission d'entreprises")
    OTHER = "autre", _("Autre prescripteur")


class BranchQuerySet(models.QuerySet[Any]):
    """Rows of one branch: its managers and director reach them, bank-wide roles all."""

    def visible_to(self, user: Any, action: str | None = None) -> BranchQuerySet:
        """The branch's rows for a manager or a director, every row for a bank-wide
        role, none without the action (or for roles that reach no row)."""
        from probanker.core.permissions import Scope, can, scope_of

        if action is not None and not can(user, action):
            return self.none()
        scope = scope_of(user)
        if scope == Scope.ALL:
            return self.all()
        if scope in {Scope.OWN, Scope.BRANCH} and getattr(user, "branch_id", None):
            return self.filter(branch_id=user.branch_id)
        return self.none()


class Prescriber(models.Model):
    """An organisation that sends the branch its contacts: accountant, notary, CCI, CMA...

    A prescriber is the branch's (all its managers work with the same firms);
    the prospects it refers keep it as their source (:class:`ProspectSource`).
    """

    branch = models.ForeignKey(
        Branch, verbose_name=_("agence"), on_delete=models.CASCADE, related_name="prescribers"
    )
    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("nature"), max_length=20, choices=PrescriberKind.choices)
    city = models.CharField(_("ville"), max_length=120, blank=True)
    note = models.CharField(_("précision"), max_length=300, blank=True)

    history = HistoricalRecords()
    objects = BranchQuerySet.as_manager()

    class Meta:
        verbose_name = _("prescripteur")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["branch", "name"], name="prescriber_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class PrescriberContact(models.Model):
    """A person of the prescriber the managers deal with."""

    prescriber = models.ForeignKey(
        Prescriber, verbose_name=_("prescripteur"), on_delete=models.CASCADE,
        related_name="contacts",
    )  # fmt: skip
    name = models.CharField(_("nom"), max_length=150)
    position = models.CharField(_("fonction"), max_length=150, blank=True)
    phone = models.CharField(_("téléphone"), max_length=20, blank=True)
    email = models.EmailField(_("courriel"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact du prescripteur")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class EventKind(models.TextChoices):
    FAIR = "salon", _("Salon professionnel")
    MEETING = "rencontre", _("Rencontre professionnelle (club, CCI, CMA, fédération)")
    BANK = "banque", _("Manifestation de la banque")
    OTHER = "autre", _("Autre manifestation")


class Event(models.Model):
    """A manifestation where the branch represents the bank: a trade fair, a professional
    meeting, the bank's own event. The contacts captured there become prospects whose
    source is the event (:class:`ProspectSource`)."""

    branch = models.ForeignKey(
        Branch, verbose_name=_("agence"), on_delete=models.CASCADE, related_name="events"
    )
    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("nature"), max_length=20, choices=EventKind.choices)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("lieu"), max_length=200, blank=True)
    note = models.CharField(_("précision"), max_length=300, blank=True)

    history = HistoricalRecords()
    objects = BranchQuerySet.as_manager()

    class Meta:
        verbose_name = _("manifestation")
        ordering = ["-held_on", "pk"]

    def __str__(self) -> str:
        return self.name


class CampaignChannel(models.TextChoices):
    PHONE = "telephone", _("Campagne d'appels")
    MAIL = "courrier", _("Mailing (courrier ou e-mail)")
    VISIT = "visite", _("Visites")
    EVENT = "evenement", _("Invitation à une manifestation")


class Outcome(models.TextChoices):
    """Where a target of a campaign stands, from the first contact to the opportunity."""

    TODO = "a_contacter", _("À contacter")
    NOT_REACHED = "non_joint", _("Non joint")
    REFUSED = "refus", _("Refus")
    MEETING = "rendez_vous", _("Rendez-vous obtenu")
    OPPORTUNITY = "opportunite", _("Opportunité détectée")


class Campaign(models.Model):
    """A prospecting campaign on a saved search of the register: its targets are the
    establishments the search found when it was launched; its script is a version of
    an interview guide."""

    branch = models.ForeignKey(
        Branch, verbose_name=_("agence"), on_delete=models.CASCADE, related_name="campaigns"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("chargé de clientèle"),
        on_delete=models.PROTECT, related_name="campaigns",
    )  # fmt: skip
    name = models.CharField(_("nom"), max_length=200)
    channel = models.CharField(_("canal"), max_length=20, choices=CampaignChannel.choices)
    criteria = models.JSONField(_("recherche enregistrée"), default=dict)
    script = models.ForeignKey(
        "sales.InterviewGuide", verbose_name=_("script (guide d'entretien)"),
        on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
    )  # fmt: skip
    started_on = models.DateField(_("lancée le"))
    left_out = models.PositiveIntegerField(
        _("entreprises écartées (déjà sollicitées)"), default=0,
        help_text=_("Entreprises que la recherche trouvait et qu'une autre campagne sollicitait."),
    )  # fmt: skip

    history = HistoricalRecords()
    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("campagne de prospection")
        verbose_name_plural = _("campagnes de prospection")
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return self.name


class CampaignTarget(models.Model):
    """An establishment a campaign aims at, with the outcome of the contact; the prospect
    once a meeting or an opportunity made one of it."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campagne"), on_delete=models.CASCADE, related_name="targets"
    )
    siret = models.CharField(_("SIRET"), max_length=14)
    siren = models.CharField(_("SIREN"), max_length=9)
    name = models.CharField(_("nom"), max_length=200)
    naf = models.CharField(_("code NAF"), max_length=6, blank=True)
    city = models.CharField(_("commune"), max_length=120, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=5, blank=True)
    party = models.ForeignKey(
        Party, verbose_name=_("prospect"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="campaign_targets",
    )  # fmt: skip
    outcome = models.CharField(
        _("résultat"), max_length=20, choices=Outcome.choices, default=Outcome.TODO
    )
    contacted_on = models.DateField(_("contacté le"), null=True, blank=True)
    note = models.CharField(_("précision"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cible de campagne")
        verbose_name_plural = _("cibles de campagne")
        ordering = ["name", "siret"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "siret"], name="campaign_target_once")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.siret})"


class RouteOrder(models.TextChoices):
    TYPED = "saisie", _("dans l'ordre saisi")
    OPTIMISED = "optimisee", _("optimisée")
    MANUAL = "manuelle", _("réordonnée à la main")


class VisitDay(models.Model):
    """A day of visits of a manager: appointments on clients' and prospects' premises,
    planned as a round trip from the branch."""

    branch = models.ForeignKey(
        Branch, verbose_name=_("agence"), on_delete=models.CASCADE, related_name="visit_days"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("chargé de clientèle"),
        on_delete=models.PROTECT, related_name="visit_days",
    )  # fmt: skip
    day = models.DateField(_("jour"))
    leaves_at = models.TimeField(_("départ de l'agence"), default=dt.time(8, 30))
    back_by = models.TimeField(_("retour à l'agence au plus tard"), default=dt.time(18, 30))
    detour = models.DecimalField(
        _("coefficient de détour"), max_digits=3, decimal_places=2, default=Decimal("1.30"),
        validators=[MinValueValidator(Decimal("1.00")), MaxValueValidator(Decimal("3.00"))],
    )  # fmt: skip
    speed_kmh = models.PositiveSmallIntegerField(
        _("vitesse moyenne (km/h)"), default=40,
        validators=[MinValueValidator(10), MaxValueValidator(110)],
    )  # fmt: skip
    order = models.CharField(
        _("ordre des visites"), max_length=10, choices=RouteOrder.choices,
        default=RouteOrder.TYPED,
    )  # fmt: skip

    history = HistoricalRecords()
    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("tournée de visites")
        verbose_name_plural = _("tournées de visites")
        ordering = ["day", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "day"], name="visit_day_once_a_day"),
            models.CheckConstraint(
                condition=models.Q(leaves_at__lt=models.F("back_by")),
                name="visit_day_leaves_before_back",
            ),
        ]

    def __str__(self) -> str:
        return f"Tournée du {date_fr(self.day)}"


class VisitStop(models.Model):
    """One visit of a day: the party, where it is (from the register), how long, the
    window in which it must start, its rank as typed and in the route; the agenda's
    appointment once the day is booked."""

    visit_day = models.ForeignKey(
        VisitDay, verbose_name=_("tournée"), on_delete=models.CASCADE, related_name="stops"
    )
    party = models.ForeignKey(
        Party, verbose_name=_("client ou prospect"), on_delete=models.CASCADE,
        related_name="visit_stops",
    )  # fmt: skip
    subject = models.CharField(_("objet"), max_length=160)
    minutes = models.PositiveSmallIntegerField(
        _("durée (minutes)"), default=45,
        validators=[MinValueValidator(10), MaxValueValidator(240)],
    )  # fmt: skip
    earliest = models.TimeField(_("pas avant"), null=True, blank=True)
    latest = models.TimeField(_("pas après"), null=True, blank=True)
    typed_rank = models.PositiveSmallIntegerField(_("rang saisi"))
    rank = models.PositiveSmallIntegerField(_("rang dans la tournée"))
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    address = models.CharField(_("adresse"), max_length=240, blank=True)
    appointment = models.ForeignKey(
        "agenda.Appointment", verbose_name=_("rendez-vous"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("visite")
        ordering = ["rank", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["visit_day", "party"], name="visit_stop_once"),
            models.CheckConstraint(
                condition=models.Q(earliest__isnull=True)
                | models.Q(latest__isnull=True)
                | models.Q(earliest__lte=models.F("latest")),
                name="visit_stop_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} — {self.party}"
