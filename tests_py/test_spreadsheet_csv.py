"""CSV written for people (SPEC §6 what-if changes CSV): a text cell that a spreadsheet would run
as a formula (it starts with =, +, -, @, a tab or a carriage return) is written with a leading
single quote, as OWASP advises against CSV injection; numbers (negative ones too) and other text
stay as they are. Hand-made hostile contact ids through what_if.write_changes."""

from __future__ import annotations

import csv

import pytest

from lead_scoring.spreadsheet import safe_cell
from lead_scoring.what_if import CHANGE_COLUMNS, write_changes

HOSTILE = [
    ('=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'),
    ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("C-1", "C-1"),  # a formula character inside the text is harmless
    ("O'Brien", "O'Brien"),
    ("", ""),
]


@pytest.mark.parametrize(("value", "written"), HOSTILE)
def test_safe_cell(value, written):
    assert safe_cell(value) == written


def test_numbers_and_nulls_are_written_as_they_are():
    assert [safe_cell(value) for value in (-5.25, 0, 12, None)] == [-5.25, 0, 12, None]


def test_the_what_if_changes_csv_neutralises_formulas(tmp_path):
    changes = [
        {
            "contact_id": value,
            "stage_before": "=1+1",
            "stage_after": "mql",
            "grade_before": "-",
            "grade_after": "@A",
            "lead_score_before": -12.345678,
            "lead_score_after": 80.0,
            "change": "lead score now above the MQL threshold (50)",
        }
        for value, _ in HOSTILE
    ]
    path = tmp_path / "what_if_changes.csv"
    write_changes(path, changes)
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(CHANGE_COLUMNS)
    assert [row["contact_id"] for row in rows] == [written for _, written in HOSTILE]
    assert {(row["stage_before"], row["grade_before"], row["grade_after"]) for row in rows} == {
        ("'=1+1", "'-", "'@A")
    }
    # numbers stay numbers, rounded to 4 decimals as before
    assert {(row["lead_score_before"], row["lead_score_after"]) for row in rows} == {
        ("-12.3457", "80.0")
    }
