"""Form helpers that make errors reachable by screen readers (RGAA 11.10)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import PasswordChangeForm

#: The one date widget: the browser's date picker, whose value must be ISO (a date shown
#: as « 02/01/2027 » would leave the picker empty and the field submitted blank).
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AccessibleFormMixin:
    """Mark invalid fields and tie each to its error message.

    After validation, an invalid field's widget gets ``aria-invalid="true"``
    and ``aria-describedby`` pointing at ``<id>-error`` (rendered by
    the ``form_field`` template tag), keeping any help text id. Required fields get the
    ``required`` attribute from Django itself.
    """

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        form: forms.BaseForm = self  # type: ignore[assignment]
        for name, field in form.fields.items():
            bound = form[name]
            described = []
            if field.help_text:
                described.append(f"{bound.auto_id}_helptext")
            if name in form.errors:
                field.widget.attrs["aria-invalid"] = "true"
                described.insert(0, f"{bound.auto_id}-error")
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)


def yes_no_select() -> forms.Select:
    """A tri-state filter widget with French labels (no « Unknown »)."""
    return forms.Select(choices=[("", "Indifférent"), ("true", "Oui"), ("false", "Non")])


class AccessiblePasswordChangeForm(AccessibleFormMixin, PasswordChangeForm):
    """Django's password change form with errors tied to their fields."""


def form_problems(form: forms.BaseForm) -> str:
    """A form's errors in one French sentence, each with its field's label (for messages)."""
    return "; ".join(
        f"{form.fields[name].label or name} : {errors[0]}"
        if name in form.fields
        else str(errors[0])
        for name, errors in form.errors.items()
    )
