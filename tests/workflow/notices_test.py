"""`agreekit announce`: each department's notice holds its key terms, and what changed."""

from __future__ import annotations

import email
import email.policy
import subprocess

from conftest import SampleRepo


def git(sample: SampleRepo, *args: str) -> None:
    subprocess.run(["git", *args], cwd=sample.root, check=True, capture_output=True)


def test_each_department_gets_its_key_terms(sample: SampleRepo) -> None:
    result = sample.cli("announce")
    assert result.returncode == 0, result.stderr
    folder = sample.root / "dist" / "notices"
    for department in ("it", "finance", "hr", "operations"):
        text = (folder / f"{department}.md").read_text()
        assert "Starts: 1 February 2027" in text
        assert "Monday to Friday, 08:00 to 18:00 (Europe/London)" in text
        assert "| P1 Critical |" in text and "| 15 minutes | 4 hours |" in text
        assert "Phone: 0117 496 0800" in text
        assert "Level 2: Sofia Marin, Service Delivery Manager" in text
        assert "This is the first version of the agreement." in text
    finance = (folder / "finance.md").read_text()
    assert "| Total per month |  |  | £9,575.00 |" in finance
    assert "Service credits: up to 30% of the monthly charges" in finance
    assert "### Pricing" not in (folder / "hr.md").read_text()


def test_notice_email_is_addressed_to_the_department_head(sample: SampleRepo) -> None:
    sample.cli("announce")
    raw = (sample.root / "dist" / "notices" / "finance.eml").read_bytes()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["To"] == "Grace Lindqvist <grace.lindqvist@harbourside-housing.example>"
    assert message["From"] == "Daniel Reeve <daniel.reeve@harbourside-housing.example>"
    assert "Finance department" in message["Subject"]
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "£9,575.00" in plain
    assert "<table>" in html and "£9,575.00" in html


def test_notice_says_which_sections_changed_since_the_previous_version(sample: SampleRepo) -> None:
    git(sample, "init", "-q", "-b", "main")
    git(sample, "add", ".")
    git(sample, "commit", "-q", "-m", "first")
    git(sample, "tag", "-a", "v1.0.0", "-m", "v1.0.0")
    sample.replace("sections/constraints.md", "## Budget", "## Budget\n\nA new sentence.")
    git(sample, "commit", "-q", "-am", "change")
    result = sample.cli("announce")
    assert result.returncode == 0, result.stderr
    text = (sample.root / "dist" / "notices" / "it.md").read_text()
    assert "Since v1.0.0, these sections changed:\n\n- Support constraints\n" in text


def test_a_users_notice_stops_every_notice_until_force(sample: SampleRepo) -> None:
    folder = sample.root / "dist" / "notices"
    folder.mkdir(parents=True)
    (folder / "hr.eml").write_text("my own email to HR\n")
    refused = sample.cli("announce")
    assert refused.returncode == 2 and "dist/notices/hr.eml: not replaced" in refused.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["hr.eml"]
    assert sample.cli("announce", "--force").returncode == 0
    assert sample.cli("announce").returncode == 0
    assert (folder / "hr.eml").read_text() != "my own email to HR\n"


def test_the_notice_html_passes_the_allowlist(sample: SampleRepo) -> None:
    sample.replace(
        "agreement.yml",
        '  service_desk_phone: "0117 496 0800"',
        "  service_desk_phone: \"0117 496 0800 <img src=x onerror='alert(1)'>\"",
    )
    sample.cli("announce")
    raw = (sample.root / "dist" / "notices" / "finance.eml").read_bytes()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    html = message.get_body(("html",)).get_content()
    assert "0117 496 0800" in html and "onerror" not in html


def test_a_department_without_a_head_is_told_through_its_people(sample: SampleRepo) -> None:
    sample.replace("agreement.yml", "    head: tom-adeyemi\n", "")
    result = sample.cli("announce")
    assert result.returncode == 0, result.stderr
    raw = (sample.root / "dist" / "notices" / "operations.eml").read_bytes()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["To"] == (
        "Amara Okafor <amara.okafor@harbourside-housing.example>, "
        "Tom Adeyemi <tom.adeyemi@harbourside-housing.example>, "
        "Rachel Osei <rachel.osei@harbourside-housing.example>"
    )


def test_no_notice_without_anyone_to_tell_or_outside_the_plan(sample: SampleRepo) -> None:
    sample.replace(
        "agreement.yml",
        "  - id: operations\n",
        "  - id: facilities\n    name: Facilities\n  - id: operations\n",
    )
    sample.replace("records/communication.yml", "  - department: hr\n    channel: email\n", "")
    sample.replace(
        "records/communication.yml",
        "departments:\n",
        "departments:\n  - department: facilities\n    channel: email\n",
    )
    result = sample.cli("announce")
    assert result.returncode == 1
    folder = sample.root / "dist" / "notices"
    assert sorted(p.stem for p in folder.glob("*.md")) == ["finance", "it", "operations"]
    assert "department 'hr' is not in the communication plan (AK407)" in result.stderr
    assert "department 'facilities' has no head and nobody named in it" in result.stderr


def test_since_that_looks_like_an_option_never_reaches_git(sample: SampleRepo) -> None:
    git(sample, "init", "-q")
    git(sample, "add", "-A")
    git(sample, "-c", "user.email=a@example.org", "-c", "user.name=A", "commit", "-qm", "x")
    result = sample.cli("announce", "--since", "--output=../leak")
    assert result.returncode == 2
    assert "git does not know this revision" in result.stderr
    assert not (sample.root.parent / "leak").exists()
    assert not (sample.root / "leak").exists()
