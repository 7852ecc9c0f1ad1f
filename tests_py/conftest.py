"""Shared pytest set-up for the whole suite.

The scripts under ``scripts/`` are thin wrappers that import the ``lead_scoring`` package. The
virtual environment has the package installed editable from *a* checkout; the tests must run the
package of *this* checkout (the one pytest was started in), also in the subprocesses they start
(``python scripts/...``). Putting the checkout first on PYTHONPATH does that: a path on
PYTHONPATH is searched before the editable install's finder.
"""

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]

os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(PROJECT_DIR), *filter(None, [os.environ.get("PYTHONPATH")])]
)
