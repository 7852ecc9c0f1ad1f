"""Write the lead-scoring report: one self-contained HTML file with six charts (SPEC §6).

Usage: python scripts/report.py [--target duckdb] [--vars YAML]
                                [--out target/lead_scoring_report.html]
See lead_scoring/report.py for the charts and the key figures.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lead_scoring.report import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main())
