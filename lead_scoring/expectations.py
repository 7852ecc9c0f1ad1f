"""The Great Expectations suite on the marts and the key staging models.

The suite is defined here, in code: a list of ``Check``s, each a table of the warehouse and the
expectations its rows must meet. What one table cannot show (every current contact scored once,
components adding up to the scores, ...) is a cross-table check view of the dbt project
(models/marts/quality/checks, ``qc_*``): dbt's tests and this suite read the same view, so each
rule is written once. Tables are named by their dbt model name; where dbt built them is read
from the build's ``manifest.json`` (lead_scoring.relations), never written here.

What the suite holds (the dbt tests are the gate of the build; the suite is what a data steward
reads in the data docs). An expectation that only repeats a dbt test of the same column is not
here: the not-null and key tests of staging, the accepted values of staging types, the not-null
tests of mart columns, technical keys (owner ranks, label sort order). Kept, although a dbt test
checks the same column, because the data docs show the contract of the marts in one place: the
key of each mart (one row per contact, company, raw table, ...), the score ranges, the stage,
quadrant and grade vocabularies, stage dates in order, funnels (contacts >= mqls >= ... ; engaged
contacts <= contacts) and the reconciliation flag of every raw table. Added to dbt's tests: no
timestamp after as_of_date in staging, non-negative sizes and amounts, video percent 0-100, a web
event with a visitor when it has no contact, the labels of each kind, and the cross-table checks
(every current contact scored once, components add up, the hand-over queue, account and source
contacts add up, backtest dimensions add up).

``run_suite`` validates every check with Great Expectations 1.x and writes GX's HTML data docs
to a folder. On DuckDB each table is read with duckdb into a pandas DataFrame and validated by
GX's pandas datasource (GX's SQL datasource over duckdb-engine returns empty results); on
PostgreSQL each table is read as a query asset of GX's SQL datasource, connected through a
SQLAlchemy URL built from the libpq variables PG*.

GX must not phone home: ``GX_ANALYTICS_ENABLED`` is set to false before GX is imported, and the
context is ephemeral (nothing is written outside the data docs folder).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from lead_scoring import PROJECT_ROOT
from lead_scoring.labels import lifecycle_stages, quadrants
from lead_scoring.raw_schema import RAW_TABLES
from lead_scoring.relations import load_relations
from lead_scoring.warehouse import connect, postgres_url

logger = logging.getLogger(__name__)
# Scores are kept at full precision; sums of doubles may differ from the score in the last bits.
TOLERANCE = 1e-6


@dataclass(frozen=True)
class Reference:
    """Values the expectations need from outside the checked rows."""

    as_of_date: dt.date
    grades: tuple[str, ...]
    accepted: dict[str, tuple[str, ...]]  # the project's accepted_* vars (dbt_project.yml)
    relations: dict[str, str] = field(default_factory=dict)  # dbt name -> relation (manifest)

    def ref(self, name: str) -> str:
        """The relation dbt built for a model or seed, as dbt's ``ref()`` would name it."""
        if name not in self.relations:
            raise KeyError(f"{name} is not a model or seed of the dbt manifest")
        return self.relations[name]


@dataclass(frozen=True)
class Check:
    """One asset of the suite: a query and the expectations on its rows."""

    name: str
    query: Callable[[Reference], str]
    expectations: Callable[[Reference], list]
    description: str = ""
    key: tuple[str, ...] = ()  # columns that name a failing row in the report


@dataclass
class Failure:
    """One expectation that did not hold, in words a data steward can act on."""

    check: str
    expectation: str
    arguments: dict
    unexpected_count: int | None = None
    sample: list = field(default_factory=list)
    observed: object = None
    rows: list = field(default_factory=list)  # keys of failing rows, when the check has a key

    def __str__(self) -> str:
        arguments = ", ".join(f"{key}={value!r}" for key, value in self.arguments.items())
        text = f"{self.check}: {self.expectation}({arguments}) failed"
        if self.unexpected_count:
            text += f": {self.unexpected_count} unexpected row(s)"
            if self.rows:
                text += f" at {', '.join(self.rows[:5])}"
            text += f"; values e.g. {', '.join(self.sample[:5])}"
        elif self.observed is not None:
            text += f": observed {self.observed!r}"
        return text


@dataclass
class SuiteResult:
    success: bool
    evaluated: int
    failures: list[Failure]
    docs_index: Path | None


