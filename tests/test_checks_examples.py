"""Every check's own good and bad example: the bad one is reported by that check, the good one is not."""

from __future__ import annotations

import pytest

from followup.drafting.checks import IDS
from followup.drafting.checks.examples import EXAMPLES, Example


def test_every_check_has_a_good_and_a_bad_example() -> None:
    assert sorted(e.check_id for e in EXAMPLES) == sorted(IDS)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.check_id for e in EXAMPLES])
def test_the_bad_example_is_found_and_the_good_one_is_not(example: Example) -> None:
    assert example.check_id in example.findings(bad=True)
    assert example.check_id not in example.findings(bad=False)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.check_id for e in EXAMPLES])
def test_the_good_example_is_clean_of_every_check(example: Example) -> None:
    assert example.findings(bad=False) == set()
