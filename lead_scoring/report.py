"""The lead-scoring report: one self-contained HTML file with six charts for marketing.

Reads the marts of a target and writes an HTML file that needs no network: plotly.js and the CSS
are inline. The charts: lead score distribution, stage funnel, fit × interest by quadrant,
conversion rate and lift by score decile (the backtest, mart_scoring_performance), the rules that
contribute most points (fct_lead_score_components) and source performance
(mart_source_performance). Names of stages, quadrants and grades come from dim_scoring_labels.

The key figures (contacts, MQL, SQL, hand-over queue, backtest AUC) are elements with stable ids
(``kf-contacts``, ``kf-mql``, ``kf-sql``, ``kf-handover``, ``kf-auc``) and the exact value in a
``data-value`` attribute, so a test (or a person) can check them against the marts. Each chart is
a ``<section class="chart" data-chart="NAME">`` holding one plotly div ``chart-NAME``.
"""

from __future__ import annotations

import argparse
import html
import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path

from lead_scoring import PROJECT_ROOT
from lead_scoring.logs import setup_logging
from lead_scoring.project import add_project_dir_argument
from lead_scoring.warehouse import connect, default_target, describe
from lead_scoring.what_if import parse_vars

log = logging.getLogger("report")

DEFAULT_OUT = "target/lead_scoring_report.html"
CHART_NAMES: tuple[str, ...] = (
    "score_distribution",
    "stage_funnel",
    "fit_interest",
    "decile_conversion",
    "top_rules",
    "source_performance",
)
SCORE_BIN_WIDTH = 10
TOP_RULES = 15
QUADRANT_COLOURS = {
    "sweet_spot": "#2a9d8f",
    "nurture": "#e9c46a",
    "review": "#f4a261",
    "avoid": "#9aa5b1",
}


def _rows(connection, sql: str) -> list[tuple]:
    cursor = connection.cursor()
    cursor.execute(sql)
    return cursor.fetchall()


def _num(value) -> float | None:
    return None if value is None else float(value)


@dataclass
class ReportData:
    """Everything the report shows, read from the marts (plain Python values)."""

    as_of_date: str
    contacts: int
    mql: int
    sql: int
    handover: int
    auc: float | None
    backtest_date: str | None
    labels: dict[str, dict[str, str]]
    stage_order: list[str]
    stage_counts: dict[str, int]
    score_bins: list[tuple[float, int]]
    scatter: list[tuple[str, float, float, int]]
    deciles: list[tuple[str, int, int, float | None, float | None]]
    rules: list[tuple[str, str, str, int, float]]
    sources: list[tuple[str, int, int, int, int, float | None]] = field(default_factory=list)


