"""Why a learner's value may differ from the expected one: the relation between them.

A failed check says *that* values differ; the relation between what the learner
got and what was expected usually gives the cause away (every entry m times too
big: a missing 1/m; the opposite sign: a flipped subtraction; the right values
in another order: a reshape in the wrong memory order; ...). Each function here
returns ONE line naming the most likely cause in the learner's terms, or None
when no relation is recognised (a wrong hint is worse than none).

Rules, because hidden checks use these too (the judge calls the checks with
reveal=False, in the grader's process):

- a hint depends on its arguments only (the same text in the kernel and in the
  judge);
- ``reveal=False`` (hidden or unrevealed checks): no number that comes from the
  data (no values, no factor, no size); ``reveal=True`` (visible checks) may
  show a small whole factor, since the values are in the notebook anyway;
- never raises (``checks._hint`` wraps every call anyway) and stays cheap: a
  few vectorised comparisons, no loops over entries.
"""
import re

import numpy as np

RTOL, ATOL = 1e-6, 1e-9
MAX_ENTRIES = 200_000  # above this, only the cheap relations are tried


# -- helpers ------------------------------------------------------------------

def _floats(x):
    """``x`` as a float ndarray, or None when it is not numbers."""
    try:
        if np.iscomplexobj(x):
            return None
        a = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        return None
    return a if a.dtype.kind == "f" else None


def _close(a, b):
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=RTOL, atol=ATOL))


def _varied(e):
    """Enough distinct values that a relation is no coincidence."""
    return e.size >= 2 and np.ptp(e) > 1e-9


def _whole(k, largest=10_000):
    """n when k is a whole number n with 2 <= |n| <= largest."""
    n = round(k)
    if 2 <= abs(n) <= largest and abs(k - n) < 1e-6 * abs(n):
        return int(n)
    return None


def _factor(a, e):
    """k when a == k * e entry by entry for one k other than 1 (0 excluded)."""
    nonzero = np.abs(e) > 1e-12
    if not np.any(nonzero) or np.any(np.abs(a[~nonzero]) > 1e-9):
        return None
    ratios = a[nonzero] / e[nonzero]
    k = float(np.median(ratios))
    if not np.isfinite(k) or abs(k) < 1e-12 or abs(k - 1) < 1e-6:
        return None
    return k if np.allclose(ratios, k, rtol=1e-6, atol=0) else None


# -- constant factors ---------------------------------------------------------

def factor_hint(k, reveal=False, m=None, n_entries=None):
    """The cause of a value k times the expected one, in words."""
    if m is not None and m >= 2:
        if abs(k - m) < 1e-6 * m:
            return _shown(reveal, f"every value is m = {m} times too big", "every value is larger by a factor "
                          "equal to the number of examples m") + ": a missing 1/m (a sum where a mean is needed?)"
        if abs(k * m - 1) < 1e-6:
            return _shown(reveal, f"every value is m = {m} times too small", "every value is smaller by a factor "
                          "equal to the number of examples m") + ": an extra 1/m (divided by m twice, or a mean where a sum is needed?)"
    if n_entries is not None and n_entries >= 2 and n_entries != m:
        if abs(k - n_entries) < 1e-6 * n_entries:
            return _shown(reveal, f"every value is {n_entries} times the expected one", "every value is larger by a factor equal to the "
                          "number of entries") + ": a sum where the mean is needed?"
        if abs(k * n_entries - 1) < 1e-6:
            return _shown(reveal, f"every value is 1/{n_entries} of the expected one", "every value is smaller by a factor equal to the "
                          "number of entries") + ": a mean (np.mean) where the sum is needed?"
    if abs(k - 2) < 1e-6:
        return "exactly twice the expected value: a term counted twice, or a missing 1/2?"
    if abs(k - 0.5) < 1e-6:
        return "exactly half the expected value: an extra 1/2, or a term counted once instead of twice?"
    n, inv = _whole(k), _whole(1 / k)
    if n == 100 or inv == 100:
        return ("every value is off by a factor of a hundred: a missing or extra scale 0.01 "
                "(np.random.randn(...) * 0.01)?")
    if n is not None:
        return _shown(reveal, f"every value is {n} times the expected one", "every value is off by the same "
                      "whole-number factor") + ": a missing divisor (1/m?), or a sum where a mean is needed?"
    if inv is not None:
        return _shown(reveal, f"every value is 1/{inv} of the expected one", "every value is smaller by the same "
                      "whole-number factor") + ": an extra division (by m?), or a mean where a sum is needed?"
    return ("every value is off by the same factor: a wrong or missing constant (a divisor like 255 or m, "
            "1/m with the wrong m, the learning rate, a scale like 0.01)?")