# --- reference values ---------------------------------------------------------------------------


def accepted_values(project_dir: Path = PROJECT_ROOT) -> dict[str, tuple[str, ...]]:
    """The ``accepted_*`` vars of dbt_project.yml: the raw contract's accepted types."""
    config = yaml.safe_load((project_dir / "dbt_project.yml").read_text(encoding="utf-8"))
    variables = config.get("vars", {})
    return {
        name: tuple(values) for name, values in variables.items() if name.startswith("accepted_")
    }


# --- the suite ----------------------------------------------------------------------------------


def _table(name: str) -> Callable[[Reference], str]:
    return lambda reference: f"select * from {reference.ref(name)}"


def _key(column: str) -> list:
    import great_expectations.expectations as gxe

    return [
        gxe.ExpectColumnValuesToNotBeNull(column=column),
        gxe.ExpectColumnValuesToBeUnique(column=column),
    ]


def _not_null(*columns: str) -> list:
    import great_expectations.expectations as gxe

    return [gxe.ExpectColumnValuesToNotBeNull(column=column) for column in columns]


def _in_set(column: str, values) -> list:
    import great_expectations.expectations as gxe

    return [gxe.ExpectColumnValuesToBeInSet(column=column, value_set=list(values))]


def _at_least(column: str, minimum: float, maximum: float | None = None) -> list:
    import great_expectations.expectations as gxe

    return [gxe.ExpectColumnValuesToBeBetween(column=column, min_value=minimum, max_value=maximum)]


def _before(column: str, limit: dt.datetime) -> list:
    """Timestamps strictly before a limit (nulls are left to the not-null expectations)."""
    import great_expectations.expectations as gxe

    return [gxe.ExpectColumnValuesToBeBetween(column=column, max_value=limit, strict_max=True)]


def _day_after(reference: Reference, days: int) -> dt.datetime:
    return dt.datetime.combine(reference.as_of_date + dt.timedelta(days=days), dt.time())


def _stg_crm__contacts(reference: Reference) -> list:
    # the current version is the latest one effective on as_of_date
    return _before("updated_at", _day_after(reference, 1))


def _stg_crm__companies(reference: Reference) -> list:
    return [
        *_at_least("employee_count", 0),
        *_at_least("annual_revenue", 0),
        *_before("updated_at", _day_after(reference, 1)),
    ]


def _stg_crm__deals(reference: Reference) -> list:
    return [*_at_least("amount", 0), *_before("updated_at", _day_after(reference, 1))]


def _stg_web__events(reference: Reference) -> list:
    import great_expectations.expectations as gxe
    from great_expectations.expectations.row_conditions import Column

    return [
        *_before("occurred_at", _day_after(reference, 2)),
        *_at_least("video_percent", 0, 100),
        # a web event belongs to a contact or at least to a visitor
        gxe.ExpectColumnValuesToNotBeNull(
            column="anonymous_id", row_condition=Column("contact_id").is_null()
        ),
    ]


def _stg_web__identities(reference: Reference) -> list:
    return _before("identified_at", _day_after(reference, 2))


def _stg_email__events(reference: Reference) -> list:
    return _before("occurred_at", _day_after(reference, 2))


def _stg_forms__submissions(reference: Reference) -> list:
    return _before("submitted_at", _day_after(reference, 2))


def _compound_key(*columns: str) -> list:
    import great_expectations.expectations as gxe

    return [gxe.ExpectCompoundColumnsToBeUnique(column_list=list(columns))]


def _fct_lead_scores(reference: Reference) -> list:
    import great_expectations.expectations as gxe
    from great_expectations.expectations.row_conditions import Column

    stages = lifecycle_stages()
    expectations = [
        *_key("contact_id"),
        gxe.ExpectColumnValuesToBeBetween(
            column="as_of_date",
            min_value=_day_after(reference, 0),
            max_value=_day_after(reference, 0),
        ),
        *_at_least("fit_score", 0, 100),
        *_at_least("interest_score", 0),
        *_at_least("score_percentile", 1, 100),
        *_in_set("grade", reference.grades),
        *_in_set("quadrant", quadrants()),
        *_in_set("lifecycle_stage", stages),
        # a disqualified contact has the grade F
        gxe.ExpectColumnValuesToBeInSet(
            column="grade",
            value_set=["F"],
            row_condition=Column("is_disqualified") == True,  # noqa: E712
        ),
    ]
    # stage dates in order: subscriber_at <= lead_at <= mql_at <= sql_at <= opportunity_at
    # <= customer_at <= as_of_date
    expectations += _pairs_at_least(*[f"{stage}_at" for stage in reversed(stages)])
    expectations += _pairs_at_least("as_of_date", "subscriber_at")
    # the date of the reported stage and of every lower one is set; higher ones are empty
    for position, stage in enumerate(stages):
        reached = list(stages[position:])
        not_reached = list(stages[:position])
        expectations.append(
            gxe.ExpectColumnValuesToNotBeNull(
                column=f"{stage}_at", row_condition=Column("lifecycle_stage").is_in(reached)
            )
        )
        if not_reached:
            expectations.append(
                gxe.ExpectColumnValuesToBeNull(
                    column=f"{stage}_at", row_condition=Column("lifecycle_stage").is_in(not_reached)
                )
            )
    return expectations


