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


def test_unchanged_reports_the_learners_own_error_as_a_failed_check():
    with pytest.raises(C.CheckFailed, match="^f on m = 1: raised ZeroDivisionError"):
        with C.unchanged("f on m = 1", x=np.ones(1)):
            1 / 0


def test_expect_callable():
    C.expect_callable({"f": len}, "f")
    assert "not defined" in fails(C.expect_callable, {}, "f")


def test_a_crash_inside_running_names_the_case_not_the_data():
    with pytest.raises(C.CheckFailed) as info:
        with C.running("f on a 3-layer network"):
            {}["W3"]
    assert str(info.value).startswith("f on a 3-layer network: raised KeyError 'W3'")
    with pytest.raises(C.CheckFailed) as info:
        C.call("g on a (4, 3, 2) image", lambda: np.zeros(24).reshape(18, 1))
    msg = str(info.value)
    assert "g on a (4, 3, 2) image: raised ValueError" in msg and "24" not in msg and "18" not in msg


def test_running_lets_failed_checks_and_interrupts_through():
    with pytest.raises(C.CheckFailed, match="^f: shape"):
        with C.running("g"):
            C.expect_shape(np.zeros(2), (3,), "f")
    with pytest.raises(KeyboardInterrupt):
        with C.running("g"):
            raise KeyboardInterrupt


def test_unchanged_hint_fits_a_dict_of_arrays():
    params = {"W1": np.ones((2, 2))}
    with pytest.raises(C.CheckFailed, match="deepcopy"):
        with C.unchanged("update", params=params):
            params["W1"] -= 1


def test_a_common_factor_is_named():
    msg = fails(C.expect_array, np.array([[3.0, -6.0]]), np.array([[1.0, -2.0]]), "dW on m = 3")
    assert "\nHint: every value is larger by a factor equal to the number of examples m" in msg and "1/m" in msg
    assert "3 times" in fails(C.expect_array, np.array([[3.0, -6.0]]), np.array([[1.0, -2.0]]), "dW", reveal=True)
    assert "factor" not in fails(C.expect_array, np.array([[3.0, -5.0]]), np.array([[1.0, -2.0]]), "dW")
    # two long numbers in a whole ratio; two round ones (2.0 and 0.5) may be so by chance: no hint
    assert "4 times" in fails(C.expect_scalar, 2.2256240518579173, 0.5564060129644793, "db", reveal=True)
    assert "Hint" not in fails(C.expect_scalar, 2.0, 0.5, "db")


def test_parameters_still_at_their_start_are_named():
    start = np.array([[0.1, 0.2]])
    msg = fails(C.expect_array, start.copy(), np.array([[0.3, 0.1]]), "W1 after training", start=start)
    assert "nothing was updated" in msg


def test_the_guard_puts_back_rebound_and_deleted_names(monkeypatch):
    """Before each graded cell the guard restores every saved name that was rebound (even to an
    equal copy) or deleted, and leaves a module that nothing changed as it is."""
    import types

    import nndl.checks as K

    rebound, deleted, untouched = (types.ModuleType(name) for name in ("rebound", "deleted", "untouched"))
    pi, table = 3.141592653589793, {"a": 1}
    rebound.pi, deleted.table, deleted.keep, untouched.x = pi, table, "kept", object()
    monkeypatch.setattr(K, "_SNAPSHOT", [(m, dict(vars(m))) for m in (rebound, deleted, untouched)])
    rebound.pi = float("3.141592653589793")  # equal, not the same object
    del deleted.table
    deleted.extra = 1  # a new name is not the guard's business
    before = dict(vars(untouched))
    K._restore()
    assert rebound.pi is pi
    assert deleted.table is table and deleted.keep == "kept" and deleted.extra == 1
    assert vars(untouched) == before
