"""lstm_core.sequences: reading a padded batch at its ends, and the adjoint."""

import numpy as np
import pytest

from lstm_core import sequences


def test_at_ends_and_to_ends_are_adjoint():
    rng = np.random.default_rng(6)
    y = rng.normal(size=(7, 5, 3))
    lengths = np.array([7, 1, 3, 5, 2])
    d = rng.normal(size=(5, 3))
    assert np.array_equal(sequences.at_ends(y, lengths)[1], y[0, 1])
    assert np.sum(sequences.at_ends(y, lengths) * d) == pytest.approx(
        np.sum(y * sequences.to_ends(d, lengths, 7))
    )
    with pytest.raises(ValueError, match="lengths"):
        sequences.at_ends(y, np.array([8, 1, 1, 1, 1]))
    with pytest.raises(TypeError, match="lengths"):
        sequences.at_ends(y, np.ones(5))