def read_report_data(connection) -> ReportData:
    """Read the figures and chart series from the marts of an open connection."""
    ((contacts, as_of),) = _rows(
        connection, "select count(*), max(as_of_date) from marts.fct_lead_scores"
    )
    stage_counts = {
        stage: int(n)
        for stage, n in _rows(
            connection,
            "select lifecycle_stage, count(*) from marts.fct_lead_scores group by lifecycle_stage",
        )
    }
    ((handover,),) = _rows(connection, "select count(*) from marts.mart_sales_handover")
    overall = _rows(
        connection,
        "select auc_lead_score, backtest_date from marts.mart_scoring_performance "
        "where dimension = 'overall'",
    )
    auc, backtest_date = (overall[0][0], overall[0][1]) if overall else (None, None)

    labels: dict[str, dict[str, str]] = {}
    stage_order: list[str] = []
    for kind, value, text, _sort in _rows(
        connection,
        "select label_kind, label_value, label_text, sort_order from marts.dim_scoring_labels "
        "order by label_kind, sort_order",
    ):
        labels.setdefault(kind, {})[value] = text
        if kind == "lifecycle_stage":
            stage_order.append(value)

    # Binned in SQL so the file stays small at any size; floor() runs on every adapter.
    score_bins = [
        (float(low) * SCORE_BIN_WIDTH, int(n))
        for low, n in _rows(
            connection,
            f"select floor(lead_score / {SCORE_BIN_WIDTH}), count(*) from marts.fct_lead_scores "
            "group by floor(lead_score / " + str(SCORE_BIN_WIDTH) + ") order by 1",
        )
    ]
    # One point per quadrant and whole-point (fit, interest) pair, sized by its contacts.
    scatter = [
        (quadrant, float(fit), float(interest), int(n))
        for quadrant, fit, interest, n in _rows(
            connection,
            "select quadrant, floor(fit_score), floor(interest_score), count(*) "
            "from marts.fct_lead_scores group by quadrant, floor(fit_score), "
            "floor(interest_score) order by 1, 2, 3",
        )
    ]
    deciles = [
        (str(bucket), int(leads), int(conversions), _num(rate), _num(lift))
        for bucket, leads, conversions, rate, lift in _rows(
            connection,
            "select bucket, leads, conversions, conversion_rate, lift "
            "from marts.mart_scoring_performance where dimension = 'score_decile' "
            "order by bucket_order",
        )
    ]
    rules = [
        (rule_id, kind, description or rule_id, int(contacts_matched), float(points))
        for rule_id, kind, description, contacts_matched, points in _rows(
            connection,
            f"""
            select rule_id, rule_kind, max(rule_description), count(distinct contact_id),
                sum(points)
            from marts.fct_lead_score_components
            where points <> 0
            group by rule_id, rule_kind
            order by abs(sum(points)) desc, rule_id
            limit {TOP_RULES}
            """,
        )
    ]
    sources = [
        (str(value), int(n), int(mqls), int(sqls), int(customers), _num(rate))
        for value, n, mqls, sqls, customers, rate in _rows(
            connection,
            "select value, contacts, mqls, sqls, customers, customer_rate "
            "from marts.mart_source_performance where dimension = 'lead_source' "
            "order by contacts desc, value",
        )
    ]
    return ReportData(
        as_of_date=str(as_of),
        contacts=int(contacts),
        mql=stage_counts.get("mql", 0),
        sql=stage_counts.get("sql", 0),
        handover=int(handover),
        auc=_num(auc),
        backtest_date=None if backtest_date is None else str(backtest_date),
        labels=labels,
        stage_order=stage_order,
        stage_counts=stage_counts,
        score_bins=score_bins,
        scatter=scatter,
        deciles=deciles,
        rules=rules,
        sources=sources,
    )


# --- charts -------------------------------------------------------------------------------------


def _layout(fig, title: str, x_title: str, y_title: str) -> None:
    fig.update_layout(
        title={"text": title, "x": 0.01},
        xaxis_title=x_title,
        yaxis_title=y_title,
        template="plotly_white",
        height=420,
        margin={"l": 70, "r": 30, "t": 60, "b": 110},
        legend={"orientation": "h", "y": -0.32, "x": 0},
        font={"family": "Segoe UI, Helvetica, Arial, sans-serif", "size": 13},
    )


