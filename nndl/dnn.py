"""Ready-made building blocks of an L-layer network, for notebook 05.

Notebook 04 has learners write these functions; notebook 05 gives them ready
made, imported by name, so a learner's training loop calls them as plain
functions::

    from nndl.dnn import (initialize_parameters, initialize_parameters_deep,
                          linear_activation_forward, linear_activation_backward,
                          L_model_forward, compute_cost, L_model_backward,
                          update_parameters, predict)

Conventions (those of notebook 04): examples are columns, ``A_prev`` is
``(n_{l-1}, m)``, ``W{l}`` is ``(n_l, n_{l-1})``, ``b{l}`` is ``(n_l, 1)``;
hidden layers use ReLU and the output layer a sigmoid; a linear cache is the
tuple ``(A_prev, W, b)`` and a layer's cache ``(linear_cache, Z)``.

Two differences from notebook 04, both on purpose:

- ``initialize_parameters_deep`` seeds with 1 and scales ``W{l}`` by
  ``1 / sqrt(n_{l-1})`` (notebook 04: seed 3, ``* 0.01``): with 0.01 a deep
  network's activations shrink layer after layer and it barely learns.
- ``L_model_backward`` does not return ``dA0``, the gradient with respect to
  the input pixels. Training never uses it, and for the first layer it would
  cost a product as large as the forward one (one more pass over ``X``);
  leaving it out makes each iteration about a third cheaper.
  ``linear_backward`` and ``linear_activation_backward`` still return
  ``dA_prev`` for every layer, as in notebook 04.

``draw_architecture(layers_dims)`` draws such a network as a row of blocks.

Speed: the work is in the first layer's two products with ``X`` (12288 rows
for the cat images). Nothing here copies ``X``; the divisions by ``m`` are
applied to the small ``dZ`` instead of the large ``dW``; sums and updates
avoid temporaries where that cannot touch the caller's arrays. Products with
a large operand run on one BLAS thread (through threadpoolctl, when it is
installed) when the machine is busy: on a busy machine (other notebooks, or
several submissions graded at once, on two cores) OpenBLAS's threads wait for
each other at every call, and on the course's 2-core machine, with other
processes running, we measured the 4-layer training 5 to 9 times slower with
two threads than with one. On an idle machine (the last minute's load average
leaves at least half a core free) they use every core: there, two threads make
the same products about 1.4 times as fast as one. Graded kernels have one BLAS
thread anyway (the grader sets it).
"""
import contextlib
import os

import numpy as np

from .activations import relu, relu_backward, sigmoid, sigmoid_backward

__all__ = [
    "initialize_parameters", "initialize_parameters_deep",
    "linear_forward", "linear_activation_forward", "L_model_forward",
    "compute_cost",
    "linear_backward", "linear_activation_backward", "L_model_backward",
    "update_parameters", "predict", "draw_architecture",
]

# products whose large operand has at least this many entries run on one BLAS thread
_ONE_THREAD_FROM = 1 << 16
_blas = []  # [threadpoolctl controller of the BLAS libraries, or None], made on first use


def _one_blas_thread(entries):
    """Context manager: one BLAS thread for a product touching ``entries`` values, when
    the machine is busy (or nothing: an idle machine lends the product all its cores)."""
    if entries < _ONE_THREAD_FROM or not _busy():
        return contextlib.nullcontext()
    if not _blas:
        try:
            from threadpoolctl import ThreadpoolController
            _blas.append(ThreadpoolController().select(user_api="blas"))
        except Exception:  # not installed, or an unknown BLAS: leave the threads alone
            _blas.append(None)
    return contextlib.nullcontext() if _blas[0] is None else _blas[0].limit(limits=1)


def _busy():
    """Whether the other cores are taken: the last minute's load average, which counts this
    training too, leaves less than half a core free besides it."""
    try:
        return os.getloadavg()[0] > (os.cpu_count() or 1) - 0.5
    except OSError:
        return True


_FORWARD = {"relu": relu, "sigmoid": sigmoid}
_BACKWARD = {"relu": relu_backward, "sigmoid": sigmoid_backward}


