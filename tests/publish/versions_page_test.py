"""The site's Versions page: every release, its date and signatories, its redline from the last."""

from __future__ import annotations

from conftest import SampleRepo, git


def _page(repo: SampleRepo) -> str:
    result = repo.cli("build", "--no-pdf", "--no-docx", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    return (repo.root / "site" / "versions" / "index.html").read_text("utf-8")


def test_no_release_yet_says_so(publishable: SampleRepo) -> None:
    assert "No version has been released yet" in _page(publishable)


def test_every_release_with_its_signatories_and_the_changes_between(
    publishable: SampleRepo,
) -> None:
    repo = publishable
    message = "IT Support Agreement v1.0.0\n\nSigned by Amara Okafor, Mark Ellison.\nContent: x\n"
    git(repo.root, "tag", "-a", "v1.0.0", "-m", message)
    repo.replace(
        "sections/terms.md",
        "Payment of each invoice is due",
        "Prompt payment of each invoice is due",
    )
    git(repo.root, "commit", "-qam", "Amendment: prompt payment")
    amendment = message.replace("v1.0.0\n\n", "v1.1.0\n\nAn amendment of v1.0.0.\n")
    git(repo.root, "tag", "-a", "v1.1.0", "-m", amendment)
    git(repo.root, "tag", "-a", "v1.10.0-rc.1", "-m", "a release candidate, unsigned")
    page = _page(repo).split("<article", 1)[1]
    rows = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    order = [rows.index(tag) for tag in ("v1.10.0-rc.1", "v1.1.0", "v1.0.0")]
    assert order == sorted(order)  # newest first, in semantic order
    assert rows.count("Amara Okafor, Mark Ellison") == 2 and "not recorded" in rows
    assert "An amendment of v1.0.0" in rows.split("v1.1.0", 1)[1].split("</tr>", 1)[0]
    changes = page.split("v1.1.0, changes from v1.0.0", 1)[1].split("</div>", 1)[0]
    assert "<del>Payment</del><ins>Prompt payment</ins>" in changes
    assert "The text is the same as v1.1.0." in page  # the candidate changed nothing
    assert "The first released version." in page
