"""Tests of lstm_core.measure.gradient_norms: gradient norms by distance and the RNN Jacobian product."""

import numpy as np
import pytest

from lstm_core import gradcheck, rnn, symbolic
from lstm_core.measure import gradient_norms as diagnostics


def _params(rng, n_in=3, n_hidden=4, radius=None):
    p = rnn.RNNParams(
        W=rng.normal(size=(n_hidden, n_in)),
        R=rng.normal(size=(n_hidden, n_hidden)) / np.sqrt(n_hidden),
        b=rng.normal(size=n_hidden) * 0.3,  # non-zero biases
    )
    return p if radius is None else diagnostics.with_spectral_radius(p, radius)


def test_random_orthogonal_is_orthogonal_and_seeded():
    q = diagnostics.random_orthogonal(6, rng=1)
    np.testing.assert_allclose(q.T @ q, np.eye(6), atol=1e-12)
    np.testing.assert_array_equal(q, diagnostics.random_orthogonal(6, rng=1))
    assert not np.allclose(q, diagnostics.random_orthogonal(6, rng=2))


@pytest.mark.parametrize("radius", [0.5, 1.0, 1.5])
def test_with_spectral_radius_sets_the_radius_and_keeps_W_and_b(radius):
    p = _params(np.random.default_rng(0))
    q = diagnostics.with_spectral_radius(p, radius)
    assert diagnostics.spectral_radius(q.R) == pytest.approx(radius, rel=1e-12)
    assert q.W is p.W and q.b is p.b
    # a rescaling: the direction of R is unchanged
    np.testing.assert_allclose(q.R / np.linalg.norm(q.R), p.R / np.linalg.norm(p.R))


def test_scaled_orthogonal_has_equal_radius_and_largest_singular_value():
    q = 1.3 * diagnostics.random_orthogonal(5, rng=3)
    assert diagnostics.spectral_radius(q) == pytest.approx(1.3)
    assert np.linalg.norm(q, 2) == pytest.approx(1.3)


def test_gradient_norms_equal_the_transposed_jacobian_product_applied_to_dh_T():
    rng = np.random.default_rng(3)
    p = _params(rng)
    x = rng.normal(size=(7, 2, 3))
    h0 = rng.normal(size=(2, 4)) * 0.5
    dh_T = rng.normal(size=(2, 4))
    norms = diagnostics.gradient_norms_by_distance(p, x, h0, dh_T)
    assert norms.shape == (8, 2)
    np.testing.assert_allclose(norms[0], np.linalg.norm(dh_T, axis=1))
    trace = rnn.forward(p, x, h0)
    for d in range(8):
        for n in range(2):
            J = symbolic.rnn_jacobian(p, trace, 7, 7 - d, n)  # (H, H), the product formula
            expected = np.linalg.norm(J.T @ dh_T[n])
            assert norms[d, n] == pytest.approx(expected, rel=1e-10)


def test_gradient_norm_at_the_initial_state_matches_finite_differences():
    rng = np.random.default_rng(4)
    p = _params(rng)
    x = rng.normal(size=(5, 1, 3))
    h0 = rng.normal(size=(1, 4)) * 0.5
    dh_T = rng.normal(size=(1, 4))
    num = gradcheck.numerical_gradient(lambda: float(np.sum(dh_T * rnn.forward(p, x, h0).h[-1])), h0)
    norms = diagnostics.gradient_norms_by_distance(p, x, h0, dh_T)
    assert norms[-1, 0] == pytest.approx(np.linalg.norm(num), rel=1e-7)


@pytest.mark.parametrize("radius", [0.5, 0.9, 1.0])
def test_gradient_norms_obey_the_bound_radius_to_the_distance_for_scaled_orthogonal_R(radius):
    # ‖diag(1 - h²)‖ <= 1 and ‖ρQ‖ = ρ, so ‖∂L/∂h^{T-d}‖ <= ρ^d ‖dh_T‖ (Pascanu et al. 2013)
    rng = np.random.default_rng(5)
    H = 8
    p = rnn.RNNParams(
        W=rng.normal(size=(H, 2)),
        R=radius * diagnostics.random_orthogonal(H, rng=rng),
        b=rng.normal(size=H),
    )
    norms = diagnostics.gradient_norms_by_distance(p, rng.normal(size=(40, 4, 2)))
    bound = radius ** np.arange(41)[:, None]
    assert np.all(norms <= bound * (1 + 1e-12))
    # and with tanh' < 1 somewhere, strictly below it far away
    assert np.all(norms[-1] < bound[-1])


def test_default_dh_T_is_unit_norm_so_distance_zero_is_one():
    rng = np.random.default_rng(6)
    norms = diagnostics.gradient_norms_by_distance(_params(rng), rng.normal(size=(3, 2, 3)))
    np.testing.assert_allclose(norms[0], 1.0)


def test_small_radius_vanishes_and_large_radius_explodes():
    rng = np.random.default_rng(7)
    H = 16
    base = rnn.RNNParams(
        W=0.1 * rng.normal(size=(H, 2)), R=diagnostics.random_orthogonal(H, rng=rng), b=np.zeros(H)
    )
    x = rng.normal(size=(60, 4, 2))
    small = diagnostics.gradient_norms_by_distance(diagnostics.with_spectral_radius(base, 0.5), x)
    large = diagnostics.gradient_norms_by_distance(diagnostics.with_spectral_radius(base, 3.0), x)
    assert np.all(small[-1] < 1e-10)
    assert np.all(large[-1] > 1e3)


