"""The bad-input corpus: each case plants one defect in a copy of the sample agreement.

A case names what `agreekit check` must report: the exit code (1 findings, 2 could not load) and
one finding by code, file and line. Lines are given as text on the line after the defect is
planted, so the cases survive edits to the sample. Messages are not asserted: their wording is
free to change.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

AGREEMENT = "agreement/agreement.yml"
SERVICE_LEVELS = "agreement/sections/service-levels.md"
TERMS = "agreement/sections/terms.md"
LEGAL = "agreement/sections/legal.md"
SIGNING = "agreement/records/signing.yml"

Plant = Callable[[Path], None]  # edits the repository at the given root


class Case(NamedTuple):
    name: str
    category: str  # yaml, markdown, filesystem or domain
    plant: Plant
    code: str
    file: str  # relative to the repository root
    line: int | bytes  # the line number, or bytes on that line after planting
    exit: int  # 1: findings; 2: the agreement could not be loaded
    unprivileged: bool = False  # run the check without the right to bypass file modes


def replace(file: str, old: str, new: str) -> Plant:
    def plant(root: Path) -> None:
        path = root / file
        text = path.read_bytes().decode("utf-8")
        assert old in text, f"{old!r} not in {file}"
        path.write_bytes(text.replace(old, new, 1).encode("utf-8"))

    return plant


def write(file: str, data: bytes | Callable[[], bytes]) -> Plant:
    def plant(root: Path) -> None:
        path = root / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data() if callable(data) else data)

    return plant


def transform(file: str, change: Callable[[bytes], bytes]) -> Plant:
    def plant(root: Path) -> None:
        path = root / file
        path.write_bytes(change(path.read_bytes()))

    return plant


def both(*plants: Plant) -> Plant:
    def plant(root: Path) -> None:
        for each in plants:
            each(root)

    return plant


def remove(relative: str) -> Plant:
    def plant(root: Path) -> None:
        import shutil

        shutil.rmtree(root / relative)

    return plant


def symlink(file: str, target: Callable[[Path], str]) -> Plant:
    def plant(root: Path) -> None:
        (root / file).symlink_to(target(root))

    return plant


def outside(root: Path) -> str:
    """A file beside the repository, not in it, holding a valid section."""
    secret = root.parent / f"{root.name}-outside.md"
    secret.write_text("---\nid: outside\ntitle: Outside\n---\n\nSecret text.\n", "utf-8")
    return str(secret)


def fifo(file: str) -> Plant:
    def plant(root: Path) -> None:
        os.mkfifo(root / file)

    return plant


def directory(file: str) -> Plant:
    def plant(root: Path) -> None:
        (root / file).mkdir()
        (root / file / "inside.md").write_text("---\nid: inside\ntitle: In\n---\n", "utf-8")

    return plant


def unreadable(file: str) -> Plant:
    """Mode 000: nobody reads it, once the check runs without root's override."""

    def plant(root: Path) -> None:
        os.chmod(root / file, 0)

    return plant


def alias_bomb(levels: int = 9) -> str:
    bomb = "lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for level in range(1, levels):
        items = ", ".join([f"*lol{level - 1}"] * 9)
        bomb += f"lol{level}: &lol{level} [{items}]\n"
    return bomb


def section(identifier: str, front: str, body: str = "\nText.\n") -> bytes:
    return f"---\nid: {identifier}\ntitle: Extra\n{front}---\n{body}".encode()


def crlf(data: bytes) -> bytes:
    return data.replace(b"\n", b"\r\n")


FIFTY_MB = 50 * 1024 * 1024