def _activation(table, activation, where):
    try:
        return table[activation]
    except (KeyError, TypeError):
        raise ValueError(f"{where}: activation must be 'relu' or 'sigmoid', got {activation!r}") from None


def initialize_parameters(n_x, n_h, n_y):
    """Small random weights and zero biases for a LINEAR->RELU->LINEAR->SIGMOID network.

    Seeds numpy's global generator with 1, then draws W1 before W2.

    Arguments:
    n_x -- int, size of the input layer
    n_h -- int, size of the hidden layer
    n_y -- int, size of the output layer

    Returns:
    parameters -- dict with
        W1 -- (n_h, n_x) float64, standard normal * 0.01
        b1 -- (n_h, 1) zeros
        W2 -- (n_y, n_h) float64, standard normal * 0.01
        b2 -- (n_y, 1) zeros
    """
    np.random.seed(1)
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def initialize_parameters_deep(layer_dims):
    """Random weights scaled by 1/sqrt(fan-in) and zero biases, for an L-layer network.

    Seeds numpy's global generator with 1, then draws W1, W2, ... in order.

    Arguments:
    layer_dims -- sequence of L + 1 ints [n_0, n_1, ..., n_L]: n_0 inputs,
                  then the size of each layer

    Returns:
    parameters -- dict with, for l = 1..L,
        W{l} -- (n_l, n_{l-1}) float64, standard normal / sqrt(n_{l-1})
        b{l} -- (n_l, 1) zeros
    """
    np.random.seed(1)
    parameters = {}
    for l in range(1, len(layer_dims)):
        # dividing by sqrt(fan-in) keeps each layer's outputs on the scale of
        # its inputs, so a deep stack neither dies out nor blows up at the start
        parameters[f"W{l}"] = np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def linear_forward(A, W, b):
    """Linear part of a layer: Z = W A + b.

    Arguments:
    A -- (n_{l-1}, m) activations of the previous layer (or the input X)
    W -- (n_l, n_{l-1}) weights
    b -- (n_l, 1) biases

    Returns:
    Z -- (n_l, m) pre-activation
    cache -- tuple (A, W, b), the very objects given (no copies), for linear_backward
    """
    with _one_blas_thread(np.size(A)):
        Z = W @ A
    if Z.dtype == np.result_type(Z, b):
        Z += b  # in place: Z is a fresh array, and this spares an (n_l, m) temporary
    else:
        Z = Z + b  # e.g. float32 inputs with float64 biases: let numpy widen
    return Z, (A, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    """One layer: LINEAR then ACTIVATION.

    Arguments:
    A_prev -- (n_{l-1}, m) activations of the previous layer (or X)
    W -- (n_l, n_{l-1}) weights
    b -- (n_l, 1) biases
    activation -- "relu" or "sigmoid"

    Returns:
    A -- (n_l, m) activations of this layer
    cache -- tuple (linear_cache, activation_cache) = ((A_prev, W, b), Z)
    """
    forward = _activation(_FORWARD, activation, "linear_activation_forward")
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, activation_cache = forward(Z)
    return A, (linear_cache, activation_cache)


def L_model_forward(X, parameters):
    """Forward pass: [LINEAR->RELU] * (L-1), then LINEAR->SIGMOID.

    Arguments:
    X -- (n_0, m) input, one example per column
    parameters -- dict W1, b1, ..., WL, bL as from initialize_parameters_deep

    Returns:
    AL -- (n_L, m) output probabilities (n_L = 1 for a binary classifier)
    caches -- list of L layer caches, caches[l - 1] for layer l, each as
              returned by linear_activation_forward
    """
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters[f"W{L}"], parameters[f"b{L}"], "sigmoid")
    caches.append(cache)
    return AL, caches


