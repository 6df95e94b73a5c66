"""The input problems the loader reports while reading: YAML, schema, encoding and size."""

from __future__ import annotations

from agreekit.finding import ERROR, Explanation, Rule

AK104 = Rule(
    "AK104",
    "invalid-data",
    ERROR,
    summary="Front matter or agreement.yml does not match the schema.",
    hint="Fix the key the message names; the JSON Schema shows what is allowed.",
    explanation=Explanation(
        what=(
            "agreement.yml or a section's front matter does not match the schema: an "
            "unknown key, a missing required key, a value of the wrong type, or front "
            "matter that is missing or never closes."
        ),
        why=(
            "A misspelt key silently drops a term; a wrong type breaks the published "
            "tables. The schema is also exported for editors (`# yaml-language-server: "
            "$schema=`), so most of these show while typing."
        ),
        example=("---\nid: terms\ntitel: Terms of service      # misspelt key\n---"),
        fix="Fix the key the message names; `agreekit schema` prints what is allowed.",
        fixed=("---\nid: terms\ntitle: Terms of service\n---"),
    ),
)


AK901 = Rule(
    "AK901",
    "yaml-syntax",
    ERROR,
    summary="A YAML document cannot be parsed.",
    hint="Fix the indentation, colon or quote on the line named.",
    explanation=Explanation(
        what="A YAML document (agreement.yml or front matter) cannot be parsed.",
        why="Nothing else can be checked in a file that cannot be read.",
        example=(
            "term:\n  effective_date: 2027-02-01\n end_date: 2030-01-31        # wrong indentation"
        ),
        fix=(
            "Fix the indentation, colon or quote on the line named; YAML uses spaces, never tabs."
        ),
    ),
)


AK902 = Rule(
    "AK902",
    "duplicate-key",
    ERROR,
    summary="A YAML mapping has the same key twice.",
    hint="Remove or rename one of the two keys.",
    explanation=Explanation(
        what="A YAML mapping has the same key twice.",
        why=(
            "YAML keeps only the last value, so the first is silently lost: a reviewer "
            "approves a value that is not the one used."
        ),
        example=("term:\n  end_date: 2029-12-31\n  end_date: 2030-01-31"),
        fix="Remove or rename one of the two keys.",
    ),
)


AK903 = Rule(
    "AK903",
    "not-utf8",
    ERROR,
    summary="A file is not UTF-8.",
    hint="Save the file as UTF-8.",
    explanation=Explanation(
        what="A file of the agreement is not valid UTF-8.",
        why=(
            "Other encodings show as garbled text on the site and in the PDF, and differ "
            "between contributors' machines."
        ),
        example="A file saved as Windows-1252 with a pound sign (byte 0xa3).",
        fix="Save the file as UTF-8 in your editor.",
    ),
)


AK904 = Rule(
    "AK904",
    "input-too-large",
    ERROR,
    summary="A file is too large, nested too deep, or cannot be read.",
    hint="Split the file, flatten the data or remove YAML anchors.",
    explanation=Explanation(
        what=(
            "A file is larger than 1 MB, YAML is nested deeper than 32 levels or expands "
            "through aliases into more than 200,000 values, or a file cannot be read: it "
            "is unreadable, a folder, a pipe or a device, or a link that points outside "
            "the repository."
        ),
        why=('Limits keep the checks fast and protect against YAML "billion laughs" documents.'),
        example=(
            "a: &a [x, x, x, x, x, x, x, x, x]\n"
            "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]    # ...and so on"
        ),
        fix=("Split the file, flatten the data, or write values out instead of using anchors."),
    ),
)


RULES = (AK104, AK901, AK902, AK903, AK904)