def _current_contacts(reference: Reference) -> list:
    import great_expectations.expectations as gxe

    return [
        # every current contact is scored ...
        gxe.ExpectColumnValuesToNotBeNull(column="scored_contact_id"),
        # ... every scored contact is a current contact ...
        gxe.ExpectColumnValuesToNotBeNull(column="current_contact_id"),
        # ... once
        gxe.ExpectColumnValuesToBeBetween(column="score_rows", min_value=1, max_value=1),
    ]


def _components_add_up(reference: Reference) -> list:
    return [
        *_at_least("fit_difference", 0, TOLERANCE),
        *_at_least("interest_difference", 0, TOLERANCE),
        *_at_least("lead_score_difference", 0, TOLERANCE),
    ]


def _fct_lead_score_components(reference: Reference) -> list:
    return _compound_key("contact_id", "rule_id")


def _fct_lead_score_history(reference: Reference) -> list:
    return [
        *_compound_key("contact_id", "evaluation_date"),
        *_at_least("fit_score", 0, 100),
        *_at_least("interest_score", 0),
        *_in_set("grade", reference.grades),
        *_in_set("computed_stage", lifecycle_stages()),
        *_in_set("reached_stage", lifecycle_stages()),
        *_pairs_at_least("as_of_date", "evaluation_date"),
    ]


def _dim_contacts(reference: Reference) -> list:
    return _key("contact_id")


def _pairs_at_least(*columns: str) -> list:
    """Each column >= the next one (e.g. a funnel: contacts >= mqls >= sqls)."""
    import great_expectations.expectations as gxe

    return [
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A=higher, column_B=lower, or_equal=True, ignore_row_if="either_value_is_missing"
        )
        for higher, lower in zip(columns, columns[1:], strict=False)
    ]


def _mart_sales_handover(reference: Reference) -> list:
    return [
        *_key("contact_id"),
        # the queue holds mql and sql only; a contact with a deal has left it
        *_in_set("lifecycle_stage", ("mql", "sql")),
        *_in_set("grade", reference.grades),
        *_in_set("quadrant", quadrants()),
        # an owner's n-th call is at most the n-th of the whole queue
        *_pairs_at_least("priority_rank", "owner_rank"),
    ]


def _handover_queue(reference: Reference) -> list:
    # every mql / sql that is not disqualified is queued, and nobody else
    return [*_not_null("expected_contact_id", "queued_contact_id")]


def _fct_account_scores(reference: Reference) -> list:
    return [
        *_key("company_id"),
        *_pairs_at_least("contacts", "engaged_contacts"),
        *_at_least("company_fit_score", 0, 100),
        *_in_set("account_stage", lifecycle_stages()),
    ]


def _account_contacts(reference: Reference) -> list:
    # every scored contact of a current company is counted in its account, once
    return [*_at_least("difference", 0, 0)]


def _mart_source_performance(reference: Reference) -> list:
    return [
        *_compound_key("dimension", "value"),
        # a funnel: reaching a stage means reaching every lower one
        *_pairs_at_least("contacts", "mqls", "sqls", "opportunities", "customers"),
        *_at_least("mql_rate", 0, 1),
        *_at_least("sql_rate", 0, 1),
        *_at_least("customer_rate", 0, 1),
    ]


