"""The whole workflow as an agreement owner drives it, three cycles long: `agreekit init`, the
filled skeleton, approvals by a manager and a legal reviewer, the records (negotiation, legal
review, internal review, the signing meeting with its invitation, the notices to departments),
the owner's signature and the release of v1.0.0; then an amendment released as v1.1.0 and a
renewal released as v2.0.0, each with its own records, approvals and signatures.

After every step `agreekit status --json` is read: within a cycle `Next` never points back to an
earlier step and progress never falls. A new cycle restarts them: its approvals, signatures and
record steps start again, so progress restarts at the share of steps 1-9 (the text) done.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import yaml

from conftest import SAMPLE
from walkthrough.start_your_own_test import FACTS, Organisation

MANAGER, LEGAL, OWNER = "amara-okafor", "rachel-osei", "daniel-reeve"
AGREEMENT_YML = Path("agreement/agreement.yml")
RECORDS = Path("agreement/records")


def stakeholders() -> list[dict[str, Any]]:
    """The sample's people, where one manager and one legal reviewer approve and the owner signs."""
    people = []
    for person in FACTS["stakeholders"]:
        person = dict(person, signatory=person["id"] == OWNER)
        if person["id"] == OWNER:
            person["roles"] = ["owner"]
        people.append(person)
    return people


def fill(org: Organisation) -> None:
    """The skeleton's placeholders filled with the sample's facts and text; signers for three."""
    path = org.root / AGREEMENT_YML
    text = path.read_text("utf-8")
    data = yaml.safe_load(text)
    for key in ("reference", "parties", "term", "teams", "departments", "variables"):
        data[key] = FACTS[key]
    data["stakeholders"] = stakeholders()
    path.write_text(text.splitlines()[0] + "\n" + yaml.safe_dump(data, sort_keys=False))
    for section in sorted((SAMPLE / "sections").glob("*.md")):
        shutil.copy(section, org.root / "agreement" / "sections" / section.name)
    signers = "".join(
        f'{org.person(who)["email"]} namespaces="git" '
        f"{Path(f'{org.key(who)}.pub').read_text().strip()}\n"
        for who in (MANAGER, LEGAL, OWNER)
    )
    (org.root / ".github" / "allowed_signers").write_text(signers)


class Walk:
    """The owner's view after each step: status as JSON, and what may not go back in a cycle."""

    def __init__(self, org: Organisation) -> None:
        self.org = org
        self.today = "2026-10-01"
        self.cycle = ""
        self.next = 0
        self.progress = 0
        self.seen: list[str] = []

    def run(self, *args: str, who: str = OWNER, code: int = 0, cwd: Path | None = None) -> str:
        env_today = {"AGREEKIT_TODAY": self.today}
        result = self.org.run(*args, who=who, env=env_today, cwd=cwd)
        assert result.returncode == code, f"{args}: {result.stdout}{result.stderr}"
        return result.stdout + result.stderr

    def commit(self, message: str) -> None:
        self.run("git", "add", "-A")
        self.run("git", "commit", "-q", "--no-verify", "-m", message)

    def status(self, label: str, new_cycle: bool = False) -> dict[str, Any]:
        """Status after `label`; asserts Next and progress went no way but forward."""
        result = self.org.run("agreekit", "status", "--json", env={"AGREEKIT_TODAY": self.today})
        assert result.returncode == 0 and "fatal" not in result.stderr, result.stderr
        data: dict[str, Any] = json.loads(result.stdout)
        data["by"] = {s["number"]: s for s in data["steps"]}
        kind = data["cycle"].get("kind", "first")
        step = data["next"] or 20  # no next step: past the last one
        if new_cycle:
            self.next, self.progress = 0, 0
        else:
            assert step >= self.next, f"{label}: Next went back from {self.next} to {step}: {data}"
            assert data["progress"] >= self.progress, (
                f"{label}: progress fell from {self.progress} to {data['progress']}"
            )
        self.next, self.progress, self.cycle = step, data["progress"], kind
        self.seen.append(f"{label}: {kind} next {step} {data['progress']}%")
        return data


def write_record(org: Organisation, name: str, folder: Path = RECORDS, **changes: str) -> None:
    """The sample's record `name` written over the template in `folder` (its schema line kept),
    each `old=new` of `changes` applied to the text."""
    path = org.root / folder / name
    modeline = path.read_text("utf-8").splitlines()[0]
    assert modeline.startswith("# yaml-language-server: $schema=")
    body = (SAMPLE / "records" / name).read_text("utf-8").split("\n", 1)[1]
    for old, new in changes.items():
        assert old in body, (name, old)
        body = body.replace(old, new)
    path.write_text(modeline + "\n" + body)


