"""The grader's own test suite: every notebook's defect corpus (tests/corpus/<id>.py),
autograded with real nbgrader (see nndl/corpus.py), with exact outcomes asserted:

- a correct entry loses nothing;
- a wrong entry scores 0 on test_<function>;
- nothing outside the footprints of a submission's wrong entries loses points.

The kill rate, and the share of killed entries whose failure message carries a
`Hint:` line (a likely cause named, nndl/diagnose.py), are printed at the end of the test run (tests/conftest.py).
"""
import pytest

from nndl.tools.author import corpus, submissions
from nndl.tools import course

AIDS = [aid for aid in course.assignment_ids() if submissions.load_corpus(aid)]
RESULTS = {}  # aid -> (killed, wrong, accepted, correct, hinted); printed by conftest
HINT_TARGET = 0.8  # share of killed entries per notebook whose message names a likely cause


# Hints checked by hand against the entries' documented mistakes: (function, why) -> words the
# entry's Hint: line must contain (nndl/diagnose.py). A hint that names another cause fails here.
HINTS = {
    "01_numpy_basics": {
        ("basic_sigmoid", "sign error: e^(+x)"): "1 minus the expected value",
        ("basic_sigmoid", "rounded to 3 decimals"): "rounded",
        ("sigmoid", "sign error: e^(+x)"): "sigmoid(-z)",
        ("sigmoid", "e^x / (1 + e^x): nan for x = 1000"): "np.exp overflowed",
        ("sigmoid", "loop into np.empty_like: integer input gives integers"): "np.empty_like",
        ("sigmoid", "flattens: a rank-1 result for 2-D input"): "flattened to rank 1",
        ("sigmoid", "math.exp: TypeError on arrays"): "math.exp",
        ("sigmoid_derivative", "s(s - 1): sign error"): "opposite sign",
        ("image2vector", "reshape(-1): rank-1 result"): "rank-1",
        ("image2vector", "Fortran order"): "wrong order",
        ("normalize_rows", "column norms (axis=0)"): "wrong axis",
        ("normalize_rows", "forgets the square root"): "square root",
        ("normalize_rows", "no keepdims: (n,) broadcasts as a row"): "keepdims",
        ("L1", "no absolute value"): "without the absolute value",
        ("L1", "absolute value of the sum"): "absolute value of the sum",
        ("L1", "mean instead of sum"): "mean of absolute values",
        ("L1", "subtracts in place (yhat -= y)"): "copy",
        ("L2", "square root: the Euclidean norm"): "no square root",
        ("L2", "square of the sum"): "square of the sum",
    },
    "02_logistic_regression": {
        ("dataset_sizes", "num_px read from the channel axis"): "wrong axis",
        ("flatten", "rows instead of columns (no .T)"): "transposed",
        ("standardize", "integer division"): "//",
        ("standardize", "mean/std standardisation instead of / 255"): "another normalisation",
        ("sigmoid", "returns 1 - sigmoid"): "1 minus",
        ("initialize_with_zeros", "b is np.float64"): "float(...)",
        ("propagate", "gradients without the 1/m"): "1/m",
        ("propagate", "cost sign flipped (log-likelihood)"): "opposite sign",
        ("optimize", "counts iterations from 1 (costs at 100, 200, ...)"): "one entry missing",
        ("optimize", "records the cost at every iteration"): "every 100 iterations",
        ("optimize", "update computed but not assigned: w and b never change"): "nothing was updated",
        ("predict", ">= 0.5: a probability of exactly 0.5 becomes a cat"): ">= 0.5",
        ("predict", "returns booleans"): "astype(float)",
        ("model", "misspelled key"): "misspelled",
    },
    "03_planar_classification": {
        ("shapes", "len(X) is the number of rows"): "len(X)",
        ("initialize_parameters", "uniform instead of normal"): "np.random.randn",
        ("compute_cost", "the sum, not the mean (no 1/m)"): "1/m",
        ("compute_cost", "-Y on uint8 labels wraps around (255)"): "uint8",
        ("compute_cost", "only the y log a term"): "only the y log(a) term",
        ("backward_propagation", "dW2 transposed (A1 dZ2^T)"): "transposed",
        ("update_parameters", "climbs the gradient (+)"): "wrong way",
        ("update_parameters", "ignores its learning_rate argument (1.2 hard-coded)"): "learning rate",
        ("nn_model", "drops the result of update_parameters (never learns)"): "nothing was updated",
        ("predict", "the comparison reversed"): "flipped",
        ("predict", "np.round: floats 0./1., not booleans"): "a comparison",
        ("nn_model", "one step short (range(1, num_iterations))"): "fewer updates than iterations",
        ("nn_model", "learning rate 0.01 passed explicitly"): "smaller learning rate",
    },
    "04_deep_nn_step_by_step": {
        ("initialize_parameters", "forgot the 0.01 scale"): "0.01",
        ("initialize_parameters_deep", "0-based layer numbers: keys W0, b0, ..."): "numbered from 1",
        ("initialize_parameters_deep", "off by one: the last layer is missing"): "last layer",
        ("linear_forward", "forgot the bias"): "a bias b",
        ("linear_activation_forward", "activations swapped"): "relu(Z)",
        ("linear_activation_forward", "activation cache holds A instead of Z"): "instead of Z",
        ("L_model_forward", "depth hard-coded: three layers, W1 to W3"): "hard-coded",
        ("compute_cost", "no minus sign"): "missing minus",
        ("compute_cost", "log(AL) in both terms"): "log(a) in both terms",
        ("linear_backward", "dW without 1/m"): "1/m",
        ("linear_backward", "db without keepdims: rank-1"): "rank-1",
        ("L_model_backward", "dAL with the wrong sign"): "opposite sign",
        ("update_parameters", "gradient ascent (+ instead of -)"): "wrong way",
    },
    "05_deep_nn_application": {
        ("two_layer_model", "activations swapped: sigmoid hidden layer, relu output"): "gradients all 0",
        ("two_layer_model", "cost appended at every iteration"): "one entry too many",
        ("two_layer_model", "update before the cost: records the cost of the updated parameters"): "already updated",
        ("two_layer_model", "learning rate hard-coded to 0.0075"): "smaller learning rate",
        ("L_layer_model", "parameters re-initialised inside the loop"): "re-initialised",
        ("L_layer_model", "range(1, num_iterations): one update short, no cost at iteration 0"): "fewer updates",
        ("L_layer_model", "the 2-layer initialiser: 0.01 scaling, and only 2 layers"): "fewer layers",
    },
}


