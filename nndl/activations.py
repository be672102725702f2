"""Activation functions with their backward steps, as notebook 04 uses them.

Each forward function returns its output together with a *cache*: the
pre-activation ``Z`` it was given, which is all its backward step needs.
The notebook imports them by name::

    from nndl.activations import sigmoid, relu, sigmoid_backward, relu_backward

    A, activation_cache = relu(Z)
    dZ = relu_backward(dA, activation_cache)
"""
import numpy as np

__all__ = ["sigmoid", "relu", "sigmoid_backward", "relu_backward"]


def _logistic(Z):
    """1 / (1 + exp(-Z)) without overflow: exp is only ever taken of -|Z| <= 0."""
    Z = np.asarray(Z, dtype=float)
    E = np.exp(-np.abs(Z))  # in (0, 1], never overflows
    return np.where(Z >= 0, 1 / (1 + E), E / (1 + E))


def sigmoid(Z):
    """Logistic activation, elementwise.

    Arguments:
    Z -- ndarray of any shape, e.g. (n_l, m): the pre-activation of a layer

    Returns:
    A -- float ndarray of Z's shape, 1 / (1 + exp(-Z)), in [0, 1]
    cache -- Z itself, kept for sigmoid_backward
    """
    return _logistic(Z), Z


def relu(Z):
    """Rectified linear activation, elementwise.

    Arguments:
    Z -- ndarray of any shape, e.g. (n_l, m)

    Returns:
    A -- ndarray of Z's shape, max(0, Z)
    cache -- Z itself, kept for relu_backward
    """
    return np.maximum(0, Z), Z


def _same_shape(dA, Z, name):
    dA = np.asarray(dA)
    Z = np.asarray(Z)
    if dA.shape != Z.shape:
        # broadcasting would silently give a gradient of the wrong shape
        raise ValueError(f"{name}: dA has shape {dA.shape} but the cached Z has shape {Z.shape}; "
                         "dA must have the shape of the layer's activation A (= Z's shape)")
    return dA, Z


def relu_backward(dA, cache):
    """Backward step of relu: dZ = dA where Z > 0, and 0 where Z <= 0.

    Arguments:
    dA -- ndarray (n_l, m), gradient of the cost w.r.t. the layer's output A
    cache -- ndarray (n_l, m), the Z that relu(Z) returned as its cache

    Returns:
    dZ -- float ndarray (n_l, m), gradient of the cost w.r.t. Z (dA is not modified)
    """
    dA, Z = _same_shape(dA, cache, "relu_backward")
    # the derivative of max(0, z) is 1 for z > 0 and 0 for z < 0; at z = 0 we take 0
    return np.where(Z > 0, dA, 0.0).astype(float)


def sigmoid_backward(dA, cache):
    """Backward step of sigmoid: dZ = dA * s * (1 - s), with s = sigmoid(Z).

    Arguments:
    dA -- ndarray (n_l, m), gradient of the cost w.r.t. the layer's output A
    cache -- ndarray (n_l, m), the Z that sigmoid(Z) returned as its cache

    Returns:
    dZ -- float ndarray (n_l, m), gradient of the cost w.r.t. Z
    """
    dA, Z = _same_shape(dA, cache, "sigmoid_backward")
    s = _logistic(Z)
    return dA * s * (1 - s)
