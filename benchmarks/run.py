"""Run every benchmark and write benchmarks/RESULTS.md: the machine, the figures, the ratios.

    python benchmarks/run.py            # about five minutes on two cores
    python benchmarks/run.py --quick    # fewer runs, to try it out

Targets (issue 7):
- `agreekit check` on the sample: at most 3x the start-up of `python -c "import click, yaml"`, and
  faster than markdownlint-cli2 on the same Markdown files;
- check on 2,000 generated sections at most 2.2x its time on 1,000, and at least 5 MB a second;
- `status` on 5,000 commits and 200 approval tags at most 1.5x its time on 50 commits;
- `agreekit build --no-pdf` at most 1.3x plain `mkdocs build` on the same sections;
- `agreekit build` (site, tagged PDF and the Word copy) at most 1.5x the site and PDF alone
  (`--no-docx`), which is what build wrote before the Word copy (issue 18);
- `agreekit report` on 1,000,000 tickets at most the time Python's `csv` module takes just to read
  the same file, and on 2,000,000 at most 2.1x its time on 1,000,000 (issue 20).
markdownlint-cli2 is installed from npm into benchmarks/.tools on first use.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import SAMPLE, history, large_agreement  # noqa: E402
from timing import Command, Timing, interleaved, run_once  # noqa: E402

from agreekit.files import write_atomic  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
TOOLS = ROOT / "benchmarks" / ".tools"
MARKDOWNLINT = "markdownlint-cli2@0.24.1"
PY = sys.executable


@dataclass(frozen=True)
class Outcome:
    benchmark: str
    measured: str
    target: str
    met: bool | None  # None: could not be measured here


def agreekit(*args: str) -> list[str]:
    return [PY, "-m", "agreekit", *args]


def check_start_up(runs: int) -> tuple[list[Outcome], list[Timing]]:
    commands = [
        Command("python -c 'import click, yaml'", [PY, "-c", "import click, yaml"], ROOT),
        Command("agreekit check (sample)", agreekit("check"), ROOT),
    ]
    linter = markdownlint()
    sections = sorted(str(p) for p in (SAMPLE / "sections").glob("*.md"))
    if linter:
        commands.append(Command("markdownlint-cli2 (same files)", [linter, *sections], ROOT))
    timings = interleaved(commands, runs)
    start_up, check = timings[0], timings[1]
    ratio = check.median / start_up.median
    outcomes = [
        Outcome(
            "check on the sample vs Python start-up with click and yaml",
            f"{check.median * 1000:.0f} ms vs {start_up.median * 1000:.0f} ms: {ratio:.2f}x",
            "at most 3x",
            ratio <= 3,
        )
    ]
    if linter:
        lint = timings[2]
        outcomes.append(
            Outcome(
                "check on the sample vs markdownlint-cli2 on its Markdown",
                f"{check.median * 1000:.0f} ms vs {lint.median * 1000:.0f} ms: "
                f"{check.median / lint.median:.2f}x",
                "faster (below 1x)",
                check.median < lint.median,
            )
        )
    else:
        outcomes.append(Outcome("check vs markdownlint-cli2", "npm unavailable", "faster", None))
    return outcomes, timings


def check_scaling(runs: int, work: Path) -> tuple[list[Outcome], list[Timing]]:
    sizes = {}
    for count in (1000, 2000):
        sizes[count] = large_agreement(work / f"sections-{count}", count)
    commands = [
        Command(f"check, {count} sections", agreekit("check"), work / f"sections-{count}")
        for count in sizes
    ]
    small, large = interleaved(commands, runs)
    ratio = large.median / small.median
    slowest_rate = min(sizes[1000] / small.median, sizes[2000] / large.median) / 1e6
    return [
        Outcome(
            "check on 2,000 sections vs 1,000",
            f"{large.median:.2f} s vs {small.median:.2f} s: {ratio:.2f}x",
            "at most 2.2x",
            ratio <= 2.2,
        ),
        Outcome(
            "check throughput (whole command, slower of the two sizes)",
            f"{slowest_rate:.1f} MB/s ({sizes[1000] / 1e6:.1f} MB and {sizes[2000] / 1e6:.1f} MB)",
            "at least 5 MB/s",
            slowest_rate >= 5,
        ),
    ], [small, large]


def status_history(runs: int, work: Path) -> tuple[list[Outcome], list[Timing]]:
    short = history(work / "short", 50, 3)
    long = history(work / "long", 5000, 200)
    first = run_once(Command("status, first run", agreekit("status"), long))
    commands = [
        Command("status, 50 commits, 3 approvals", agreekit("status"), short),
        Command("status, 5,000 commits, 200 approvals", agreekit("status"), long),
    ]
    small, large = interleaved(commands, runs)
    ratio = large.median / small.median
    first_run = Timing("status, 5,000 commits, first run (verifies 200 signatures)", (first,))
    return [
        Outcome(
            "status on 5,000 commits and 200 approval tags vs 50 commits",
            f"{large.median * 1000:.0f} ms vs {small.median * 1000:.0f} ms: {ratio:.2f}x "
            f"(first run, verifying every signature: {first:.1f} s)",
            "at most 1.5x",
            ratio <= 1.5,
        )
    ], [small, large, first_run]


def build_site(runs: int, work: Path) -> tuple[list[Outcome], list[Timing]]:
    repo = work / "site"
    shutil.copytree(SAMPLE, repo / "agreement")
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    (repo / "mkdocs.yml").write_text(config, "utf-8")
    # The same theme, extensions and sections, without the agreekit plugin.
    plain = config.replace("  - agreekit\n", "")
    (repo / "mkdocs-plain.yml").write_text(plain, "utf-8")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "sample"]):
        subprocess.run(
            ["git", "-c", "user.name=Bench", "-c", "user.email=b@example.com", *args],
            cwd=repo, check=True, capture_output=True,
        )  # fmt: skip
    commands = [
        Command("mkdocs build (no plugin)", [PY, "-m", "mkdocs", "build", "-q", "-f", "mkdocs-plain.yml", "-d", "plain-site"], repo),
        Command("agreekit build --no-pdf", agreekit("build", "--no-pdf"), repo),
    ]  # fmt: skip
    plain_build, ours = interleaved(commands, runs)
    ratio = ours.median / plain_build.median
    copies = [
        Command("agreekit build --no-docx (site, PDF)", agreekit("build", "--no-docx", "--force"), repo),
        Command("agreekit build (site, PDF, Word)", agreekit("build", "--force"), repo),
    ]  # fmt: skip
    without_word, everything = interleaved(copies, max(3, runs // 2))
    copies_ratio = everything.median / without_word.median
    return [
        Outcome(
            "build --no-pdf vs plain mkdocs build",
            f"{ours.median * 1000:.0f} ms vs {plain_build.median * 1000:.0f} ms: {ratio:.2f}x",
            "at most 1.3x",
            ratio <= 1.3,
        ),
        Outcome(
            "build with PDF and Word copy vs build with PDF only",
            f"{everything.median * 1000:.0f} ms vs {without_word.median * 1000:.0f} ms: "
            f"{copies_ratio:.2f}x",
            "at most 1.5x",
            copies_ratio <= 1.5,
        ),
    ], [plain_build, ours, without_word, everything]


CSV_READ = (
    "import csv, sys\nfor _ in csv.reader(open(sys.argv[1], newline='', encoding='utf-8')): pass"
)


def service_report(runs: int, work: Path) -> tuple[list[Outcome], list[Timing]]:
    """`agreekit report` on 1M and 2M generated tickets, side by side with a plain csv read."""
    from tickets import write_tickets

    files = {}
    for count in (1_000_000, 2_000_000):
        files[count] = write_tickets(work / f"tickets-{count}.csv", count, dt.date(2027, 3, 1))
    commands = []
    for count, path in files.items():
        label = f"{count // 1_000_000}M"
        commands.append(
            Command(
                f"python csv module reads {label} tickets", [PY, "-c", CSV_READ, str(path)], ROOT
            )
        )
        commands.append(
            Command(
                f"agreekit report, {label} tickets",
                agreekit(
                    "report", "--tickets", str(path), "--period", "2027-03", "--format", "json"
                ),
                ROOT,
            )
        )
    csv_1m, report_1m, csv_2m, report_2m = interleaved(commands, runs)
    against_csv = report_1m.median / csv_1m.median
    growth = report_2m.median / report_1m.median
    return [
        Outcome(
            "report on 1M tickets vs the csv module reading them",
            f"{report_1m.median:.2f} s vs {csv_1m.median:.2f} s: {against_csv:.2f}x "
            f"(2M: {report_2m.median:.2f} s vs {csv_2m.median:.2f} s)",
            "at most 1x",
            against_csv <= 1,
        ),
        Outcome(
            "report on 2M tickets vs 1M",
            f"{report_2m.median:.2f} s vs {report_1m.median:.2f} s: {growth:.2f}x",
            "at most 2.1x",
            growth <= 2.1,
        ),
    ], [csv_1m, report_1m, csv_2m, report_2m]


def markdownlint() -> str | None:
    """The markdownlint-cli2 executable, installed from npm on first use; None without npm."""
    executable = TOOLS / "node_modules" / ".bin" / "markdownlint-cli2"
    if executable.exists():
        return str(executable)
    if shutil.which("npm") is None:
        return None
    TOOLS.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        ["npm", "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund", MARKDOWNLINT],
        capture_output=True,
        check=False,
    )
    return str(executable) if result.returncode == 0 and executable.exists() else None


def machine() -> list[str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    memory = next(
        (
            f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        "unknown",
    )
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=False)
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores; memory {memory}",
        f"- OS: {platform.platform()}",
        f"- Python {platform.python_version()}; Node {node.stdout.strip() or 'absent'}",
        f"- agreekit at commit {commit or 'unknown'}; run on {dt.date.today().isoformat()}",
    ]


def report(outcomes: list[Outcome], timings: list[Timing]) -> str:
    rows = [
        f"| {o.benchmark} | {o.measured} | {o.target} | "
        f"{'yes' if o.met else 'not measured' if o.met is None else '**no**'} |"
        for o in outcomes
    ]
    gaps = [f"- {o.benchmark}: {o.measured}, target {o.target}." for o in outcomes if not o.met]
    details = [f"| {t.name} | {t.ms()} |" for t in timings]
    return "\n".join(
        [
            "# Benchmark results",
            "",
            "Written by `python benchmarks/run.py`; the figures of its last run. Each time is the "
            "median of several runs of a fresh process (the count is in the last table), with the "
            "commands compared run in turn, so that a noisy machine slows each alike.",
            "",
            "## Machine",
            "",
            *machine(),
            "",
            "## Targets",
            "",
            "| Benchmark | Measured | Target | Met |",
            "|---|---|---|---|",
            *rows,
            "",
            "## Gaps",
            "",
            *(gaps or ["None: every target is met."]),
            "",
            "## Where time goes",
            "",
            "- Imports: `python -X importtime -m agreekit check 2> imports.txt` (sort by the second "
            "column); check must not import Jinja, markdown-it or pydantic on the sample "
            "(tests/commands/check_test.py).",
            "- Work: `python -m cProfile -s tottime -m agreekit check` in a generated agreement "
            '(`python -c \'import sys; sys.path.insert(0, "benchmarks"); import generate, pathlib; '
            'generate.large_agreement(pathlib.Path("/tmp/big"), 1000)\'`).',
            "- git: status and build time each git process; `status` asks a fixed number of them.",
            "- build: `python -X importtime` and `python -m cProfile -s cumulative -m agreekit build "
            "--no-pdf` in a committed copy of the sample (as `build_site` sets it up). A build keeps "
            "the theme's compiled templates in `.git/agreekit-templates-jinja-*` (remove it to time "
            "a first build: about 130-210 ms more) and makes the Word copy in a forked child while "
            "MkDocs builds the site, so its CPU time (user+sys of the whole command) exceeds its "
            "wall time on two cores; compare both.",
            "",
            "## Every timing",
            "",
            "| Command | Median (best, runs) |",
            "|---|---|",
            *details,
            "",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, to try it out")
    runs = 3 if parser.parse_args().quick else 15
    outcomes: list[Outcome] = []
    timings: list[Timing] = []
    benchmarks: list[Callable[[Path], tuple[list[Outcome], list[Timing]]]] = [
        lambda work: check_start_up(runs),
        lambda work: check_scaling(max(3, runs // 2), work),
        lambda work: status_history(runs, work),
        lambda work: build_site(max(3, runs // 2), work),
        lambda work: service_report(max(3, runs // 3), work),
    ]
    with tempfile.TemporaryDirectory(prefix="agreekit-bench-") as folder:
        for benchmark in benchmarks:
            found, timed = benchmark(Path(folder))
            outcomes += found
            timings += timed
            for outcome in found:
                print(f"{'ok ' if outcome.met else '-- '} {outcome.benchmark}: {outcome.measured}")
    write_atomic(RESULTS, report(outcomes, timings))
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