def compute_cost(AL, Y):
    """Cross-entropy cost, averaged over the examples.

    J = -1/m * sum(Y log(AL) + (1 - Y) log(1 - AL))

    Arguments:
    AL -- (1, m) predicted probabilities, in (0, 1)
    Y -- (1, m) true labels, 0 or 1

    Returns:
    cost -- 0-d float64 array (np.squeeze of the sum), the mean cross-entropy
    """
    m = Y.shape[1]
    # two dot products over the m examples; no (1, m) temporaries kept
    total = np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T)
    return np.squeeze(-total / m)


def _weight_grads(dZ, A_prev):
    """(dW, db) of a linear layer, dividing the small dZ by m rather than the large dW."""
    dZ_m = dZ / A_prev.shape[1]
    with _one_blas_thread(np.size(A_prev)):
        dW = dZ_m @ A_prev.T
    return dW, dZ_m.sum(axis=1, keepdims=True)


def linear_backward(dZ, cache):
    """Backward step of the linear part of a layer.

    Arguments:
    dZ -- (n_l, m) gradient of the cost w.r.t. this layer's Z
    cache -- tuple (A_prev, W, b) from linear_forward

    Returns:
    dA_prev -- (n_{l-1}, m) gradient w.r.t. the previous layer's activations, W^T dZ
    dW -- (n_l, n_{l-1}) gradient w.r.t. W, dZ A_prev^T / m
    db -- (n_l, 1) gradient w.r.t. b, the row sums of dZ / m
    """
    A_prev, W, b = cache
    dW, db = _weight_grads(dZ, A_prev)
    with _one_blas_thread(np.size(A_prev)):
        dA_prev = W.T @ dZ
    return dA_prev, dW, db


def linear_activation_backward(dA, cache, activation):
    """Backward step of one LINEAR->ACTIVATION layer.

    Arguments:
    dA -- (n_l, m) gradient of the cost w.r.t. this layer's output A
    cache -- tuple (linear_cache, activation_cache) from linear_activation_forward
    activation -- "relu" or "sigmoid", the one used forward

    Returns:
    dA_prev -- (n_{l-1}, m) gradient w.r.t. the previous layer's activations
    dW -- (n_l, n_{l-1}) gradient w.r.t. W
    db -- (n_l, 1) gradient w.r.t. b
    """
    backward = _activation(_BACKWARD, activation, "linear_activation_backward")
    linear_cache, activation_cache = cache
    dZ = backward(dA, activation_cache)
    return linear_backward(dZ, linear_cache)


def L_model_backward(AL, Y, caches):
    """Backward pass of [LINEAR->RELU] * (L-1) -> LINEAR->SIGMOID with the cross-entropy cost.

    Arguments:
    AL -- (1, m) output of L_model_forward
    Y -- (1, m) true labels, 0 or 1
    caches -- list of L layer caches from L_model_forward

    Returns:
    grads -- dict with, for l = 1..L, dW{l} (n_l, n_{l-1}) and db{l} (n_l, 1),
             and for l = 1..L-1, dA{l} (n_l, m), the gradient w.r.t. layer l's
             output. dA0 (w.r.t. the input X) is left out: training never
             uses it, and it would cost one more product as large as X.
    """
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    # derivative of the cross-entropy w.r.t. AL
    dA = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    activation = "sigmoid"
    for l in range(L, 1, -1):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA, caches[l - 1], activation)
        grads[f"dA{l - 1}"] = dA
        activation = "relu"
    # layer 1: its weight gradients only, not dA0 = W1^T dZ1
    (X, W1, b1), Z1 = caches[0]
    dZ1 = (relu_backward if L > 1 else sigmoid_backward)(dA, Z1)
    grads["dW1"], grads["db1"] = _weight_grads(dZ1, X)
    return grads


def update_parameters(params, grads, learning_rate):
    """One step of gradient descent, W{l} - learning_rate * dW{l} (and the same for b{l}).

    Arguments:
    params -- dict W1, b1, ..., WL, bL (not modified)
    grads -- dict with dW1, db1, ..., dWL, dbL of the same shapes
    learning_rate -- float

    Returns:
    parameters -- a new dict with new arrays, the updated W{l} and b{l}
    """
    parameters = {}
    for name, value in params.items():
        # W + (-lr * dW) is bit for bit W - lr * dW, with one temporary fewer
        new = np.multiply(grads[f"d{name}"], -learning_rate)
        if new.dtype == np.result_type(new, value):
            new += value
        else:
            new = new + value
        parameters[name] = new
    return parameters


