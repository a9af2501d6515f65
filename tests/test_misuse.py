"""Every public function, misused every way tests/misuse_cases.py knows, gives the right answer or
its module's own error naming the argument -- never a raw numpy error, never a silent wrong answer.

One test per (function, argument); hypothesis draws the variants, derandomized, so every run
tries the same cases. The counts by module: ``python benchmarks/misuse_tally.py``.
"""

import warnings

import pytest
from misuse_cases import Tally, all_specs, make_property

CASES = [(spec, arg) for spec in all_specs() for arg in spec.args]


@pytest.mark.parametrize(
    "spec, arg", CASES, ids=[f"{s.module}.{s.name}-{a}" for s, a in CASES]
)
def test_misuse_is_handled(spec, arg):
    tally = Tally()
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # a NaN computed quietly is no answer
        make_property(spec, arg, tally)()
    assert tally.outcomes, "no case was tried"
    bad = [f"{o.case}: {o.detail}" for o in tally.failures()]
    assert not bad, "\n".join(bad)