_M_IN_LABEL = re.compile(r"\bm = (\d+)\b")


def _count(pattern, what, given):
    """``given``, or the number the check's label names (the label is shown anyway)."""
    if given is not None:
        return given
    found = pattern.search(what or "")
    return int(found.group(1)) if found else None


def m_of(what, m=None):
    """The number of examples: given, or named in the check's label ("dW on m = 5")."""
    return _count(_M_IN_LABEL, what, m)


def _round_number(x):
    """x has at most 3 significant digits (0.2, 1.0, 0.075)."""
    return x == 0 or abs(float(f"{x:.3g}") - x) <= 1e-12 * abs(x)


_N_IN_LABEL = re.compile(r"\bon (\d+) (?:predictions|entries|values)\b")


def n_of(what, n=None):
    """The number of entries summed, given or named in the label ("L1 on 4 predictions")."""
    return _count(_N_IN_LABEL, what, n)


def _shown(reveal, visible, hidden):
    return visible if reveal else hidden


# -- arrays ---------------------------------------------------------------------

def array_hint(actual, expected, what="", reveal=False, start=None, inputs=None, m=None):
    """A likely cause when ``actual`` (same shape as ``expected``) has different values."""
    a, e = _floats(actual), _floats(expected)
    if a is None or e is None or a.shape != e.shape or a.size == 0:
        return None
    m = m_of(what, m)
    if start is not None:
        s = _floats(start)
        if s is not None and s.shape == a.shape and np.array_equal(a, s):
            return ("it still equals its value before the update: nothing was updated (is every parameter "
                    "updated, W and b of every layer, and each step's result assigned back, as in w = w - "
                    "learning_rate * dw or parameters = update_parameters(...)? Or are its gradients all 0, e.g. "
                    "a relu output or derivative where sigmoid's belongs?)")
    found = _input_hint(a, e, inputs) or _step_hint(a, e, start, reveal) or _binary_hint(a, e) \
        or _activation_hint(a, e, inputs)
    if found:
        return found
    if a.size == 1:  # one number: a "common factor" always exists, so judge it as a number
        return scalar_hint(a.item(), e.item(), what, reveal, m)
    if not np.any(a) and np.any(e):
        if np.isin(e, (0, 1)).all():
            return ("every prediction is 0 (False): a threshold applied to the wrong values (Z instead of the "
                    "probabilities A = sigmoid(Z)?) or the wrong threshold?")
        return ("every entry is 0: the result is never computed, is overwritten with zeros, or is multiplied by a "
                "derivative that is 0 there (relu's derivative where sigmoid's is wanted?)")
    for relation in (_sign_relation, _factor_relation, _shift_relation, _axis_factor_relation, _affine_relation):
        found = relation(a, e, reveal, m)
        if found:
            return found
    if a.size <= MAX_ENTRIES:
        # predictions (0/1) that are partly right say nothing about where the mistake is
        binary = np.isin(a, (0, 1)).all() and np.isin(e, (0, 1)).all()
        found = _order_hint(a, e) or (None if binary else _partial_hint(a, e, what))
    return found or _random_hint(a, e, what)


def _random_hint(a, e, what):
    """Initial weights: other random numbers of the same kind (the label names the initialisation)."""
    label = (what or "").lower()
    if "seed" not in label and "initialize_parameters" not in label:
        return None
    if not (_varied(e) and np.all(np.abs(a - e) > 1e-12)):
        return None
    return ("other random numbers than expected: is the generator seeded as documented (np.random.seed inside "
            "the function, or not, as the docstring says), are the weights drawn in order (W1 first), from "
            "np.random.randn (standard normal, not rand) times 0.01?")


def _step_hint(a, e, start, reveal):
    """After one update from ``start``: the step taken against the step expected."""
    s = _floats(start) if start is not None else None
    if s is None or s.shape != a.shape:
        return None
    step, want = a - s, e - s
    if not np.any(np.abs(want) > 1e-12):
        return None
    if _close(step, -want):
        return "the update goes the wrong way: W - learning_rate * dW (gradient descent), not +"
    k = _factor(step, want)
    if k is not None and k > 0:
        return ("the update step has the wrong size: is the learning rate the one passed (or the documented "
                "default), applied once?")
    return _progress_hint(step, want)


