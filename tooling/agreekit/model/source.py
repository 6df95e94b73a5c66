"""Source maps: where in a file each value of a YAML document was written."""

from typing import Any

from agreekit.finding import Location
from agreekit.model.frozen import field, frozen

Path = tuple[Any, ...]


@frozen
class SourceMap:
    """Maps a key path such as ("stakeholders", 2, "email") to the line and column of its value."""

    file: str
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def locate(self, *path: Any) -> Location:
        """The value's location, or the nearest enclosing value's when the path does not exist."""
        probe: Path = tuple(path)
        while probe not in self.positions and probe:
            probe = probe[:-1]
        line, col = self.positions.get(probe, (1, 1))
        return Location(self.file, line, col)

    def key_location(self, *path: Any) -> Location:
        """Where the key of a mapping entry is written (the line a reader looks at)."""
        key_path: Path = (*path, KEY)
        if key_path in self.positions:
            line, col = self.positions[key_path]
            return Location(self.file, line, col)
        return self.locate(*path)

    def __contains__(self, path: object) -> bool:
        return path in self.positions


# Marker appended to a path to record where a mapping key (rather than its value) starts.
KEY = "\0key"
