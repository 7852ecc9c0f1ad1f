"""Seed validation: every bad scoring seed fails `dbt build` with a message that names
the rule_id / setting / grade and what is wrong; the default seeds build clean; a rule value that
looks like SQL is loaded and validated as a plain string.

Each case copies the dbt project (seeds, macros, and only the typed seed models:
dbt_harness.copy_project with only_models) to a temporary folder, changes one thing in one seed
CSV, and runs ONE `dbt build` of the seeds and the typed seed models (dbt_harness.SEED_MODELS)
against a temporary DuckDB file. The cases run concurrently in a
module fixture (each in its own folder and DuckDB file) to keep the file fast.
"""

from __future__ import annotations

import csv
import os
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from dbt_harness import SEED_MODELS, copy_project, run_dbt

INJECTION = "x'; drop table raw.crm_contacts; --"

Rows = list[dict[str, str]]


# --- seed editing helpers ---------------------------------------------------------------------


def read_csv(path: Path) -> tuple[list[str], Rows]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_csv(path: Path, columns: list[str], rows: Rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def edit_row(seed: str, key_column: str, key: str, **changes: str) -> Callable[[Path], None]:
    """Change columns of the row whose key_column equals key."""

    def apply(seeds_dir: Path) -> None:
        path = seeds_dir / f"{seed}.csv"
        columns, rows = read_csv(path)
        matched = [row for row in rows if row[key_column] == key]
        assert matched, f"{seed}: no row {key_column}={key}"
        for row in matched:
            row.update(changes)
        write_csv(path, columns, rows)

    return apply


def add_row(seed: str, **values: str) -> Callable[[Path], None]:
    def apply(seeds_dir: Path) -> None:
        path = seeds_dir / f"{seed}.csv"
        columns, rows = read_csv(path)
        rows.append({column: values.get(column, "") for column in columns})
        write_csv(path, columns, rows)

    return apply


def drop_row(seed: str, key_column: str, key: str) -> Callable[[Path], None]:
    def apply(seeds_dir: Path) -> None:
        path = seeds_dir / f"{seed}.csv"
        columns, rows = read_csv(path)
        kept = [row for row in rows if row[key_column] != key]
        assert len(kept) < len(rows), f"{seed}: no row {key_column}={key}"
        write_csv(path, columns, kept)

    return apply


def fit(key: str, **changes: str) -> Callable[[Path], None]:
    return edit_row("scoring_fit_rules", "rule_id", key, **changes)


def interest(key: str, **changes: str) -> Callable[[Path], None]:
    return edit_row("scoring_interest_rules", "rule_id", key, **changes)


def setting(key: str, value: str) -> Callable[[Path], None]:
    return edit_row("scoring_settings", "key", key, value=value)


def grade(key: str, **changes: str) -> Callable[[Path], None]:
    return edit_row("scoring_grades", "grade", key, **changes)


def settings_with_blanks_and_case(seeds_dir: Path) -> None:
    path = seeds_dir / "scoring_settings.csv"
    columns, rows = read_csv(path)
    for row in rows:
        row["key"] = f"  {row['key'].upper()} "
        row["value"] = f" {row['value']}  " if row["value"] else row["value"]
    write_csv(path, columns, rows)


# --- cases ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    corrupt: Callable[[Path], None] | None
    expected: tuple[str, ...] = ()  # substrings of one output line; empty = the build must pass
    # Also run the data tests: proves a failing seed test (unique rule_id ...) only warns and the
    # named validation message still appears. Good cases always run them.
    with_tests: bool = False


BAD_CASES = [
    Case(
        "unknown_attribute",
        fit("F02", attribute="indstry"),
        ("scoring_fit_rules.csv rule_id 'F02'", "unknown attribute 'indstry'"),
    ),
    Case(
        "unknown_fit_operator",
        fit("F07", operator="equal"),
        ("scoring_fit_rules.csv rule_id 'F07'", "unknown operator 'equal'"),
    ),
    Case("missing_fit_operator", fit("F07", operator=""), ("rule_id 'F07'", "operator is missing")),
    Case(
        "unknown_activity",
        interest("I02", activity="page_vew"),
        ("scoring_interest_rules.csv rule_id 'I02'", "unknown activity 'page_vew'"),
    ),
    Case(
        "unknown_interest_operator",
        interest("I03", operator="is"),
        ("scoring_interest_rules.csv rule_id 'I03'", "unknown operator 'is'"),
    ),
    Case(
        "value_without_interest_operator",
        interest("I13", value="whitepaper"),
        ("rule_id 'I13'", "value 'whitepaper' is given but the operator is empty"),
    ),
    Case(
        "fit_points_not_a_number",
        fit("F08", points="ten"),
        ("rule_id 'F08'", "points 'ten' is not a number"),
    ),
    Case("fit_points_missing", fit("F08", points=""), ("rule_id 'F08'", "points is missing")),
    Case(
        "interest_points_not_a_number",
        interest("I13", points="25 pts"),
        ("scoring_interest_rules.csv rule_id 'I13'", "points '25 pts' is not a number"),
    ),
    Case(
        "max_points_not_a_number",
        interest("I01", max_points="twenty"),
        ("rule_id 'I01'", "max_points 'twenty' is not a number"),
    ),
    Case(
        "half_life_days_not_a_number",
        interest("I21", half_life_days="2 weeks"),
        ("rule_id 'I21'", "half_life_days '2 weeks' is not a number"),
    ),
    Case(
        "window_days_not_a_number",
        interest("I07", window_days="90d"),
        ("rule_id 'I07'", "window_days '90d' is not a number"),
    ),
    Case(
        "value_to_not_a_number",
        fit("F04", value_to="5k"),
        ("rule_id 'F04'", "value_to '5k' is not a number"),
    ),
    Case(
        "value_not_a_number_for_gte",
        fit("F05", value="many"),
        ("rule_id 'F05'", "value 'many' is not a number", "gte"),
    ),
    Case("value_missing", fit("F11", value=""), ("rule_id 'F11'", "value is missing", "equals")),
    Case(
        "between_without_value_to",
        interest("I11", value_to=""),
        ("scoring_interest_rules.csv rule_id 'I11'", "operator 'between' needs value_to"),
    ),
    Case(
        "disqualify_not_boolean",
        fit("F23", disqualify="maybe"),
        ("rule_id 'F23'", "disqualify 'maybe' must be true or false"),
    ),
    Case(
        "duplicate_fit_rule_id",
        fit("F02", rule_id="F01"),
        ("scoring_fit_rules.csv rule_id 'F01'", "duplicate rule_id"),
        with_tests=True,
    ),
    Case(
        "duplicate_interest_rule_id",
        interest("I02", rule_id="I01"),
        ("scoring_interest_rules.csv rule_id 'I01'", "duplicate rule_id"),
    ),
    Case(
        "duplicate_min_fit_score",
        grade("B", min_fit_score="75"),
        ("scoring_grades.csv grade", "grades not strictly ordered", "'75'"),
    ),
    Case(
        "duplicate_grade",
        grade("D", grade="C"),
        ("scoring_grades.csv grade 'C'", "grades not strictly ordered: duplicate grade"),
        with_tests=True,
    ),
    Case(
        "unknown_mql_min_grade",
        setting("mql_min_grade", "Z"),
        ("scoring_settings.csv setting 'mql_min_grade'", "unknown mql_min_grade 'Z'"),
    ),
    Case(
        "mql_not_below_sql",
        setting("sql_threshold", "40"),
        ("setting 'mql_threshold'", "must be lower than sql_threshold '40'"),
    ),
    Case(
        "missing_setting",
        drop_row("scoring_settings", "key", "inactivity_days"),
        ("scoring_settings.csv setting 'inactivity_days'", "missing setting"),
    ),
    Case(
        "setting_not_a_number",
        setting("fit_weight", "one"),
        ("scoring_settings.csv setting 'fit_weight'", "value 'one' is not a number"),
    ),
    Case(
        "seniority_priority_not_whole",
        edit_row("job_title_seniority", "pattern", "manager", priority="5.5"),
        ("job_title_seniority.csv pattern 'manager'", "priority '5.5' is not a whole number"),
    ),
]

# the bad cases of `make test-fast`: one for each rule seed and the settings, one of them also
# running the data tests; the others are marked slow (each case is a dbt run of its own, ~7 s of
# CPU)
FAST_BAD_CASES = {
    "unknown_attribute",
    "unknown_activity",
    "duplicate_fit_rule_id",
    "setting_not_a_number",
}
SLOW = pytest.mark.slow

GOOD_CASES = [
    Case("default_seeds", None),
    Case("settings_keys_any_case_and_blanks", settings_with_blanks_and_case),
    Case(
        "injection_value_is_a_plain_string",
        add_row(
            "scoring_fit_rules",
            rule_id="F99",
            level="contact",
            attribute="job_title",
            operator="equals",
            value=INJECTION,
            points="1",
            disqualify="false",
            description="A value that looks like SQL",
        ),
    ),
]


# --- running dbt ------------------------------------------------------------------------------


def run_case(case: Case, root: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    project = copy_project(root / case.name, only_models=SEED_MODELS)
    if case.corrupt is not None:
        case.corrupt(project / "seeds")
    args = ["build", "--select", "path:seeds", f"path:{SEED_MODELS}"]
    if case.expected and not case.with_tests:
        # A bad-seed case only needs the validation: skipping the data tests saves a quarter.
        args += ["--exclude-resource-type", "test"]
    result = run_dbt(project, project / "test.duckdb", *args, timeout=1200)
    return project, result


@pytest.fixture(scope="module")
def results(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[Path, subprocess.CompletedProcess[str]]]:
    """Every good case, and the bad cases whose test runs in this session (make test-fast runs
    the bad cases of FAST_BAD_CASES only)."""
    root = tmp_path_factory.mktemp("seed_validation")
    # this module's cases only: other modules parametrize a "case" of their own
    selected = {
        item.callspec.params["case"].name
        for item in request.session.items
        if getattr(item, "module", None) is request.module
        and hasattr(item, "callspec")
        and "case" in item.callspec.params
    }
    cases = [case for case in BAD_CASES if case.name in selected] + GOOD_CASES
    with ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 2))) as pool:
        outcomes = list(pool.map(lambda case: run_case(case, root), cases))
    return {case.name: outcome for case, outcome in zip(cases, outcomes, strict=True)}


