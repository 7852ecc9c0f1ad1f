"""Write the lead-scoring report: one self-contained HTML file with six charts (SPEC §6).

Thin wrapper of ``lead_scoring.report.main``, also installed as the console script
``lead-scoring-report``; ``--help`` lists the options.
"""

from lead_scoring.report import main

if __name__ == "__main__":
    raise SystemExit(main())
