"""Template filters: thin wrappers of :mod:`probanker.core.formatting`, small helpers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from probanker.core import formatting

register = template.Library()


def _places(arg: Any, default: int = 2) -> tuple[int, bool]:
    """A filter argument as (places, trim), like ``floatformat``: ``"-2"`` trims whole values."""
    text = str(default if arg is None or arg == "" else arg)
    return abs(int(text)), text.startswith("-")


@register.filter
def euros(value: Any) -> str:
    """Amount with cents and the euro sign: ``−1 234,56 €``."""
    return formatting.euros(value)


@register.filter
def euros0(value: Any) -> str:
    """Amount rounded to the euro, with the euro sign: ``−1 235 €``."""
    return formatting.euros0(value)


@register.filter
def amount(value: Any) -> str:
    """Amount with cents, no euro sign (cells under a « (€) » header)."""
    return formatting.amount(value)


@register.filter
def amount0(value: Any) -> str:
    """Amount rounded to the euro, no euro sign (cells under a « (€) » header)."""
    return formatting.amount(value, 0)


@register.filter
def number(value: Any, arg: Any = 2) -> str:
    """A French number; the argument reads like ``floatformat``'s (``"-2"``: trim whole values)."""
    places, trim = _places(arg)
    return formatting.number(value, places, trim=trim)


@register.filter
def pluriel(value: Any, arg: str = "s") -> str:
    """French agreement, unlike ``pluralize``: the suffix from 2 on (« 0 client »), or
    ``"singulier,pluriel"`` forms (``{{ n|pluriel:"al,aux" }}``)."""
    singular, _, plural_form = arg.rpartition(",") if "," in arg else ("", "", arg)
    try:
        return formatting.plural(Decimal(str(value)), singular, plural_form)
    except (ArithmeticError, ValueError):
        return singular


@register.filter
def siret(value: Any) -> str:
    """A SIRET (or SIREN) grouped as read out: « 100 177 435 00011 »."""
    return formatting.siret(None if value is None else str(value))


@register.filter
def duree(value: Any) -> str:
    """Minutes as « 45 min », « 2 h 12 »."""
    try:
        return formatting.duration(None if value in (None, "") else int(value))
    except (TypeError, ValueError):
        return formatting.MISSING


@register.filter
def file_size(value: Any) -> str:
    """A file's size in octets, ko or Mo."""
    return formatting.file_size(value)


@register.filter
def percent(value: Any, arg: Any = 2) -> str:
    """A rate in percent with its sign « % »; the argument reads like ``floatformat``'s."""
    places, trim = _places(arg)
    return formatting.percent(value, places, trim=trim)


@register.filter
def fraction_percent(value: Any, arg: Any = 1) -> str:
    """A rate given as a fraction (``0.35`` → ``35,0 %``), one decimal by default."""
    places, _ = _places(arg, 1)
    return formatting.fraction_percent(value, places)


@register.filter
def de(value: Any) -> str:
    """« de X » or « d'X » before a vowel: ``Clients {{ source|de }}`` (escaped as usual)."""
    return formatting.de(value)


@register.filter
def de_common(value: Any) -> str:
    """The same for a common noun (a product's label), lowercased: « d'autorisation »."""
    return formatting.de(value, common=True)


@register.filter
def as_list(value: Any) -> list[Any]:
    """Wrap one object in a list (for includes that take several forms)."""
    return [value]


@register.simple_tag
def fast_select(bound_field: Any) -> str:
    """Render a single ``<select>`` without one template per option.

    Django renders each option through the form renderer's templates, which
    costs milliseconds on filter bars with many choices; this produces the
    same markup (attributes, ``selected``, ARIA attributes) directly.
    """
    widget = bound_field.field.widget
    attrs = bound_field.build_widget_attrs(dict(widget.attrs))
    attrs.setdefault("id", bound_field.auto_id)
    current = bound_field.value()
    selected = (
        {str(v) for v in current}
        if isinstance(current, list | tuple)
        else {"" if current is None else str(current)}
    )
    parts = [
        format_html(
            '<select name="{}"{}>',
            bound_field.html_name,
            flatatt({k: v for k, v in attrs.items() if v is not False}),
        )
    ]
    for value, label in widget.choices:
        key = "" if value is None else str(value)
        parts.append(
            format_html(
                '<option value="{}"{}>{}</option>',
                key,
                mark_safe(" selected") if key in selected else "",
                label,
            )
        )
    parts.append(mark_safe("</select>"))
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 - parts escaped by format_html


@register.simple_tag
def form_field(bound_field: Any) -> str:
    """A labelled field with help text and its error tied by ``aria-describedby``.

    Markup: ``<div class="field">`` with the label (« (obligatoire) » when
    required), the widget, ``<p class="help" id="<id>_helptext">`` and
    ``<p class="error" id="<id>-error">``. Rendered in Python because list
    pages draw many fields on every request.
    """
    field = bound_field.field
    widget = field.widget
    input_type = getattr(widget, "input_type", None)
    classes = "field"
    if bound_field.errors:
        classes += " field-invalid"
    is_checkbox = input_type == "checkbox"
    if is_checkbox:
        classes += " field-checkbox"
    if input_type == "select" and not getattr(widget, "allow_multiple_selected", False):
        control = fast_select(bound_field)
    else:
        control = str(bound_field)
    label_id = bound_field.id_for_label
    if is_checkbox:
        head = format_html('{} <label for="{}">{}</label>', control, label_id, bound_field.label)
    else:
        required = (
            mark_safe(' <span class="required">(obligatoire)</span>') if field.required else ""
        )
        head = format_html(
            '<label for="{}">{}{}</label>\n  {}', label_id, bound_field.label, required, control
        )
    help_text = (
        format_html('<p class="help" id="{}_helptext">{}</p>', bound_field.auto_id, field.help_text)
        if field.help_text
        else ""
    )
    errors = ""
    if bound_field.errors:
        items = format_html_join(
            " ", "<span>Erreur : {}</span>", ((e,) for e in bound_field.errors)
        )
        errors = format_html('<p class="error" id="{}-error">{}</p>', bound_field.auto_id, items)
    return format_html('<div class="{}">\n  {}\n  {}{}\n</div>', classes, head, help_text, errors)