def _mart_scoring_performance(reference: Reference) -> list:
    import great_expectations.expectations as gxe

    return [
        *_compound_key("dimension", "bucket"),
        *_at_least("leads", 0),
        *_pairs_at_least("leads", "conversions"),
        *_at_least("conversion_rate", 0, 1),
        *_at_least("lift", 0),
        *_at_least("auc_lead_score", 0, 1),
        *_at_least("auc_fit_score", 0, 1),
        *_at_least("auc_interest_score", 0, 1),
        # the backtest day lies conversion_window_days before as_of_date
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="as_of_date", column_B="backtest_date", or_equal=False
        ),
    ]


def _backtest_dimensions(reference: Reference) -> list:
    # each dimension splits the whole population (and its conversions) into its buckets
    return _at_least("difference", 0, 0)


def _source_contacts(reference: Reference) -> list:
    import great_expectations.expectations as gxe

    # each dimension splits every scored contact into its values: none lost, none twice
    return [
        *_at_least("difference", 0, 0),
        gxe.ExpectColumnDistinctValuesToEqualSet(
            column="dimension", value_set=["lead_source", "utm_campaign"]
        ),
    ]


def _dim_scoring_labels(reference: Reference) -> list:
    import great_expectations.expectations as gxe
    from great_expectations.expectations.row_conditions import Column

    codes = {"quadrant": quadrants(), "lifecycle_stage": lifecycle_stages()}
    codes["grade"] = reference.grades
    return [
        *_compound_key("label_kind", "label_value"),
        *[
            gxe.ExpectColumnValuesToBeInSet(
                column="label_value",
                value_set=list(values),
                row_condition=Column("label_kind") == kind,
            )
            for kind, values in codes.items()
        ],
    ]


def _fct_quarantined_rows(reference: Reference) -> list:
    return _in_set("raw_table", RAW_TABLES)


def _fct_raw_reconciliation(reference: Reference) -> list:
    import great_expectations.expectations as gxe

    return [
        *_key("raw_table"),
        gxe.ExpectColumnDistinctValuesToEqualSet(column="raw_table", value_set=list(RAW_TABLES)),
        # raw = clean + quarantined + superseded + after_as_of, for every raw table: nothing lost
        gxe.ExpectColumnValuesToBeInSet(column="is_reconciled", value_set=[True]),
    ]


SUITE: tuple[Check, ...] = (
    # staging: clean, current rows
    Check(
        "stg_crm__contacts",
        _table("stg_crm__contacts"),
        _stg_crm__contacts,
        key=("contact_id",),
    ),
    Check(
        "stg_crm__companies",
        _table("stg_crm__companies"),
        _stg_crm__companies,
        key=("company_id",),
    ),
    Check(
        "stg_crm__deals",
        _table("stg_crm__deals"),
        _stg_crm__deals,
        key=("deal_id",),
    ),
    Check(
        "stg_web__events",
        _table("stg_web__events"),
        _stg_web__events,
        key=("event_id",),
    ),
    Check(
        "stg_web__identities",
        _table("stg_web__identities"),
        _stg_web__identities,
        key=("anonymous_id", "contact_id"),
    ),
    Check(
        "stg_email__events",
        _table("stg_email__events"),
        _stg_email__events,
        key=("event_id",),
    ),
    Check(
        "stg_forms__submissions",
        _table("stg_forms__submissions"),
        _stg_forms__submissions,
        key=("submission_id",),
    ),
    # marts
    Check(
        "fct_lead_scores",
        _table("fct_lead_scores"),
        _fct_lead_scores,
        key=("contact_id",),
    ),
    Check(
        "fct_lead_scores__one_row_per_current_contact",
        _table("qc_lead_scores_per_current_contact"),
        _current_contacts,
        "every current contact (created on or before as_of_date) scored once",
        key=("current_contact_id", "scored_contact_id"),
    ),
    Check(
        "fct_lead_scores__components_add_up",
        _table("qc_lead_score_components_add_up"),
        _components_add_up,
        "fit and interest components add up to the scores (clamp, floor, interest_max), and "
        "lead_score = fit_weight x fit + interest_weight x interest",
        key=("contact_id",),
    ),
    Check(
        "fct_lead_score_components",
        _table("fct_lead_score_components"),
        _fct_lead_score_components,
        key=("contact_id", "rule_id"),
    ),
    Check(
        "fct_lead_score_history",
        _table("fct_lead_score_history"),
        _fct_lead_score_history,
        key=("contact_id", "evaluation_date"),
    ),
    Check("dim_contacts", _table("dim_contacts"), _dim_contacts, key=("contact_id",)),
    Check(
        "dim_scoring_labels",
        _table("dim_scoring_labels"),
        _dim_scoring_labels,
        key=("label_kind", "label_value"),
    ),
    Check(
        "mart_sales_handover",
        _table("mart_sales_handover"),
        _mart_sales_handover,
        key=("contact_id",),
    ),
    Check(
        "mart_sales_handover__is_the_queue",
        _table("qc_handover_is_the_queue"),
        _handover_queue,
        "every mql / sql that is not disqualified is in the hand-over queue, and nobody else",
        key=("expected_contact_id", "queued_contact_id"),
    ),
    Check(
        "fct_account_scores",
        _table("fct_account_scores"),
        _fct_account_scores,
        key=("company_id",),
    ),
    Check(
        "fct_account_scores__contacts_add_up",
        _table("qc_account_contacts_add_up"),
        _account_contacts,
        "the accounts count every scored contact of a current company once",
        key=("account_contacts", "company_contacts"),
    ),
    Check(
        "mart_source_performance",
        _table("mart_source_performance"),
        _mart_source_performance,
        key=("dimension", "value"),
    ),
    Check(
        "mart_source_performance__contacts_add_up",
        _table("qc_source_contacts_add_up"),
        _source_contacts,
        "each dimension splits every scored contact into its values",
        key=("dimension",),
    ),
    Check(
        "mart_scoring_performance",
        _table("mart_scoring_performance"),
        _mart_scoring_performance,
        key=("dimension", "bucket"),
    ),
    Check(
        "mart_scoring_performance__dimensions_add_up",
        _table("qc_backtest_dimensions_add_up"),
        _backtest_dimensions,
        "each dimension of the backtest splits the whole population into its buckets",
        key=("dimension",),
    ),
    Check(
        "fct_quarantined_rows",
        _table("fct_quarantined_rows"),
        _fct_quarantined_rows,
        key=("raw_table", "row_key"),
    ),
    Check(
        "fct_raw_reconciliation",
        _table("fct_raw_reconciliation"),
        _fct_raw_reconciliation,
        key=("raw_table",),
    ),
)


