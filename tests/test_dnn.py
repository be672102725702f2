"""nndl.dnn, the ready-made building blocks of notebook 05.

Every block is compared with a deliberately plain implementation written here
(per-example loops, explicit formulas, a fresh RandomState), and the backward
pass with finite differences (nndl.gradcheck) on networks of depth 1 to 4
whose layer sizes and number of examples all differ, so a transpose or a wrong
axis cannot cancel out.
"""
import contextlib
import copy
import io

import os

import numpy as np
import pytest

from nndl import dnn
from nndl.gradcheck import numerical_gradients

# --- plain reference implementations ----------------------------------------


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _relu(z):
    return z * (z > 0)


def _plain_forward(X, params):
    """Per example, per layer: returns (AL, [A0, A1, ...], [Z1, Z2, ...])."""
    L = len(params) // 2
    m = X.shape[1]
    As, Zs = [X], []
    for l in range(1, L + 1):
        W, b = params[f"W{l}"], params[f"b{l}"]
        Z = np.empty((W.shape[0], m))
        for j in range(m):
            Z[:, j] = W.dot(As[-1][:, j]) + b[:, 0]
        Zs.append(Z)
        As.append(_sigmoid(Z) if l == L else _relu(Z))
    return As[-1], As, Zs


def _plain_cost(AL, Y):
    m = Y.shape[1]
    total = 0.0
    for j in range(m):
        y, a = Y[0, j], AL[0, j]
        total += -(y * np.log(a) + (1 - y) * np.log(1 - a))
    return total / m


def _plain_backward(X, Y, params):
    """Backprop written from the chain rule with dZ_L = AL - Y (not the blocks' route)."""
    L = len(params) // 2
    m = X.shape[1]
    AL, As, Zs = _plain_forward(X, params)
    grads = {}
    dZ = AL - Y
    for l in range(L, 0, -1):
        grads[f"dW{l}"] = dZ.dot(As[l - 1].T) / m
        grads[f"db{l}"] = dZ.sum(axis=1).reshape(-1, 1) / m
        dA_prev = params[f"W{l}"].T.dot(dZ)
        grads[f"dA{l - 1}"] = dA_prev
        if l > 1:
            dZ = dA_prev * (Zs[l - 2] > 0)
    return grads


def _network(dims, m, seed, scale=1.0):
    """Random parameters, inputs and labels (both classes present) for layer sizes dims."""
    rng = np.random.RandomState(seed)
    params = {}
    for l in range(1, len(dims)):
        params[f"W{l}"] = rng.randn(dims[l], dims[l - 1]) * scale / np.sqrt(dims[l - 1])
        params[f"b{l}"] = rng.randn(dims[l], 1) * 0.1
    X = rng.randn(dims[0], m)
    Y = (np.arange(m) % 3 == 0).astype(float).reshape(1, m)
    return X, Y, params


# depth 1 (logistic regression) to 4; n_0, the layer sizes and m all differ
NETWORKS = [
    [4, 1],
    [5, 3, 1],
    [6, 4, 3, 1],
    [7, 5, 4, 2, 1],
]
M = 9


def _deep_copy(*objs):
    return [copy.deepcopy(o) for o in objs]


def _assert_same(before, after):
    if isinstance(before, dict):
        assert before.keys() == after.keys()
        for k in before:
            _assert_same(before[k], after[k])
    elif isinstance(before, (list, tuple)):
        assert len(before) == len(after)
        for x, y in zip(before, after):
            _assert_same(x, y)
    else:
        np.testing.assert_array_equal(before, after)


# --- initialisation -----------------------------------------------------------


@pytest.mark.parametrize("n_x,n_h,n_y", [(3, 2, 1), (12288, 7, 1), (5, 4, 2)])
def test_initialize_parameters_seed_scale_order(n_x, n_h, n_y):
    np.random.seed(99)  # the function must seed itself
    p = dnn.initialize_parameters(n_x, n_h, n_y)
    rng = np.random.RandomState(1)
    W1 = rng.randn(n_h, n_x) * 0.01
    W2 = rng.randn(n_y, n_h) * 0.01
    assert list(p) == ["W1", "b1", "W2", "b2"]
    np.testing.assert_array_equal(p["W1"], W1)
    np.testing.assert_array_equal(p["W2"], W2)
    assert p["b1"].shape == (n_h, 1) and p["b2"].shape == (n_y, 1)
    assert not p["b1"].any() and not p["b2"].any()
    assert all(v.dtype == np.float64 for v in p.values())


