"""From the final management approval to the release, in a real repository with signed tags."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
from pypdf import PdfReader

from conftest import ROOT, SampleRepo, git
from gitrepo import GitRepo, governed_repo
from safety import snapshot, temporaries


def status(repo: GitRepo) -> dict[int, dict[str, object]]:
    result = repo.agreekit("status", "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    return {step["number"]: step for step in json.loads(result.stdout)["steps"]}


def state(repo: GitRepo, number: int) -> object:
    return status(repo)[number]["state"]


def ok(repo: GitRepo, *args: str, who: str = "daniel") -> str:
    result = repo.agreekit(*args, who=who)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def refused(repo: GitRepo, *args: str) -> str:
    result = repo.agreekit(*args)
    assert result.returncode == 1, result.stdout + result.stderr
    return result.stdout


def tell_every_department(repo: GitRepo) -> None:
    path = repo.root / "agreement" / "records" / "communication.yml"
    text = path.read_text().replace("  - department: ", "  - told: 2026-11-25\n    department: ")
    path.write_text(text)
    repo.commit("Every department told")


def test_walk_from_final_approval_to_release(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    ok(repo, "approve", "initial", who="amara")
    ok(repo, "approve", "legal", who="rachel")
    ok(repo, "approve", "final", who="amara")
    ok(repo, "meeting")  # step 16 is done once the invitation went out for this meeting
    steps = status(repo)
    assert [steps[n]["state"] for n in (15, 16, 17, 18, 19)] == [
        "done", "done", "ready", "blocked", "blocked",
    ]  # fmt: skip
    assert "0 of 4 departments told" in str(steps[17]["evidence"])

    ok(repo, "sign", who="amara")
    problems = refused(repo, "release", "v1.0.0")
    assert "Mark Ellison has not signed" in problems
    assert "step 18 (Compile feedback and finalise) is blocked" in problems

    tell_every_department(repo)
    steps = status(repo)
    assert [steps[n]["state"] for n in (17, 18, 19)] == ["done", "done", "ready"]
    assert steps[19]["actors"] == ["Mark Ellison"]  # Amara Okafor has signed

    # A pending negotiation item reopens step 11 and blocks step 18, and with it the release.
    negotiation = "agreement/records/negotiation.yml"
    repo.edit(negotiation, "    status: agreed\n", "    status: pending\n")
    repo.commit("Operations reopen the P2 target")
    steps = status(repo)
    assert steps[11]["state"] == "ready" and steps[18]["state"] == "blocked"
    assert "waits for step 11" in str(steps[18]["evidence"])
    assert "step 18" in refused(repo, "release", "v1.0.0")
    repo.edit(negotiation, "    status: pending\n", "    status: agreed\n")
    repo.commit("P2 target agreed again")
    assert state(repo, 18) == "done"

    # The text changes after Amara signed: management approves it again, Mark signs the new
    # text, and Amara's signature over the old text blocks the release.
    repo.edit("agreement/sections/constraints.md", "The budget is fixed.", "The budget is capped.")
    repo.commit("Final wording of the budget constraint")
    assert state(repo, 15) == "stale"
    ok(repo, "approve", "final", who="amara")
    ok(repo, "sign", who="mark")
    steps = status(repo)
    assert steps[19]["state"] == "ready" and steps[19]["actors"] == ["Amara Okafor"]
    problems = refused(repo, "release", "v1.0.0")
    assert "Amara Okafor signed other text" in problems
    assert repo.git("tag", "--list", "v*") == ""

    ok(repo, "sign", who="amara")
    steps = status(repo)
    assert steps[19]["state"] == "ready" and steps[19]["actors"] == ["Daniel Reeve"]
    assert "agreekit release" in str(steps[19]["evidence"])

    shutil.copy(ROOT / "mkdocs.yml", repo.root / "mkdocs.yml")  # the bundle's offline site
    ok(repo, "release", "v1.0.0")
    bundle = repo.root / "dist" / "v1.0.0"
    pdf_name = "HHA-BWS-ITSA-2027-v1.0.0.pdf"
    assert sorted(p.name for p in bundle.iterdir()) == sorted(
        [pdf_name, pdf_name.replace(".pdf", ".docx"), pdf_name.replace(".pdf", "-site.zip"),
         "signatures.json", "SHA256SUMS"]
    )  # fmt: skip
    check = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=bundle, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.count(": OK") == 4

    signed = json.loads((bundle / "signatures.json").read_text())
    head_content = signed["content_id"]
    assert [s["name"] for s in signed["signatures"]] == ["Amara Okafor", "Mark Ellison"]
    assert {s["content_id"] for s in signed["signatures"]} == {head_content}
    assert all(s["ssh_signed"] for s in signed["signatures"])
    assert {a["stage"] for a in signed["approvals"]} == {"initial", "legal", "final"}

    released = PdfReader(bundle / pdf_name)
    text = "\n".join(page.extract_text() for page in released.pages)
    assert "DRAFT" not in text
    xmp = released.xmp_metadata  # the signed copy is an archival PDF/A, tagged
    assert xmp is not None and 'pdfaid:part="3"' in xmp.stream.get_data().decode()
    assert f"content-id:{head_content}" in xmp.stream.get_data().decode()
    assert "/StructTreeRoot" in released.trailer["/Root"]
    word = docx.Document(str(bundle / pdf_name.replace(".pdf", ".docx")))
    word_text = "\n".join(p.text for p in word.paragraphs)
    assert "DRAFT" not in word_text + word.sections[0].header.paragraphs[0].text
    assert "Signature record" in word_text and "v1.0.0" in word.core_properties.identifier
    with zipfile.ZipFile(bundle / pdf_name.replace(".pdf", "-site.zip")) as site:
        top = pdf_name.replace(".pdf", "-site")
        assert f"{top}/search/search_index.js" in site.namelist()
        home = site.read(f"{top}/index.html").decode()
        assert "Version v1.0.0" in home and "DRAFT" not in home  # the released, final text
    assert "Signature record" in text and "approvals/signature/" in text
    assert "Version v1.0.0" in text and head_content[:12] in text

    assert repo.git("tag", "--list", "v*") == "v1.0.0"
    steps = status(repo)
    assert steps[19]["state"] == "done" and "released as v1.0.0" in str(steps[19]["evidence"])
    assert json.loads(repo.agreekit("status", "--json").stdout)["progress"] == 100

    # A bundle is never replaced, not even by a release of the same version on the same commit.
    before = snapshot(bundle)
    again = repo.agreekit("release", "v1.0.0")
    assert again.returncode == 2
    assert "a release bundle is never replaced; move it away" in again.stderr
    assert snapshot(bundle) == before
    assert temporaries(repo.root / "dist") == []


def test_an_existing_bundle_is_refused_before_anything_is_tagged(publishable: SampleRepo) -> None:
    bundle = publishable.root / "dist" / "v2.0.0"
    bundle.mkdir(parents=True)
    (bundle / "contract.pdf").write_bytes(b"%PDF the signed copy")
    result = publishable.cli("release", "v2.0.0")
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and "dist/v2.0.0" in result.stderr
    assert git(publishable.root, "tag", "--list") == ""
    assert (bundle / "contract.pdf").read_bytes() == b"%PDF the signed copy"


def test_a_reference_that_leaves_the_bundle_is_refused_before_anything_is_tagged(
    publishable: SampleRepo,
) -> None:
    publishable.replace("agreement.yml", "reference: HHA-BWS-ITSA-2027", "reference: ../../../x")
    result = publishable.cli("release", "v2.0.0")
    assert result.returncode == 2
    assert "reference in agreement.yml" in result.stderr and "not a file name" in result.stderr
    assert (
        subprocess.run(
            ["git", "tag", "--list"], cwd=publishable.root, capture_output=True, text=True
        ).stdout
        == ""
    )
    assert not (publishable.root / "dist").exists()


def test_after_a_release_new_text_needs_final_and_legal_not_just_signatures(
    tmp_path: Path,
) -> None:
    repo = governed_repo(tmp_path)
    for stage, who in (("initial", "amara"), ("legal", "rachel"), ("final", "amara")):
        ok(repo, "approve", stage, who=who)
    tell_every_department(repo)
    ok(repo, "approve", "final", who="priya")  # the communication record is not text: still final
    ok(repo, "sign", who="amara")
    ok(repo, "sign", who="mark")
    assert "Released v1.0.0" in ok(repo, "release", "v1.0.0")

    repo.edit("agreement/sections/legal.md", "## Confidentiality\n",
              "## Confidentiality\n\nEach party keeps its own copy.\n")  # fmt: skip
    repo.commit("Change the legal terms after release")
    for who in ("amara", "mark"):
        refused_sign = repo.agreekit("sign", who=who)
        assert refused_sign.returncode == 1
        assert "management has not approved this text as final" in refused_sign.stderr
    # The amendment's records: until they exist, its record steps have not started.
    problems = refused(repo, "release")
    assert "agreement/records/v1.1.0/" in problems and "not started" in problems
    records = repo.root / "agreement" / "records"
    (records / "v1.1.0").mkdir()
    for record in records.glob("*.yml"):
        shutil.copy(record, records / "v1.1.0" / record.name)
    repo.commit("The amendment's records")
    # Signatures recorded anyway (by hand) cover nothing but themselves.
    from forgery import forge

    forge(repo, "approvals/signature/3", "signature", "amara", "signatory", who="amara")
    forge(repo, "approvals/signature/4", "signature", "mark", "signatory", who="mark")
    problems = refused(repo, "release", "v1.1.0")
    # v1.0.0's approvals belong to its cycle: the amendment's text has none yet.
    assert "final: no record yet" in problems and "legal: no record yet" in problems
    steps = status(repo)
    assert "no approval yet" in steps[15]["evidence"] and "no approval yet" in steps[12]["evidence"]
    assert steps[19]["state"] != "done"
    strict = repo.agreekit("verify", "--strict")  # the audit: v1.0.0's approvals are stale
    assert strict.returncode == 1 and "not covered: final:" in strict.stdout

    ok(repo, "approve", "final", who="amara")
    problems = refused(repo, "release", "v1.1.0")
    assert "legal: no record yet" in problems
    ok(repo, "approve", "legal", who="rachel")
    problems = refused(repo, "release", "v1.1.0")  # signed before final approved this text
    assert "signature:" in problems
    lower = repo.agreekit("release", "v1.0.0")
    assert lower.returncode == 1 and "v1.0.0 is not after the last release, v1.0.0" in lower.stderr
    ok(repo, "approve", "final", who="priya")
    ok(repo, "sign", who="amara")
    ok(repo, "sign", who="mark")
    assert repo.agreekit("verify", "--strict").returncode == 0
    released = ok(repo, "release")  # the amendment's own version
    assert "Released v1.1.0" in released and "An amendment of v1.0.0." in released
    assert "An amendment of v1.0.0." in repo.git("cat-file", "tag", "v1.1.0")


def test_dropping_legal_from_a_sections_owners_does_not_skip_legal(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    for stage, who in (("initial", "amara"), ("legal", "rachel")):
        ok(repo, "approve", stage, who=who)
    repo.edit("agreement/sections/legal.md", "owners: [management, legal]", "owners: [management]")
    repo.edit("agreement/sections/legal.md", "## Confidentiality\n",
              "## Confidentiality\n\nEach party keeps its own copy.\n")  # fmt: skip
    ok(repo, "codeowners", "--write")
    repo.commit("Legal does not own this any more")
    ok(repo, "approve", "final", who="amara")
    assert state(repo, 12) == "stale"
    assert "legal-owned section changed" in refused(repo, "release", "v1.0.0")
