"""The HTML report (scripts/report.py) opened in a real headless Chromium.

The hand-worked fixture (tests_py/fixtures/scoring, see test_scoring_end_to_end.py), as built once
for the session (conftest.py), is read: the report is written from its marts, and Chromium loads
the file with the network switched off (file://, no background networking): every one of the six
charts must have drawn (plotly's `.main-svg` inside the chart's div), the key figures shown must
equal the marts, and a screenshot is kept as a test artifact in
target/test-artifacts/lead_scoring_report.png.

Chromium is /usr/bin/chromium (`apt-get install -y chromium`, done by .ci/run). Without it the
test skips, and with CI=true it fails instead (the `chromium` fixture of conftest.py; the tests
carry the `browser` marker).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from dbt_harness import PROJECT_DIR, environment

ARTIFACTS = PROJECT_DIR / "target" / "test-artifacts"
# the six charts, in the report's order (the test's own list, not the code's)
CHARTS = (
    "score_distribution",
    "stage_funnel",
    "fit_interest",
    "decile_conversion",
    "top_rules",
    "source_performance",
)
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--virtual-time-budget=10000",
)


def run_chromium(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def report(chromium, scoring_warehouse, tmp_path_factory):
    """(html path, DuckDB path, the DOM after the scripts ran, screenshot path)."""
    browser = chromium
    tmp = tmp_path_factory.mktemp("report")
    database = scoring_warehouse.database
    out = tmp / "lead_scoring_report.html"
    written = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "scripts" / "report.py"), "--out", str(out)],
        env=environment(database),
        capture_output=True,
        text=True,
        check=False,
    )
    assert written.returncode == 0, written.stderr
    dom = run_chromium(browser, tmp / "profile-dom", "--dump-dom", out.as_uri())
    assert dom.returncode == 0, dom.stderr[-3000:]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot = ARTIFACTS / "lead_scoring_report.png"
    screenshot.unlink(missing_ok=True)
    shot = run_chromium(
        browser,
        tmp / "profile-shot",
        "--window-size=1400,2000",
        f"--screenshot={screenshot}",
        out.as_uri(),
    )
    assert shot.returncode == 0, shot.stderr[-3000:]
    return out, database, dom.stdout, screenshot


def chart_markup(dom: str, name: str) -> str:
    """The markup of one chart's section, from its opening tag to the next section."""
    match = re.search(
        rf'<section class="chart" data-chart="{name}">(.*?)</section>', dom, flags=re.S
    )
    assert match, f"chart {name} missing from the DOM"
    return match.group(1)


def test_report_is_self_contained(report):
    html_path, _, _, _ = report
    text = html_path.read_text(encoding="utf-8")
    # no external script, stylesheet or image: plotly.js is inline
    assert not re.search(r"<script[^>]*\bsrc=", text)
    assert "<link" not in text
    assert not re.search(r"<img[^>]*\bsrc=\"?https?:", text)
    assert "Plotly.newPlot" in text


def test_every_chart_drew_in_the_browser(report):
    _, _, dom, _ = report
    for name in CHARTS:
        markup = chart_markup(dom, name)
        # plotly.js replaced the empty div with its rendered SVG
        assert f'id="chart-{name}"' in markup, name
        assert "plot-container" in markup, name
        assert "main-svg" in markup, name
    # the charts drew their data (plotly marks each bar, funnel stage or dot as a "point"):
    # lead scores 0, 0, 40, 56.5, 114, 144, 150 fall in the 10-point bands 0, 4, 5, 11, 14, 15:
    # bands 0-10 to 150-160 are 16 bars, the empty ones too
    assert marks(dom, "score_distribution") == 16
    # six lifecycle stages
    assert marks(dom, "stage_funnel") == 6
    # seven contacts, C2 and C4 both at fit 0 / interest 0 in the same quadrant: six dots
    assert marks(dom, "fit_interest") == 6
    for name in ("decile_conversion", "top_rules", "source_performance"):
        assert marks(dom, name) > 0, name


def marks(dom: str, name: str) -> int:
    """Bars, funnel stages and scatter dots plotly drew in one chart."""
    markup = chart_markup(dom, name)
    return markup.count('<g class="point"') + len(re.findall(r'<path class="point[ "]', markup))


def figure(dom: str, element_id: str) -> tuple[str, str]:
    """(data-value, shown text) of a key-figure box."""
    match = re.search(
        rf'<div class="figure" id="{element_id}" data-value="([^"]*)">'
        r'<div class="value">([^<]*)</div>',
        dom,
    )
    assert match, element_id
    return match.group(1), match.group(2)


def test_key_figures_equal_the_marts_and_the_hand_worked_numbers(report):
    _, database, dom, _ = report
    connection = duckdb.connect(str(database), read_only=True)
    try:
        ((contacts, mql, sql),) = connection.execute(
            "select count(*), count(*) filter (where lifecycle_stage = 'mql'), "
            "count(*) filter (where lifecycle_stage = 'sql') from marts.fct_lead_scores"
        ).fetchall()
        ((handover,),) = connection.execute(
            "select count(*) from marts.mart_sales_handover"
        ).fetchall()
        ((auc,),) = connection.execute(
            "select auc_lead_score from marts.mart_scoring_performance where dimension = 'overall'"
        ).fetchall()
    finally:
        connection.close()
    # by hand (test_scoring_end_to_end): C1..C8 without C5 = 7 contacts; C6 and C7 are mql,
    # C1 sql; the hand-over queue holds C1, C6, C7
    assert (contacts, mql, sql, handover) == (7, 2, 1, 3)
    assert figure(dom, "kf-contacts") == ("7", "7")
    assert figure(dom, "kf-mql") == ("2", "2")
    assert figure(dom, "kf-sql") == ("1", "1")
    assert figure(dom, "kf-handover") == ("3", "3")
    auc_value, auc_shown = figure(dom, "kf-auc")
    if auc is None:
        assert (auc_value, auc_shown) == ("", "n/a")
    else:
        assert float(auc_value) == pytest.approx(auc)
        assert auc_shown == f"{auc:.3f}"
    assert 'id="as-of" data-value="2026-06-30"' in dom


def test_labels_come_from_the_labels_mart(report):
    _, _, dom, _ = report
    # the stage funnel and the quadrant legend use dim_scoring_labels' texts
    assert "Marketing qualified (MQL)" in chart_markup(dom, "stage_funnel")
    # quadrants by hand (fit high >= 50, interest high >= 40): C1 75/69 and C3 50/64 sweet_spot
    # ("Follow up now"), C6 50/6.5 nurture, C8 0/150 review, C2 0/0, C4 0/0, C7 40/0 avoid
    legend = chart_markup(dom, "fit_interest")
    for text in (
        "Follow up now (2)",
        "Build interest (1)",
        "Qualify by hand (1)",
        "Low priority (3)",
    ):
        assert f">{text}<" in legend, text


def test_screenshot_kept_as_artifact(report):
    _, _, _, screenshot = report
    data = screenshot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a drawn page, not a blank one
