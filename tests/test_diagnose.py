"""The relation diagnoser (nndl/diagnose.py): each relation fires on its case, stays
silent on unrelated wrong values, keeps data out of hidden hints, and never raises."""
import re

import numpy as np
import pytest

from nndl import checks as C
from nndl import diagnose as D

RNG = np.random.RandomState(0)
E = RNG.randn(3, 4)  # a generic expected value: no relation with an unrelated wrong one
UNRELATED = RNG.randn(3, 4)


def message(fn, *args, **kwargs):
    with pytest.raises(C.CheckFailed) as info:
        fn(*args, **kwargs)
    return str(info.value)


def hint(msg):
    lines = [line for line in msg.splitlines() if line.startswith("Hint:")]
    assert len(lines) <= 1, msg
    return lines[0] if lines else None


# -- arrays: (wrong value, expected, words the hint must contain) ------------------------
X = np.arange(24, dtype=float).reshape(2, 3, 4) + 0.5  # two "pictures" of 12 entries
FLAT = X.reshape(2, -1).T  # (12, 2): column i is picture i
ROWS = np.array([[3.0, 0.0, 4.0], [2.0, -2.0, 1.0], [1.0, 5.0, -3.0]])
UNIT_ROWS = ROWS / np.linalg.norm(ROWS, axis=1, keepdims=True)
SQUARE = RNG.randn(3, 3)
ARRAY_CASES = {
    "factor m": (E * 4, E, dict(m=4), "number of examples m"),
    "factor 1/m": (E / 4, E, dict(m=4), "an extra 1/m"),
    "factor whole": (E * 3, E, {}, "whole-number factor"),
    "factor 1/n": (E / 5, E, {}, "smaller by the same whole-number factor"),
    "factor 2": (E * 2, E, {}, "twice"),
    "factor half": (E / 2, E, {}, "half"),
    "negation": (-E, E, {}, "opposite sign"),
    "complement": (1 - np.abs(E) / 10, np.abs(E) / 10, {}, "1 minus"),
    "shift": (E + 0.25, E, {}, "same amount"),
    "transpose": (SQUARE.T, SQUARE, {}, "transpose"),
    "reshape(-1, m)": (X.reshape(-1, 2), FLAT, {}, "reshape(-1, m)"),
    "permuted": (np.sort(E, axis=None).reshape(3, 4), E, {}, "wrong order"),
    "first column only": (np.hstack([E[:, :1], UNRELATED[:, 1:]]), E, {}, "only the first column"),
    "first row only": (np.vstack([E[:1], UNRELATED[1:]]), E, {}, "only the first row"),
    "row divisor": (ROWS / (np.linalg.norm(ROWS, axis=1, keepdims=True) ** 2), UNIT_ROWS, {}, "each row"),
    "axis 0 for axis 1": (ROWS / np.linalg.norm(ROWS, axis=0, keepdims=True), UNIT_ROWS, {}, "wrong axis"),
    "unchanged from start": (E.copy(), E + 1, dict(start=E), "nothing was updated"),
    "an input returned": (E.copy(), E + 1, dict(inputs={"W": E}), "the input W unchanged"),
    "all zeros": (np.zeros_like(E), E, {}, "every entry is 0"),
    "update the wrong way": (E + 0.1 * UNRELATED, E - 0.1 * UNRELATED, dict(start=E), "wrong way"),
    "update step size": (E - 0.01 * UNRELATED, E - 0.1 * UNRELATED, dict(start=E), "learning rate"),
    "predictions flipped": (np.ones((1, 6)), np.zeros((1, 6)), {}, "every prediction is flipped"),
    "another normalisation": ((E - E.mean()) / E.std(), E / 255, {}, "scaled and shifted"),
    "half the training": (E - 0.05 * UNRELATED * (1 + 1e-3 * E), E - 0.1 * UNRELATED, dict(start=E), "not as far"),
    "training uphill": (E + 0.1 * UNRELATED, E - 0.1 * UNRELATED * (1 + 1e-3 * E), dict(start=E), "opposite way"),
    "initial weights redrawn": (RNG.randn(3, 4) * 0.01, E * 0.01, {}, None),
}


@pytest.mark.parametrize("case", ARRAY_CASES)
def test_each_array_relation_fires_on_its_case(case):
    """A wrong value in a known relation to the expected one gets that relation's hint."""
    got, want, extra, words = ARRAY_CASES[case]
    label = "W1 after np.random.seed(2)" if words is None else "f"
    found = hint(message(C.expect_array, got, want, label, **extra))
    assert found and (words or "other random numbers") in found, found