def _progress_hint(step, want):
    """After training: the parameters moved along the expected direction, but not as far (or the other way).

    Only when the learner's change is nearly a multiple of the expected change (within 3% of it):
    then how far it went says how many updates, or what step size, it took."""
    if step.size < 4:
        return None
    k = float(np.sum(step * want) / np.sum(want * want))
    residual = np.linalg.norm(step - k * want) / np.linalg.norm(want)
    if residual > 0.03 or abs(k - 1) < 0.02:
        return None
    if k < 0:
        return ("the parameters moved the opposite way from the expected: gradient ascent (a sign flipped in dA, "
                "dZ or the update)?")
    if k < 0.2:
        return ("the parameters moved in the right direction but much less than expected: a smaller learning "
                "rate than the one passed (hard-coded, the default used, or multiplied in twice), or gradients "
                "scaled down?")
    if k < 1:
        return ("the parameters moved in the right direction but not as far as expected: fewer updates than "
                "iterations (range(1, n) or range(n - 1)), parameters re-initialised inside the loop, a smaller "
                "learning rate, or gradients too small (dZ fed where dA belongs, a derivative applied twice)?")
    return ("the parameters moved further than expected: a larger learning rate, or more updates than "
            "iterations?")


def _binary_hint(a, e):
    """Predictions (0/1 or booleans) all flipped."""
    if not (np.isin(a, (0, 1)).all() and np.isin(e, (0, 1)).all()):
        return None
    if a.size >= 2 and np.array_equal(a, 1 - e):
        return ("every prediction is flipped: the comparison the wrong way round, or >= 0.5 where > 0.5 is "
                "wanted (a probability of exactly 0.5 is not a cat)?")
    return None


_ACTIVATIONS = {
    "relu": lambda z: np.maximum(z, 0),
    "sigmoid": lambda z: 1 / (1 + np.exp(-np.clip(z, -500, 500))),
    "tanh": np.tanh,
}


def _activation_hint(a, e, inputs):
    """The wrong activation, or one applied where its input Z is wanted."""
    if not _varied(e):
        return None
    for name, z in (inputs or {}).items():
        z = _floats(z)
        if z is None or z.shape != a.shape:
            continue
        if _close(a, z):
            return f"it equals {name} itself: the activation is not applied?"
        for act, f in _ACTIVATIONS.items():
            if _close(a, f(z)) and not _close(e, f(z)):
                return f"it is {act}({name}): the wrong activation (relu and sigmoid swapped, or tanh for sigmoid)?"
    for act, f in _ACTIVATIONS.items():
        if _close(a, f(e)) and not _close(a, e):
            return (f"it is {act} of the expected values: the activation applied where its input Z is wanted "
                    "(A stored instead of Z?), or applied twice?")
    return None


def _input_hint(a, e, inputs):
    for name, x in (inputs or {}).items():
        x = _floats(x)
        if x is not None and x.shape == a.shape and np.array_equal(a, x) and not np.array_equal(a, e):
            return (f"it equals the input {name} unchanged: is the computed value returned (and assigned back), "
                    f"rather than {name} itself?")
    return None


def _sign_relation(a, e, reveal, m):
    if not np.any(np.abs(e) > 1e-9):
        return None
    if _close(a, -e):
        return ("every value has the opposite sign: a subtraction the wrong way round (A - Y vs Y - A), "
                "or + instead of - (e.g. in the update W - learning_rate * dW)?")
    return None


def _factor_relation(a, e, reveal, m):
    k = _factor(a, e)
    if k is None or k < 0:
        if k is not None:  # negative factor other than -1
            return "every value has the opposite sign and a different size: a flipped subtraction and a scaling?"
        return None
    return factor_hint(k, reveal, m)


