"""Users, roles, branches, API tokens and the NAF nomenclature."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Branch(models.Model):
    """An agence: the unit a director runs and managers belong to."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("nom"), max_length=120)
    city = models.CharField(_("ville"), max_length=120, blank=True)
    # The sender's address on the letters the branch sends (guarantors' letters).
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postcode = models.CharField(_("code postal"), max_length=10, blank=True)
    # The département decides the public holidays of the branch's deadlines
    # (Alsace-Moselle: Good Friday and 26 December too).
    departement = models.CharField(
        _("département"),
        max_length=3,
        blank=True,
        help_text=_("Code du département (37, 67, 2A, 971…) : jours fériés locaux."),
    )

    class Meta:
        verbose_name = _("agence")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """What a user is in the bank; drives scoping and the menu."""

    MANAGER = "manager", _("Chargé de clientèle")
    DIRECTOR = "director", _("Directeur d'agence")
    RISK = "risk", _("Analyste risques")
    COMMITTEE = "committee", _("Comité de crédit")
    COMPLAINTS = "complaints", _("Chargé des réclamations")
    CERTIFICATION = "certification", _("Responsable certification")
    JURY = "jury", _("Jury / évaluateur")
    ADMIN = "admin", _("Administrateur")


class User(AbstractUser):
    """A member of staff with a role and, except bank-wide roles, a branch."""

    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices, default=Role.MANAGER)
    branch = models.ForeignKey(
        Branch,
        verbose_name=_("agence"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
    )

    class Meta:
        verbose_name = _("utilisateur")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_manager(self) -> bool:
        return self.role == Role.MANAGER

    @property
    def is_director(self) -> bool:
        return self.role == Role.DIRECTOR

    @property
    def sees_all_branches(self) -> bool:
        """Risk analysts, the committee and administrators read every branch."""
        return self.role in {Role.RISK, Role.COMMITTEE, Role.ADMIN} or self.is_superuser


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 digest is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("nom"), max_length=80)
    prefix = models.CharField(_("préfixe"), max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dernière utilisation"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)

    class Meta:
        verbose_name = _("jeton d'API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class NafSection(models.Model):
    """NAF rév. 2 section (A to U)."""

    code = models.CharField(_("code"), max_length=1, primary_key=True)
    label = models.CharField(_("libellé"), max_length=200)

    class Meta:
        verbose_name = _("section NAF")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.label}"


class NafDivision(models.Model):
    """NAF rév. 2 division (two digits)."""

    code = models.CharField(_("code"), max_length=2, primary_key=True)
    section = models.ForeignKey(NafSection, on_delete=models.PROTECT, related_name="divisions")
    label = models.CharField(_("libellé"), max_length=200)

    class Meta:
        verbose_name = _("division NAF")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.label}"


class NafCode(models.Model):
    """NAF rév. 2 sub-class, the APE code of a business (``NN.NNL``)."""

    code = models.CharField(_("code"), max_length=6, primary_key=True)
    division = models.ForeignKey(NafDivision, on_delete=models.PROTECT, related_name="subclasses")
    label = models.CharField(_("libellé"), max_length=250)

    class Meta:
        verbose_name = _("code NAF")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.label}"


class DataVersion(models.Model):
    """A counter bumped by every write to client data (see ``core.pagecache``).

    Read-heavy pages are cached under the current version; any write makes
    the next request recompute them. One row (``pk=1``).
    """

    version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("version des données")

    def __str__(self) -> str:
        return str(self.version)
