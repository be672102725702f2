"""nndl.activations: forward values, caches, and backward steps checked numerically."""
import warnings

import numpy as np
import pytest

from nndl.activations import relu, relu_backward, sigmoid, sigmoid_backward


def _numerical_dZ(forward, Z, dA, eps=1e-6):
    """d/dZ of sum(dA * forward(Z)) by central differences: the backward step's target."""
    dZ = np.zeros_like(Z)
    for idx in np.ndindex(Z.shape):
        Zp, Zm = Z.copy(), Z.copy()
        Zp[idx] += eps
        Zm[idx] -= eps
        dZ[idx] = np.sum(dA * (forward(Zp)[0] - forward(Zm)[0])) / (2 * eps)
    return dZ


def test_sigmoid_values_shape_and_cache():
    Z = np.array([[-2.0, 0.0, 3.0], [1.0, -0.5, 10.0]])
    A, cache = sigmoid(Z)
    assert A.shape == (2, 3) and A.dtype == np.float64
    np.testing.assert_allclose(A, 1 / (1 + np.exp(-Z)), rtol=1e-15)
    assert cache is Z
    assert sigmoid(np.array([[0.0]]))[0][0, 0] == 0.5


def test_sigmoid_is_safe_for_large_inputs():
    Z = np.array([[-1000.0, -710.0, -40.0, 40.0, 710.0, 1000.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any overflow/invalid warning fails the test
        with np.errstate(over="raise", divide="raise", invalid="raise"):
            A, _ = sigmoid(Z)
    assert np.all(np.isfinite(A))
    assert np.all((A >= 0) & (A <= 1))
    assert A[0, 0] == 0.0 and A[0, -1] == 1.0
    np.testing.assert_allclose(A[0, 2], np.exp(-40.0) / (1 + np.exp(-40.0)), rtol=1e-12)
    # symmetric: sigmoid(-z) = 1 - sigmoid(z)
    np.testing.assert_allclose(sigmoid(-Z)[0], 1 - A, atol=1e-15)


def test_sigmoid_accepts_integers_and_scalars():
    A, _ = sigmoid(np.array([[0, 1]]))
    assert A.dtype.kind == "f"
    np.testing.assert_allclose(A, [[0.5, 1 / (1 + np.exp(-1))]])
    assert float(sigmoid(0.0)[0]) == 0.5


def test_relu_values_shape_and_cache():
    Z = np.array([[-2.0, 0.0, 3.0], [1.5, -0.5, 0.25]])
    A, cache = relu(Z)
    np.testing.assert_array_equal(A, [[0.0, 0.0, 3.0], [1.5, 0.0, 0.25]])
    assert cache is Z
    assert not np.shares_memory(A, Z)


def test_relu_backward_zeroes_where_Z_is_not_positive():
    Z = np.array([[-1.0, 0.0, 2.0], [3.0, -4.0, 1e-12]])
    dA = np.array([[5.0, 6.0, 7.0], [8.0, 9.0, 10.0]])
    dA_before = dA.copy()
    dZ = relu_backward(dA, Z)
    np.testing.assert_array_equal(dZ, [[0.0, 0.0, 7.0], [8.0, 0.0, 10.0]])
    np.testing.assert_array_equal(dA, dA_before)
    assert not np.shares_memory(dZ, dA)


@pytest.mark.parametrize("shape", [(1, 1), (3, 5), (4, 2), (1, 7)])
def test_backward_steps_match_finite_differences(shape):
    rng = np.random.default_rng(sum(shape))
    # keep Z away from relu's kink at 0, where finite differences are meaningless
    Z = rng.standard_normal(shape) * 3
    Z = np.where(np.abs(Z) < 1e-3, 0.5, Z)
    dA = rng.standard_normal(shape)
    for forward, backward in ((sigmoid, sigmoid_backward), (relu, relu_backward)):
        dZ = backward(dA, forward(Z)[1])
        assert dZ.shape == shape
        np.testing.assert_allclose(dZ, _numerical_dZ(forward, Z, dA), rtol=1e-6, atol=1e-9,
                                   err_msg=backward.__name__)


def test_sigmoid_backward_for_large_inputs_has_no_warning():
    Z = np.array([[-1000.0, 1000.0, 0.0]])
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        dZ = sigmoid_backward(np.ones((1, 3)), Z)
    np.testing.assert_allclose(dZ, [[0.0, 0.0, 0.25]])


@pytest.mark.parametrize("backward", [relu_backward, sigmoid_backward])
def test_backward_rejects_mismatched_shapes(backward):
    with pytest.raises(ValueError, match="shape"):
        backward(np.ones((1, 3)), np.ones((3, 3)))
