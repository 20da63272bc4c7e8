"""The query parameters of a list endpoint, documented from its FilterSet.

The API's lists filter through the same django-filter FilterSet as the pages
(NetBox's recipe), read from ``request.GET``; ninja does not see them, so each
list endpoint passes ``openapi_extra=filter_parameters(TheFilterSet)`` and the
OpenAPI document (and schemathesis, which fuzzes from it) knows every filter,
its type and its accepted values.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Choices

from probanker.core.filters import MAX_ID

JsonSchema = dict[str, Any]


def _static_choices(flt: django_filters.Filter) -> list[str] | None:
    """The codes of a filter's choices when they are known without the database."""
    choices = flt.extra.get("choices")
    if choices is None or callable(choices):
        return None
    if isinstance(choices, type) and issubclass(choices, Choices):
        choices = choices.choices
    return [str(code) for code, _label in choices if code != ""]


EMPTY: JsonSchema = {"type": "string", "maxLength": 0}


def _or_empty(schema: JsonSchema) -> JsonSchema:
    """``schema``, or the empty value that a page's blank field sends (no filter)."""
    return {"anyOf": [schema, EMPTY]}


def _schema(flt: django_filters.Filter) -> JsonSchema:
    """The JSON Schema of one filter's value, as the FilterSet's form accepts it."""
    # "" is what a page's « Indifférent » or blank field sends: no filter.
    if isinstance(flt, django_filters.BooleanFilter):
        return {"type": "string", "enum": ["", "true", "false"]}
    if isinstance(flt, django_filters.DateFilter):
        return _or_empty({"type": "string", "format": "date"})
    if isinstance(flt, django_filters.ModelChoiceFilter) and flt.extra.get("to_field_name"):
        return {"type": "string"}  # a code (e.g. an alert rule's), not a row id
    if isinstance(flt, django_filters.NumberFilter | django_filters.ModelChoiceFilter):
        return _or_empty({"type": "integer", "minimum": 1, "maximum": MAX_ID})
    if isinstance(flt, django_filters.ChoiceFilter):
        codes = _static_choices(flt)
        return {"type": "string", "enum": ["", *codes]} if codes else {"type": "string"}
    return {"type": "string"}


def filter_parameters(filterset: type[django_filters.FilterSet]) -> dict[str, Any]:
    """``openapi_extra`` documenting every filter of ``filterset`` as an optional query parameter.

    Booleans take ``true``/``false``, dates ISO 8601, identifiers positive
    integers; choices list their codes when they are static (the NAF sections,
    read from the database, are a plain string); an empty value is no filter.
    """
    parameters = [
        {
            "name": name,
            "in": "query",
            "required": False,
            "description": str(flt.label or name),
            "schema": _schema(flt),
        }
        for name, flt in filterset.base_filters.items()
    ]
    return {"parameters": parameters}