def _axis_factor_relation(a, e, reveal, m):
    """Each row (or column) right up to its own factor: a divisor computed over the wrong axis."""
    if a.ndim != 2 or min(a.shape) < 2:
        return None
    zero = np.abs(e) <= 1e-12
    if not np.array_equal(zero, np.abs(a) <= 1e-12) or zero.all(axis=1).any() or zero.all(axis=0).any():
        return None
    ratio = np.where(zero, np.nan, a / np.where(zero, 1.0, e))
    if np.any(ratio[~zero] <= 0):
        return None
    rows = np.nanmax(ratio, axis=1) - np.nanmin(ratio, axis=1) <= 1e-6 * np.nanmax(np.abs(ratio), axis=1)
    cols = np.nanmax(ratio, axis=0) - np.nanmin(ratio, axis=0) <= 1e-6 * np.nanmax(np.abs(ratio), axis=0)
    if rows.all() and not cols.all():
        return ("each row is right up to its own factor: the divisor of each row is wrong (a norm or sum over "
                "the wrong axis or the whole matrix, or a missing square root?)")
    if cols.all() and not rows.all():
        return ("each column is right up to its own factor: the divisor of each column is wrong (a sum or norm "
                "over the wrong axis or the whole matrix?)")
    log = np.where(zero, np.nan, np.log(np.where(zero, 1.0, ratio)))
    centred = log - log[:, :1]  # log a_ij/e_ij = r_i + c_j: the same across rows once r_i is taken out
    spread = np.nanmax(centred, axis=0) - np.nanmin(centred, axis=0)
    if not zero[:, 0].any() and np.all(np.nan_to_num(spread) <= 1e-6):
        return ("every entry is off by a factor that depends on its row and its column: a normalisation over "
                "the wrong axis (axis=0 for axis=1)?")
    return None


def _affine_relation(a, e, reveal, m):
    """a == alpha * e + beta for every entry: another normalisation or scaling formula."""
    if e.size < 3 or np.unique(np.round(e, 9)).size < 3:
        return None
    flat_e, flat_a = e.ravel(), a.ravel()
    slope, intercept = np.polyfit(flat_e, flat_a, 1)
    if abs(slope) < 1e-12 or abs(intercept) < 1e-9:
        return None
    if np.allclose(slope * flat_e + intercept, flat_a, rtol=1e-6, atol=1e-9 + 1e-7 * np.max(np.abs(flat_a))):
        return ("every value is scaled and shifted the same way: another normalisation than the one asked for "
                "(a mean or standard deviation subtracted or divided, or the wrong constant)?")
    return None


def _shift_relation(a, e, reveal, m):
    if not _varied(e):
        return None
    if _close(a, 1 - e):
        return ("every value is 1 minus the expected one: the complement (e.g. exp(-z) / (1 + exp(-z)) or "
                "sigmoid(-z) instead of sigmoid(z), or labels 0 and 1 swapped)?")
    d = a - e
    if np.allclose(d, d.flat[0], rtol=0, atol=1e-9 + 1e-7 * np.max(np.abs(e))):
        return ("every value is off by the same amount: a constant added or left out (a bias b, "
                "or a term like 1 or a shift that does not belong)?")
    return None


def _order_hint(a, e):
    """The right values in another place: transposed, reshaped in the wrong order, permuted."""
    if not _varied(e) or np.unique(np.round(e, 9)).size < 2:
        return None
    if a.ndim == 2 and a.shape[0] == a.shape[1] and _close(a, e.T) and not _close(e, e.T):
        return "it is the transpose of the expected matrix: a product in the wrong order or a missing/extra .T?"
    if a.ndim == 2 and 1 not in a.shape:
        if _close(a, e.T.reshape(a.shape)):
            return ("each column mixes several examples: reshape(-1, m) fills the columns in row-major order; "
                    "use reshape(m, -1).T so that column i holds example i")
        if _close(a, e.reshape(a.shape, order="F")) or _close(a.reshape(a.shape, order="F"), e):
            return ("the right values laid out in the wrong memory order (Fortran vs C order): reshape without "
                    "order='F' (or transpose before reshaping, not after)")
    if a.size <= 100_000 and np.allclose(np.sort(a, axis=None), np.sort(e, axis=None), rtol=RTOL, atol=ATOL):
        return ("the right values in the wrong order: a reshape in another memory order (order='F' vs the default C "
                "order), a transpose before or after a reshape, or the wrong axis?")
    return None