@pytest.mark.parametrize("dims", [[3, 1], [5, 4, 1], [12288, 20, 7, 5, 1], [4, 6, 3, 2]])
def test_initialize_parameters_deep_seed_scale_order(dims):
    np.random.seed(99)
    p = dnn.initialize_parameters_deep(dims)
    rng = np.random.RandomState(1)
    expected_keys = []
    for l in range(1, len(dims)):
        expected_keys += [f"W{l}", f"b{l}"]
        W = rng.randn(dims[l], dims[l - 1]) / np.sqrt(dims[l - 1])
        np.testing.assert_array_equal(p[f"W{l}"], W)
        assert p[f"b{l}"].shape == (dims[l], 1) and not p[f"b{l}"].any()
    assert list(p) == expected_keys


def test_initialize_parameters_deep_scaling_keeps_activations_alive():
    # why 1/sqrt(n_prev): the forward signal of a deep ReLU stack keeps its size
    X = np.random.RandomState(0).rand(1000, 50)
    AL, caches = dnn.L_model_forward(X, dnn.initialize_parameters_deep([1000, 50, 50, 50, 1]))
    A3 = caches[-1][0][0]
    assert 0.05 < A3.std() < 5


# --- forward ------------------------------------------------------------------


def test_linear_forward_values_cache_and_no_copies():
    rng = np.random.RandomState(2)
    A, W, b = rng.randn(4, 6), rng.randn(3, 4), rng.randn(3, 1)
    before = _deep_copy(A, W, b)
    Z, cache = dnn.linear_forward(A, W, b)
    expected = np.array([[sum(W[i, k] * A[k, j] for k in range(4)) + b[i, 0] for j in range(6)]
                         for i in range(3)])
    np.testing.assert_allclose(Z, expected, rtol=1e-12, atol=1e-12)
    assert isinstance(cache, tuple) and len(cache) == 3
    assert cache[0] is A and cache[1] is W and cache[2] is b  # the inputs, not copies
    _assert_same(before, [A, W, b])


def test_linear_forward_m_equals_one_and_float32():
    rng = np.random.RandomState(3)
    A, W, b = rng.randn(5, 1), rng.randn(2, 5), rng.randn(2, 1)
    Z, _ = dnn.linear_forward(A, W, b)
    np.testing.assert_allclose(Z, W.dot(A) + b, rtol=1e-12)
    # narrower inputs than the biases: the result widens instead of losing b's precision
    Z32, _ = dnn.linear_forward(A.astype(np.float32), W.astype(np.float32), b)
    assert Z32.dtype == np.float64
    np.testing.assert_allclose(Z32, W.dot(A) + b, rtol=1e-5)


@pytest.mark.parametrize("activation,fn", [("relu", _relu), ("sigmoid", _sigmoid)])
def test_linear_activation_forward(activation, fn):
    rng = np.random.RandomState(4)
    A, W, b = rng.randn(4, 7), rng.randn(3, 4), rng.randn(3, 1)
    out, cache = dnn.linear_activation_forward(A, W, b, activation)
    Z = W.dot(A) + b
    np.testing.assert_allclose(out, fn(Z), rtol=1e-12, atol=1e-15)
    (A_c, W_c, b_c), Z_c = cache
    assert A_c is A and W_c is W and b_c is b
    np.testing.assert_allclose(Z_c, Z, rtol=1e-12)


def test_unknown_activation_is_a_clear_error():
    A, W, b = np.ones((2, 3)), np.ones((1, 2)), np.zeros((1, 1))
    with pytest.raises(ValueError, match="relu' or 'sigmoid"):
        dnn.linear_activation_forward(A, W, b, "tanh")
    _, cache = dnn.linear_activation_forward(A, W, b, "relu")
    with pytest.raises(ValueError, match="relu' or 'sigmoid"):
        dnn.linear_activation_backward(np.ones((1, 3)), cache, "Relu")


