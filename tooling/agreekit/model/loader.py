"""Load an agreement from disk into the model. Every input problem becomes a finding, never a traceback."""

from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from agreekit.finding import Finding, Location
from agreekit.model.agreement import Agreement
from agreekit.model.agreement_file import AgreementFile
from agreekit.model.frozen import frozen
from agreekit.model.input_file import path_exists
from agreekit.model.problems import AK104, AK903, AK904
from agreekit.model.profile import builtin_profile, extend
from agreekit.model.records import RECORD_FILES, Record, Records
from agreekit.model.records_folder import cycle_folder, records_folder_problem, unknown_records
from agreekit.model.repository import Repository, read_repository
from agreekit.model.section import Section, parse_headings
from agreekit.model.section_data import SectionFrontMatter
from agreekit.model.source import SourceMap
from agreekit.model.typed import Problem, convert
from agreekit.model.yaml_source import MAX_BYTES, load_yaml

AGREEMENT_DIR = "agreement"
AGREEMENT_FILE = "agreement.yml"
SECTIONS_DIR = "sections"
RECORDS_DIR = "records"

Model = TypeVar("Model")


class LoadResult(NamedTuple):
    agreement: Agreement | None
    findings: list[Finding]


@frozen
class TextFile:
    text: str | None
    findings: list[Finding]


def read_text(repository: Repository, display: str) -> TextFile:
    """Read a UTF-8 file of the repository, reporting size, access and encoding problems at their
    line."""
    raw, problem = repository.read(display)
    if raw is None:
        return TextFile(None, [AK904.at(Location(display), problem)])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        col = error.start - (before.rfind(b"\n") + 1) + 1
        message = (
            f"not UTF-8: byte 0x{raw[error.start]:02x} cannot be decoded; "
            "save the file as UTF-8 in your editor"
        )
        return TextFile(None, [AK903.at(Location(display, line, col), message)])
    if "\0" in text:  # no text editor writes one; published, it would cut the page short
        at = text.index("\0")
        line = text.count("\n", 0, at) + 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1
        message = "a NUL byte (0x00) is in the text; remove it (the file may be binary)"
        return TextFile(None, [AK903.at(Location(display, line, col), message)])
    return TextFile(text.removeprefix("\ufeff").replace("\r\n", "\n"), [])


def validate(
    model: type[Model], data: Any, source: SourceMap
) -> tuple[Model | None, list[Finding]]:
    """Validate plain data against a model; each problem names the key and points at its line."""
    if not isinstance(data, dict):
        message = "expected a mapping of keys to values at the top of the document"
        return None, [AK104.at(source.locate(), message)]
    value, problems = convert(model, data, lambda path: source.locate(*path))
    return value, [_validation_finding(problem, source) for problem in problems]


def _validation_finding(problem: Problem, source: SourceMap) -> Finding:
    path = problem.path
    if problem.kind == "missing":
        where = source.key_location(*path[:-1]) if len(path) > 1 else source.locate()
        return AK104.at(where, f"{problem.message}; add it")
    if problem.kind == "unknown":
        message = f"{problem.message}; check the spelling or remove it"
        return AK104.at(source.key_location(*path), message)
    dotted = ".".join(str(part) for part in path)
    return AK104.at(source.locate(*path), f"'{dotted}': {problem.message}")


def load_agreement(repo: Path, directory: str = AGREEMENT_DIR) -> LoadResult:
    """Load `<repo>/<directory>/agreement.yml` and every section once."""
    display = f"{directory}/{AGREEMENT_FILE}"
    path = repo / directory / AGREEMENT_FILE
    if not path_exists(path):  # anything else there (a folder, a pipe) is read and reported
        message = f"no {display} here; run agreekit from the repository root or pass --repo"
        return LoadResult(None, [AK904.at(Location(display), message)])
    repository = Repository(repo, MAX_BYTES)
    text_file = read_text(repository, display)
    if text_file.text is None:
        return LoadResult(None, text_file.findings)
    document = load_yaml(text_file.text, display)
    findings = list(document.findings)
    if document.data is None and not findings:
        findings.append(AK104.at(Location(display), "agreement.yml is empty"))
    if findings and any(f.code in ("AK901", "AK904") for f in findings):
        return LoadResult(None, findings)
    agreement_file, errors = validate(AgreementFile, document.data, document.source)
    findings += errors
    if agreement_file is None:
        return LoadResult(None, findings)
    sections, unreadable, texts = _load_sections(repository, directory, findings)
    texts[display] = tuple(text_file.text.split("\n"))
    records = _load_records(repository, directory, findings, texts)
    files = read_repository(repository, directory)
    texts.update(_other_texts(repository, files.agreement_files))
    agreement = Agreement(
        directory=directory,
        file=agreement_file,
        data=document.data,
        source=document.source,
        sections=tuple(sections),
        profile=extend(builtin_profile(), agreement_file.profile),
        texts=texts,
        unreadable_section_ids=frozenset(unreadable),
        records=records,
        files=frozenset(files.agreement_files),
        repository=files,
    )
    return LoadResult(agreement, findings)


