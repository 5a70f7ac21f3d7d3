"""The portal's one CSV writer (``core.csv_export``), used by every export."""

import csv
import io

import pytest

from core.csv_export import BOM, csv_text, escape_cell, unescape_cell


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://example.org")', '\'=HYPERLINK("http://example.org")'),
        ("+49 2452 13-0", "'+49 2452 13-0"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Caritas – Beratung = Hilfe", "Caritas – Beratung = Hilfe"),
        ("", ""),
        (None, ""),
        (42, "42"),
    ],
)
def test_cells_a_spreadsheet_would_evaluate_get_an_apostrophe_and_read_back_unchanged(
    value, written
):
    assert escape_cell(value) == written
    text = csv_text(["spalte"], [[value]])
    assert text.startswith(BOM)
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM), newline=""), delimiter=";"))
    assert rows == [["spalte"], [written]]
    assert unescape_cell(rows[1][0]) == ("" if value is None else str(value))
