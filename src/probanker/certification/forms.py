"""Forms of the certification pages (the services check every rule again)."""

from __future__ import annotations

from typing import Any

from django import forms

from probanker.certification.models import (
    AccessRoute,
    Block,
    College,
    Competency,
    Modality,
    OutcomeKind,
    Prerequisite,
    Result,
)
from probanker.core.forms import DATE_INPUT, AccessibleFormMixin
from probanker.core.models import Branch, Role, User


def _users(**filters: Any) -> Any:
    return User.objects.filter(is_active=True, **filters).order_by("last_name", "first_name")


class CandidateForm(AccessibleFormMixin, forms.Form):
    first_name = forms.CharField(label="Prénom", max_length=80)
    last_name = forms.CharField(label="Nom", max_length=80)
    email = forms.EmailField(label="Courriel", required=False)
    access_route = forms.ChoiceField(label="Voie d'accès", choices=AccessRoute.choices)
    prerequisite = forms.ChoiceField(
        label="Prérequis d'entrée", choices=Prerequisite.choices, required=False
    )
    branch = forms.ModelChoiceField(
        label="Agence employeur", queryset=Branch.objects.order_by("name"), required=False
    )
    user = forms.ModelChoiceField(
        label="Utilisateur probanker (s'il travaille à la banque)",
        queryset=_users(role=Role.MANAGER, candidate_file__isnull=True), required=False,
    )  # fmt: skip
    supervisor = forms.ModelChoiceField(
        label="Responsable hiérarchique", queryset=_users(role=Role.DIRECTOR), required=False
    )
    amf_certified_on = forms.DateField(label="Certification AMF obtenue le", widget=DATE_INPUT,
                                       required=False)  # fmt: skip
    amf_proof = forms.CharField(label="Justificatif AMF", max_length=200, required=False)

    def changes(self) -> dict[str, Any]:
        """The cleaned values as the services take them (ids for the related rows)."""
        data = dict(self.cleaned_data)
        for name in ("branch", "user", "supervisor"):
            data[name] = data[name].pk if data.get(name) else None
        return data


class AmfForm(AccessibleFormMixin, forms.Form):
    amf_certified_on = forms.DateField(label="Certification AMF obtenue le", widget=DATE_INPUT)
    amf_proof = forms.CharField(
        label="Justificatif (référence du document)", max_length=200, required=False
    )


class EvaluationForm(AccessibleFormMixin, forms.Form):
    competency = forms.ChoiceField(label="Compétence")
    modality = forms.ChoiceField(label="Modalité d'évaluation")
    result = forms.ChoiceField(label="Résultat", choices=Result.choices)
    evaluated_on = forms.DateField(label="Évalué le", widget=DATE_INPUT)
    evidence = forms.CharField(
        label="Preuves (documents, références)", required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    comment = forms.CharField(label="Commentaire", required=False, max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["competency"].choices = [  # type: ignore[attr-defined]
            (c.code, f"{c.code} — {c.label}")
            for c in Competency.objects.order_by("block__order", "order")
        ]
        seen: dict[str, str] = {}
        for m in Modality.objects.order_by("block__order", "order"):
            seen.setdefault(m.code, m.label)
        self.fields["modality"].choices = list(seen.items())  # type: ignore[attr-defined]


class MemberFields:
    """The three seats of the jury form: ``seat{n}_name``, ``_college``, ``_user``, ``_branch``."""

    SEATS = ((1, College.EMPLOYEE), (2, College.EMPLOYER), (3, College.CNCM))


class JuryForm(AccessibleFormMixin, forms.Form):
    session_on = forms.DateField(label="Date de la session", widget=DATE_INPUT)
    place = forms.CharField(label="Lieu", max_length=120, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n, college in MemberFields.SEATS:
            self.fields[f"seat{n}_name"] = forms.CharField(
                label=f"Membre {n} : nom", max_length=160
            )
            self.fields[f"seat{n}_college"] = forms.ChoiceField(
                label=f"Membre {n} : collège", choices=College.choices, initial=college
            )
            self.fields[f"seat{n}_user"] = forms.ModelChoiceField(
                label=f"Membre {n} : compte de juré", queryset=_users(role=Role.JURY),
                required=False,
            )  # fmt: skip
            self.fields[f"seat{n}_branch"] = forms.ModelChoiceField(
                label=f"Membre {n} : agence où il travaille",
                queryset=Branch.objects.order_by("name"), required=False,
            )  # fmt: skip

    def seats(self) -> list[list[Any]]:
        return [
            [self[f"seat{n}_{part}"] for part in ("name", "college", "user", "branch")]
            for n, _ in MemberFields.SEATS
        ]

    def members(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        return [
            {
                "name": data[f"seat{n}_name"], "college": data[f"seat{n}_college"],
                "user": data[f"seat{n}_user"].pk if data.get(f"seat{n}_user") else None,
                "branch": data[f"seat{n}_branch"].pk if data.get(f"seat{n}_branch") else None,
            }
            for n, _ in MemberFields.SEATS
        ]  # fmt: skip


class PresentForm(AccessibleFormMixin, forms.Form):
    candidate: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label="Candidat", queryset=None)

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = candidates  # type: ignore[attr-defined]


class DeliberationForm(AccessibleFormMixin, forms.Form):
    candidate: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label="Candidat", queryset=None)
    validated_blocks = forms.ModelMultipleChoiceField(
        label="Blocs validés (chacun entièrement acquis)", queryset=Block.objects.order_by("order"),
        widget=forms.CheckboxSelectMultiple, required=False, to_field_name="code",
    )  # fmt: skip
    deliberated_on = forms.DateField(label="Délibéré le", widget=DATE_INPUT)
    observations = forms.CharField(label="Observations", required=False, max_length=5000,
                                   widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = candidates  # type: ignore[attr-defined]


class OutcomeForm(AccessibleFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Échéance", choices=OutcomeKind.choices)
    employed = forms.BooleanField(label="En emploi", required=False)
    in_target_job = forms.BooleanField(label="Dans le métier visé", required=False)
    recorded_on = forms.DateField(label="Constaté le", widget=DATE_INPUT)


class PeriodForm(AccessibleFormMixin, forms.Form):
    start = forms.DateField(label="Du", widget=DATE_INPUT)
    end = forms.DateField(label="Au", widget=DATE_INPUT)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", "la fin précède le début")
        return data
