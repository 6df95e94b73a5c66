"""Property tests: arbitrary JSON to every JSON reader, arbitrary YAML to every records file.

Each reader answers with a value or its own error (whose message names the source), never an
exception of Python's own (AttributeError, RecursionError...), and a records file that exists is
either a loaded record or a broken one with a finding at that file: never "not written yet".
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agreekit.approvals.evidence_cache import EvidenceCache
from agreekit.approvals.signature_cache import SignatureCache
from agreekit.github import GitHubError, parse_pull_request, parse_reviews
from agreekit.json_input import JsonProblem, parse_json, read_json_file
from agreekit.model.loader import load_agreement
from agreekit.model.records import RECORD_FILES
from agreekit.outputs import MANIFEST, read_manifest
from agreekit.workflow.feedback import FeedbackInputError, compile_feedback, review_comments
from agreekit.workflow.record_steps import RULES
from conftest import SAMPLE

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
# Values shaped like the payloads, so the readers' deeper paths are reached as well.
github_keys = st.sampled_from(
    ["id", "user", "login", "body", "path", "html_url", "line", "state", "commit_id", "number",
     "merged", "merge_commit_sha", "head", "sha", "labels", "name", "in_reply_to_id"]
)  # fmt: skip
shaped = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(github_keys, inner, max_size=8),
    max_leaves=30,
)
json_bytes = json_values.map(lambda v: json.dumps(v).encode()) | st.binary(max_size=200)
quick = settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])


@quick
@given(json_bytes)
def test_parse_json_answers_a_value_or_a_problem(data: bytes) -> None:
    try:
        parse_json(data, "answer.json")
    except JsonProblem as problem:
        assert str(problem).startswith("answer.json")


@quick
@given(json_values | shaped)
def test_review_comments_are_checked_or_refused(data: Any) -> None:
    try:
        comments = review_comments(data, "comments.json")
    except FeedbackInputError as error:
        assert "comments.json" in str(error)
        return
    assert isinstance(comments, list)


@quick
@given(json_values | shaped)
def test_githubs_pull_request_is_read_or_refused(data: Any) -> None:
    try:
        parse_pull_request(data, "pull request #7")
    except GitHubError as error:
        assert "pull request #7" in str(error)


@quick
@given(json_values | shaped)
def test_githubs_reviews_are_read_or_refused(data: Any) -> None:
    try:
        parse_reviews(data, "reviews of #7")
    except GitHubError as error:
        assert "reviews of #7" in str(error)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("json")


@quick
@given(data=json_bytes)
def test_files_of_json_are_read_or_refused(folder: Path, data: bytes) -> None:
    path = folder / "file.json"
    path.write_bytes(data)
    try:
        read_json_file(path)
    except JsonProblem as problem:
        assert str(problem).startswith(str(path))


@quick
@given(data=json_bytes)
def test_an_output_manifest_in_any_state_lists_what_it_can(folder: Path, data: bytes) -> None:
    (folder / MANIFEST).write_bytes(data)
    entries = read_manifest(folder)
    assert all(isinstance(h, str) for hashes in entries.values() for h in hashes)


@quick
@given(data=json_bytes)
def test_the_git_folder_caches_in_any_state_cost_only_speed(folder: Path, data: bytes) -> None:
    for name in ("records.json", "signatures.json"):
        (folder / "agreekit").mkdir(exist_ok=True)
        (folder / "agreekit" / name).write_bytes(data)
    EvidenceCache(folder).get("0" * 40, "refs/tags/approvals/initial/1")
    SignatureCache(folder).get("0" * 40, "signers")


yaml_documents = (
    json_values.map(lambda v: yaml.safe_dump(v, allow_unicode=True))
    | shaped.map(lambda v: yaml.safe_dump(v, allow_unicode=True))
    | st.text(max_size=300)
)


@pytest.fixture(scope="module")
def sample_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("records")
    shutil.copytree(SAMPLE, root / "agreement", ignore=shutil.ignore_patterns("__pycache__"))
    return root


def _not_empty(text: str) -> bool:
    """Whether the YAML holds anything: an empty record is one not written yet."""
    try:
        return yaml.safe_load(text) is not None
    except yaml.YAMLError:
        return True


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(sorted(RECORD_FILES)), text=yaml_documents)
def test_any_yaml_in_a_records_file_is_a_record_or_a_broken_one(
    sample_copy: Path, name: str, text: str
) -> None:
    path = sample_copy / "agreement" / "records" / name
    original = path.read_bytes()
    try:
        path.write_text(text, "utf-8")
        agreement, findings = load_agreement(sample_copy)
        assert agreement is not None
        attribute = RECORD_FILES[name][0]
        display = f"agreement/records/{name}"
        if getattr(agreement.records, attribute) is None and _not_empty(text):
            assert any(f.location.file == display for f in agreement.records.broken)
            assert any(f.location.file == display for f in findings)
        compile_feedback(agreement)
        for rule in RULES.values():
            rule(agreement)
    finally:
        path.write_bytes(original)
