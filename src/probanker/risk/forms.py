"""The risk analyst's edit of a rule (threshold, severity, active)."""

from __future__ import annotations

from django import forms

from probanker.core.forms import AccessibleFormMixin
from probanker.risk.models import Severity


class RuleForm(AccessibleFormMixin, forms.Form):
    code = forms.SlugField(widget=forms.HiddenInput)
    threshold = forms.IntegerField(label="Seuil")
    severity = forms.TypedChoiceField(label="Gravité", choices=Severity.choices, coerce=int)
    active = forms.BooleanField(label="Active", required=False)
