"""CSV and XLSX exports of a table (one table model, two writers): the portfolio's lists,
the complaints register.

CSV is for a French spreadsheet: ``;`` separated, UTF-8 with a byte-order
mark, amounts and rates through ``core.formatting``. XLSX (openpyxl) keeps
numbers as numbers: amounts as exact decimals with a euro format, rates as
fractions with a percent format, dates as dates.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpResponse

from probanker.core import formatting

FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    """A column of an export: ``kind`` is text, int, amount, rate (a fraction) or date."""

    label: str
    kind: str = "text"


@dataclass(frozen=True)
class Table:
    name: str  # the file's name, without extension
    title: str  # the sheet's title
    columns: Sequence[Column]
    rows: Sequence[Sequence[Any]]


def _csv_cell(kind: str, value: Any) -> str:
    if value is None:
        return ""
    if kind == "amount":
        return formatting.amount(value)
    if kind == "rate":
        return formatting.fraction_percent(value, 1)
    if kind == "date":
        return formatting.date_fr(value)
    return str(value)


def to_csv(table: Table) -> bytes:
    """The table as CSV bytes (header row first)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.label for c in table.columns])
    for row in table.rows:
        writer.writerow([_csv_cell(c.kind, v) for c, v in zip(table.columns, row, strict=True)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


_XLSX_FORMATS = {"amount": "#,##0.00 €", "rate": "0.0%", "date": "DD/MM/YYYY", "int": "0"}


def to_xlsx(table: Table) -> bytes:
    """The table as an XLSX workbook of one sheet, with a frozen header row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = table.title[:31]
    sheet.append([c.label for c in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([_xlsx_value(c.kind, v) for c, v in zip(table.columns, row, strict=True)])
    for index, column in enumerate(table.columns, 1):
        number_format = _XLSX_FORMATS.get(column.kind)
        if number_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = number_format
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_value(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind in ("amount", "rate"):
        return Decimal(value)
    if kind == "date" and isinstance(value, dt.date):
        return value
    return value


def response(table: Table, fmt: str) -> HttpResponse:
    """The table as a download in ``fmt`` (``csv`` or ``xlsx``)."""
    if fmt == "xlsx":
        content, kind = to_xlsx(table), XLSX_TYPE
    else:
        content, kind = to_csv(table), "text/csv; charset=utf-8"
    answer = HttpResponse(content, content_type=kind)
    answer["Content-Disposition"] = f'attachment; filename="{table.name}.{fmt}"'
    return answer