def predict(X, y, parameters):
    """Predictions of an L-layer network (probability > 0.5 -> 1), printing the accuracy.

    Arguments:
    X -- (n_0, m) inputs, one example per column
    y -- (1, m) true labels, 0 or 1
    parameters -- dict W1, b1, ..., WL, bL of a trained network

    Returns:
    p -- (1, m) float64 array of 0. and 1.
    """
    AL, _ = L_model_forward(X, parameters)
    p = (AL > 0.5).astype(float)
    m = X.shape[1]
    correct = int(np.sum(p == y))
    print(f"Accuracy: {correct / m:.4f} ({correct} of {m} correct)")
    return p


# -- a picture of the architecture -------------------------------------------

def draw_architecture(layers_dims, ax=None, title=None):
    """Draw a LINEAR->RELU ... LINEAR->SIGMOID network as a row of blocks.

    One block per layer with its number of units, the shape of its weight
    matrix on the arrow that enters it, the input on the left and the 0.5
    decision on the right. Networks with thousands of inputs cannot be drawn
    unit by unit; this shows what the code manipulates instead.

    Arguments:
    layers_dims -- sequence of L + 1 ints [n_0, n_1, ..., n_L], inputs first
    ax -- matplotlib Axes to draw on (default: a new figure)
    title -- optional title above the drawing

    Returns:
    ax -- the matplotlib Axes drawn on; left empty under grading (``nndl.grading_figures``),
          where the diagram would be thrown away unseen
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    from .grading_figures import active, kept

    dims = [int(n) for n in layers_dims]
    if len(dims) < 2 or min(dims) < 1:
        raise ValueError(f"draw_architecture: layers_dims needs at least two sizes >= 1, got {list(layers_dims)}")
    L = len(dims) - 1
    step, width, height = 2.8, 2.2, 1.0
    if ax is None:
        _, ax = plt.subplots(figsize=(2.1 * (L + 2), 1.6))
    if active() and not kept(ax.figure):
        return ax
    colours = {"input": "#dbe9f6", "relu": "#e6e6e6", "sigmoid": "#fbe3d0", "decision": "#e4f2dc"}

    def block(x, text, colour):
        ax.add_patch(FancyBboxPatch((x - width / 2, -height / 2), width, height,
                                    boxstyle="round,pad=0.03,rounding_size=0.1",
                                    facecolor=colour, edgecolor="#333333", lw=1.1))
        ax.text(x, 0, text, ha="center", va="center", fontsize=8.5)

    def arrow(x0, x1, label):
        ax.add_patch(FancyArrowPatch((x0 + width / 2, 0), (x1 - width / 2, 0), arrowstyle="-|>",
                                     mutation_scale=12, color="#333333", lw=1.1, shrinkA=0, shrinkB=0))
        if label:
            ax.text((x0 + x1) / 2, 0.62, label, ha="center", va="bottom", fontsize=8)

    block(0, f"input $x$\n{dims[0]} values", colours["input"])
    for l in range(1, L + 1):
        kind = "sigmoid" if l == L else "relu"
        units = "unit" if dims[l] == 1 else "units"
        block(step * l, f"LINEAR → {kind.upper()}\n{dims[l]} {units}", colours[kind])
        arrow(step * (l - 1), step * l, f"$W^{{[{l}]}}$: ({dims[l]}, {dims[l - 1]})")
    block(step * (L + 1), "$\\hat y > 0.5$ ?\n1 cat / 0 non-cat", colours["decision"])
    arrow(step * L, step * (L + 1), "$\\hat y$")
    ax.set_xlim(-width / 2 - 0.1, step * (L + 1) + width / 2 + 0.1)
    ax.set_ylim(-height / 2 - 0.15, height / 2 + 0.55)
    ax.axis("off")
    if title:
        ax.set_title(title, fontsize=10)
    return ax
