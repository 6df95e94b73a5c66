"""Regular expressions compiled when first used, for patterns that most texts never need.

`check` imports every check family, and compiling all their patterns costs more start-up than
some checks take to run; a pattern that only text of a rare kind reaches (a doubled number, a
placeholder, a money figure) is compiled when a text first reaches it. The methods are those of
`re.Pattern`, with the same arguments.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterator
from typing import AnyStr, Generic


class LazyPattern(Generic[AnyStr]):
    """`re.compile(pattern, flags)`, done on the first search."""

    def __init__(self, pattern: AnyStr, flags: int = 0) -> None:
        self.pattern: AnyStr = pattern
        self.flags = flags

    @functools.cached_property
    def compiled(self) -> re.Pattern[AnyStr]:
        return re.compile(self.pattern, self.flags)

    def search(
        self, text: AnyStr, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[AnyStr] | None:
        return self.compiled.search(text, pos, endpos)

    def match(
        self, text: AnyStr, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[AnyStr] | None:
        return self.compiled.match(text, pos, endpos)

    def finditer(
        self, text: AnyStr, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[AnyStr]]:
        return self.compiled.finditer(text, pos, endpos)

    def sub(
        self, replacement: AnyStr | Callable[[re.Match[AnyStr]], AnyStr], text: AnyStr
    ) -> AnyStr:
        return self.compiled.sub(replacement, text)
