"""The register's search form (the page's filters, the same criteria as the command)."""

from __future__ import annotations

from typing import Any

from django import forms

from probanker.core.forms import DATE_INPUT
from probanker.core.models import User
from probanker.parties.models import Party
from probanker.prospecting.models import (
    CampaignChannel,
    Event,
    Outcome,
    Prescriber,
    PrescriberContact,
    split_codes,
)
from probanker.prospecting.register.search import Criteria, SearchError
from probanker.sales.models import InterviewGuide

LIMITS = ((50, "50"), (100, "100"), (250, "250"), (500, "500"))


def _owner_choices(form: forms.Form, managers: Any) -> None:
    """The form's ``owner`` among ``managers`` (a director's choice), or no such field
    (``None``: a manager acts for themself)."""
    if managers is None:
        del form.fields["owner"]
        return
    owner: Any = form.fields["owner"]
    owner.queryset = managers
    owner.label_from_instance = lambda u: u.get_full_name() or u.username


class RegisterSearchForm(forms.Form):
    """Several codes in one field are alternatives (« 37, 41 »); the fields all apply."""

    departement = forms.CharField(
        label="Départements", required=False, max_length=200,
        help_text="Séparés par des virgules : 37, 41, 2A.",
    )  # fmt: skip
    commune = forms.CharField(
        label="Communes (codes INSEE)", required=False, max_length=500,
        help_text="37261 pour Tours ; plusieurs séparés par des virgules.",
    )  # fmt: skip
    naf = forms.CharField(
        label="Secteurs (codes NAF ou leur début)", required=False, max_length=300,
        help_text="56.10A, 56.1 ou 56 ; plusieurs séparés par des virgules.",
    )  # fmt: skip
    created_since = forms.DateField(
        label="Créés depuis le", required=False,
        widget=DATE_INPUT,
    )  # fmt: skip
    employer = forms.BooleanField(label="Employeurs seulement", required=False)
    include_closed = forms.BooleanField(label="Avec les établissements fermés", required=False)
    include_partial = forms.BooleanField(
        label="Avec la diffusion partielle (sans données personnelles)", required=False
    )
    limit = forms.TypedChoiceField(
        label="Résultats listés", choices=LIMITS, coerce=int, required=False, empty_value=None
    )

    def criteria(self) -> Criteria | None:
        """The criteria typed, or ``None`` with the errors tied to their fields."""
        if not self.is_valid():
            return None
        data: dict[str, Any] = self.cleaned_data
        try:
            return Criteria.build(
                departements=split_codes(data["departement"]), communes=split_codes(data["commune"]),
                naf=split_codes(data["naf"]), created_since=data["created_since"],
                employer=data["employer"], include_closed=data["include_closed"],
                include_partial=data["include_partial"], limit=data["limit"] or 100,
            )  # fmt: skip
        except SearchError as exc:
            self.add_error(exc.field if exc.field in self.fields else None, str(exc))
            return None

    @property
    def searched(self) -> bool:
        """Whether the user asked for something (the bare page lists nothing)."""
        return any(
            self.data.get(name) for name in ("departement", "commune", "naf", "created_since")
        )


class PrescriberForm(forms.ModelForm):  # type: ignore[type-arg]
    """A prescriber of the branch: its name, nature and town."""

    class Meta:
        model = Prescriber
        fields = ["name", "kind", "city", "note"]


class EventForm(forms.ModelForm):  # type: ignore[type-arg]
    """A manifestation of the branch: its name, nature, date and place."""

    class Meta:
        model = Event
        fields = ["name", "kind", "held_on", "place", "note"]
        widgets = {"held_on": DATE_INPUT}


class ContactForm(forms.ModelForm):  # type: ignore[type-arg]
    """A person of the prescriber."""

    class Meta:
        model = PrescriberContact
        fields = ["name", "position", "phone", "email"]