def _partial_hint(a, e, what=""):
    """Only some rows or columns (examples) right."""
    if a.ndim != 2 or a.size < 4:
        return None
    ok = np.isclose(a, e, rtol=RTOL, atol=ATOL)
    cols, rows = ok.all(axis=0), ok.all(axis=1)
    if a.shape[1] >= 2 and cols[0] and not cols[1:].any():
        return ("only the first column (the first example) is right: a loop over the examples that stops "
                "after one pass, or an index where a slice (:) belongs?")
    if a.shape[0] >= 2 and rows[0] and not rows[1:].any():
        return ("only the first row is right: a loop over the wrong axis, or an index [0] where a slice (:) "
                "belongs?")
    if a.shape[1] >= 3 and cols.any() and not cols.all() and cols.sum() >= a.shape[1] // 2:
        return ("some columns (examples) are right, others not: look at the examples your code treats "
                "differently (an edge case, a hard-coded size or index?)")
    if a.shape[0] >= 3 and rows.any() and not rows.all() and rows.sum() >= a.shape[0] // 2:
        return ("some rows are right, others not: look at the rows your code treats differently (a hard-coded "
                "size or index, or a loop that skips some?)")
    return None


# -- not finite -------------------------------------------------------------------

def nonfinite_hint(actual, what=""):
    """Where a nan or inf probably comes from."""
    a = _floats(actual)
    if a is None:
        return None
    label = what.lower()
    nan, inf = bool(np.isnan(a).any()), bool(np.isinf(a).any())
    if "softmax" in label:
        return ("np.exp overflowed on large scores (inf / inf gives nan): subtract each row's maximum before "
                "exponentiating (x - x.max(axis=1, keepdims=True)); softmax does not change")
    if "sigmoid" in label:
        return ("np.exp overflowed for inputs of large size (inf / inf gives nan): use 1 / (1 + np.exp(-z)), "
                "which stays finite")
    if "cost" in label or "loss" in label:
        return ("a log of 0 (log(0) = -inf, and 0 * log(0) = nan): is np.log applied to A and 1 - A, "
                "with the labels Y as weights, and not the other way round?")
    if inf and not nan:
        return "an inf: an overflowing np.exp, a log of 0, or a division by zero?"
    return "a nan: 0 * log(0), inf - inf or 0 / 0 (an overflowing np.exp, a log of 0, or a division by zero)?"


# -- scalars ----------------------------------------------------------------------

def scalar_hint(got, want, what="", reveal=False, m=None, n_entries=None, inputs=None):
    """A likely cause when one number differs from the expected one."""
    got, want = float(got), float(want)
    m, n_entries = m_of(what, m), n_of(what, n_entries)
    found = _loss_hint(got, want, inputs)
    if found:
        return found
    if not (np.isfinite(got) and np.isfinite(want)) or abs(want) < 1e-12:
        return None
    if got == 0:
        return "it is 0: the value is never computed, or is overwritten?"
    if abs(got + want) <= 1e-9 + 1e-6 * abs(want):
        return ("it has the opposite sign: a missing minus (the cost is -(1/m) * sum(...)) or a subtraction "
                "the wrong way round?")
    k = got / want
    named = (m and (abs(k - m) < 1e-6 * m or abs(k * m - 1) < 1e-6)) or \
        (n_entries and (abs(k - n_entries) < 1e-6 * n_entries or abs(k * n_entries - 1) < 1e-6))
    # two round numbers (1.0 and 0.2) are in a whole ratio by chance; two long ones are not
    chance = _round_number(got) and _round_number(want)
    if k > 0 and abs(k - 1) > 1e-6 and (named or (not chance and (_whole(k, 64) or _whole(1 / k, 64)))):
        return factor_hint(k, reveal, m, n_entries).replace("every value is", "it is")
    if 0 < want < 1 and abs(got - (1 - want)) < 1e-9 + 1e-6 * abs(want):
        return ("it is 1 minus the expected value: the sign of the input or of the exponent flipped "
                "(sigmoid(-x) = 1 - sigmoid(x)), or labels 0 and 1 swapped?")
    label = (what or "").lower()
    if "before" in label and "update" in label and "cost" in label and 0 < (want - got) / abs(want) < 0.02:
        return ("slightly lower than expected: the cost of parameters already updated (compute and record the "
                "cost before update_parameters in each iteration)?")
    if any(got == round(want, d) for d in range(7)):
        return "it is the expected value rounded: return the full value (no round(), no formatting)"
    if want > 0 and got > 0 and abs(got - want * want) < 1e-6 * want * want:
        return "it is the square of the expected value: squared once too often (np.square of a sum of squares?)"
    if want > 0 and got > 0 and abs(got * got - want) < 1e-6 * want:
        return "it is the square root of the expected value: a sum of squares is wanted, not its square root (np.linalg.norm?)"
    return None