@pytest.mark.parametrize("wrong", [UNRELATED, E + RNG.randn(3, 4) * 1e-3, E * RNG.uniform(1.5, 2.5, (3, 4))])
def test_no_relation_no_hint(wrong):
    """Unrelated wrong values (other numbers, noise, entry-wise different factors) get no hint,
    also after training from a start (the change is not along the expected change)."""
    assert hint(message(C.expect_array, wrong, E, "f")) is None
    assert hint(message(C.expect_array, wrong, E, "f", start=E - 0.1 * UNRELATED)) is None


def test_random_hint_needs_an_initialisation_label():
    """Other random-looking numbers are blamed on the draws only where the label names an initialisation."""
    assert hint(message(C.expect_array, RNG.randn(3, 4), E, "W1 after 2 iterations")) is None


def test_a_correct_value_has_no_message_at_all():
    """A hint only ever comes with a failure: a right answer passes silently."""
    C.expect_array(E.copy(), E, "f")
    C.expect_scalar(0.5, 0.5, "f")


# -- hidden checks keep numbers out ------------------------------------------------------
NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?")


@pytest.mark.parametrize("case", ARRAY_CASES)
def test_hidden_hints_hold_no_number(case):
    """On an unrevealed check a hint names the relation without a value, factor or size
    (only the constants of formulas: 1 - x, axis=0, reshape(-1, m), 1/2, 0.5)."""
    got, want, extra, _ = ARRAY_CASES[case]
    found = hint(message(C.expect_array, got, want, "f", **extra)) or ""
    assert set(NUMBER.findall(found.replace("1/2", "").replace("0.01", "").replace("0.5", ""))) <= {"0", "1"}, found


def test_visible_hints_show_a_small_factor():
    """reveal=True (a visible check) names the factor and m; reveal=False only the relation."""
    assert "m = 4" in message(C.expect_array, E * 4, E, "dW", reveal=True, m=4)
    assert "4" not in hint(message(C.expect_array, E * 4, E, "dW", m=4))
    assert "3 times" in hint(message(C.expect_array, E * 3, E, "dW", reveal=True))
    assert "3" not in hint(message(C.expect_array, E * 3, E, "dW"))


def test_m_is_read_from_the_label():
    """A label "... m = 5" names the number of examples (the label is shown anyway)."""
    assert "number of examples m" in hint(message(C.expect_array, E * 5, E, "dW on m = 5"))


# -- scalars --------------------------------------------------------------------------------
@pytest.mark.parametrize("got, want, label, words", [
    (0.25, 1.0, "L1 on 4 predictions", "mean"),
    (2.2256240518579173, 0.5564060129644793, "compute_cost", "whole-number factor"),
    (-0.4894255170561664, 0.4894255170561664, "cost", "opposite sign"),
    (0.2689414213699951, 0.7310585786300049, "basic_sigmoid(1.0)", "1 minus"),
    (0.5477225575051661, 0.3, "L2", "square root"),
    (0.09, 0.3, "L2", "square of the expected"),
    (0.731, 0.7310585786300049, "basic_sigmoid(1.0)", "rounded"),
    (0.6929425896632865, 0.6930374642851655, "costs[0], the cost before the first update", "already updated"),
])
def test_scalar_relations(got, want, label, words):
    """A number in a known relation to the expected one gets that relation's hint."""
    assert words in hint(message(C.expect_scalar, got, want, label))


@pytest.mark.parametrize("got, want", [(0.2, 1.0), (1.3678794411714423, 0.7310585786300049)])
def test_round_numbers_in_a_whole_ratio_by_chance_get_no_factor_hint(got, want):
    """0.2 against 1.0 is a ratio of 5 by chance, not a missing 1/m (L1 without abs)."""
    assert hint(message(C.expect_scalar, got, want, "L1")) is None


# -- shapes, dtypes, types, counts, nan -----------------------------------------------------------
@pytest.mark.parametrize("got, want, words", [
    ((5,), (5, 1), "rank-1"),
    ((6,), (2, 3), "flattened"),
    ((3, 2), (2, 3), "transposed"),
    ((4, 4), (1, 4), "broadcasting"),
    ((4, 1), (4,), "rank-1 array is wanted"),
])
def test_shape_relations(got, want, words):
    """A wrong shape names its likely cause."""
    assert words in hint(message(C.expect_shape, np.zeros(got), want, "f"))


def test_unrelated_shape_no_hint():
    """(3, 5) for (2, 7): no relation, no hint."""
    assert hint(message(C.expect_shape, np.zeros((3, 5)), (2, 7), "f")) is None


