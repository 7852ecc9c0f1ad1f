"""The documentation: the MkDocs site (mkdocs.yml, docs/) builds with --strict, so a warning, a
link to a missing page or heading or a file outside docs/ fails it; the README stays a five-minute
read (at most 300 lines) whose two set-up commands are the Makefile's `demo` and `test`, and whose
links point at files of the repository; no page links a path outside the repository; and every
example reason shown is the description of a rule of seeds/."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

from dbt_harness import PROJECT_DIR

README = PROJECT_DIR / "README.md"
DOCS = PROJECT_DIR / "docs"
README_MAX_LINES = 300
SETUP_COMMANDS = ["demo", "test"]
# a markdown link or image: [text](target) / ![alt](target)
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def test_mkdocs_builds_strictly_without_warnings(tmp_path):
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--config-file",
            str(PROJECT_DIR / "mkdocs.yml"),
            "--site-dir",
            str(tmp_path / "site"),
        ],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    output = built.stdout + built.stderr
    assert built.returncode == 0, output
    assert "WARNING" not in output, output
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "glossary" / "index.html").is_file()


def readme_quick_start_commands() -> list[str]:
    """The commands of the first code block after the README's "## Quick start" heading."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Quick start\n", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.DOTALL)
    assert block, "no bash block in the README's Quick start"
    return [line.split("#", 1)[0].strip() for line in block.group(1).splitlines() if line.strip()]


def makefile_targets() -> set[str]:
    text = (PROJECT_DIR / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w.-]*):(?!=)", text, re.MULTILINE))


def test_readme_is_short():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_MAX_LINES, f"README.md has {len(lines)} lines"


def test_readme_setup_commands_are_the_makefile_targets():
    commands = readme_quick_start_commands()
    assert commands == [f"make {target}" for target in SETUP_COMMANDS]
    assert set(SETUP_COMMANDS) <= makefile_targets()


def links(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    # code is quoted, not linked
    text = re.sub(r"```.*?```", "", text, flags=re.DOTALL)
    text = re.sub(r"`[^`\n]*`", "", text)
    return LINK.findall(text)


def test_readme_links_point_into_the_repository():
    local = [target for target in links(README) if not re.match(r"https?://", target)]
    assert local, "the README links no page of the docs"
    for target in local:
        path = (PROJECT_DIR / target.split("#", 1)[0]).resolve()
        assert path.is_relative_to(PROJECT_DIR), f"README links outside the repository: {target}"
        assert path.exists(), f"README links a missing file: {target}"


def test_docs_link_only_pages_of_the_site_or_public_sites():
    for page in sorted(DOCS.glob("*.md")) + [README]:
        for target in links(page):
            if re.match(r"https?://", target):
                assert not re.match(r"https?://(localhost|127\.)", target), (page.name, target)
                continue
            assert not target.startswith("/"), (page.name, target)
            if page != README:
                assert ".." not in target, (page.name, target)


def seed_rule_descriptions() -> list[str]:
    descriptions = []
    for seed in ("scoring_fit_rules.csv", "scoring_interest_rules.csv"):
        with (PROJECT_DIR / "seeds" / seed).open(encoding="utf-8", newline="") as rows:
            descriptions += [row["description"] for row in csv.DictReader(rows)]
    return descriptions


def test_example_reasons_are_rules_of_the_seeds():
    # a top reason reads "<description of a rule> (+<points>)"; every one the README and the
    # pages show must be the description of a row of seeds/, as the marts would print it
    descriptions = seed_rule_descriptions()
    shown = 0
    for page in [README, *sorted(DOCS.glob("*.md"))]:
        text = re.sub(r"\s+", " ", page.read_text(encoding="utf-8"))
        for points in re.finditer(r" \([+-]\d+\)", text):
            before = text[: points.start()]
            shown += 1
            assert any(before.endswith(description) for description in descriptions), (
                f"{page.name}: a reason matching no rule of seeds/: ...{before[-60:]}{points[0]}"
            )
    assert shown >= 3, "the README and the pages show no example reason"