# --- warehouses ---------------------------------------------------------------------------------


class Warehouse:
    """Runs the reference queries (a connection of lead_scoring.warehouse, read-only on DuckDB);
    knows how GX reads the target."""

    def __init__(self, target: str, duckdb_path: Path | None = None):
        if target not in ("duckdb", "postgres"):
            raise ValueError(f"unknown target {target!r}: duckdb or postgres")
        self.target = target
        self.connection = connect(target, read_only=True, duckdb_file=duckdb_path)
        self.url = postgres_url() if target == "postgres" else None

    def frame(self, sql: str):
        if self.target == "duckdb":
            return self.connection.execute(sql).df()
        import pandas as pd

        cursor = self.connection.cursor()
        try:
            cursor.execute(sql)
            columns = [column[0] for column in cursor.description]
            return pd.DataFrame(cursor.fetchall(), columns=columns)
        finally:
            cursor.close()

    def scalar_column(self, sql: str) -> list:
        return list(self.frame(sql).iloc[:, 0]) if sql else []

    def close(self) -> None:
        self.connection.close()


def read_reference(
    warehouse: Warehouse, as_of_date: dt.date | None = None, target_path: Path | None = None
) -> Reference:
    relations = load_relations(target_path)
    reference = Reference(
        as_of_date=as_of_date or dt.date.min,
        grades=(),
        accepted=accepted_values(),
        relations=relations,
    )
    if as_of_date is None:
        found = warehouse.scalar_column(
            f"select max(as_of_date) from {reference.ref('fct_lead_scores')}"
        )
        value = found[0] if found else None
        if value is None or value != value:  # empty mart: NaT / None
            as_of_date = dt.datetime.now(dt.timezone.utc).date()
            logger.warning("the lead scores mart is empty; as_of_date %s (today)", as_of_date)
        else:
            as_of_date = value.date() if hasattr(value, "date") else value
    grades = tuple(
        warehouse.scalar_column(f"select grade from {reference.ref('int_scoring__grades')}")
    )
    return Reference(
        as_of_date=as_of_date, grades=grades, accepted=reference.accepted, relations=relations
    )


# --- running the suite with Great Expectations ---------------------------------------------------