@pytest.mark.parametrize("dims", NETWORKS)
def test_L_model_forward_against_per_example_loops(dims):
    X, Y, params = _network(dims, M, seed=len(dims))
    before = _deep_copy(X, params)
    AL, caches = dnn.L_model_forward(X, params)
    AL_ref, As, Zs = _plain_forward(X, params)
    np.testing.assert_allclose(AL, AL_ref, rtol=1e-12)
    assert AL.shape == (1, M)
    assert isinstance(caches, list) and len(caches) == len(dims) - 1
    for l, ((A_prev, W, b), Z) in enumerate(caches, start=1):
        np.testing.assert_allclose(A_prev, As[l - 1], rtol=1e-12)
        assert W is params[f"W{l}"] and b is params[f"b{l}"]
        np.testing.assert_allclose(Z, Zs[l - 1], rtol=1e-12, atol=1e-14)
    assert caches[0][0][0] is X  # the input itself is cached, never copied
    _assert_same(before, [X, params])


# --- cost -------------------------------------------------------------------


def test_compute_cost_against_a_loop():
    rng = np.random.RandomState(5)
    AL = rng.uniform(0.05, 0.95, (1, 7))
    Y = np.array([[1, 0, 0, 1, 1, 0, 1]])
    cost = dnn.compute_cost(AL, Y)
    assert isinstance(cost, np.ndarray) and cost.shape == ()
    assert cost.dtype == np.float64
    np.testing.assert_allclose(cost, _plain_cost(AL, Y), rtol=1e-12)
    # m = 1, float labels
    np.testing.assert_allclose(dnn.compute_cost(np.array([[0.8]]), np.array([[1.0]])), -np.log(0.8), rtol=1e-12)


# --- backward ---------------------------------------------------------------


def test_linear_backward_against_loops():
    rng = np.random.RandomState(6)
    A_prev, W, b, dZ = rng.randn(5, 8), rng.randn(3, 5), rng.randn(3, 1), rng.randn(3, 8)
    before = _deep_copy(A_prev, W, b, dZ)
    dA_prev, dW, db = dnn.linear_backward(dZ, (A_prev, W, b))
    m = 8
    dW_ref = sum(np.outer(dZ[:, j], A_prev[:, j]) for j in range(m)) / m
    db_ref = np.array([[sum(dZ[i, j] for j in range(m)) / m] for i in range(3)])
    dA_ref = np.stack([W.T.dot(dZ[:, j]) for j in range(m)], axis=1)
    np.testing.assert_allclose(dW, dW_ref, rtol=1e-12)
    np.testing.assert_allclose(db, db_ref, rtol=1e-12)
    np.testing.assert_allclose(dA_prev, dA_ref, rtol=1e-12)
    assert dW.shape == (3, 5) and db.shape == (3, 1) and dA_prev.shape == (5, 8)
    _assert_same(before, [A_prev, W, b, dZ])


@pytest.mark.parametrize("activation", ["relu", "sigmoid"])
def test_linear_activation_backward_against_the_chain_rule(activation):
    rng = np.random.RandomState(7)
    A_prev, W, b, dA = rng.randn(4, 6), rng.randn(2, 4), rng.randn(2, 1), rng.randn(2, 6)
    _, cache = dnn.linear_activation_forward(A_prev, W, b, activation)
    dA_prev, dW, db = dnn.linear_activation_backward(dA, cache, activation)
    Z = W.dot(A_prev) + b
    dZ = dA * (Z > 0) if activation == "relu" else dA * _sigmoid(Z) * (1 - _sigmoid(Z))
    np.testing.assert_allclose(dW, dZ.dot(A_prev.T) / 6, rtol=1e-11)
    np.testing.assert_allclose(db, dZ.mean(axis=1, keepdims=True), rtol=1e-11, atol=1e-15)
    np.testing.assert_allclose(dA_prev, W.T.dot(dZ), rtol=1e-11, atol=1e-15)


