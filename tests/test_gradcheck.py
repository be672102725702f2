"""nndl.gradcheck: finite-difference checks that catch wrong gradients."""
import numpy as np
import pytest

from nndl.gradcheck import check_gradients, gradient_difference, numerical_gradients


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _net(seed=0, n_x=3, n_h=4, m=5):
    """A tiny one-hidden-layer tanh/sigmoid network with its exact gradients."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_x, m))
    Y = (rng.random((1, m)) > 0.5).astype(float)
    params = {"W1": rng.standard_normal((n_h, n_x)), "b1": rng.standard_normal((n_h, 1)),
              "W2": rng.standard_normal((1, n_h)), "b2": rng.standard_normal((1, 1))}

    def cost_fn(p):
        A1 = np.tanh(p["W1"] @ X + p["b1"])
        A2 = _sigmoid(p["W2"] @ A1 + p["b2"])
        return float(-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))

    A1 = np.tanh(params["W1"] @ X + params["b1"])
    A2 = _sigmoid(params["W2"] @ A1 + params["b2"])
    dZ2 = A2 - Y
    dZ1 = params["W2"].T @ dZ2 * (1 - A1 ** 2)
    grads = {"dW2": dZ2 @ A1.T / m, "db2": dZ2.sum(axis=1, keepdims=True) / m,
             "dW1": dZ1 @ X.T / m, "db1": dZ1.sum(axis=1, keepdims=True) / m,
             "dA0": params["W1"].T @ dZ1}  # an extra entry, ignored by the checks
    return cost_fn, params, grads


def test_numerical_gradients_of_a_quadratic():
    A = np.array([[2.0, 1.0], [1.0, 3.0]])
    params = {"x": np.array([[1.0], [-2.0]]), "c": np.array(4.0)}
    cost = lambda p: (0.5 * p["x"].T @ A @ p["x"] + p["c"] * p["x"].sum()).item()
    num = numerical_gradients(cost, params)
    assert set(num) == {"x", "c"}
    assert num["x"].shape == (2, 1) and num["c"].shape == ()
    np.testing.assert_allclose(num["x"], A @ params["x"] + 4.0, rtol=1e-7)
    np.testing.assert_allclose(num["c"], -1.0, rtol=1e-7)


def test_numerical_gradients_keys_and_no_mutation():
    cost_fn, params, grads = _net()
    before = {k: v.copy() for k, v in params.items()}
    seen = []

    def spy(p):
        seen.append(p is params)
        return cost_fn(p)

    num = numerical_gradients(spy, params, keys=["b2", "W2"])
    assert list(num) == ["b2", "W2"]
    assert not any(seen), "cost_fn must receive a private copy, never the caller's dict"
    for k in params:
        assert np.array_equal(params[k], before[k])
    np.testing.assert_allclose(num["W2"], grads["dW2"], rtol=1e-6, atol=1e-9)


def test_integer_params_are_differentiated_as_floats():
    params = {"w": np.array([1, 2, 3])}
    num = numerical_gradients(lambda p: float(np.sum(p["w"] ** 2)), params)
    np.testing.assert_allclose(num["w"], [2.0, 4.0, 6.0], rtol=1e-6)
    assert params["w"].dtype.kind == "i"


def test_cost_must_be_a_single_number():
    params = {"w": np.ones((2, 1))}
    with pytest.raises(ValueError, match="single number"):
        numerical_gradients(lambda p: p["w"] * 2, params)
    # a (1, 1) array or a 0-d array is a single number: accepted
    numerical_gradients(lambda p: np.sum(p["w"], keepdims=True), params)


def test_gradient_difference_definition():
    grads = {"dW": np.array([[1.0, 2.0]]), "db": np.array([[2.0]])}
    num = {"W": np.array([[1.0, 2.0]]), "b": np.array([[0.0]])}
    # ||(0, 0, 2)|| / (||(1, 2, 2)|| + ||(1, 2, 0)||) = 2 / (3 + sqrt 5)
    d = gradient_difference(grads, num, ["W", "b"])
    assert isinstance(d, float)
    assert d == pytest.approx(2 / (3 + np.sqrt(5)))
    # other namings: no prefix, or an explicit mapping
    assert gradient_difference(num, num, ["W", "b"], prefix="") == 0.0
    assert gradient_difference({"gW": grads["dW"]}, num, {"W": "gW"}) == 0.0
    assert gradient_difference({"dW": np.zeros((1, 2))}, {"W": np.zeros((1, 2))}, ["W"]) == 0.0


def test_gradient_difference_errors_are_clear():
    num = {"W": np.zeros((2, 3))}
    with pytest.raises(KeyError, match="dW"):
        gradient_difference({}, num, ["W"])
    with pytest.raises(ValueError, match="shape"):
        gradient_difference({"dW": np.zeros((3, 2))}, num, ["W"])


def test_check_gradients_accepts_a_correct_backward_pass(capsys):
    cost_fn, params, grads = _net()
    d = check_gradients(cost_fn, params, grads)
    out = capsys.readouterr().out
    assert d < 1e-7
    assert out.count("\n") == 1
    assert out.startswith("Your gradients agree with finite differences: relative difference")
    assert "(< 1e-07)" in out


@pytest.mark.parametrize("bug, key", [
    (lambda g: {**g, "dW1": g["dW1"] * 5}, "dW1"),                     # missing 1/m (m = 5)
    (lambda g: {**g, "db2": g["db2"] + 0.3}, "db2"),
    (lambda g: {**g, "dW2": -g["dW2"]}, "dW2"),
    (lambda g: {**g, "db1": g["db1"][:, ::-1] * 0 + g["db1"][::-1]}, "db1"),  # rows swapped
])
def test_check_gradients_names_the_worst_parameter(capsys, bug, key):
    cost_fn, params, grads = _net(seed=1)
    d = check_gradients(cost_fn, params, bug(grads))
    out = capsys.readouterr().out
    assert d > 1e-7
    assert out.startswith("WARNING")
    assert f"The worst is {key} " in out


def test_check_gradients_subset_of_keys(capsys):
    cost_fn, params, grads = _net(seed=2)
    grads = {**grads, "dW1": grads["dW1"] * 0}
    assert check_gradients(cost_fn, params, grads, keys=["W2", "b2"]) < 1e-7
    assert check_gradients(cost_fn, params, grads, keys=["W1"]) > 0.5
    capsys.readouterr()