@pytest.mark.parametrize("aid", AIDS)
def test_corpus_scores_are_exact(aid):
    report = corpus.grade(aid)
    RESULTS[aid] = (report.killed, report.wrong, report.accepted, report.correct, report.hinted)
    print(f"{aid}: {report.wrong + report.correct} entries graded as {report.submissions} submissions")
    assert report.wrong and report.correct, f"{aid}: the corpus needs wrong and correct entries"
    assert not report.problems, "\n".join(report.problems)
    check_hints(aid, report)
    assert report.hinted >= HINT_TARGET * report.killed, \
        f"{aid}: only {report.hinted}/{report.killed} failure messages name a likely cause (Hint:)"


def check_hints(aid, report):
    """Every failure message has at most one Hint: line, and the hand-checked ones name the documented mistake."""
    entries = submissions.load_corpus(aid)
    by_entry = {(entries[k]["function"], entries[k]["why"]): message for k, message in report.messages.items()}
    for k, message in report.messages.items():
        assert sum(line.startswith("Hint:") for line in message.splitlines()) <= 1, message
    for key, words in HINTS.get(aid, {}).items():
        assert key in by_entry, f"{aid}: no wrong entry {key} in the corpus"
        hints = [line for line in by_entry[key].splitlines() if line.startswith("Hint:")]
        assert hints and words in hints[0], f"{aid} {key}: the hint should say {words!r}:\n{by_entry[key]}"