_LOSSES = [  # (the formula, given d = yhat - y), what it is called
    (lambda d: np.sum(d), "the sum of yhat - y without the absolute value (signed errors cancel out)"),
    (lambda d: abs(np.sum(d)), "the absolute value of the sum: take |yhat - y| entry by entry, then sum"),
    (lambda d: np.sum(np.abs(d)), "the L1 loss (a sum of absolute values) where the sum of squares is wanted"),
    (lambda d: np.sum(d * d), "the L2 loss (a sum of squares) where the sum of absolute values is wanted"),
    (lambda d: np.sum(d) ** 2, "the square of the sum: square each entry, then sum"),
    (lambda d: np.sum(np.abs(d)) ** 2, "the square of the L1 loss: square each entry, then sum"),
    (lambda d: np.sqrt(np.sum(d * d)), "the Euclidean norm (a square root of the sum of squares): no square root"),
    (lambda d: np.mean(np.abs(d)), "a mean of absolute values where their sum is wanted"),
    (lambda d: np.mean(d * d), "a mean of squares where their sum is wanted"),
]


def _cost_candidates(A, Y):
    """Cross-entropy written wrong, each with what it is called (A the outputs, Y the labels as given)."""
    m = A.shape[-1] if A.ndim else 1
    Yf = Y.astype(float)
    with np.errstate(all="ignore"):
        yield (-np.sum(Yf * np.log(A)) / m, "only the y log(a) term: add (1 - y) log(1 - a)")
        yield (-np.sum((1 - Yf) * np.log(1 - A)) / m, "only the (1 - y) log(1 - a) term: add y log(a)")
        yield (-np.sum(Yf * np.log(A) + (1 - Yf) * np.log(A)) / m, "log(a) in both terms: the second is log(1 - a)")
        yield (-np.sum(Yf * np.log(1 - A) + (1 - Yf) * np.log(A)) / m, "the two logs swapped: y goes with log(a)")
        if Y.dtype.kind == "u":  # unsigned labels: -Y and 1 - Y wrap around (to 255)
            yield (np.sum(-Y * np.log(A) - (1 - Y) * np.log(1 - A)) / m,
                   "unsigned integer labels (uint8): -Y or 1 - Y wraps around to 255; convert Y to float first")
            yield (-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m,
                   "unsigned integer labels (uint8): 1 - Y wraps around to 255; convert Y to float first")


def _cost_hint(got, want, inputs):
    """Cross-entropy: the wrong formula the learner's number fits, given the outputs A and labels Y."""
    A, Y = np.asarray(inputs["A"], dtype=float), np.asarray(inputs["Y"])
    if A.shape != Y.shape or Y.dtype.kind not in "biuf":
        return None
    fits = {name for value, name in _cost_candidates(A, Y)
            if np.isfinite(value) and abs(value - want) > 1e-9 + 1e-6 * abs(want)
            and abs(got - value) <= 1e-9 + 1e-6 * abs(value)}
    return f"it is the cross-entropy with {fits.pop()}" if len(fits) == 1 else None


def _loss_hint(got, want, inputs):
    """L1/L2-style losses: the formula the learner's number fits, given the predictions and labels."""
    if inputs and set(inputs) == {"A", "Y"}:
        return _cost_hint(got, want, inputs)
    if not inputs or set(inputs) != {"yhat", "y"}:
        return None
    d = np.asarray(inputs["yhat"], dtype=float) - np.asarray(inputs["y"], dtype=float)
    fits = []
    for formula, name in _LOSSES:
        value = float(formula(d))
        if abs(value - want) > 1e-9 + 1e-6 * abs(want) and abs(got - value) <= 1e-9 + 1e-6 * abs(value):
            fits.append(name)
    return f"it is {fits[0]}" if len(fits) == 1 else None  # two formulas fit: no telling which


# -- shapes -----------------------------------------------------------------------

