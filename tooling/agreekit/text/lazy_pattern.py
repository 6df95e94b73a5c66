"""Regular expressions compiled when first used; the class lives in the model layer, whose own rare
patterns use it too (the model cannot import text), and the checks import it from here."""

from agreekit.model.lazy_pattern import LazyPattern

__all__ = ["LazyPattern"]