def _load_sections(
    repository: Repository, directory: str, findings: list[Finding]
) -> tuple[list[Section], set[str], dict[str, tuple[str, ...]]]:
    sections: list[Section] = []
    unreadable: set[str] = set()
    texts: dict[str, tuple[str, ...]] = {}
    folder = f"{directory}/{SECTIONS_DIR}"
    for display in repository.entries(folder):
        path = Path(display)
        if path.suffix != ".md":
            continue
        text_file = read_text(repository, display)
        findings += text_file.findings
        section = None
        if text_file.text is not None:
            texts[display] = tuple(text_file.text.split("\n"))
            section = parse_section(text_file.text, display, findings)
        if section is None:
            unreadable.add(path.stem)
        else:
            sections.append(section)
    return sections, unreadable, texts


def _other_texts(repository: Repository, files: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Every other text file under the agreement (records, notes): what the secret scan reads.

    A file the loader already tried (a section, a record) is not read again, so one that broke
    the trust rules is reported once and never read. Files the reader refuses or that are not
    UTF-8 are skipped here; they hold no text to scan.
    """
    texts: dict[str, tuple[str, ...]] = {}
    for display in files:
        if repository.was_read(display):
            continue
        text = repository.text(display)
        if text is not None:
            texts[display] = tuple(text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n"))
    return texts


def parse_section(text: str, display: str, findings: list[Finding]) -> Section | None:
    """Split front matter from prose and validate it; problems are appended to `findings`."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        message = "no front matter: start the file with '---', then id and title, then '---'"
        findings.append(AK104.at(Location(display, 1), message))
        return None
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if closing is None:
        message = "front matter opened on line 1 never closes; add a line '---' after its last key"
        findings.append(AK104.at(Location(display, 1), message))
        return None
    document = load_yaml("\n".join(lines[1:closing]), display, first_line=2)
    findings += document.findings
    if document.data is None:
        if not document.findings:
            findings.append(
                AK104.at(Location(display, 1), "front matter is empty; add id and title")
            )
        return None
    if any(f.code in ("AK901", "AK904") for f in document.findings):
        return None
    meta, errors = validate(SectionFrontMatter, document.data, document.source)
    findings += errors
    if meta is None:
        return None
    body = "\n".join(lines[closing + 1 :])
    body_line = closing + 2
    return Section(
        path=display,
        meta=meta,
        data=document.data,
        source=document.source,
        body=body,
        body_line=body_line,
        headings=parse_headings(body, body_line),
    )


def _load_records(
    repository: Repository,
    directory: str,
    findings: list[Finding],
    texts: dict[str, tuple[str, ...]],
) -> Records:
    """Each record file that exists, typed; one that exists and does not load is `broken` (its
    first problem), never taken for a record not written yet."""
    loaded: dict[str, Record[Any]] = {}
    broken: list[Finding] = []
    folder = repository.root / directory / RECORDS_DIR
    display_folder = f"{directory}/{RECORDS_DIR}"
    folder_problem = records_folder_problem(repository.root, folder, display_folder)
    if folder_problem is not None:
        findings.append(folder_problem)
        return Records(broken=(folder_problem,))
    cycle = cycle_folder(folder)  # the newest cycle's folder, records/VERSION, if any
    findings += unknown_records(folder, display_folder, cycles=True)
    if cycle is not None:
        folder, display_folder = folder / cycle, f"{display_folder}/{cycle}"
        folder_problem = records_folder_problem(repository.root, folder, display_folder)
        if folder_problem is not None:
            findings.append(folder_problem)
            return Records(broken=(folder_problem,), cycle=cycle)
    for name, (attribute, model) in RECORD_FILES.items():
        display = f"{display_folder}/{name}"
        if not path_exists(folder / name):  # anything there (a folder, a pipe) is read, not skipped
            continue
        problems = _load_record(repository, display, model, loaded, attribute, texts)
        findings += problems
        if attribute not in loaded and problems:
            broken.append(problems[0])
    if cycle is not None:
        findings += unknown_records(folder, display_folder, cycles=False)
    return Records(**loaded, broken=tuple(broken), cycle=cycle)


def _load_record(
    repository: Repository,
    display: str,
    model: type[Any],
    loaded: dict[str, Record[Any]],
    attribute: str,
    texts: dict[str, tuple[str, ...]],
) -> list[Finding]:
    """Load one record file into `loaded[attribute]`; the problems that kept it out, if any."""
    text_file = read_text(repository, display)
    if text_file.text is None:
        return text_file.findings
    texts[display] = tuple(text_file.text.split("\n"))
    document = load_yaml(text_file.text, display)
    problems = list(document.findings)
    # An empty record (comments only, as `agreekit init` writes them) is one not written yet.
    if document.data is None or any(f.code in ("AK901", "AK904") for f in document.findings):
        return problems
    value, errors = validate(model, document.data, document.source)
    problems += errors
    if value is not None:
        loaded[attribute] = Record(display, value, document.data, document.source)
    return problems
