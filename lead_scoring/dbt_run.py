"""What a person sees of a dbt run started by the project's programs (``make build``,
``what_if.py``): progress while it runs, and when it fails, the problems as the last lines.

dbt prints a failing node's message in the middle of its output (a bad seed stops the typed seed
models, and every model after them is then listed as SKIP: hundreds of lines), so the problem
scrolls away. ``failure_report`` reads the run's ``run_results.json`` and writes each failing
node's message once, cleaned of dbt's frames (``> in macro ...``), to be printed last.
``run_with_progress`` runs a dbt command whose output is kept rather than shown, and logs how far
it has got instead of leaving the person in silence.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import subprocess
import sys
import time
from pathlib import Path

log = logging.getLogger(__name__)

#: run_results statuses of a node that failed (a warning is not a failure)
FAILED = ("error", "fail", "runtime error")
#: a progress line of dbt: "12 of 506 OK created sql table model ..."
PROGRESS = re.compile(r"\b(\d+) of (\d+) (?:OK|PASS|WARN|ERROR|FAIL|SKIP|NO-OP)\b")
#: dbt's message when an incremental table's columns differ from its model's (on_schema_change
#: fail): the table was built by an older version of the project
OUT_OF_SYNC = "schemas on this incremental model are out of sync"
#: seconds between two progress lines at least
PROGRESS_EVERY = 5.0


def clean_message(message: str) -> str:
    """A node's error message without dbt's frames: the ``> in macro`` / ``> called by`` lines,
    blank lines, and, for a compilation error (the project's own checks raise one, e.g. a bad
    seed), the first line that only names the node."""
    lines = [
        line.rstrip()
        for line in message.splitlines()
        if line.strip() and not line.strip().startswith("> ")
    ]
    if lines and lines[0].startswith("Compilation Error in ") and len(lines) > 1:
        lines = lines[1:]
    indent = min(len(line) - len(line.lstrip()) for line in lines) if lines else 0
    return "\n".join(line[indent:] for line in lines)


def failures(run_results: dict) -> list[str]:
    """The message of every failing node of a run, once each, in run order."""
    messages: list[str] = []
    for result in run_results.get("results", []):
        status = str(result.get("status", "")).lower()
        if status not in FAILED:
            continue
        text = clean_message(str(result.get("message") or ""))
        name = str(result.get("unique_id", "")).split(".")[-1]
        if status == "fail":
            text = f"test {name} failed: {text}"
        elif not text:
            text = f"{name}: {status}"
        elif OUT_OF_SYNC in text:
            text = (
                f"{name} was built by an older version of the project (its columns changed): "
                "run `dbt build --full-refresh` once.\n" + text
            )
        if text not in messages:
            messages.append(text)
    return messages


def failure_report(target_path: Path) -> str | None:
    """The closing lines of a failed run whose artefacts are in target_path: each problem,
    indented; None when the run left no run_results.json or no failing node (dbt stopped before
    running any node, e.g. in an on-run-start check, and its last lines already say why)."""
    path = target_path / "run_results.json"
    try:
        run_results = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    found = failures(run_results)
    if not found:
        return None
    lines = [f"dbt failed ({len(found)} problem{'s' if len(found) != 1 else ''}):"]
    for message in found:
        lines.extend("  " + line for line in message.splitlines())
    return "\n".join(lines)


def run_with_progress(
    command: list[str], label: str, **popen: object
) -> subprocess.CompletedProcess:
    """Run a dbt command, keeping its output (stdout and stderr together, as stdout) and logging
    how many of its nodes are done every few seconds, and when it ends."""
    started = time.monotonic()
    last = started
    output: list[str] = []
    log.info("%s: dbt reads the project, then builds its nodes", label)
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **popen,  # type: ignore[call-overload]
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            output.append(line)
            # the nodes, not the run's hooks ("1 of 4 OK hook: ...")
            found = None if " hook: " in line else PROGRESS.search(line)
            now = time.monotonic()
            if found and now - last >= PROGRESS_EVERY:
                last = now
                log.info(
                    "%s: %s of %s nodes done (%.0f s)",
                    label,
                    found.group(1),
                    found.group(2),
                    now - started,
                )
        returncode = process.wait()
    log.info(
        "%s: %s after %.0f s",
        label,
        "done" if returncode == 0 else "failed",
        time.monotonic() - started,
    )
    return subprocess.CompletedProcess(command, returncode, "".join(output), "")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Print the problems of the last dbt run (its run_results.json) as the last "
        "lines of a failing `make build`: every failing node's message once, without dbt's "
        "frames. Prints nothing when the run left no failing node."
    )
    parser.add_argument(
        "--target-path",
        type=Path,
        default=Path("target"),
        help="dbt's target folder of the run (default: target)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    report = failure_report(args.target_path)
    if report is not None:
        print(report, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