def shape_hint(got, want):
    """A likely cause when an array has the wrong shape (shapes are not hidden: the message shows them)."""
    got, want = tuple(got), tuple(want)
    if len(got) == 1 and len(want) == 2 and 1 in want:
        return "it is a rank-1 array: keep both axes (keepdims=True in a sum, or reshape to a column/row)"
    if len(got) == 1 and len(want) >= 2 and got[0] == int(np.prod(want)):
        return "it is flattened to rank 1: keep the input's shape (no ravel or reshape(-1), or reshape back)"
    if len(got) == 2 and len(want) == 1 and 1 in got:
        return "it is a column or row where a rank-1 array is wanted: flatten it (.ravel() or reshape(-1))"
    if len(got) == 2 and got == want[::-1] and got != want:
        return "it looks transposed: a product in the wrong order (only square shapes hide that) or a missing .T?"
    if len(got) == len(want) and got != want and all(w == 1 or g == w for g, w in zip(got, want)) \
            and any(w == 1 and g > 1 for g, w in zip(got, want)):
        return ("it has the shape that broadcasting gives: a column and a row were combined (e.g. an (m, 1) or "
                "rank-1 array with a (1, m) one), or a sum without keepdims / over the wrong axis?")
    if len(got) == len(want) == 2 and got[0] == 1 and want[1] == 1 and want[0] > 1 and got[1] > 1:
        return ("a row where a column is wanted: a sum over the wrong axis (axis=1 sums each row over the "
                "examples, axis=0 each column), or a missing .T?")
    if len(got) == len(want) and all(g == w or g == 1 for g, w in zip(got, want)) and got != want:
        return ("an axis collapsed to size 1: a sum over every axis or the wrong one, or a size hard-coded to 1 "
                "(a single output unit?)")
    if len(got) == len(want) == 2 and got[0] * got[1] == want[0] * want[1]:
        return "the right number of entries in another shape: reshape to the expected shape (or reshape(m, -1).T)?"
    if len(got) == len(want) + 1 and got[-1] == 1 and got[:-1] == want:
        return "an extra axis of size 1: squeeze it, or reshape to the expected shape"
    if len(got) == len(want) == 2 and got[0] == want[0] and got[1] != want[1] and 1 in (got[1], want[1]):
        return "a sum over the wrong axis (axis=1 sums over the examples of each row), or a missing one?"
    if len(got) == len(want) and sum(g != w for g, w in zip(got, want)) == 1 \
            and all(1 not in (g, w) for g, w in zip(got, want) if g != w):
        return ("one size differs: a size taken from the wrong argument or the wrong axis of an input's .shape, "
                "or hard-coded from an example?")
    return None


# -- whole numbers and lengths ---------------------------------------------------------

_SIZE_HINT = ("a size read from the wrong axis of an array's .shape (axis 0 counts the rows, axis 1 the columns; "
              "len(X) is the number of rows, X.size every entry), or a number hard-coded from an example?")


def _int_tuple(x):
    return type(x) is tuple and x and all(isinstance(v, (int, np.integer)) and type(v) is not bool for v in x)


def equal_hint(actual, expected, what=""):
    """A likely cause when an exact value (a count, a length) differs."""
    if type(actual) is bool or type(expected) is bool:
        return None
    if isinstance(actual, (int, np.integer)) and isinstance(expected, (int, np.integer)):
        d = int(actual) - int(expected)
        label = what.lower()
        if abs(d) == 1 and ("cost" in label or "len" in label or "number of" in label):
            return ("one entry " + ("too many" if d > 0 else "missing") + ": record the cost when i % 100 == 0, "
                    "for i in range(num_iterations) (from iteration 0), once per iteration")
        if abs(d) == 1:
            return "off by one: a range that starts at 1, or ends one step too early or too late?"
        if "cost" in label:
            return ("the wrong number of costs: record the cost once every 100 iterations (when i % 100 == 0), "
                    "not at every iteration")
        return _SIZE_HINT
    if _int_tuple(actual) and _int_tuple(expected) and len(actual) == len(expected):
        return _SIZE_HINT
    if isinstance(actual, float) and isinstance(expected, int) and actual == expected:
        return "it is a float where an integer is wanted: use int(...), or a shape entry (x.shape[0])"
    return None


# -- types, dtypes and authored reasons ------------------------------------------------

def dtype_hint(dtype, kind):
    """A likely cause of a result of the wrong dtype kind."""
    got = np.dtype(dtype).kind
    if kind == "f" and got in "iu":
        return ("an integer result: np.zeros(..., dtype=int), .astype(int), np.empty_like(x) or np.zeros_like(x) of "
                "an integer x, and // (integer division) all give integers; make the result float (np.zeros(shape), "
                "/ and np.exp on the whole array)")
    if kind == "f" and got == "b":
        return "a comparison gives booleans: convert with .astype(float) (or np.where(A > 0.5, 1.0, 0.0))"
    if kind == "b" and got in "fiu":
        return "np.round or arithmetic gives numbers: a comparison (A2 > 0.5) gives the booleans wanted"
    return None