def _gx_context(docs_dir: Path):
    os.environ["GX_ANALYTICS_ENABLED"] = "false"
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    context.add_data_docs_site(
        site_name="lead_scoring",
        site_config={
            "class_name": "SiteBuilder",
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(docs_dir),
            },
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        },
    )
    return context


def _readable(value) -> str:
    """A value as a data steward reads it (dates without numpy wrappers)."""
    if isinstance(value, (tuple, list)):
        return "(" + ", ".join(_readable(item) for item in value) + ")"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if type(value).__module__ == "numpy":
        import pandas as pd

        if "datetime64" in type(value).__name__:
            return pd.Timestamp(value).isoformat()
        return str(value.item())
    return repr(value)


def _failures(check_name: str, validation) -> list[Failure]:
    failures = []
    for outcome in validation.results:
        if outcome.success:
            continue
        config = outcome.expectation_config
        arguments = {
            key: value
            for key, value in config.kwargs.items()
            if key not in ("batch_id", "result_format") and value is not None
        }
        if "row_condition" in arguments:
            arguments["row_condition"] = str(arguments["row_condition"])
        result = outcome.result or {}
        failures.append(
            Failure(
                check=check_name,
                expectation=config.type,
                arguments=arguments,
                unexpected_count=result.get("unexpected_count"),
                sample=[_readable(value) for value in result.get("partial_unexpected_list") or []],
                rows=[
                    " ".join(f"{name}={_readable(value)}" for name, value in index.items())
                    for index in result.get("partial_unexpected_index_list") or []
                    if isinstance(index, dict)
                ],
                observed=result.get("observed_value"),
            )
        )
        if outcome.exception_info and outcome.exception_info.get("raised_exception"):
            failures[-1].observed = outcome.exception_info.get("exception_message")
    return failures


def run_suite(
    target: str,
    docs_dir: Path,
    duckdb_path: Path | None = None,
    as_of_date: dt.date | None = None,
    checks: tuple[Check, ...] = SUITE,
    target_path: Path | None = None,
) -> SuiteResult:
    """Validate every check against the warehouse and write the data docs to ``docs_dir``.

    ``target_path`` is the dbt target folder of the build (its ``manifest.json`` names the
    relations; default: lead_scoring.relations.default_target_path()).
    """
    import great_expectations as gx

    docs_dir = Path(docs_dir).resolve()
    docs_dir.mkdir(parents=True, exist_ok=True)
    warehouse = Warehouse(target, duckdb_path)
    try:
        reference = read_reference(warehouse, as_of_date, target_path)
        logger.info("checking %d assets of %s as of %s", len(checks), target, reference.as_of_date)
        context = _gx_context(docs_dir)
        if target == "duckdb":
            datasource = context.data_sources.add_pandas("lead_scoring_warehouse")
        else:
            datasource = context.data_sources.add_postgres(
                "lead_scoring_warehouse", connection_string=warehouse.url
            )
        failures: list[Failure] = []
        evaluated = 0
        for check in checks:
            sql = check.query(reference)
            suite = context.suites.add(
                gx.ExpectationSuite(name=check.name, expectations=check.expectations(reference))
            )
            if target == "duckdb":
                asset = datasource.add_dataframe_asset(check.name)
                batch_definition = asset.add_batch_definition_whole_dataframe("all rows")
                batch_parameters = {"dataframe": warehouse.frame(sql)}
            else:
                # a GX query asset must start with SELECT
                asset = datasource.add_query_asset(
                    check.name, query=f"select * from ({sql}) as checked_rows"
                )
                batch_definition = asset.add_batch_definition_whole_table("all rows")
                batch_parameters = None
            validation = context.validation_definitions.add(
                gx.ValidationDefinition(name=check.name, data=batch_definition, suite=suite)
            )
            result_format = {"result_format": "SUMMARY"}
            if check.key:
                result_format["unexpected_index_column_names"] = list(check.key)
            run_result = validation.run(
                batch_parameters=batch_parameters, result_format=result_format
            )
            evaluated += len(run_result.results)
            check_failures = _failures(check.name, run_result)
            failures.extend(check_failures)
            logger.info(
                "%s: %d expectations, %d failed",
                check.name,
                len(run_result.results),
                len(check_failures),
            )
        context.build_data_docs()
        index = docs_dir / "index.html"
        return SuiteResult(
            success=not failures,
            evaluated=evaluated,
            failures=failures,
            docs_index=index if index.exists() else None,
        )
    finally:
        warehouse.close()
