"""AK308 for templates and text past the limits: reported at the line, in a second or two."""

from __future__ import annotations

import time

import pytest

from conftest import SampleRepo, only, run_cli

COMM = "sections/constraints.md"

HOSTILE = [
    ("nested ranges", "{% for i in range(9999) %}{% for j in range(9999) %}{% endfor %}{% endfor %}"),
    ("huge range", "{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}"),
    ("string times", '{{ "x" * 4000000000 }}'),
    ("list times", '{{ ["x"] * 4000000000 }}'),
    ("power", "{{ 9 ** 99999999 }}"),
    ("doubling", '{% set ns = namespace(x="x") %}{% for i in range(60) %}{% set ns.x = ns.x ~ ns.x %}{% endfor %}'),
    ("replace", '{% set ns = namespace(x="xxxxxxxx") %}{% for i in range(60) %}{% set ns.x = ns.x.replace("x", ns.x) %}{% endfor %}'),
    ("padding", '{{ "x".center(4000000000) }}'),
    ("format width", '{{ "%999999999d"|format(1) }}'),
    ("str.format width", '{{ "{:>999999999}".format(1) }}'),
    ("recursive macro", "{% macro f() %}{{ f() }}{{ f() }}{% endmacro %}{{ f() }}"),
    ("nested divs", '<div markdown="1">\n' * 1500 + "x\n" + "</div>\n" * 1500),
    ("nested quotes", ">" * 1500 + " x"),
    ("emphasis run", "*" * 5000 + "x" + "*" * 5000),
]  # fmt: skip


@pytest.mark.parametrize("name, template", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_template_past_a_limit_is_ak308_at_its_line_within_two_seconds(
    sample: SampleRepo, name: str, template: str
) -> None:
    sample.replace(COMM, "## Budget\n", f"## Budget\n\nBefore.\n\n{template}\n")
    started = time.monotonic()
    found = only(sample.check().findings, "AK308")
    assert time.monotonic() - started < 2.5
    line = sample.line_of(COMM, template.split("\n")[0][:40], sample.line_of(COMM, "Before."))
    if name == "nested divs":
        line += 100  # where the nesting passes the limit
    assert [(f.location.file, f.location.line) for f in found] == [(f"agreement/{COMM}", line)]
    assert (
        "limit" in found[0].message or "deep" in found[0].message or "more than" in found[0].message
    )


def test_the_check_pre_commit_runs_ends_within_five_seconds_on_a_hostile_template(
    sample: SampleRepo,
) -> None:
    for index, (_, template) in enumerate(HOSTILE[:11]):
        name = f"sections/{['legal', 'terms', 'constraints', 'escalation', 'communication', 'definitions', 'introduction', 'responsibilities', 'service-levels', 'service-needs', 'stakeholders'][index]}.md"
        text = sample.read(name)
        heading = text.index("\n## ")
        sample.write(name, text[:heading] + f"\n\n{template}\n" + text[heading:])
    started = time.monotonic()
    result = run_cli("check", cwd=sample.root)  # the hook's command: `agreekit check`
    assert time.monotonic() - started < 5
    assert result.returncode == 1
    assert result.stdout.count("AK308") >= 11, result.stdout


def test_a_value_nested_past_the_limit_is_reported_at_its_line(sample: SampleRepo) -> None:
    deep = "<b>" * 150 + "x"
    sample.replace(
        "agreement.yml", "    name: Harbourside Housing Association\n", f'    name: "{deep}"\n'
    )
    started = time.monotonic()
    found = [f for f in sample.check().findings if f.code == "AK501"]
    assert time.monotonic() - started < 2.5
    line = sample.line_of("agreement.yml", '    name: "<b>')
    assert ("agreement/agreement.yml", line) in [(f.location.file, f.location.line) for f in found]
    assert any("more than 100" in f.message for f in found)