@pytest.mark.parametrize("dims", NETWORKS)
def test_L_model_backward_against_plain_backprop(dims):
    X, Y, params = _network(dims, M, seed=10 + len(dims))
    AL, caches = dnn.L_model_forward(X, params)
    before = _deep_copy(AL, Y, X, params)
    grads = dnn.L_model_backward(AL, Y, caches)
    ref = _plain_backward(X, Y, params)
    L = len(dims) - 1
    expected_keys = {f"dW{l}" for l in range(1, L + 1)} | {f"db{l}" for l in range(1, L + 1)} \
        | {f"dA{l}" for l in range(1, L)}
    assert set(grads) == expected_keys  # dA0 (w.r.t. X) is left out on purpose
    for key in expected_keys:
        assert grads[key].shape == ref[key].shape, key
        np.testing.assert_allclose(grads[key], ref[key], rtol=1e-9, atol=1e-13, err_msg=key)
    _assert_same(before, [AL, Y, X, params])


@pytest.mark.parametrize("dims", NETWORKS)
def test_L_model_backward_against_finite_differences(dims):
    X, Y, params = _network(dims, M, seed=20 + len(dims))

    def cost_fn(p):
        AL, _ = dnn.L_model_forward(X, p)
        return dnn.compute_cost(AL, Y)

    AL, caches = dnn.L_model_forward(X, params)
    grads = dnn.L_model_backward(AL, Y, caches)
    num = numerical_gradients(cost_fn, params, eps=1e-6)
    for name in params:
        g, n = grads[f"d{name}"], num[name]
        rel = np.linalg.norm(g - n) / (np.linalg.norm(g) + np.linalg.norm(n))
        assert rel < 1e-7, f"d{name} on {dims}: relative difference {rel:.1e}"


def test_L_model_backward_dA_against_finite_differences_on_activations():
    # dA{l} is the gradient w.r.t. layer l's output: perturb A1 and run the rest
    dims = [6, 4, 3, 1]
    X, Y, params = _network(dims, M, seed=31)
    AL, caches = dnn.L_model_forward(X, params)
    grads = dnn.L_model_backward(AL, Y, caches)
    A1 = caches[1][0][0]
    rest = {"W1": params["W2"], "b1": params["b2"], "W2": params["W3"], "b2": params["b3"]}

    def cost_from_A1(p):
        AL2, _ = dnn.L_model_forward(p["A1"], rest)
        return dnn.compute_cost(AL2, Y)

    num = numerical_gradients(cost_from_A1, {"A1": A1}, eps=1e-6)["A1"]
    # the course's dA carries no 1/m (it enters at dW and db): dA1 = m * dJ/dA1
    np.testing.assert_allclose(grads["dA1"] / M, num, rtol=1e-5, atol=1e-9)


def test_L_model_backward_accepts_a_rank1_label_row():
    X, Y, params = _network([5, 3, 1], M, seed=40)
    AL, caches = dnn.L_model_forward(X, params)
    a = dnn.L_model_backward(AL, Y, caches)
    b = dnn.L_model_backward(AL, Y.ravel(), caches)
    for k in a:
        np.testing.assert_array_equal(a[k], b[k])


# --- update and predict -----------------------------------------------------


def test_update_parameters_is_a_new_dict_with_the_textbook_values():
    X, Y, params = _network([6, 4, 3, 1], M, seed=50)
    AL, caches = dnn.L_model_forward(X, params)
    grads = dnn.L_model_backward(AL, Y, caches)
    before = _deep_copy(params, grads)
    new = dnn.update_parameters(params, grads, 0.3)
    assert new is not params and list(new) == list(params)
    for name in params:
        assert new[name] is not params[name]
        # bit for bit what W - lr * dW gives
        np.testing.assert_array_equal(new[name], params[name] - 0.3 * grads[f"d{name}"])
    _assert_same(before, [params, grads])