# ---------------------------------------------------------------- bad input


def test_with_spectral_radius_refuses_bad_radius_and_params():
    p = _params(np.random.default_rng(8))
    for bad in (0.0, -1.0, np.inf, np.nan):
        with pytest.raises(ValueError, match="radius"):
            diagnostics.with_spectral_radius(p, bad)
    for bad in ("1.0", None, True):
        with pytest.raises(TypeError, match="radius"):
            diagnostics.with_spectral_radius(p, bad)
    with pytest.raises(TypeError, match="params"):
        diagnostics.with_spectral_radius(p.R, 1.0)
    nilpotent = rnn.RNNParams(W=p.W, R=np.triu(np.ones((4, 4)), 1), b=p.b)
    with pytest.raises(ValueError, match="spectral radius 0"):
        diagnostics.with_spectral_radius(nilpotent, 1.0)


def test_spectral_radius_refuses_non_square_and_integer_matrices():
    with pytest.raises(ValueError, match=r"R: expected shape \(H=2, H=2\), got shape \(2, 3\)"):
        diagnostics.spectral_radius(np.ones((2, 3)))
    with pytest.raises(TypeError, match="R: expected a float"):
        diagnostics.spectral_radius(np.eye(2, dtype=int))


def test_random_orthogonal_refuses_non_positive_size():
    with pytest.raises(ValueError, match="n: expected a positive integer"):
        diagnostics.random_orthogonal(0)


def test_gradient_norms_refuse_wrong_shapes_and_nan():
    rng = np.random.default_rng(9)
    p = _params(rng)
    with pytest.raises(ValueError, match=r"x: expected shape"):
        diagnostics.gradient_norms_by_distance(p, rng.normal(size=(5, 2, 4)))
    with pytest.raises(ValueError, match=r"x: expected 3 dimensions"):
        diagnostics.gradient_norms_by_distance(p, rng.normal(size=(5, 3)))
    with pytest.raises(ValueError, match=r"dh_T: expected shape \(2, 4\), got shape \(2, 3\)"):
        diagnostics.gradient_norms_by_distance(p, rng.normal(size=(5, 2, 3)), dh_T=np.ones((2, 3)))
    x = rng.normal(size=(5, 2, 3))
    x[1, 0, 0] = np.nan
    with pytest.raises(ValueError, match="x: contains NaN"):
        diagnostics.gradient_norms_by_distance(p, x)
    with pytest.raises(TypeError, match="params"):
        diagnostics.gradient_norms_by_distance("params", x)


def test_growth_per_step_recovers_the_ratio_of_a_geometric_sequence():
    d = np.arange(30)
    assert diagnostics.growth_per_step(0.7**d) == pytest.approx(0.7, rel=1e-12)
    batch = np.stack([2.0 * 1.3**d, 5.0 * 1.3**d], axis=1)  # (D, N), different constants
    assert diagnostics.growth_per_step(batch) == pytest.approx(1.3, rel=1e-12)


def test_growth_per_step_skips_the_transient():
    d = np.arange(40)
    norms = np.where(d < 10, 1.0, 0.5 ** (d - 10))  # flat, then halving
    assert diagnostics.growth_per_step(norms, skip=10) == pytest.approx(0.5, rel=1e-12)
    assert diagnostics.growth_per_step(norms) > 0.5


def test_growth_per_step_of_a_linear_rnn_regime_is_the_radius():
    # tiny inputs keep h near 0, where tanh' = 1: the per-step factor is ρ itself
    rng = np.random.default_rng(11)
    H = 16
    p = rnn.RNNParams(
        W=1e-6 * rng.normal(size=(H, 2)),
        R=0.8 * diagnostics.random_orthogonal(H, rng=rng),
        b=np.zeros(H),
    )
    norms = diagnostics.gradient_norms_by_distance(p, rng.normal(size=(50, 3, 2)))
    assert diagnostics.growth_per_step(norms) == pytest.approx(0.8, rel=1e-6)


def test_growth_per_step_refuses_bad_input():
    with pytest.raises(ValueError, match="every entry > 0"):
        diagnostics.growth_per_step(np.array([1.0, 0.0, 0.5]))
    with pytest.raises(ValueError, match=r"skip: expected 0 <= skip <= D - 2 = 1"):
        diagnostics.growth_per_step(np.array([1.0, 0.5, 0.25]), skip=2)
    with pytest.raises(TypeError, match="skip: expected an int"):
        diagnostics.growth_per_step(np.array([1.0, 0.5, 0.25]), skip=1.0)
    with pytest.raises(ValueError, match=r"norms: expected shape \(D,\) or \(D, N\)"):
        diagnostics.growth_per_step(np.ones((3, 2, 2)))
    with pytest.raises(ValueError, match="norms: contains NaN"):
        diagnostics.growth_per_step(np.array([1.0, np.nan, 0.5]))
    with pytest.raises(TypeError, match="norms: expected a float"):
        diagnostics.growth_per_step(np.array([1, 2, 3]))