def test_dtype_and_type_hints():
    """Integer results, booleans, floats where booleans are wanted, lists, None, pairs."""
    assert "np.empty_like" in hint(message(C.expect_array, np.ones(3, dtype=int), np.ones(3), "f", kind="f"))
    assert "astype(float)" in hint(message(C.expect_array, np.ones(3, bool), np.ones(3), "f", kind="f"))
    assert "comparison" in hint(message(C.expect_array, np.ones(3), np.ones(3, bool), "f", kind="b"))
    assert "None" in hint(message(C.expect_type, None, np.ndarray, "f"))
    assert "first element" in hint(message(C.expect_type, (np.ones(2), {}), np.ndarray, "f"))


def test_nonfinite_hints_name_the_function():
    """softmax: subtract the row max; sigmoid: an exp that stays finite; cost: log(0)."""
    bad = np.array([[np.nan, 0.5]])
    assert "maximum" in hint(message(C.expect_array, bad, np.ones((1, 2)), "softmax on a (1, 2) array"))
    assert "1 / (1 + np.exp(-z))" in hint(message(C.expect_array, bad, np.ones((1, 2)), "sigmoid for large |x|"))
    assert "log of 0" in hint(message(C.expect_scalar, float("nan"), 0.5, "compute_cost"))


def test_sizes_and_keys():
    """A size from the wrong axis; a misspelled key, layers from 0, a last layer missing."""
    assert "wrong axis" in hint(message(C.expect_equal, 2, 400, "m"))
    assert "wrong axis" in hint(message(C.expect_equal, (400, 4, 400), (2, 4, 1), "layer_sizes"))
    assert "misspelled" in hint(message(C.expect_keys, {"w": 1, "Y_predictions_train": 1}, ["w", "Y_prediction_train"], "d"))
    assert "numbered from 1" in hint(message(C.expect_keys, {"W0": 1, "b0": 1, "W1": 1, "b1": 1}, ["W1", "b1", "W2", "b2"], "p"))
    assert "last layer(s) missing" in hint(message(C.expect_keys, {"W1": 1, "b1": 1}, ["W1", "b1", "W2", "b2"], "p"))
    assert hint(message(C.expect_keys, {"x": 1}, ["W1"], "p")) is None


def test_a_cost_list_one_entry_off():
    """One cost too many or too few: when the cost is recorded."""
    assert "too many" in hint(message(C.expect_equal, 3, 2, "number of costs recorded", reveal=True))
    assert "missing" in hint(message(C.expect_equal, 1, 2, "len(costs)"))


def test_authored_reasons_put_the_cause_on_a_hint_line():
    """expect_true's "symptom: cause" becomes "symptom" + "Hint: cause"; a bare symptom stays."""
    msg = message(C.expect_true, False, "softmax", "the rows do not sum to 1: each row is one example")
    assert msg == "softmax: the rows do not sum to 1\nHint: each row is one example"
    assert "Hint" not in message(C.expect_true, False, "m", "is 3: got 3, expected 4")


def test_in_place_and_crash_hints_are_hint_lines():
    """Modifying an input and a crash inside a case name their cause on a Hint line."""
    x = np.ones(3)
    with pytest.raises(C.CheckFailed) as info:
        with C.unchanged("f", x=x):
            x += 1
    assert hint(str(info.value)).startswith("Hint: work on a copy")
    with pytest.raises(C.CheckFailed) as info:
        C.call("f on m = 2", lambda: {}["W3"])
    assert hint(str(info.value)).startswith("Hint: a key the dict does not have")


# -- robustness ---------------------------------------------------------------------------------
def test_a_bug_in_a_hint_never_crashes_a_check(monkeypatch):
    """A diagnoser that raises leaves the plain failure message."""
    def broken(*args, **kwargs):
        raise RuntimeError("bug")
    monkeypatch.setattr(D, "array_hint", broken)
    assert message(C.expect_array, E * 4, E, "f") == "f: 12 of 12 entries differ from the expected values (the first at index (0, 0))"


@pytest.mark.parametrize("got, want", [
    (np.array(["a", "b"]), np.array(["a", "c"])), (np.array([1 + 2j]), np.array([1.0])),
    (np.zeros((0, 3)), np.zeros((0, 3))), (np.array([np.inf, 1.0]), np.array([1.0, 1.0])),
])
def test_odd_values_give_no_hint_and_no_crash(got, want):
    """Strings, complex numbers, empty arrays, infinities: no crash."""
    D.array_hint(got, want)
    D.scalar_hint(1.0, 0.0)
    D.shape_hint((), (3,))


def test_the_diagnoser_is_fast():
    """A (200, 300) mismatch is diagnosed in well under a millisecond per hundred entries."""
    import time
    big, other = RNG.randn(200, 300), RNG.randn(200, 300)
    start = time.perf_counter()
    for _ in range(20):
        D.array_hint(other, big, "f")
    assert (time.perf_counter() - start) / 20 < 0.05
