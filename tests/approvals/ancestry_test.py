"""Stage order needs ancestry between records: one walk, right for any order of the graph."""

from __future__ import annotations

from agreekit.approvals.verify import Ancestry


def test_ancestry_answers_for_any_order_of_the_graph() -> None:
    # a <- b <- c, and d on a side branch from a; given children first and shuffled.
    graph = {"c": ("b",), "b": ("a",), "d": ("a",), "a": ()}
    for order in (["c", "b", "d", "a"], ["a", "d", "b", "c"], ["b", "a", "c", "d"]):
        ancestry = Ancestry({k: graph[k] for k in order}, ["a", "b", "d"])
        assert ancestry.includes("a", "c") and ancestry.includes("b", "c")
        assert not ancestry.includes("d", "c") and ancestry.includes("a", "d")
        assert not ancestry.includes("c", "a")  # c is not marked