def fifty_mb_yaml() -> bytes:
    line = b"# " + b"padding " * 12 + b"\n"
    return b"title: Huge\n" + line * (FIFTY_MB // len(line))


PLACEHOLDER = ("## Confidentiality\n", "## Confidentiality\n\nTBD\n")

YAML = [
    Case(
        "unclosed flow list",
        "yaml",
        replace(AGREEMENT, "  end_date: 2030-01-31", "  end_date: [2030-01-31"),
        "AK901",
        AGREEMENT,
        b"end_date: [",
        2,
    ),
    Case(
        "bad indentation",
        "yaml",
        replace(AGREEMENT, "  end_date: 2030-01-31", "   end_date: 2030-01-31"),
        "AK901",
        AGREEMENT,
        b"   end_date:",
        2,
    ),
    Case(
        "unclosed quote",
        "yaml",
        replace(AGREEMENT, "title: IT Support Agreement", "title: 'IT Support Agreement"),
        "AK901",
        AGREEMENT,
        b"title: 'IT",
        2,
    ),
    Case(
        "colon inside a plain value",
        "yaml",
        replace(TERMS, "  currency: GBP", "  currency: GBP: pounds"),
        "AK901",
        TERMS,
        b"currency: GBP: pounds",
        2,
    ),
    Case(
        "tab indentation in agreement.yml",
        "yaml",
        replace(AGREEMENT, "  end_date: 2030-01-31", "\tend_date: 2030-01-31"),
        "AK901",
        AGREEMENT,
        b"\tend_date",
        2,
    ),
    Case(
        "tab indentation in front matter",
        "yaml",
        replace(SERVICE_LEVELS, "  target: 99.5", "\ttarget: 99.5"),
        "AK901",
        SERVICE_LEVELS,
        b"\ttarget",
        2,
    ),
    Case(
        "duplicate top-level key",
        "yaml",
        replace(AGREEMENT, "title: IT Support Agreement", "title: A\ntitle: B"),
        "AK902",
        AGREEMENT,
        b"title: B",
        2,
    ),
    Case(
        "duplicate key in front matter",
        "yaml",
        replace(SERVICE_LEVELS, "    response: 15m", "    response: 15m\n    response: 1h"),
        "AK902",
        SERVICE_LEVELS,
        b"response: 1h",
        2,
    ),
    Case(
        "text where a list belongs",
        "yaml",
        replace(
            AGREEMENT,
            "  reviews:\n    - 2027-07-31\n    - 2028-01-31\n    - 2029-01-31",
            "  reviews: soon",
        ),
        "AK104",
        AGREEMENT,
        b"reviews: soon",
        2,
    ),
    Case(
        "text where a date belongs",
        "yaml",
        replace(AGREEMENT, "effective_date: 2027-02-01", "effective_date: soon"),
        "AK104",
        AGREEMENT,
        b"effective_date: soon",
        2,
    ),
    Case(
        "mapping where text belongs",
        "yaml",
        replace(TERMS, "title: Terms of service and costs", "title: {a: 1}"),
        "AK104",
        TERMS,
        b"title: {a: 1}",
        1,
    ),
    Case(
        "number where a boolean belongs",
        "yaml",
        replace(AGREEMENT, "automatic: true", "automatic: 7"),
        "AK104",
        AGREEMENT,
        b"automatic: 7",
        2,
    ),
    Case(
        "top level is a list",
        "yaml",
        write(AGREEMENT, b"- title\n- parties\n"),
        "AK104",
        AGREEMENT,
        1,
        2,
    ),
    Case("empty agreement.yml", "yaml", write(AGREEMENT, b""), "AK104", AGREEMENT, 1, 2),
    Case(
        "only comments in agreement.yml",
        "yaml",
        write(AGREEMENT, b"# nothing here\n# yet\n"),
        "AK104",
        AGREEMENT,
        1,
        2,
    ),
    Case(
        "two YAML documents",
        "yaml",
        transform(AGREEMENT, lambda data: data + b"---\ntitle: Second\n"),
        "AK901",
        AGREEMENT,
        b"---",
        2,
    ),
    Case(
        "alias bomb in agreement.yml",
        "yaml",
        transform(AGREEMENT, lambda data: data + alias_bomb().encode()),
        "AK904",
        AGREEMENT,
        b"lol",  # wherever the expansion passes the limit, on a line of the bomb
        2,
    ),
    Case(
        "alias bomb in front matter",
        "yaml",
        replace(LEGAL, "\n---\n", "\n" + alias_bomb() + "---\n"),
        "AK904",
        LEGAL,
        b"lol",
        2,
    ),
    Case(
        "merge key",
        "yaml",
        replace(AGREEMENT, "  renewal:\n", "  renewal:\n    <<: {automatic: true}\n"),
        "AK904",
        AGREEMENT,
        b"<<:",
        2,
    ),
    Case(
        "list as a mapping key",
        "yaml",
        transform(AGREEMENT, lambda data: data + b"? [a, b]\n: c\n"),
        "AK904",
        AGREEMENT,
        b"? [a, b]",
        2,
    ),
    Case(
        "python object tag",
        "yaml",
        replace(AGREEMENT, "title: IT Support Agreement", "title: !!python/object:os.system ls"),
        "AK901",
        AGREEMENT,
        b"!!python/object",
        2,
    ),
    Case(
        "nesting 10,000 deep in flow style",
        "yaml",
        transform(AGREEMENT, lambda data: data + b"deep: " + b"[" * 10_000 + b"]" * 10_000 + b"\n"),
        "AK904",
        AGREEMENT,
        b"deep:",
        2,
    ),
    Case(
        "nesting 10,000 deep in block style",
        "yaml",
        transform(AGREEMENT, lambda data: data + b"deep:\n  " + b"- " * 10_000 + b"x\n"),
        "AK904",
        AGREEMENT,
        b"- - -",
        2,
    ),
    Case(
        "a 50 MB agreement.yml",
        "yaml",
        write(AGREEMENT, fifty_mb_yaml),
        "AK904",
        AGREEMENT,
        1,
        2,
    ),
    Case(
        "a 5,000-digit integer",
        "yaml",
        replace(SERVICE_LEVELS, "window_minutes: 43200", "window_minutes: " + "9" * 5000),
        "AK901",
        SERVICE_LEVELS,
        b"window_minutes: 999",
        2,
    ),
]

MARKDOWN = [
    Case(
        "front matter never closes",
        "markdown",
        replace(LEGAL, "\n---\n", "\n\n"),
        "AK104",
        LEGAL,
        1,
        1,
    ),
    Case(
        "no front matter",
        "markdown",
        write("agreement/sections/extra.md", b"# Extra\n\nText.\n"),
        "AK104",
        "agreement/sections/extra.md",
        1,
        1,
    ),
    Case(
        "empty front matter",
        "markdown",
        write("agreement/sections/extra.md", b"---\n---\n\nText.\n"),
        "AK104",
        "agreement/sections/extra.md",
        1,
        1,
    ),
    Case(
        "empty section file",
        "markdown",
        write("agreement/sections/extra.md", b""),
        "AK104",
        "agreement/sections/extra.md",
        1,
        1,
    ),
    Case(
        "binary content",
        "markdown",
        write("agreement/sections/image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(256)),
        "AK903",
        "agreement/sections/image.md",
        1,
        2,
    ),
    Case(
        "NUL bytes in front matter",
        "markdown",
        replace(LEGAL, "title: ", "title: \x00\x00"),
        "AK903",
        LEGAL,
        b"title: \x00",
        2,
    ),
    Case(
        "Latin-1 pound sign",
        "markdown",
        transform(TERMS, lambda data: data.replace(b"## Pricing", b"## Pricing \xa3", 1)),
        "AK903",
        TERMS,
        b"## Pricing \xa3",
        2,
    ),
    Case(
        "UTF-16 with a byte-order mark",
        "markdown",
        transform(LEGAL, lambda data: data.decode("utf-8").encode("utf-16")),
        "AK903",
        LEGAL,
        1,
        2,
    ),
    Case(
        "UTF-8 byte-order mark keeps line numbers",
        "markdown",
        both(transform(LEGAL, lambda data: b"\xef\xbb\xbf" + data), replace(LEGAL, *PLACEHOLDER)),
        "AK105",
        LEGAL,
        b"TBD",
        1,
    ),
    Case(
        "UTF-8 byte-order mark on agreement.yml",
        "markdown",
        both(
            transform(AGREEMENT, lambda data: b"\xef\xbb\xbf" + data),
            replace(AGREEMENT, "effective_date: 2027-02-01", "effective_date: soon"),
        ),
        "AK104",
        AGREEMENT,
        b"effective_date: soon",
        2,
    ),
    Case(
        "CRLF line endings keep line numbers",
        "markdown",
        both(replace(LEGAL, *PLACEHOLDER), transform(LEGAL, crlf)),
        "AK105",
        LEGAL,
        b"TBD",
        1,
    ),
    Case(
        "CRLF line endings in agreement.yml",
        "markdown",
        both(
            replace(AGREEMENT, "end_date: 2030-01-31", "end_date: 2026-01-31"),
            transform(AGREEMENT, crlf),
        ),
        "AK220",
        AGREEMENT,
        b"end_date: 2026-01-31",
        1,
    ),
    Case(
        "old Mac CR line endings",
        "markdown",
        transform(LEGAL, lambda data: data.replace(b"\n", b"\r")),
        "AK104",
        LEGAL,
        1,
        1,
    ),
    Case(
        "front matter is a list",
        "markdown",
        write("agreement/sections/extra.md", b"---\n- id\n- title\n---\n\nText.\n"),
        "AK104",
        "agreement/sections/extra.md",
        2,
        1,
    ),
    Case(
        "one 900 kB line of brackets",
        "markdown",
        both(
            replace(LEGAL, *PLACEHOLDER),
            transform(LEGAL, lambda data: data + b"[" * 300_000 + b"*" * 300_000 + b"<" * 300_000),
        ),
        "AK105",  # the checks still finish, and still find the placeholder
        LEGAL,
        b"TBD",
        1,
    ),
    Case(
        "a line of 10,000 template openings",
        "markdown",
        both(replace(LEGAL, *PLACEHOLDER), transform(LEGAL, lambda data: data + b"{{" * 10_000)),
        "AK308",
        LEGAL,
        b"{{{{",
        1,
    ),
    Case(
        "a line of 100,000 unclosed tags",
        "markdown",
        transform(LEGAL, lambda data: data + b"<a " * 100_000 + b"\n<a onclick=x>\n"),
        "AK501",
        LEGAL,
        b"<a onclick",
        1,
    ),
]

FILESYSTEM = [
    Case(
        "section is a link out of the repository",
        "filesystem",
        symlink("agreement/sections/outside.md", outside),
        "AK904",
        "agreement/sections/outside.md",
        1,
        2,
    ),
    Case(
        "agreement.yml is a link out of the repository",
        "filesystem",
        both(
            lambda root: (root / AGREEMENT).rename(root.parent / f"{root.name}-agreement.yml"),
            symlink(AGREEMENT, lambda root: str(root.parent / f"{root.name}-agreement.yml")),
        ),
        "AK904",
        AGREEMENT,
        1,
        2,
    ),
    Case(
        "section is a link to a device",
        "filesystem",
        symlink("agreement/sections/zero.md", lambda root: "/dev/zero"),
        "AK904",
        "agreement/sections/zero.md",
        1,
        2,
    ),
    Case(
        "section is a dangling link",
        "filesystem",
        symlink("agreement/sections/gone.md", lambda root: "nowhere.md"),
        "AK904",
        "agreement/sections/gone.md",
        1,
        2,
    ),
    Case(
        "section is a link to itself",
        "filesystem",
        symlink("agreement/sections/loop.md", lambda root: "loop.md"),
        "AK904",
        "agreement/sections/loop.md",
        1,
        2,
    ),
    Case(
        "section is a named pipe",
        "filesystem",
        fifo("agreement/sections/pipe.md"),
        "AK904",
        "agreement/sections/pipe.md",
        1,
        2,
    ),
    Case(
        "section path is a directory",
        "filesystem",
        directory("agreement/sections/folder.md"),
        "AK904",
        "agreement/sections/folder.md",
        1,
        2,
    ),
    Case(
        "unreadable section",
        "filesystem",
        unreadable(LEGAL),
        "AK904",
        LEGAL,
        1,
        2,
        unprivileged=True,
    ),
    Case(
        "unreadable agreement.yml",
        "filesystem",
        unreadable(AGREEMENT),
        "AK904",
        AGREEMENT,
        1,
        2,
        unprivileged=True,
    ),
    Case(
        "unreadable record",
        "filesystem",
        unreadable(SIGNING),
        "AK904",
        SIGNING,
        1,
        2,
        unprivileged=True,
    ),
    Case("no agreement folder", "filesystem", remove("agreement"), "AK904", AGREEMENT, 1, 2),
    Case(
        "no sections folder",
        "filesystem",
        remove("agreement/sections"),
        "AK101",
        AGREEMENT,
        b"  - introduction",
        1,
    ),
    Case(
        "a 50 MB section",
        "filesystem",
        write("agreement/sections/huge.md", lambda: b"---\nid: huge\n---\n" + b"x" * FIFTY_MB),
        "AK904",
        "agreement/sections/huge.md",
        1,
        2,
    ),
]

DOMAIN = [
    Case(
        "negative duration",
        "domain",
        replace(SERVICE_LEVELS, "response: 15m", "response: -15m"),
        "AK201",
        SERVICE_LEVELS,
        b"response: -15m",
        1,
    ),
    Case(
        "negative bare-number duration",
        "domain",
        replace(SERVICE_LEVELS, "resolution: 4h", "resolution: -240"),
        "AK201",
        SERVICE_LEVELS,
        b"resolution: -240",
        1,
    ),
    Case(
        "uptime of 120%",
        "domain",
        replace(SERVICE_LEVELS, "target: 99.5", "target: 120"),
        "AK204",
        SERVICE_LEVELS,
        b"target: 120",
        1,
    ),
    Case(
        "uptime that is not a number",
        "domain",
        replace(SERVICE_LEVELS, "target: 99.5", "target: .nan"),
        "AK104",  # NaN is no number: the model refuses it as it loads
        SERVICE_LEVELS,
        b"target: .nan",
        1,
    ),
    Case(
        "date 2027-02-30",
        "domain",
        replace(AGREEMENT, "effective_date: 2027-02-01", "effective_date: 2027-02-30"),
        "AK901",
        AGREEMENT,
        b"effective_date: 2027-02-30",
        2,
    ),
    Case(
        "date 2027-13-01 in a record",
        "domain",
        replace(SIGNING, "date: 2027-01-20", "date: 2027-13-01"),
        "AK901",
        SIGNING,
        b"date: 2027-13-01",
        2,
    ),
    Case(
        "unknown currency",
        "domain",
        replace(TERMS, "currency: GBP", "currency: XYZ"),
        "AK223",
        TERMS,
        b"currency: XYZ",
        1,
    ),
    Case(
        "end before start",
        "domain",
        replace(AGREEMENT, "end_date: 2030-01-31", "end_date: 2026-01-31"),
        "AK220",
        AGREEMENT,
        b"end_date: 2026-01-31",
        1,
    ),
    Case(
        "review after the term",
        "domain",
        replace(AGREEMENT, "    - 2029-01-31", "    - 2031-01-31"),
        "AK220",
        AGREEMENT,
        b"- 2031-01-31",
        1,
    ),
    Case(
        "service hours end before they start",
        "domain",
        replace(SERVICE_LEVELS, 'end: "18:00"', 'end: "07:00"'),
        "AK203",
        SERVICE_LEVELS,
        b'end: "07:00"',
        1,
    ),
    Case(
        "hour 25",
        "domain",
        replace(SERVICE_LEVELS, 'end: "18:00"', 'end: "25:00"'),
        "AK203",
        SERVICE_LEVELS,
        b'start: "08:00"',
        1,
    ),
    Case(
        "unknown time zone",
        "domain",
        replace(SERVICE_LEVELS, "timezone: Europe/London", "timezone: Mars/Olympus"),
        "AK203",
        SERVICE_LEVELS,
        b"timezone: Mars/Olympus",
        1,
    ),
    Case(
        "renewal notice longer than the term",
        "domain",
        replace(AGREEMENT, "notice: 90 days", "notice: 5000 days"),
        "AK221",
        AGREEMENT,
        b"notice: 5000 days",
        1,
    ),
    Case(
        "signing after the effective date",
        "domain",
        replace(SIGNING, "date: 2027-01-20", "date: 2027-03-20"),
        "AK224",
        SIGNING,
        b"date: 2027-03-20",
        1,
    ),
    Case(
        "negative allowed downtime",
        "domain",
        replace(SERVICE_LEVELS, "allowed_downtime: 216m", "allowed_downtime: -216m"),
        "AK205",
        SERVICE_LEVELS,
        b"allowed_downtime: -216m",
        1,
    ),
]

CASES = [*YAML, *MARKDOWN, *FILESYSTEM, *DOMAIN]