def output_of(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout + result.stderr


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(case, id=case.name, marks=() if case.name in FAST_BAD_CASES else SLOW)
        for case in BAD_CASES
    ],
)
def test_bad_seed_fails_build_naming_the_problem(case: Case, results) -> None:
    _, result = results[case.name]
    output = output_of(result)
    assert result.returncode != 0, f"dbt build passed although {case.name}:\n{output[-3000:]}"
    assert "Bad scoring seeds" in output, output[-3000:]
    lines = [line for line in output.splitlines() if all(part in line for part in case.expected)]
    assert lines, f"no output line contains all of {case.expected}:\n{output[-3000:]}"


@pytest.mark.parametrize("case", GOOD_CASES, ids=[case.name for case in GOOD_CASES])
def test_good_seeds_build_clean(case: Case, results) -> None:
    _, result = results[case.name]
    output = output_of(result)
    assert result.returncode == 0, output[-3000:]
    assert "Bad scoring seeds" not in output
    assert "WARN=0" in output and "ERROR=0" in output, output[-1500:]


def query(project: Path, sql: str) -> list[tuple]:
    import duckdb

    with duckdb.connect(str(project / "test.duckdb"), read_only=True) as connection:
        return connection.sql(sql).fetchall()


def test_default_settings_are_typed(results) -> None:
    project, _ = results["default_seeds"]
    rows = query(
        project,
        """
        select mql_threshold, sql_threshold, mql_min_grade, mql_min_fit_score, fit_weight,
               interest_weight, fit_high_threshold, interest_high_threshold, interest_max,
               inactivity_days, inactivity_points, conversion_window_days
        from intermediate.int_scoring__settings
    """,
    )
    assert rows == [(50.0, 100.0, "C", 40.0, 1.0, 1.0, 60.0, 50.0, None, 90.0, -10.0, 90.0)]