def type_hint(value, types):
    """A likely cause of a value of the wrong type."""
    types = types if isinstance(types, tuple) else (types,)
    if value is None:
        return "it is None: a missing return statement, or a key or name that was never set?"
    if np.ndarray in types and isinstance(value, (list, tuple)):
        if isinstance(value, tuple) and len(value) == 2:
            return "a pair where one array is wanted: return (or unpack) its first element, e.g. A, cache = ..."
        return "a Python container: compute on the whole numpy array (np.exp, arithmetic) instead of a loop or list"
    if tuple in types and isinstance(value, np.ndarray):
        return ("an array where a tuple is wanted: the elements in another order than documented, or one level "
                "of nesting missing?")
    if tuple in types and isinstance(value, list):
        return "a list where a tuple is wanted: return the values as (a, b, c), or tuple(...)"
    if list in types and isinstance(value, tuple):
        return "a tuple where a list is wanted: start with [] and .append(...)"
    if dict in types and isinstance(value, (tuple, list)):
        return "a tuple or list where a dict is wanted: return {'key': value, ...} with the documented keys"
    return None


def split_why(why):
    """An authored reason "symptom: cause" / "symptom; remedy" as "symptom\nHint: cause"."""
    if "\n" in why or "Hint:" in why:
        return why
    for sep in ("; ", ": "):
        head, found, tail = why.partition(sep)
        if found and head and len(tail) >= 12 and not head.rstrip().endswith(("got", "expected")) \
                and not tail.lstrip().startswith(("got ", "expected ")):
            return f"{head}\nHint: {tail}"
    return why


# -- crashes ---------------------------------------------------------------------------

_CRASHES = [  # (exception type name, pattern of its text, cause); the text is read, never shown
    ("ValueError", re.compile(r"could not be broadcast together"),
     "shapes that do not broadcast: a sum or norm without keepdims=True gives a rank-1 array, which lines up "
     "with the last axis, not the rows (or a transpose too many?)"),
    ("ValueError", re.compile(r"mismatch in its core dimension|not aligned"),
     "a product whose inner sizes do not match: a missing or extra transpose, or the W or A of another layer?"),
    ("ValueError", re.compile(r"dA has shape .* but the cached Z has shape"),
     "the dA given to a layer is not that layer's: a dA left over from another layer, or another layer's cache?"),
    ("ValueError", re.compile(r"cannot reshape array"),
     "a reshape to a hard-coded size (copied from an example?): compute the sizes from the input's shape"),
    ("TypeError", re.compile(r"only (?:0-dimensional|length-1|size-1) arrays can be converted"),
     "math.exp or float() on an array of several entries: use np.exp, which works entry by entry, and keep "
     "arrays as arrays"),
    ("TypeError", re.compile(r"'NoneType' object"), "a None where a value is wanted: a missing return statement?"),
    ("OverflowError", re.compile(r""), "math.exp overflows on a large input: use np.exp, which works on whole arrays"),
]


def crash_hint(name, text):
    """A likely cause of a crash, from its type and text (the hint never quotes the text)."""
    for kind, pattern, cause in _CRASHES:
        if name == kind and pattern.search(text or ""):
            return cause
    return None


# -- dict keys ---------------------------------------------------------------------------

_LAYER_KEY = re.compile(r"^([A-Za-z]+)(\d+)$")


def keys_hint(missing, extra):
    """A likely cause of a dict with the wrong keys (key names are documented, not data)."""
    import difflib
    for key in extra:
        close = difflib.get_close_matches(str(key), [str(k) for k in missing], n=1, cutoff=0.75)
        if close:
            return f"a misspelled key? {key!r} where {close[0]!r} is wanted"
    layers = lambda keys: [int(m.group(2)) for m in map(_LAYER_KEY.match, map(str, keys)) if m]  # noqa: E731
    if 0 in layers(extra):
        return "layers are numbered from 1: W1 and b1 belong to the first layer (range(1, L) with L = len(layer_dims))"
    if missing and len(layers(missing)) == len(missing) and not extra:
        return ("the last layer(s) missing: a loop over the layers that stops early (range(1, L) runs to "
                "L - 1, with L = len(layer_dims)), or an initialiser made for fewer layers?")
    return None