def test_update_parameters_mixed_dtypes_widen():
    params = {"W1": np.ones((2, 3), dtype=np.float32), "b1": np.zeros((2, 1))}
    grads = {"dW1": np.full((2, 3), 0.1), "db1": np.full((2, 1), 0.5, dtype=np.float32)}
    new = dnn.update_parameters(params, grads, 0.1)
    assert new["W1"].dtype == np.float64 and new["b1"].dtype == np.float64
    np.testing.assert_allclose(new["W1"], 0.99)
    np.testing.assert_allclose(new["b1"], -0.05)


def test_predict_thresholds_prints_and_returns_floats():
    X, Y, params = _network([5, 3, 1], 12, seed=60)
    AL, _ = dnn.L_model_forward(X, params)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        p = dnn.predict(X, Y, params)
    assert p.shape == (1, 12) and p.dtype == np.float64
    np.testing.assert_array_equal(p, (AL > 0.5).astype(float))
    correct = int((p == Y).sum())
    assert out.getvalue() == f"Accuracy: {correct / 12:.4f} ({correct} of 12 correct)\n"


def test_predict_exactly_one_half_is_non_cat():
    # a zero network outputs sigmoid(0) = 0.5 everywhere: "> 0.5" says 0
    params = {"W1": np.zeros((1, 3)), "b1": np.zeros((1, 1))}
    with contextlib.redirect_stdout(io.StringIO()):
        p = dnn.predict(np.ones((3, 4)), np.zeros((1, 4)), params)
    np.testing.assert_array_equal(p, np.zeros((1, 4)))


def test_a_short_training_decreases_the_cost():
    # the blocks chained as notebook 05 chains them
    rng = np.random.RandomState(70)
    X = rng.randn(8, 40)
    Y = (X[0:1] + X[1:2] > 0).astype(float)
    params = dnn.initialize_parameters_deep([8, 5, 3, 1])
    costs = []
    for _ in range(300):
        AL, caches = dnn.L_model_forward(X, params)
        costs.append(float(dnn.compute_cost(AL, Y)))
        params = dnn.update_parameters(params, dnn.L_model_backward(AL, Y, caches), 0.1)
    assert costs[-1] < 0.5 * costs[0]
    assert all(b <= a + 1e-12 for a, b in zip(costs[:50], costs[1:50]))


# --- the architecture picture -------------------------------------------------


def test_draw_architecture_labels_every_layer_and_weight_shape():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = dnn.draw_architecture([12288, 20, 7, 5, 1], title="4 layers")
    texts = [t.get_text() for t in ax.texts]
    assert "input $x$\n12288 values" in texts
    assert texts.count("LINEAR → RELU\n20 units") == 1 and "LINEAR → RELU\n5 units" in texts
    assert "LINEAR → SIGMOID\n1 unit" in texts
    for label in ["$W^{[1]}$: (20, 12288)", "$W^{[2]}$: (7, 20)", "$W^{[3]}$: (5, 7)", "$W^{[4]}$: (1, 5)"]:
        assert label in texts
    assert ax.get_title() == "4 layers"
    plt.close(ax.figure)
    with pytest.raises(ValueError, match="at least two sizes"):
        dnn.draw_architecture([12288])


def test_large_products_use_one_blas_thread_on_a_busy_machine_and_restore_the_setting(monkeypatch):
    threadpoolctl = pytest.importorskip("threadpoolctl")
    blas = threadpoolctl.ThreadpoolController().select(user_api="blas")
    if not blas.info():
        pytest.skip("no BLAS library seen by threadpoolctl")
    before = [lib["num_threads"] for lib in blas.info()]
    cores = os.cpu_count() or 1
    monkeypatch.setattr(dnn.os, "getloadavg", lambda: (cores + 1.0, 0.0, 0.0))  # busy
    with dnn._one_blas_thread(12288 * 209):
        assert all(lib["num_threads"] == 1 for lib in blas.info())
    assert [lib["num_threads"] for lib in blas.info()] == before
    with dnn._one_blas_thread(10):  # small products are left alone
        assert [lib["num_threads"] for lib in blas.info()] == before
    monkeypatch.setattr(dnn.os, "getloadavg", lambda: (cores - 1.0, 0.0, 0.0))  # a core and more free
    with dnn._one_blas_thread(12288 * 209):  # an idle machine lends the product every core
        assert [lib["num_threads"] for lib in blas.info()] == before