def tell(org: Organisation, folder: Path, day: str) -> None:
    """Each department's notice sent: its `told` date."""
    path = org.root / folder / "communication.yml"
    text = path.read_text("utf-8").replace("  - department: ", f"  - told: {day}\n    department: ")
    path.write_text(text)


def edit(org: Organisation, relative: str, old: str, new: str) -> None:
    path = org.root / "agreement" / relative
    text = path.read_text("utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new, 1))


def cycle(walk: Walk, folder: Path, version: str, meeting: str, changes: dict[str, str]) -> None:
    """One cycle's steps 10-19 in the workflow's order, status read after each."""
    org = walk.org
    walk.run("agreekit", "approve", "initial", "--as", MANAGER, who=MANAGER)
    data = walk.status("initial approval")
    assert data["by"][10]["state"] == "done" and data["next"] == 11
    assert "not filled in yet" in data["by"][11]["evidence"]

    # 11: the negotiation's revised terms go into the text and the record
    edit(org, "sections/constraints.md", "## Budget", f"## Budget\n\n{changes['negotiated']}")
    write_record(org, "negotiation.yml", folder)
    walk.commit("Negotiated terms")
    data = walk.status("negotiation")
    # the initial approval is of the draft before the revised terms: stale, and passed (the
    # final approval covers it), so it is not Next and progress keeps it
    assert states(data, 10, 11) == ["stale", "done"] and data["next"] == 12

    walk.run("agreekit", "approve", "legal", "--as", LEGAL, who=LEGAL)
    data = walk.status("legal approval")
    assert data["by"][12]["state"] == "done" and data["next"] == 13

    # 13: legal's edits to a legal-owned section, and the record of what they resolve
    edit(
        org,
        "sections/legal.md",
        "## Confidentiality\n",
        f"## Confidentiality\n\n{changes['legal']}\n",
    )
    write_record(org, "legal-review.yml", folder)
    walk.commit("Legal review edits")
    data = walk.status("legal review")
    assert states(data, 11, 12, 13) == ["done", "stale", "ready"] and data["next"] == 13
    assert "legal approves the edited legal-owned sections again" in data["by"][13]["evidence"]
    walk.run("agreekit", "approve", "legal", "--as", LEGAL, who=LEGAL)
    data = walk.status("legal approves its edits")
    assert states(data, 12, 13) == ["done", "done"] and data["next"] == 14

    write_record(org, "internal-review.yml", folder)
    walk.commit("Internal review")
    data = walk.status("internal review")
    assert data["by"][14]["state"] == "done" and data["next"] == 15

    walk.run("agreekit", "approve", "final", "--as", MANAGER, who=MANAGER)
    data = walk.status("final approval")
    assert states(data, 10, 12, 15) == ["done"] * 3 and data["next"] == 16

    # 16: the meeting is done only once its invitation is written
    write_record(org, "signing.yml", folder, **{"date: 2027-01-20": f"date: {meeting}"})
    walk.commit("Signing meeting")
    data = walk.status("meeting scheduled")
    assert data["by"][16]["state"] == "ready" and "no invitation yet" in data["by"][16]["evidence"]
    assert data["next"] == 16
    walk.run("agreekit", "meeting")
    walk.commit("The invitation is sent")
    data = walk.status("invitation written")
    assert data["by"][16]["state"] == "done" and data["next"] == 17, data["by"][16]

    # 17: the notices announced, then each department told
    write_record(org, "communication.yml", folder)
    notices = walk.run("agreekit", "announce")
    assert (org.root / "dist" / "notices" / "finance.eml").is_file(), notices
    data = walk.status("notices written")
    assert data["by"][17]["state"] == "ready" and data["next"] == 17
    tell(org, folder, walk.today)
    walk.commit("Every department told")
    data = walk.status("departments told")
    assert states(data, 16, 17, 18) == ["done"] * 3 and data["next"] == 19

    signed = walk.run("agreekit", "sign", "--as", OWNER)
    assert "Daniel Reeve signed the agreement text for content" in signed
    data = walk.status("signed")
    assert data["by"][19]["state"] == "ready" and version in data["by"][19]["evidence"]
    assert data["next"] == 19
    released = walk.run("agreekit", "release")
    assert f"Released {version}" in released
    data = walk.status("released")
    assert data["progress"] == 100 and data["next"] is None
    assert data["cycle"]["kind"] == "released" and data["cycle"]["since"] == version


def assert_restarted(data: dict[str, Any], record_note: str) -> None:
    """A new cycle: the text's steps stay done, everything from the initial approval on starts
    again, so progress restarts at 9 of 19 steps and Next at step 10."""
    assert states(data, *range(1, 10)) == ["done"] * 9
    assert data["progress"] == round(100 * 9 / 19) and data["next"] == 10
    assert data["by"][10]["state"] == "ready" and "no approval yet" in data["by"][10]["evidence"]
    assert data["by"][11]["state"] == "not started" and record_note in data["by"][11]["evidence"]
    assert (
        data["by"][19]["state"] == "blocked" and "no signatures yet" in data["by"][19]["evidence"]
    )


def states(data: dict[str, Any], *numbers: int) -> list[str]:
    return [data["by"][n]["state"] for n in numbers]


def test_the_whole_workflow_from_init_through_an_amendment_and_a_renewal(tmp_path: Path) -> None:
    org = Organisation(tmp_path / "our-agreement", tmp_path / "keys")
    walk = Walk(org)
    walk.run("agreekit", "init", str(org.root), cwd=tmp_path)
    first = walk.status("init")
    assert first["cycle"]["kind"] == "first" and first["progress"] < 50

    fill(org)
    walk.run("agreekit", "codeowners", "--write")
    assert "agreement/: no findings" in walk.run("agreekit", "check")
    walk.commit("Our agreement, ready for approval")
    filled = walk.status("filled")
    assert states(filled, *range(1, 10)) == ["done"] * 9
    assert filled["next"] == 10 and filled["by"][10]["state"] == "ready"

    walk.today = "2026-12-01"
    cycle(walk, RECORDS, "v1.0.0", "2027-01-20",
          {"negotiated": "The budget is fixed.", "legal": "Each party keeps its own copy."})  # fmt: skip

    # After the signing meeting: the released cycle asks for it to be marked held
    walk.today = "2027-02-10"
    asked = json.loads(
        org.run("agreekit", "status", "--json", env={"AGREEKIT_TODAY": walk.today}).stdout
    )
    assert "held: true" in json.dumps(asked["steps"][15]), asked["steps"][15]
    edit(org, "records/signing.yml", "  attendees:", "  held: true\n  attendees:")
    walk.commit("The signing meeting was held")
    data = walk.status("meeting held")
    assert data["progress"] == 100 and data["cycle"] == {
        "kind": "released", "since": "v1.0.0", "next_version": "v1.1.0"}  # fmt: skip
    assert "agreement/: no findings" in walk.run("agreekit", "check")

    # An amendment: its own records folder, approvals and signatures again, released as v1.1.0
    walk.today = "2027-03-01"
    started = walk.run("agreekit", "amend")
    assert "agreement/records/v1.1.0/" in started
    data = walk.status("amendment started", new_cycle=True)
    assert data["cycle"] == {"kind": "amendment", "since": "v1.0.0", "next_version": "v1.1.0"}
    assert_restarted(data, "agreement/records/v1.1.0/negotiation.yml not filled in yet")
    assert "agreement/: no findings" in walk.run("agreekit", "check")
    edit(
        org,
        "sections/constraints.md",
        "## Budget",
        "## Budget\n\nThe Charges are reviewed each year.",
    )
    walk.commit("Amend the budget")
    data = walk.status("amended text")
    assert_restarted(data, "agreement/records/v1.1.0/negotiation.yml not filled in yet")
    amendment = RECORDS / "v1.1.0"
    cycle(walk, amendment, "v1.1.0", "2027-03-20",
          {"negotiated": "Invoices are paid in 30 days.", "legal": "Copies are kept for 6 years."})  # fmt: skip
    assert "An amendment of v1.0.0." in walk.run("git", "cat-file", "tag", "v1.1.0")
    # the released cycle's records are kept as they were
    assert (org.root / RECORDS / "negotiation.yml").read_text() != ""
    assert "held: true" in (org.root / RECORDS / "signing.yml").read_text()

    # A renewal: the term renewed by its period, released as the next major version
    walk.today = "2029-09-01"
    edit(org, "records/v1.1.0/signing.yml", "  attendees:", "  held: true\n  attendees:")
    walk.commit("The amendment's signing meeting was held")
    assert walk.status("amendment's meeting held")["progress"] == 100
    renewed = walk.run("agreekit", "renew")
    assert "it now ends on 2031-01-31" in renewed and "agreement/records/v2.0.0/" in renewed
    assert "end_date: 2031-01-31" in (org.root / AGREEMENT_YML).read_text()
    data = walk.status("renewal started", new_cycle=True)
    assert data["cycle"] == {"kind": "renewal", "since": "v1.1.0", "next_version": "v2.0.0"}
    assert_restarted(data, "agreement/records/v2.0.0/negotiation.yml not filled in yet")
    walk.commit("Renew the term to 31 January 2031")
    cycle(walk, RECORDS / "v2.0.0", "v2.0.0", "2029-09-20",
          {"negotiated": "The budget is fixed again.", "legal": "Each party keeps two copies."})  # fmt: skip
    assert "A renewal of v1.1.0: the term is renewed." in walk.run(
        "git", "cat-file", "tag", "v2.0.0"
    )
    assert "agreement/: no findings" in walk.run("agreekit", "check")
    print("\n".join(walk.seen))
