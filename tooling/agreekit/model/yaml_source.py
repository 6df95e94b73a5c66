"""Read YAML safely into plain values plus a source map, turning every input problem into a finding.

Duplicate keys, syntax errors, documents that are too large or too deep, and aliases that expand
into too many values are reported with file and line instead of raising.
"""

from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode

from agreekit.finding import Finding, Location
from agreekit.model.frozen import frozen
from agreekit.model.lazy_pattern import LazyPattern
from agreekit.model.problems import AK901, AK902, AK904
from agreekit.model.source import KEY, Path, SourceMap

try:  # the C loader is several times faster where libyaml is present
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_BYTES = 1_000_000
MAX_DEPTH = 32
MAX_NODES = 200_000

_OPENED = LazyPattern(r"while (scanning a (quoted|block) scalar|parsing a flow)")


@frozen
class YamlDocument:
    data: Any
    source: SourceMap
    findings: list[Finding]


class _TooComplex(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


class _BadValue(Exception):
    """A scalar YAML recognises by its form but cannot build: 2027-02-30, a 5,000-digit number."""

    def __init__(self, message: str, line: int, col: int) -> None:
        super().__init__(message)
        self.line = line
        self.col = col


def load_yaml(text: str, file: str, first_line: int = 1) -> YamlDocument:
    """Parse one YAML document. `first_line` is the file line where `text` starts (front matter)."""
    offset = first_line - 1
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        message = f"YAML is larger than {MAX_BYTES // 1000} kB; split it or remove generated data"
        return YamlDocument(None, SourceMap(file), [AK904.at(Location(file, first_line), message)])
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        return YamlDocument(None, SourceMap(file), [_syntax_finding(error, file, offset)])
    except yaml.YAMLError as error:
        message = f"YAML syntax error: {error}"
        line = first_line
        if isinstance(error, yaml.reader.ReaderError):  # a control character: count to it
            line += text.count("\n", 0, error.position)
        return YamlDocument(None, SourceMap(file), [AK901.at(Location(file, line), message)])
    finally:
        loader.dispose()
    builder = _Builder(file, offset, loader)
    try:
        data = builder.build(node, (), 0) if node is not None else None
    except _TooComplex as error:
        return YamlDocument(
            None, SourceMap(file), [AK904.at(Location(file, error.line), str(error))]
        )
    except _BadValue as error:
        location = Location(file, error.line, error.col)
        return YamlDocument(None, SourceMap(file), [AK901.at(location, str(error))])
    except yaml.YAMLError as error:
        return YamlDocument(None, SourceMap(file), [_syntax_finding(error, file, offset)])
    return YamlDocument(data, SourceMap(file, builder.positions), builder.findings)


def _syntax_finding(error: yaml.YAMLError, file: str, offset: int) -> Finding:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    context = getattr(error, "context", None)
    if context and _OPENED.match(context) and getattr(error, "context_mark", None):
        # An unclosed quote or bracket is noticed lines later, where the scanner gives up;
        # the line that opened it is the one to fix.
        mark = error.context_mark  # type: ignore[attr-defined]
    line = (mark.line + 1 + offset) if mark else offset + 1
    col = (mark.column + 1) if mark else 1
    problem = getattr(error, "problem", None) or str(error)
    if "maximum nesting depth" in problem:  # PyYAML 6.0.4 and later stop deep nesting themselves
        message = f"YAML nested deeper than {MAX_DEPTH} levels; flatten the data"
        return AK904.at(Location(file, line, col), message)
    detail = f"{context}, {problem}" if context else problem
    message = f"YAML syntax error: {detail}; check indentation, colons and quotes on this line"
    return AK901.at(Location(file, line, col), message)


_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_MERGE = "tag:yaml.org,2002:merge"


class _Builder:
    """Turns composed YAML nodes into Python values, recording positions and duplicate keys."""

    def __init__(self, file: str, offset: int, loader: Any) -> None:
        self.file = file
        self.offset = offset
        self.loader = loader
        self.positions: dict[Path, tuple[int, int]] = {}
        self.findings: list[Finding] = []
        self.nodes = 0

    def _position(self, node: yaml.Node) -> tuple[int, int]:
        mark = node.start_mark
        return mark.line + 1 + self.offset, mark.column + 1

    def _count(self, node: yaml.Node, depth: int) -> tuple[int, int]:
        """Count one more value against the limits; where its node starts."""
        self.nodes += 1
        position = self._position(node)
        if depth > MAX_DEPTH:
            message = f"YAML nested deeper than {MAX_DEPTH} levels; flatten the data"
            raise _TooComplex(message, position[0])
        if self.nodes > MAX_NODES:
            raise _TooComplex(
                f"YAML expands to more than {MAX_NODES} values (aliases?); remove the anchors",
                position[0],
            )
        return position

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        self.positions[path] = self._count(node, depth)
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if isinstance(node, MappingNode):
            return self._mapping(node, path, depth)
        return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]

    def _scalar(self, node: yaml.Node) -> Any:
        tag = node.tag
        if tag == _STR:  # what the constructor does for text, the most common value, without it
            return node.value
        if tag == _NULL:
            return None
        try:
            return yaml.SafeLoader.construct_object(self.loader, node, deep=True)
        except (ValueError, OverflowError) as error:
            # PyYAML raises these, not YAMLError, for a date that does not exist or an integer
            # longer than Python converts; the value reads as its kind, so say what is wrong.
            line, col = self._position(node)
            reason = str(error).split(";")[0]
            message = (
                f"'{str(node.value)[:40]}' is not a valid value ({reason}); "
                "write a real date or number, or quote it to keep it as text"
            )
            raise _BadValue(message, line, col) from None

    def _mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_seen: dict[Any, int] = {}
        positions = self.positions
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                raise _TooComplex(
                    "YAML merge keys (<<) are not supported; write the keys out",
                    self._position(key_node)[0],
                )
            if isinstance(key_node, ScalarNode):  # a key's own position is that of its entry
                key_line, key_col = self._count(key_node, depth + 1)
                key = self._scalar(key_node)
            else:
                key = self.build(key_node, (*path, KEY, "?"), depth + 1)
                key_line, key_col = self._position(key_node)
            if not isinstance(key, str | int | float | bool) and key is not None:
                raise _TooComplex(
                    "a YAML key must be a plain value, not a list or mapping", key_line
                )
            if key in first_seen:
                message = (
                    f"duplicate key '{key}' (first on line {first_seen[key]}); "
                    "YAML keeps only the last one: remove or rename one of them"
                )
                self.findings.append(AK902.at(Location(self.file, key_line, key_col), message))
            first_seen[key] = key_line
            child = (*path, key)
            positions[(*child, KEY)] = (key_line, key_col)
            result[key] = self.build(value_node, child, depth + 1)
        positions.pop((*path, KEY, "?"), None)
        return result
