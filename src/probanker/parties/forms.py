"""Forms to create and edit clients, prospects and their accessibility needs."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from probanker.core.forms import DATE_INPUT, AccessibleFormMixin
from probanker.core.models import NafCode, Role, User
from probanker.core.validators import (
    compact_digits,
    normalise_naf,
    validate_naf_format,
    validate_siret,
)
from probanker.parties.choices import Control, LinkKind, PersonRole
from probanker.parties.models import ACCESSIBILITY_NEEDS, AccessibilityProfile, Party, Person


class PartyForm(AccessibleFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    """Identity of a client or prospect, validated field by field.

    The NAF code is typed (``56.10A`` or ``5610A``) and checked against the
    nomenclature; the head-office SIRET, when given, must extend the SIREN.
    """

    naf_code = forms.CharField(
        label="Code NAF (APE)",
        max_length=7,
        help_text="Format NN.NNL, par exemple 56.10A pour la restauration traditionnelle.",
    )
    head_office_siret = forms.CharField(
        label="SIRET du siège",
        max_length=17,
        required=False,
        help_text="14 chiffres : le SIREN suivi du NIC.",
    )
    manager = forms.ModelChoiceField(
        label="Chargé de clientèle", queryset=User.objects.none(), required=False
    )

    class Meta:
        model = Party
        fields = [
            "kind",
            "name",
            "siren",
            "legal_form",
            "tax_regime",
            "segment",
            "creation_date",
            "headcount_band",
            "street",
            "postal_code",
            "city",
            "phone",
            "email",
            "other_bank_iban",
            "kyc_status",
            "kyc_risk",
            "kyc_reviewed_on",
            "kyc_next_review",
        ]
        widgets = {
            "creation_date": DATE_INPUT,
            "kyc_reviewed_on": DATE_INPUT,
            "kyc_next_review": DATE_INPUT,
        }
        help_texts = {"siren": "9 chiffres ; obligatoire pour un client."}

    # The order of the page (parties/form.html), so that the error summary
    # lists errors as the user meets the fields: declared fields would
    # otherwise come after the model's, the SIRET after the IBAN.
    field_order = [
        "kind", "name", "siren", "head_office_siret", "legal_form", "tax_regime", "segment",
        "naf_code", "creation_date", "headcount_band", "manager", "street", "postal_code",
        "city", "phone", "email", "other_bank_iban", "kyc_status", "kyc_risk",
        "kyc_reviewed_on", "kyc_next_review",
    ]  # fmt: skip

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk:
            self.fields["naf_code"].initial = self.instance.naf_id
            head = self.instance.establishments.filter(is_head_office=True).first()
            if head:
                self.fields["head_office_siret"].initial = head.siret
        if user.is_director or user.sees_all_branches:
            managers = User.objects.filter(role=Role.MANAGER, is_active=True)
            if user.is_director:
                managers = managers.filter(branch=user.branch)
            self.fields["manager"].queryset = managers  # type: ignore[attr-defined]
            self.fields["manager"].required = True
            self.fields["manager"].initial = self.instance.manager_id if self.instance.pk else None
        else:
            del self.fields["manager"]

    def clean_siren(self) -> str | None:
        value = compact_digits(self.cleaned_data.get("siren") or "")
        return value or None

    def clean_naf_code(self) -> NafCode:
        code = normalise_naf(self.cleaned_data["naf_code"])
        validate_naf_format(code)
        try:
            return NafCode.objects.get(pk=code)
        except NafCode.DoesNotExist as exc:
            raise ValidationError(
                "Code NAF %(code)s inconnu de la nomenclature NAF rév. 2.",
                code="naf_unknown",
                params={"code": code},
            ) from exc

    def clean_head_office_siret(self) -> str:
        value = compact_digits(self.cleaned_data.get("head_office_siret") or "")
        if value:
            validate_siret(value)
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        siret = data.get("head_office_siret")
        siren = data.get("siren")
        if siret and siren and not siret.startswith(siren):
            self.add_error(
                "head_office_siret",
                "Le SIRET du siège doit commencer par le SIREN de l'entreprise.",
            )
        return data

    def _post_clean(self) -> None:
        # Fill what the model's clean() needs before it runs.
        naf = self.cleaned_data.get("naf_code")
        if isinstance(naf, NafCode):
            self.instance.naf = naf
        legal_form = self.cleaned_data.get("legal_form")
        if legal_form:
            self.instance.party_type = "sole_trader" if legal_form == "EI" else "legal_entity"
        super()._post_clean()  # type: ignore[misc]


class AccessibilityForm(AccessibleFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    """Accessibility needs and communication preferences."""

    class Meta:
        model = AccessibilityProfile
        fields = [
            *ACCESSIBILITY_NEEDS,
            "preferred_channel",
            "preferred_times",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class ReassignForm(AccessibleFormMixin, forms.Form):
    """Move clients from one manager to another (director)."""

    target = forms.ModelChoiceField(
        label="Nouveau chargé de clientèle", queryset=User.objects.none()
    )
    reason = forms.CharField(label="Motif", max_length=200)

    def __init__(self, *args: Any, managers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = managers  # type: ignore[attr-defined]


def _percent_field(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=False, min_value=0, max_value=100, decimal_places=2,
        localize=True, help_text="En %, par exemple 33,5 ; vide si sans objet.",
    )  # fmt: skip


class RoleForm(AccessibleFormMixin, forms.Form):
    """A person's role on a party: who, which role, shares of capital and votes, control.

    On creation, an already linked person can be picked (``person``) rather than
    typed again; otherwise first and last names make a new person.
    """

    person = forms.ModelChoiceField(
        label="Personne déjà liée", queryset=Person.objects.none(), required=False,
        empty_label="— une nouvelle personne —",
    )  # fmt: skip
    first_name = forms.CharField(label="Prénom", max_length=100, required=False)
    last_name = forms.CharField(label="Nom", max_length=100, required=False)
    birth_date = forms.DateField(label="Date de naissance", required=False, widget=DATE_INPUT)
    email = forms.EmailField(label="Courriel", required=False)
    phone = forms.CharField(label="Téléphone", max_length=30, required=False)
    role = forms.ChoiceField(label="Rôle", choices=PersonRole.choices)
    share_percent = _percent_field("Part du capital")
    votes_percent = _percent_field("Part des droits de vote")
    control = forms.ChoiceField(
        label="Autre forme de contrôle (bénéficiaire effectif)", choices=Control.choices,
        required=False,
        help_text="Plus de 25 % du capital ou des droits de vote fait déjà de la personne "
        "un bénéficiaire effectif.",
    )  # fmt: skip

    def __init__(self, *args: Any, party: Party, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.editing = editing
        if editing:
            del self.fields["person"]
        else:
            self.fields["person"].queryset = (  # type: ignore[attr-defined]
                Person.objects.filter(roles__party=party).distinct()
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("person") is None:
            for name in ("first_name", "last_name"):
                if not (data.get(name) or "").strip():
                    self.add_error(name, "Indiquez le prénom et le nom de la personne.")
        return data

    def person_from(self, person: Person | None = None) -> Person:
        """The chosen person, or ``person`` (or a new one) with the typed details."""
        data = self.cleaned_data
        if data.get("person") is not None:
            return data["person"]  # type: ignore[no-any-return]
        person = person or Person()
        for name in ("first_name", "last_name", "email", "phone"):
            setattr(person, name, (data.get(name) or "").strip())
        person.birth_date = data.get("birth_date")
        return person


class LinkForm(AccessibleFormMixin, forms.Form):
    """A link from the party to another party the user can see."""

    other = forms.ModelChoiceField(label="Tiers lié", queryset=Party.objects.none())
    kind = forms.ChoiceField(label="Nature du lien", choices=LinkKind.choices)
    note = forms.CharField(label="Précision", max_length=200, required=False)

    def __init__(self, *args: Any, parties: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = parties  # type: ignore[attr-defined]