def test_settings_keys_any_case_and_blanks_read_the_same(results) -> None:
    default_project, _ = results["default_seeds"]
    blank_project, _ = results["settings_keys_any_case_and_blanks"]
    sql = "select * from intermediate.int_scoring__settings"
    assert query(blank_project, sql) == query(default_project, sql)


def test_rule_values_split_lists_and_keep_single_values(results) -> None:
    project, _ = results["default_seeds"]
    items = query(
        project,
        """
        select rule_kind, rule_id, value_item from intermediate.int_scoring__rule_values
        where rule_id in ('F01', 'F19', 'F35', 'I01', 'I03') order by rule_id, value_item
    """,
    )
    assert items == [
        ("fit", "F01", "financial services"),
        ("fit", "F01", "software"),
        ("fit", "F01", "telecommunications"),
        ("fit", "F19", None),
        ("fit", "F35", "12+ months"),
        ("fit", "F35", "none"),
        ("interest", "I01", None),
        ("interest", "I03", "/demo"),
    ]
    # Exactly one row per rule that is not in / not_in.
    counts = query(
        project,
        """
        select rules.rule_id, count(*)
        from intermediate.int_scoring__fit_rules as rules
        inner join intermediate.int_scoring__rule_values as rule_values
            on rule_values.rule_kind = 'fit' and rule_values.rule_id = rules.rule_id
        where rules.operator not in ('in', 'not_in')
        group by rules.rule_id having count(*) <> 1
    """,
    )
    assert counts == []


def test_injection_value_is_stored_as_a_plain_string(results) -> None:
    project, _ = results["injection_value_is_a_plain_string"]
    assert query(
        project, "select value_text from intermediate.int_scoring__fit_rules where rule_id = 'F99'"
    ) == [(INJECTION.lower(),)]
    assert query(
        project,
        "select value_item from intermediate.int_scoring__rule_values where rule_id = 'F99'",
    ) == [(INJECTION.lower(),)]
