"""The Great Expectations suite on the marts and the key staging models (SPEC §7).

The suite is defined here, in code: a list of ``Check``s, each a query over the warehouse (a
table, or a small portable SQL query that joins what one table cannot show: every current contact
scored once, components adding up to the scores) and the expectations its rows must meet.

``run_suite`` validates every check with Great Expectations 1.x and writes GX's HTML data docs
to a folder. On DuckDB each query is read with duckdb into a pandas DataFrame and validated by
GX's pandas datasource (GX's SQL datasource over duckdb-engine returns empty results); on
PostgreSQL each query is a query asset of GX's SQL datasource, connected through a SQLAlchemy URL
built from the libpq variables PG*.

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
from urllib.parse import quote

import yaml

from lead_scoring import PROJECT_ROOT

logger = logging.getLogger(__name__)

STAGES = ("subscriber", "lead", "mql", "sql", "opportunity", "customer")
QUADRANTS = ("sweet_spot", "nurture", "review", "avoid")
RULE_KINDS = ("fit", "interest", "inactivity")
RAW_TABLES = (
    "crm_companies",
    "crm_contacts",
    "crm_deals",
    "web_events",
    "web_identities",
    "email_campaigns",
    "email_events",
    "form_submissions",
    "event_attendance",
)
# Scores are kept at full precision; sums of doubles may differ from the score in the last bits.
TOLERANCE = 1e-6


@dataclass(frozen=True)
class Reference:
    """Values the expectations need from outside the checked rows."""

    as_of_date: dt.date
    grades: tuple[str, ...]
    accepted: dict[str, tuple[str, ...]]  # the project's accepted_* vars (dbt_project.yml)


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


def sql_date(value: dt.date) -> str:
    return f"date '{value.isoformat()}'"


# --- the suite ----------------------------------------------------------------------------------


def _table(relation: str) -> Callable[[Reference], str]:
    return lambda reference: f"select * from {relation}"


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
    return [
        *_key("contact_id"),
        *_not_null("created_at", "updated_at"),
        # the current version is the latest one effective on as_of_date
        *_before("updated_at", _day_after(reference, 1)),
    ]


def _stg_crm__companies(reference: Reference) -> list:
    return [
        *_key("company_id"),
        *_at_least("employee_count", 0),
        *_at_least("annual_revenue", 0),
        *_before("updated_at", _day_after(reference, 1)),
    ]


def _stg_crm__deals(reference: Reference) -> list:
    return [
        *_key("deal_id"),
        *_in_set("deal_stage", reference.accepted["accepted_deal_stages"]),
        *_not_null("created_at", "updated_at"),
        *_at_least("amount", 0),
        *_before("updated_at", _day_after(reference, 1)),
    ]


def _stg_web__events(reference: Reference) -> list:
    import great_expectations.expectations as gxe
    from great_expectations.expectations.row_conditions import Column

    return [
        *_key("event_id"),
        *_in_set("event_type", reference.accepted["accepted_web_event_types"]),
        *_not_null("occurred_at"),
        *_before("occurred_at", _day_after(reference, 2)),
        *_at_least("video_percent", 0, 100),
        # a web event belongs to a contact or at least to a visitor
        gxe.ExpectColumnValuesToNotBeNull(
            column="anonymous_id", row_condition=Column("contact_id").is_null()
        ),
    ]


def _stg_web__identities(reference: Reference) -> list:
    return [
        *_not_null("anonymous_id", "contact_id", "identified_at"),
        *_before("identified_at", _day_after(reference, 2)),
    ]


def _stg_email__events(reference: Reference) -> list:
    return [
        *_key("event_id"),
        *_in_set("event_type", reference.accepted["accepted_email_event_types"]),
        *_not_null("contact_id", "occurred_at"),
        *_before("occurred_at", _day_after(reference, 2)),
    ]


def _stg_email__campaigns(reference: Reference) -> list:
    return [
        *_key("campaign_id"),
        *_in_set("campaign_type", reference.accepted["accepted_campaign_types"]),
    ]


def _stg_forms__submissions(reference: Reference) -> list:
    return [
        *_key("submission_id"),
        *_in_set("form_type", reference.accepted["accepted_form_types"]),
        *_not_null("contact_id", "submitted_at"),
        *_before("submitted_at", _day_after(reference, 2)),
    ]


def _stg_events__event_attendance(reference: Reference) -> list:
    return [
        *_key("registration_id"),
        *_in_set("event_type", reference.accepted["accepted_event_types"]),
        *_not_null("contact_id", "registered_at", "event_date"),
    ]


def _fct_lead_scores(reference: Reference) -> list:
    import great_expectations.expectations as gxe
    from great_expectations.expectations.row_conditions import Column

    expectations = [
        *_key("contact_id"),
        *_not_null(
            "fit_score",
            "grade",
            "is_disqualified",
            "interest_score",
            "lead_score",
            "score_percentile",
            "quadrant",
            "lifecycle_stage",
            "as_of_date",
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="as_of_date",
            min_value=_day_after(reference, 0),
            max_value=_day_after(reference, 0),
        ),
        *_at_least("fit_score", 0, 100),
        *_at_least("interest_score", 0),
        *_at_least("score_percentile", 1, 100),
        *_in_set("grade", reference.grades),
        *_in_set("quadrant", QUADRANTS),
        *_in_set("lifecycle_stage", STAGES),
        # a disqualified contact has the grade F
        gxe.ExpectColumnValuesToBeInSet(
            column="grade",
            value_set=["F"],
            row_condition=Column("is_disqualified") == True,  # noqa: E712
        ),
    ]
    # stage dates in order: subscriber_at <= lead_at <= mql_at <= sql_at <= opportunity_at
    # <= customer_at <= as_of_date
    for lower, higher in zip(STAGES, STAGES[1:], strict=False):
        expectations.append(
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A=f"{higher}_at",
                column_B=f"{lower}_at",
                or_equal=True,
                ignore_row_if="either_value_is_missing",
            )
        )
    expectations.append(
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="as_of_date",
            column_B="subscriber_at",
            or_equal=True,
            ignore_row_if="either_value_is_missing",
        )
    )
    # the date of the reported stage and of every lower one is set; higher ones are empty
    for position, stage in enumerate(STAGES):
        reached = list(STAGES[position:])
        not_reached = list(STAGES[:position])
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


def _current_contacts_query(reference: Reference) -> str:
    return f"""
        with current_contacts as (
            select contact_id from staging.stg_crm__contacts
            where cast(created_at as date) <= {sql_date(reference.as_of_date)}
        ),
        scored as (
            select contact_id, count(*) as score_rows
            from marts.fct_lead_scores
            group by contact_id
        )
        select
            current_contacts.contact_id as current_contact_id,
            scored.contact_id as scored_contact_id,
            scored.score_rows
        from current_contacts
        full outer join scored
            on current_contacts.contact_id = scored.contact_id
    """


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


def _components_query(reference: Reference) -> str:
    return """
        with components as (
            select
                contact_id,
                sum(case when rule_kind = 'fit' then points else 0 end) as fit_points,
                sum(case when rule_kind in ('interest', 'inactivity') then points else 0 end)
                    as interest_points
            from marts.fct_lead_score_components
            group by contact_id
        ),
        settings as (
            select interest_max, fit_weight, interest_weight
            from intermediate.int_scoring__settings
        ),
        expected as (
            select
                scores.contact_id,
                scores.fit_score,
                scores.interest_score,
                scores.lead_score,
                least(100, greatest(0, coalesce(components.fit_points, 0))) as expected_fit,
                case
                    when settings.interest_max is null
                        then greatest(0, coalesce(components.interest_points, 0))
                    else least(
                        settings.interest_max,
                        greatest(0, coalesce(components.interest_points, 0))
                    )
                end as expected_interest,
                settings.fit_weight,
                settings.interest_weight
            from marts.fct_lead_scores as scores
            cross join settings
            left join components
                on scores.contact_id = components.contact_id
        )
        select
            contact_id,
            abs(fit_score - expected_fit) as fit_difference,
            abs(interest_score - expected_interest) as interest_difference,
            abs(lead_score - (fit_weight * fit_score + interest_weight * interest_score))
                as lead_score_difference
        from expected
    """


def _components_add_up(reference: Reference) -> list:
    return [
        *_at_least("fit_difference", 0, TOLERANCE),
        *_at_least("interest_difference", 0, TOLERANCE),
        *_at_least("lead_score_difference", 0, TOLERANCE),
    ]


def _fct_lead_score_components(reference: Reference) -> list:
    import great_expectations.expectations as gxe

    return [
        *_not_null("contact_id", "rule_id", "rule_kind", "matches", "points", "as_of_date"),
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["contact_id", "rule_id"]),
        *_in_set("rule_kind", RULE_KINDS),
        *_at_least("matches", 1),
    ]


def _fct_lead_score_history(reference: Reference) -> list:
    import great_expectations.expectations as gxe

    return [
        *_not_null("contact_id", "evaluation_date", "fit_score", "interest_score", "lead_score"),
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["contact_id", "evaluation_date"]),
        *_at_least("fit_score", 0, 100),
        *_at_least("interest_score", 0),
        *_in_set("grade", reference.grades),
        *_in_set("computed_stage", STAGES),
        *_in_set("reached_stage", STAGES),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="as_of_date",
            column_B="evaluation_date",
            or_equal=True,
            ignore_row_if="either_value_is_missing",
        ),
    ]


def _dim_contacts(reference: Reference) -> list:
    return [*_key("contact_id"), *_not_null("created_at")]


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
    import great_expectations.expectations as gxe

    return [
        *_key("contact_id"),
        *_not_null(
            "lifecycle_stage",
            "lead_score",
            "grade",
            "quadrant",
            "mql_at",
            "days_since_mql",
            "priority_rank",
            "owner_rank",
            "as_of_date",
        ),
        # the queue holds mql and sql only; a contact with a deal has left it
        *_in_set("lifecycle_stage", ("mql", "sql")),
        *_in_set("grade", reference.grades),
        *_in_set("quadrant", QUADRANTS),
        *_at_least("days_since_mql", 0),
        *_at_least("priority_rank", 1),
        *_at_least("owner_rank", 1),
        gxe.ExpectColumnValuesToBeUnique(column="priority_rank"),
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["owner_id", "owner_rank"]),
        # an owner's n-th call is at most the n-th of the whole queue
        *_pairs_at_least("priority_rank", "owner_rank"),
    ]


def _handover_queue_query(reference: Reference) -> str:
    return """
        with expected as (
            select contact_id from marts.fct_lead_scores
            where lifecycle_stage in ('mql', 'sql') and not is_disqualified
        ),
        queue as (
            select contact_id from marts.mart_sales_handover
        )
        select
            expected.contact_id as expected_contact_id,
            queue.contact_id as queued_contact_id
        from expected
        full outer join queue
            on expected.contact_id = queue.contact_id
    """


def _handover_queue(reference: Reference) -> list:
    # every mql / sql that is not disqualified is queued, and nobody else
    return [*_not_null("expected_contact_id", "queued_contact_id")]


def _fct_account_scores(reference: Reference) -> list:
    import great_expectations.expectations as gxe
    from great_expectations.expectations.row_conditions import Column

    return [
        *_key("company_id"),
        *_not_null("contacts", "engaged_contacts", "company_fit_score", "as_of_date"),
        *_at_least("contacts", 0),
        *_at_least("engaged_contacts", 0),
        *_pairs_at_least("contacts", "engaged_contacts"),
        *_at_least("company_fit_score", 0, 100),
        *_in_set("account_stage", STAGES),
        # (best_lead_score >= top3_avg_lead_score is a dbt test, with a tolerance for the mean)
        # a company with contacts has scores and a stage; one without has none
        *[
            gxe.ExpectColumnValuesToNotBeNull(column=column, row_condition=Column("contacts") > 0)
            for column in ("best_lead_score", "top3_avg_lead_score", "account_stage")
        ],
        *[
            gxe.ExpectColumnValuesToBeNull(column=column, row_condition=Column("contacts") == 0)
            for column in ("best_lead_score", "top3_avg_lead_score", "account_stage")
        ],
    ]


def _account_contacts_query(reference: Reference) -> str:
    return """
        with account_contacts as (
            select coalesce(sum(contacts), 0) as contacts from marts.fct_account_scores
        ),
        company_contacts as (
            select count(*) as contacts
            from marts.fct_lead_scores as scores
            inner join marts.dim_contacts as contacts
                on scores.contact_id = contacts.contact_id
            inner join marts.fct_account_scores as accounts
                on contacts.company_id = accounts.company_id
        )
        select
            account_contacts.contacts as account_contacts,
            company_contacts.contacts as company_contacts,
            abs(account_contacts.contacts - company_contacts.contacts) as difference
        from account_contacts
        cross join company_contacts
    """


def _account_contacts(reference: Reference) -> list:
    # every scored contact of a current company is counted in its account, once
    return [*_at_least("difference", 0, 0)]


def _mart_source_performance(reference: Reference) -> list:
    import great_expectations.expectations as gxe

    return [
        *_not_null("dimension", "value", "contacts", "mqls", "sqls", "opportunities", "customers"),
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["dimension", "value"]),
        *_in_set("dimension", ("lead_source", "utm_campaign")),
        *_at_least("contacts", 1),
        *_at_least("customers", 0),
        # a funnel: reaching a stage means reaching every lower one
        *_pairs_at_least("contacts", "mqls", "sqls", "opportunities", "customers"),
        *_at_least("mql_rate", 0, 1),
        *_at_least("sql_rate", 0, 1),
        *_at_least("customer_rate", 0, 1),
    ]


def _mart_scoring_performance(reference: Reference) -> list:
    import great_expectations.expectations as gxe

    return [
        *_not_null("backtest_date", "as_of_date", "dimension", "bucket", "leads", "conversions"),
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["dimension", "bucket"]),
        *_in_set("dimension", ("overall", "grade", "quadrant", "lifecycle_stage", "score_decile")),
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


def _backtest_dimensions_query(reference: Reference) -> str:
    return """
        with per_dimension as (
            select dimension, sum(leads) as leads, sum(conversions) as conversions
            from marts.mart_scoring_performance
            where dimension <> 'overall'
            group by dimension
        ),
        overall as (
            select leads, conversions
            from marts.mart_scoring_performance
            where dimension = 'overall'
        )
        select
            per_dimension.dimension,
            abs(per_dimension.leads - overall.leads)
            + abs(per_dimension.conversions - overall.conversions) as difference
        from per_dimension
        cross join overall
    """


def _backtest_dimensions(reference: Reference) -> list:
    import great_expectations.expectations as gxe

    # each dimension splits the whole population (and its conversions) into its buckets
    return [gxe.ExpectColumnValuesToBeBetween(column="difference", min_value=0, max_value=0)]


def _source_contacts_query(reference: Reference) -> str:
    return """
        with scored as (
            select count(*) as contacts from marts.fct_lead_scores
        ),
        per_dimension as (
            select dimension, sum(contacts) as contacts
            from marts.mart_source_performance
            group by dimension
        )
        select
            per_dimension.dimension,
            per_dimension.contacts as dimension_contacts,
            scored.contacts as scored_contacts,
            abs(per_dimension.contacts - scored.contacts) as difference
        from per_dimension
        cross join scored
    """


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

    return [
        *_not_null("label_kind", "label_value", "label_text", "sort_order"),
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["label_kind", "label_value"]),
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["label_kind", "sort_order"]),
        *_in_set("label_kind", ("lifecycle_stage", "quadrant", "grade")),
        gxe.ExpectColumnValuesToBeInSet(
            column="label_value",
            value_set=list(QUADRANTS),
            row_condition=Column("label_kind") == "quadrant",
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="label_value",
            value_set=list(STAGES),
            row_condition=Column("label_kind") == "lifecycle_stage",
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="label_value",
            value_set=list(reference.grades),
            row_condition=Column("label_kind") == "grade",
        ),
    ]


def _fct_quarantined_rows(reference: Reference) -> list:
    return [
        *_not_null("raw_table", "quarantine_reason", "raw_row"),
        *_in_set("raw_table", RAW_TABLES),
    ]


def _fct_raw_reconciliation(reference: Reference) -> list:
    import great_expectations.expectations as gxe

    return [
        *_key("raw_table"),
        gxe.ExpectColumnDistinctValuesToEqualSet(column="raw_table", value_set=list(RAW_TABLES)),
        # raw = clean + quarantined + superseded + after_as_of, for every raw table: nothing lost
        gxe.ExpectColumnValuesToBeInSet(column="is_reconciled", value_set=[True]),
        *_not_null("is_reconciled"),
    ]


SUITE: tuple[Check, ...] = (
    # staging: clean, current rows
    Check(
        "stg_crm__contacts",
        _table("staging.stg_crm__contacts"),
        _stg_crm__contacts,
        key=("contact_id",),
    ),
    Check(
        "stg_crm__companies",
        _table("staging.stg_crm__companies"),
        _stg_crm__companies,
        key=("company_id",),
    ),
    Check(
        "stg_crm__deals",
        _table("staging.stg_crm__deals"),
        _stg_crm__deals,
        key=("deal_id",),
    ),
    Check(
        "stg_web__events",
        _table("staging.stg_web__events"),
        _stg_web__events,
        key=("event_id",),
    ),
    Check(
        "stg_web__identities",
        _table("staging.stg_web__identities"),
        _stg_web__identities,
        key=("anonymous_id", "contact_id"),
    ),
    Check(
        "stg_email__events",
        _table("staging.stg_email__events"),
        _stg_email__events,
        key=("event_id",),
    ),
    Check(
        "stg_email__campaigns",
        _table("staging.stg_email__campaigns"),
        _stg_email__campaigns,
        key=("campaign_id",),
    ),
    Check(
        "stg_forms__submissions",
        _table("staging.stg_forms__submissions"),
        _stg_forms__submissions,
        key=("submission_id",),
    ),
    Check(
        "stg_events__event_attendance",
        _table("staging.stg_events__event_attendance"),
        _stg_events__event_attendance,
        key=("registration_id",),
    ),
    # marts
    Check(
        "fct_lead_scores",
        _table("marts.fct_lead_scores"),
        _fct_lead_scores,
        key=("contact_id",),
    ),
    Check(
        "fct_lead_scores__one_row_per_current_contact",
        _current_contacts_query,
        _current_contacts,
        "every current contact (created on or before as_of_date) scored once",
        key=("current_contact_id", "scored_contact_id"),
    ),
    Check(
        "fct_lead_scores__components_add_up",
        _components_query,
        _components_add_up,
        "fit and interest components add up to the scores (clamp, floor, interest_max), and "
        "lead_score = fit_weight x fit + interest_weight x interest",
        key=("contact_id",),
    ),
    Check(
        "fct_lead_score_components",
        _table("marts.fct_lead_score_components"),
        _fct_lead_score_components,
        key=("contact_id", "rule_id"),
    ),
    Check(
        "fct_lead_score_history",
        _table("marts.fct_lead_score_history"),
        _fct_lead_score_history,
        key=("contact_id", "evaluation_date"),
    ),
    Check("dim_contacts", _table("marts.dim_contacts"), _dim_contacts, key=("contact_id",)),
    Check(
        "dim_scoring_labels",
        _table("marts.dim_scoring_labels"),
        _dim_scoring_labels,
        key=("label_kind", "label_value"),
    ),
    Check(
        "mart_sales_handover",
        _table("marts.mart_sales_handover"),
        _mart_sales_handover,
        key=("contact_id",),
    ),
    Check(
        "mart_sales_handover__is_the_queue",
        _handover_queue_query,
        _handover_queue,
        "every mql / sql that is not disqualified is in the hand-over queue, and nobody else",
        key=("expected_contact_id", "queued_contact_id"),
    ),
    Check(
        "fct_account_scores",
        _table("marts.fct_account_scores"),
        _fct_account_scores,
        key=("company_id",),
    ),
    Check(
        "fct_account_scores__contacts_add_up",
        _account_contacts_query,
        _account_contacts,
        "the accounts count every scored contact of a current company once",
        key=("account_contacts", "company_contacts"),
    ),
    Check(
        "mart_source_performance",
        _table("marts.mart_source_performance"),
        _mart_source_performance,
        key=("dimension", "value"),
    ),
    Check(
        "mart_source_performance__contacts_add_up",
        _source_contacts_query,
        _source_contacts,
        "each dimension splits every scored contact into its values",
        key=("dimension",),
    ),
    Check(
        "mart_scoring_performance",
        _table("marts.mart_scoring_performance"),
        _mart_scoring_performance,
        key=("dimension", "bucket"),
    ),
    Check(
        "mart_scoring_performance__dimensions_add_up",
        _backtest_dimensions_query,
        _backtest_dimensions,
        "each dimension of the backtest splits the whole population into its buckets",
        key=("dimension",),
    ),
    Check(
        "fct_quarantined_rows",
        _table("quality.fct_quarantined_rows"),
        _fct_quarantined_rows,
        key=("raw_table", "row_key"),
    ),
    Check(
        "fct_raw_reconciliation",
        _table("quality.fct_raw_reconciliation"),
        _fct_raw_reconciliation,
        key=("raw_table",),
    ),
)


# --- warehouses ---------------------------------------------------------------------------------


def postgres_url() -> str:
    """SQLAlchemy URL from the libpq variables PG* (defaults as in profiles.yml)."""
    defaults = {
        "PGHOST": "localhost",
        "PGPORT": "5432",
        "PGUSER": "postgres",
        "PGDATABASE": "lead_scoring",
    }
    env = {
        name: os.environ.get(name) or defaults.get(name, "")
        for name in ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE")
    }
    credentials = quote(env["PGUSER"], safe="")
    if env["PGPASSWORD"]:
        credentials += ":" + quote(env["PGPASSWORD"], safe="")
    return (
        f"postgresql+psycopg2://{credentials}@{env['PGHOST']}:{env['PGPORT']}"
        f"/{quote(env['PGDATABASE'], safe='')}"
    )


class Warehouse:
    """Runs the reference queries; knows how GX reads the target."""

    def __init__(self, target: str, duckdb_path: Path | None = None):
        self.target = target
        if target == "duckdb":
            import duckdb

            if duckdb_path is None or not duckdb_path.exists():
                raise FileNotFoundError(f"DuckDB file {duckdb_path} does not exist; run dbt build")
            self.connection = duckdb.connect(str(duckdb_path), read_only=True)
        elif target == "postgres":
            import sqlalchemy

            self.url = postgres_url()
            self.engine = sqlalchemy.create_engine(self.url)
        else:
            raise ValueError(f"unknown target {target!r}: duckdb or postgres")

    def frame(self, sql: str):
        if self.target == "duckdb":
            return self.connection.execute(sql).df()
        import pandas as pd

        with self.engine.connect() as connection:
            return pd.read_sql_query(sql, connection)

    def scalar_column(self, sql: str) -> list:
        return list(self.frame(sql).iloc[:, 0]) if sql else []

    def close(self) -> None:
        if self.target == "duckdb":
            self.connection.close()
        else:
            self.engine.dispose()


def read_reference(warehouse: Warehouse, as_of_date: dt.date | None = None) -> Reference:
    if as_of_date is None:
        found = warehouse.scalar_column("select max(as_of_date) from marts.fct_lead_scores")
        value = found[0] if found else None
        if value is None or value != value:  # empty mart: NaT / None
            as_of_date = dt.datetime.now(dt.timezone.utc).date()
            logger.warning("marts.fct_lead_scores is empty; as_of_date %s (today)", as_of_date)
        else:
            as_of_date = value.date() if hasattr(value, "date") else value
    grades = tuple(warehouse.scalar_column("select grade from intermediate.int_scoring__grades"))
    return Reference(as_of_date=as_of_date, grades=grades, accepted=accepted_values())


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
) -> SuiteResult:
    """Validate every check against the warehouse and write the data docs to ``docs_dir``."""
    import great_expectations as gx

    docs_dir = Path(docs_dir).resolve()
    docs_dir.mkdir(parents=True, exist_ok=True)
    warehouse = Warehouse(target, duckdb_path)
    try:
        reference = read_reference(warehouse, as_of_date)
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