class ReferralForm(forms.Form):
    """A referral: the SIRET of the company recommended, or a prospect already followed.

    ``prospects`` are the user's prospects of unknown origin, ``referrers`` the
    clients who may sponsor (``None``: a prescriber's referral, no sponsor
    asked), ``managers`` whom a director gives the prospect to.
    """

    referrer = forms.ModelChoiceField(label="Client parrain", queryset=Party.objects.none())
    siret = forms.CharField(
        label="SIRET de l'entreprise recommandée", required=False, max_length=20,
        help_text="14 chiffres ; elle doit figurer dans le répertoire SIRENE importé.",
    )  # fmt: skip
    prospect = forms.ModelChoiceField(
        label="Ou un prospect déjà suivi, d'origine inconnue", required=False,
        queryset=Party.objects.none(),
    )  # fmt: skip
    manager = forms.ModelChoiceField(
        label="Chargé de clientèle du prospect", required=False, queryset=User.objects.none()
    )
    note = forms.CharField(label="Précision", required=False, max_length=300)

    def __init__(
        self, *args: Any, prospects: Any, referrers: Any | None, managers: Any | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["prospect"].queryset = prospects  # type: ignore[attr-defined]
        if referrers is None:
            del self.fields["referrer"]
        else:
            self.fields["referrer"].queryset = referrers  # type: ignore[attr-defined]
        if managers is None:
            del self.fields["manager"]
        else:
            self.fields["manager"].queryset = managers  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        siret = (data.get("siret") or "").strip()
        if bool(siret) == (data.get("prospect") is not None):
            self.add_error(
                "siret", "Indiquez le SIRET de l'entreprise recommandée, ou choisissez un prospect."
            )
        return data


class CampaignForm(RegisterSearchForm):
    """A campaign: its name, channel and script, on a search of the register (at least one
    criterion; active establishments with full diffusion only)."""

    name = forms.CharField(label="Nom de la campagne", max_length=200)
    channel = forms.ChoiceField(label="Canal", choices=CampaignChannel.choices)
    script = forms.ModelChoiceField(
        label="Script (guide d'entretien)", queryset=InterviewGuide.objects.none(),
        required=False, empty_label="Sans script",
    )  # fmt: skip
    owner = forms.ModelChoiceField(
        label="Chargé de clientèle de la campagne", queryset=User.objects.none(),
        empty_label=None,
    )  # fmt: skip
    field_order = ["name", "channel", "owner", "script", "departement", "commune", "naf",
                   "created_since", "employer"]  # fmt: skip

    def __init__(self, *args: Any, managers: Any = None, **kwargs: Any) -> None:
        """``managers``: those a director may give the campaign to (``None``: the user's)."""
        super().__init__(*args, **kwargs)
        for name in ("include_closed", "include_partial", "limit"):
            del self.fields[name]
        _owner_choices(self, managers)
        script: Any = self.fields["script"]
        script.queryset = InterviewGuide.objects.filter(current=True).order_by(
            "situation", "segment"
        )
        script.label_from_instance = lambda g: (
            f"{g.get_situation_display()} — {g.get_segment_display()}"
        )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        data.update(include_closed=False, include_partial=False, limit=None)
        criteria = ("departement", "commune", "naf", "created_since")
        if any(n in self.errors for n in criteria):
            return data  # a criterion was typed, wrongly: its own message says so
        if not any(data.get(n) for n in criteria):
            raise forms.ValidationError(
                "Précisez au moins un critère : département, commune, secteur ou date de création."
            )
        return data

    def query(self) -> dict[str, Any]:
        """The search as typed, kept by the campaign."""
        data = self.cleaned_data
        return {
            "departement": data["departement"], "commune": data["commune"], "naf": data["naf"],
            "created_since": data["created_since"].isoformat() if data["created_since"] else "",
            "employer": bool(data["employer"]),
        }  # fmt: skip


class OutcomeForm(forms.Form):
    """The outcome of the contact with one target."""

    outcome = forms.ChoiceField(
        label="Résultat", choices=[c for c in Outcome.choices if c[0] != Outcome.TODO]
    )
    note = forms.CharField(
        label="Précision", max_length=300, required=False,
        widget=forms.TextInput(attrs={"placeholder": "Précision (facultatif)"}),
    )  # fmt: skip


TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class VisitDayForm(forms.Form):
    """A new day of visits: the day, the departure and the latest return to the branch."""

    day = forms.DateField(label="Jour", widget=DATE_INPUT)
    leaves_at = forms.TimeField(label="Départ de l'agence", widget=TIME_INPUT,
                                initial="08:30")  # fmt: skip
    back_by = forms.TimeField(label="Retour au plus tard", widget=TIME_INPUT, initial="18:30")
    owner = forms.ModelChoiceField(
        label="Chargé de clientèle de la tournée", queryset=User.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, managers: Any = None, **kwargs: Any) -> None:
        """``managers``: those a director may plan a day for (``None``: the user's)."""
        super().__init__(*args, **kwargs)
        _owner_choices(self, managers)


class VisitStopForm(forms.Form):
    """A visit added to a day: whom, why, how long, and when it may start."""

    party = forms.ModelChoiceField(label="Client ou prospect", queryset=Party.objects.none())
    subject = forms.CharField(label="Objet de la visite", max_length=160)
    minutes = forms.IntegerField(label="Durée (minutes)", min_value=10, max_value=240,
                                 initial=45)  # fmt: skip
    earliest = forms.TimeField(label="Pas avant", required=False, widget=TIME_INPUT)
    latest = forms.TimeField(label="Pas après", required=False, widget=TIME_INPUT)

    def __init__(self, *args: Any, parties: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        party: Any = self.fields["party"]
        party.queryset = parties
        party.label_from_instance = lambda p: f"{p.name} ({p.get_kind_display()}, {p.city})"

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        earliest, latest = data.get("earliest"), data.get("latest")
        if earliest and latest and earliest > latest:
            self.add_error("latest", "« Pas après » doit suivre « pas avant ».")
        return data
