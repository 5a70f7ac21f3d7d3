"""CSV files for spreadsheet programs: the one writer of every export of the portal.

UTF-8 with byte order mark and semicolons: German Excel opens such a file with a double
click and shows umlauts correctly. A cell that a spreadsheet would evaluate as a
formula (CSV injection: ``=HYPERLINK(…)``, ``+``, ``-``, ``@``, a leading tab or carriage
return) gets an apostrophe in front; ``unescape_cell`` takes it away again for an
import that reads the portal's own files (``actors.importing``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

BOM = "\ufeff"
DELIMITER = ";"
# Characters that make spreadsheet programs evaluate a cell.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: Any) -> str:
    """The text of a cell that no spreadsheet evaluates as a formula (``None`` is empty)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def unescape_cell(value: str) -> str:
    """Undo ``escape_cell``: a cell read from an exported file, as it was written."""
    if value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def write_csv(out, header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> None:
    """Write the BOM, the header and the rows, every cell escaped, to a text stream
    (an ``HttpResponse`` or ``io.StringIO``)."""
    out.write(BOM)
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow([escape_cell(value) for value in header])
    for row in rows:
        writer.writerow([escape_cell(value) for value in row])


def csv_text(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> str:
    """The whole file as text."""
    buffer = io.StringIO()
    write_csv(buffer, header, rows)
    return buffer.getvalue()


def csv_response(
    filename: str, header: Sequence[Any], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """A download of the file under ``filename``."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    write_csv(response, header, rows)
    return response