def build_figures(data: ReportData) -> dict[str, object]:
    """The six plotly figures, by chart name (see CHART_NAMES)."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    stage_text = data.labels.get("lifecycle_stage", {})
    quadrant_text = data.labels.get("quadrant", {})
    figures: dict[str, object] = {}

    # every band from the lowest to the highest, empty ones too, so the axis reads evenly
    counts = dict(data.score_bins)
    lows = [low for low, _ in data.score_bins]
    bands = (
        [float(low) for low in range(int(min(lows)), int(max(lows)) + 1, SCORE_BIN_WIDTH)]
        if lows
        else []
    )
    fig = go.Figure(
        go.Bar(
            x=[f"{low:g}–{low + SCORE_BIN_WIDTH:g}" for low in bands],
            y=[counts.get(low, 0) for low in bands],
            marker_color="#264653",
            hovertemplate="Lead score %{x}: %{y} contacts<extra></extra>",
        )
    )
    _layout(fig, "How hot are our contacts? Lead scores", "Lead score", "Contacts")
    figures["score_distribution"] = fig

    # Funnel: contacts that are at a stage or further along (stages in lifecycle order).
    reached, running = [], 0
    for stage in reversed(data.stage_order):
        running += data.stage_counts.get(stage, 0)
        reached.append(running)
    reached.reverse()
    fig = go.Figure(
        go.Funnel(
            y=[stage_text.get(s, s) for s in data.stage_order],
            x=reached,
            textinfo="value+percent initial",
            marker_color="#2a9d8f",
            customdata=[data.stage_counts.get(s, 0) for s in data.stage_order],
            hovertemplate="%{y}: %{x} reached it or went further, %{customdata} are there now"
            "<extra></extra>",
        )
    )
    _layout(fig, "The funnel: contacts per stage reached", "Contacts", "")
    figures["stage_funnel"] = fig

    fig = go.Figure()
    for quadrant, text in quadrant_text.items():
        points = [p for p in data.scatter if p[0] == quadrant]
        if not points:
            continue
        fig.add_trace(
            go.Scatter(
                x=[p[1] for p in points],
                y=[p[2] for p in points],
                mode="markers",
                name=f"{text} ({sum(p[3] for p in points)})",
                marker={
                    "size": [min(40, 6 + 3 * p[3] ** 0.5) for p in points],
                    "color": QUADRANT_COLOURS.get(quadrant, "#888"),
                    "opacity": 0.75,
                    "line": {"width": 0.5, "color": "#333"},
                },
                customdata=[p[3] for p in points],
                hovertemplate="fit %{x}, interest %{y}: %{customdata} contacts<extra>"
                + html.escape(text)
                + "</extra>",
            )
        )
    _layout(
        fig,
        "Who they are (fit) × what they do (interest)",
        "Fit score",
        "Interest score",
    )
    figures["fit_interest"] = fig

    fig = make_subplots(specs=[[{"secondary_y": True}]])
    buckets = [f"decile {d[0]}" for d in data.deciles]
    fig.add_trace(
        go.Bar(
            x=buckets,
            y=[d[3] for d in data.deciles],
            name="Conversion rate",
            marker_color="#e76f51",
            customdata=[[d[1], d[2]] for d in data.deciles],
            hovertemplate="%{x}: %{y:.1%} converted (%{customdata[1]} of %{customdata[0]})"
            "<extra></extra>",
        ),
        secondary_y=False,
    )
    fig.add_trace(
        go.Scatter(
            x=buckets,
            y=[d[4] for d in data.deciles],
            name="Lift (× average)",
            mode="lines+markers",
            marker_color="#264653",
            hovertemplate="%{x}: lift %{y:.2f}<extra></extra>",
        ),
        secondary_y=True,
    )
    _layout(
        fig,
        "Do higher scores convert more? (backtest)",
        "Score decile (1 = lowest scores, 10 = highest)",
        "",
    )
    fig.update_yaxes(
        title_text="Conversion rate", tickformat=".0%", rangemode="tozero", secondary_y=False
    )
    fig.update_yaxes(title_text="Lift", rangemode="tozero", secondary_y=True, showgrid=False)
    figures["decile_conversion"] = fig

    rules = list(reversed(data.rules))
    fig = go.Figure(
        go.Bar(
            x=[r[4] for r in rules],
            y=[f"{r[2]} ({r[0]})" for r in rules],
            orientation="h",
            marker_color=["#2a9d8f" if r[1] == "fit" else "#e9c46a" for r in rules],
            customdata=[[r[1], r[3]] for r in rules],
            hovertemplate="%{y}<br>%{customdata[0]} rule, %{x:.0f} points over "
            "%{customdata[1]} contacts<extra></extra>",
        )
    )
    _layout(
        fig,
        "Rules that give the most points (green fit, yellow interest)",
        "Points given, all contacts together",
        "",
    )
    fig.update_layout(height=max(420, 90 + 28 * len(rules)), margin={"l": 320})
    figures["top_rules"] = fig

    fig = go.Figure()
    values = [s[0] for s in data.sources]
    for index, (name, colour) in enumerate(
        (
            ("Contacts", "#9aa5b1"),
            ("MQLs", "#e9c46a"),
            ("SQLs", "#f4a261"),
            ("Customers", "#2a9d8f"),
        ),
        start=1,
    ):
        fig.add_trace(
            go.Bar(
                x=values,
                y=[s[index] for s in data.sources],
                name=name,
                marker_color=colour,
                hovertemplate="%{x}: %{y} " + name.lower() + "<extra></extra>",
            )
        )
    fig.update_layout(barmode="group")
    _layout(fig, "Which lead sources bring customers", "Lead source", "Contacts")
    figures["source_performance"] = fig
    return figures


# --- HTML ---------------------------------------------------------------------------------------

CSS = """
body { font-family: "Segoe UI", Helvetica, Arial, sans-serif; margin: 0; background: #f5f6f8;
  color: #1d2733; }
header { background: #264653; color: #fff; padding: 20px 32px; }
header h1 { margin: 0 0 4px 0; font-size: 24px; }
header p { margin: 0; opacity: 0.85; }
.figures { display: flex; flex-wrap: wrap; gap: 16px; padding: 20px 32px 0 32px; }
.figure { background: #fff; border-radius: 8px; padding: 14px 20px; min-width: 150px;
  box-shadow: 0 1px 3px rgba(0,0,0,0.12); }
.figure .value { font-size: 28px; font-weight: 600; }
.figure .label { font-size: 13px; color: #5b6b7b; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr)); gap: 16px;
  padding: 20px 32px; }
.chart { background: #fff; border-radius: 8px; padding: 8px;
  box-shadow: 0 1px 3px rgba(0,0,0,0.12); }
.chart p.note { margin: 4px 12px 8px 12px; font-size: 13px; color: #5b6b7b; }
footer { padding: 0 32px 24px 32px; font-size: 12px; color: #5b6b7b; }
"""

CHART_NOTES = {
    "score_distribution": "Lead score = fit + interest. Contacts per band of 10 points.",
    "stage_funnel": "Each bar counts the contacts at that stage or any later one.",
    "fit_interest": "Each dot is a group of contacts with the same scores; bigger = more.",
    "decile_conversion": "Contacts scored on the backtest day ({backtest_date}), split into ten "
    "equal groups by "
    "lead score; conversion = became a customer within the conversion window. Lift above 1 "
    "means the group converts better than average.",
    "top_rules": "Points each scoring rule gives across all contacts (negative rules too).",
    "source_performance": "Contacts per lead source and how many became MQL, SQL, customer.",
}


def _figure_box(element_id: str, label: str, value, shown: str) -> str:
    data_value = "" if value is None else str(value)
    return (
        f'<div class="figure" id="{element_id}" data-value="{html.escape(data_value)}">'
        f'<div class="value">{html.escape(shown)}</div>'
        f'<div class="label">{html.escape(label)}</div></div>'
    )


def render_html(data: ReportData) -> str:
    """The whole report as one HTML document (plotly.js inline in the head, once)."""
    from plotly.offline import get_plotlyjs

    figures = build_figures(data)
    stage_text = data.labels.get("lifecycle_stage", {})
    auc_shown = "n/a" if data.auc is None else f"{data.auc:.3f}"
    boxes = [
        _figure_box("kf-contacts", "Contacts scored", data.contacts, f"{data.contacts:,}"),
        _figure_box("kf-mql", stage_text.get("mql", "MQL"), data.mql, f"{data.mql:,}"),
        _figure_box("kf-sql", stage_text.get("sql", "SQL"), data.sql, f"{data.sql:,}"),
        _figure_box(
            "kf-handover", "In the sales hand-over queue", data.handover, f"{data.handover:,}"
        ),
        _figure_box(
            "kf-auc",
            "Backtest AUC (0.5 = chance, 1 = perfect ranking)",
            None if data.auc is None else repr(data.auc),
            auc_shown,
        ),
    ]
    sections = []
    for name in CHART_NAMES:
        note = CHART_NOTES[name].replace("{backtest_date}", data.backtest_date or "none")
        chart = figures[name].to_html(
            full_html=False,
            include_plotlyjs=False,
            div_id=f"chart-{name}",
            default_width="100%",
            config={"displaylogo": False, "responsive": True, "displayModeBar": False},
        )
        sections.append(
            f'<section class="chart" data-chart="{name}">{chart}'
            f'<p class="note">{html.escape(note)}</p></section>'
        )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Lead scoring report, {html.escape(data.as_of_date)}</title>"
        f"<style>{CSS}</style>"
        # plotly.js inline, once, before the charts (no CDN, no network)
        f'<script type="text/javascript">{get_plotlyjs()}</script></head><body>'
        "<header><h1>Lead scoring report</h1>"
        f'<p id="as-of" data-value="{html.escape(data.as_of_date)}">'
        f"Scores as of {html.escape(data.as_of_date)}</p></header>"
        f'<div class="figures">{"".join(boxes)}</div>'
        f'<div class="charts">{"".join(sections)}</div>'
        "<footer>Built from the lead-scoring warehouse marts (fct_lead_scores, "
        "mart_sales_handover, mart_scoring_performance, fct_lead_score_components, "
        "mart_source_performance). Self-contained: opens without a network.</footer>"
        # fit every chart to its card once the page is laid out
        "<script>window.addEventListener('load', function () {"
        "document.querySelectorAll('.js-plotly-plot').forEach(function (el) {"
        "Plotly.Plots.resize(el); }); });</script>"
        "</body></html>\n"
    )


def write_report(
    target: str, out: Path, dbt_vars: dict | None = None, project_dir: Path = PROJECT_ROOT
) -> ReportData:
    """Read the marts of target and write the report to out; returns what it showed."""
    connection = connect(target, project_dir=project_dir)
    try:
        data = read_report_data(connection)
    finally:
        connection.close()
    wanted = (dbt_vars or {}).get("as_of_date")
    if wanted is not None and str(wanted) != data.as_of_date:
        raise SystemExit(
            f"the marts of {describe(target, project_dir)} are as of {data.as_of_date}, "
            f"not {wanted}: "
            f"run dbt build --vars \"{{as_of_date: '{wanted}'}}\" first"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(data), encoding="utf-8")
    return data


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Write the lead-scoring report: one self-contained HTML file (plotly.js "
        "inline, no network) with the score distribution, stage funnel, fit x interest by "
        "quadrant, conversion and lift by score decile, top rules and source performance."
    )
    parser.add_argument(
        "--target", default=default_target(), help="dbt target to read (default: %(default)s)"
    )
    parser.add_argument(
        "--vars",
        help="dbt vars (YAML mapping) the marts were built with; an as_of_date is checked "
        "against the marts' as_of_date",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(DEFAULT_OUT),
        help="HTML file (default: %(default)s in the project folder)",
    )
    add_project_dir_argument(parser)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    setup_logging()
    out = (
        args.out
        if args.out.is_absolute() or args.out != Path(DEFAULT_OUT)
        else args.project_dir / args.out
    )
    try:
        dbt_vars = parse_vars(args.vars)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    data = write_report(args.target, out, dbt_vars, args.project_dir)
    log.info(
        "report as of %s (%d contacts, %d MQL, %d SQL, %d in hand-over) written to %s",
        data.as_of_date,
        data.contacts,
        data.mql,
        data.sql,
        data.handover,
        out,
    )
    print(out)
    return 0
