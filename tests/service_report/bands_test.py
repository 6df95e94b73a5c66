"""Late credits: each ticket earns the one band with the longest trigger its time passed."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from agreekit.service_report.credits import bands_passed
from agreekit.service_report.terms import LateCredit, Target

TRIGGERS = st.lists(
    st.tuples(st.one_of(st.none(), st.integers(0, 600)), st.booleans(), st.integers(1, 9)),
    min_size=1,
    max_size=4,
)


@settings(max_examples=200, deadline=None)
@given(TRIGGERS, st.lists(st.tuples(st.integers(-5, 700), st.integers(-5, 700)), max_size=30))
def test_bands_agree_with_asking_each_ticket(
    triggers: list[tuple[int | None, bool, int]], times: list[tuple[int, int]]
) -> None:
    credits = [
        LateCredit("response", "P1", Target("t", None if s is None else float(s), b), float(c))
        for s, b, c in triggers
    ]
    elapsed = np.array([t[0] for t in times], dtype=np.int64)
    business = np.array([t[1] for t in times], dtype=np.int64)
    counts = bands_passed(credits, lambda on_business: business if on_business else elapsed)
    expected = [0] * len(credits)
    for ticket, (on_24x7, on_business) in enumerate(times):
        del ticket
        passed = [
            (credit.after.seconds, index)
            for index, credit in enumerate(credits)
            if credit.after.seconds is not None
            and (on_business if credit.after.business else on_24x7) > credit.after.seconds
        ]
        if passed:  # the longest trigger passed; of equal triggers, the one listed last
            expected[max(passed)[1]] += 1
    assert counts == expected
