"""nndl.checks: each check fails on the wrong thing, passes on the right one,
and says why without revealing expected values unless asked to."""
import numpy as np
import pytest

from nndl import checks as C


def fails(fn, *args, **kwargs):
    with pytest.raises(C.CheckFailed) as info:
        fn(*args, **kwargs)
    return str(info.value)


def test_expect_array_accepts_close_values():
    C.expect_array(np.array([[1.0, 2.0]]), np.array([[1.0, 2.0 + 1e-12]]), "f")


def test_expect_array_rank1_gets_a_hint():
    msg = fails(C.expect_array, np.zeros(5), np.zeros((5, 1)), "f on m = 5")
    assert "f on m = 5" in msg and "(5,)" in msg and "rank-1" in msg


def test_expect_array_transpose_gets_a_hint():
    assert "transposed" in fails(C.expect_array, np.zeros((2, 3)), np.zeros((3, 2)), "f")


def test_expect_array_hides_expected_values_unless_revealed():
    expected = np.array([0.123456789, 0.5])
    msg = fails(C.expect_array, np.array([0.9, 0.5]), expected, "f")
    assert "0.123456789" not in msg and "1 of 2 entries" in msg
    assert "0.1234567" in fails(C.expect_array, np.array([0.9, 0.5]), expected, "f", reveal=True)


def test_expect_array_rejects_lists_nan_and_wrong_dtype():
    assert "numpy array" in fails(C.expect_array, [1.0, 2.0], np.array([1.0, 2.0]), "f")
    assert "nan" in fails(C.expect_array, np.array([np.nan]), np.array([1.0]), "f")
    assert "dtype" in fails(C.expect_array, np.array([1, 0]), np.array([1, 0]), "f", kind="f")
    C.expect_array(np.array([True, False]), np.array([True, False]), "f", kind="b")


def test_expect_scalar_types():
    C.expect_scalar(0.5, 0.5, "cost")
    C.expect_scalar(np.float64(0.5), 0.5, "cost")
    C.expect_scalar(np.array(0.5), 0.5, "cost")
    assert "shape (1, 1)" in fails(C.expect_scalar, np.array([[0.5]]), 0.5, "cost")
    assert "np.squeeze" in fails(C.expect_scalar, np.array([[0.5]]), 0.5, "cost")
    assert "np.squeeze" not in fails(C.expect_scalar, np.array([0.5, 0.1]), 0.5, "cost")
    assert "Python float" in fails(C.expect_scalar, np.float32(0.5), 0.5, "b", python_float=True)
    assert "Python float" in fails(C.expect_scalar, np.array(0.5), 0.5, "b", python_float=True)
    C.expect_scalar(0.5, 0.5, "b", python_float=True)
    msg = fails(C.expect_scalar, 0.25, 0.7071067811865476, "cost")
    assert "0.7071" not in msg


def test_expect_equal_and_keys():
    C.expect_equal((2, 4, 1), (2, 4, 1), "layer_sizes")
    assert "(2, 4, 1)" not in fails(C.expect_equal, (2, 4, 2), (2, 4, 1), "layer_sizes")
    assert "missing keys ['db']" in fails(C.expect_keys, {"dw": 1}, ["dw", "db"], "grads")
    assert "unexpected keys ['x']" in fails(C.expect_keys, {"dw": 1, "db": 2, "x": 3}, ["dw", "db"], "grads")
    assert "dict" in fails(C.expect_keys, [1], ["dw"], "grads")


def test_unchanged_detects_in_place_changes():
    x = np.ones((2, 2))
    with C.unchanged("f", x=x):
        x.copy() * 2
    with pytest.raises(C.CheckFailed, match="modified its input 'x'"):
        with C.unchanged("f", x=x):
            x *= 2
    params = {"W1": np.ones((2, 2))}
    with pytest.raises(C.CheckFailed, match="'params'"):
        with C.unchanged("update", params=params):
            params["W1"] -= 1


def test_unchanged_lets_the_learners_own_error_through():
    with pytest.raises(ZeroDivisionError):
        with C.unchanged("f", x=np.ones(1)):
            1 / 0


def test_expect_callable():
    C.expect_callable({"f": len}, "f")
    assert "not defined" in fails(C.expect_callable, {}, "f")
