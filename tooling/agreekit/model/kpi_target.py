"""KPI targets in words, and the AK104 message for one still written as free text (migration)."""

from __future__ import annotations

from typing import Any

from agreekit.model.lazy_pattern import LazyPattern

_NUMBER = LazyPattern(r"(\d+(?:\.\d+)?)\s*(%|percent)?")


def suggested_target(text: str) -> str:
    """The typed target that a free-text target most likely means, in YAML flow style."""
    lowered = text.lower()
    match = _NUMBER.search(lowered)
    value = match.group(1) if match else "..."
    if "uptime" in lowered or "availab" in lowered or "up-time" in lowered:
        return f"{{type: availability-at-least, value: {value}}}"
    if "respon" in lowered and match and match.group(2):
        return f"{{type: share-within-target, of: response, value: {value}}}"
    if "resol" in lowered and match and match.group(2):
        return f"{{type: share-within-target, of: resolution, value: {value}}}"
    if "average" in lowered or "satisf" in lowered or "score" in lowered:
        return f"{{type: average-at-least, of: satisfaction, value: {value}}}"
    return f"{{type: count-at-most, value: {value}}}"


def typed_target_message(data: object) -> str:
    text = str(data)
    shown = text if len(text) <= 60 else text[:57] + "..."
    return (
        f"KPI targets are typed now, so the report can judge them: move the text {shown!r} to "
        f"'description' and write target: {suggested_target(text)} (types: share-within-target, "
        "average-at-least, count-at-most, availability-at-least)"
    )


def target_in_words(target: Any) -> str:
    """A typed target (the model's or its plain data) as a reader says it."""

    def get(name: str, default: Any = None) -> Any:
        return target.get(name, default) if isinstance(target, dict) else getattr(target, name)

    value = get("value")
    shown = f"{value:g}" if isinstance(value, float | int) else str(value)
    scope = get("priorities") or []
    tickets = f"{'/'.join(scope)} tickets" if scope else "tickets"
    kind = get("type")
    if kind == "share-within-target":
        return f"at least {shown}% of {tickets} within their {get('of', '')} target"
    if kind == "average-at-least":
        return f"average {get('of', '') or 'score'} of at least {shown}"
    if kind == "count-at-most":
        return f"at most {shown} {tickets} in a period"
    if kind == "availability-at-least":
        return f"availability of at least {shown}%"
    if kind == "count":
        return f"{tickets} in a period, reported"
    return str(target)
