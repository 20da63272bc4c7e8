"""Strict filters for the FilterSets shared by the pages and the API.

django-filter's boolean and number filters accept more than they say: a
boolean reads any unknown word as « indifférent », a number takes ``-3`` or
``1.5`` for a row id. The API documents ``true``/``false`` and positive
integers (``core.api_filters``), so these filters refuse anything else with a
French message, which the API turns into a 422 naming the parameter.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError

from probanker.core.forms import yes_no_select

YES, NO = "true", "false"
#: The largest identifier a filter takes: beyond it the databases' integers overflow (a 500).
MAX_ID = 2**63 - 1


class YesNoField(forms.NullBooleanField):
    """``true``, ``false`` or nothing (« Indifférent »); any other value is an error."""

    def to_python(self, value: Any) -> bool | None:  # type: ignore[override]  # None: no filter
        """``None`` for nothing, the boolean for ``true``/``false``; raises otherwise."""
        if value in (None, ""):
            return None
        if value in (True, YES):
            return True
        if value in (False, NO):
            return False
        raise ValidationError(f"« {value} » : « true » (oui) ou « false » (non) attendu")


class YesNoFilter(django_filters.BooleanFilter):
    """A tri-state filter (oui / non / indifférent) that refuses other values."""

    field_class = YesNoField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", yes_no_select())
        super().__init__(*args, **kwargs)


class IdFilter(django_filters.NumberFilter):
    """A row's identifier: a positive integer within the databases' 64-bit range."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)
