"""Gradient checking by central finite differences, for any network.

A backward pass is checked by comparing its gradients with numerical ones::

    def cost_fn(p):                      # p: a parameters dict like params
        AL, _ = L_model_forward(X, p)
        return float(compute_cost(AL, Y))

    grads = L_model_backward(AL, Y, caches)   # keyed "dW1", "db1", ...
    check_gradients(cost_fn, params, grads)   # params keyed "W1", "b1", ...

Naming convention: parameters are keyed like ``"W1"``, their gradients like
``"dW1"`` (the parameter's name with a prefix, ``"d"`` by default). Pass
``prefix=""`` when the gradients use the parameters' own names, or a dict
``{"W1": "grad_W1", ...}`` as ``keys`` for any other naming.

Every function works on copies: the caller's ``params`` are never modified,
not even temporarily (``cost_fn`` receives a private copy of the dict).
"""
import numpy as np

__all__ = ["numerical_gradients", "gradient_difference", "check_gradients"]


def _param_keys(params, keys):
    """The parameter names to check, in a stable order (params' order by default)."""
    if keys is None:
        return list(params)
    if isinstance(keys, str):
        return [keys]
    return list(keys)


def _grad_names(keys, prefix):
    """{parameter name: gradient name} from a list of names or an explicit mapping."""
    if isinstance(keys, dict):
        return dict(keys)
    if isinstance(keys, str):
        keys = [keys]
    return {k: prefix + k for k in keys}


def numerical_gradients(cost_fn, params, keys=None, eps=1e-7):
    """Central-difference estimate of the gradient of ``cost_fn`` w.r.t. params.

    For every entry theta of params[key]:
        (cost_fn(theta + eps) - cost_fn(theta - eps)) / (2 * eps)

    Arguments:
    cost_fn -- function taking a dict shaped like params and returning the
               cost as a number (Python float, numpy scalar or 0-d array)
    params -- dict {name: ndarray of any shape}, e.g. W1 of shape (n_1, n_0)
    keys -- iterable of the names in params to differentiate (default: all)
    eps -- float, half the width of the finite difference

    Returns:
    num_grads -- dict {name: float64 ndarray of params[name].shape}, for each
                 name in keys
    """
    names = _param_keys(params, keys)
    missing = [k for k in names if k not in params]
    if missing:
        raise KeyError(f"numerical_gradients: {missing} not in params (it has {list(params)})")
    # A private float copy: the caller's arrays are never touched, even if
    # cost_fn raises halfway; integer arrays would not hold theta +/- eps.
    work = {k: (np.array(v, dtype=float) if k in names else v) for k, v in params.items()}
    num_grads = {}
    for name in names:
        theta = work[name]
        grad = np.zeros(theta.shape)
        for idx in np.ndindex(theta.shape):
            saved = theta[idx]
            theta[idx] = saved + eps
            plus = _as_float(cost_fn(work), name)
            theta[idx] = saved - eps
            minus = _as_float(cost_fn(work), name)
            theta[idx] = saved  # restore before moving to the next entry
            grad[idx] = (plus - minus) / (2 * eps)
        num_grads[name] = grad
    return num_grads


def _as_float(cost, name):
    value = np.asarray(cost, dtype=float)
    if value.size != 1:
        raise ValueError(
            f"cost_fn must return a single number, but it returned an array of shape {value.shape} "
            f"(while perturbing {name}); np.squeeze or float(...) the cost")
    return float(value.reshape(()))


def _pairs(grads, num_grads, keys, prefix):
    """[(param name, analytic gradient, numerical gradient)], with clear errors."""
    names = _grad_names(keys, prefix)
    pairs = []
    for pname, gname in names.items():
        if gname not in grads:
            raise KeyError(f"gradient {gname!r} (of parameter {pname!r}) is missing from grads "
                           f"(it has {list(grads)})")
        if pname not in num_grads:
            raise KeyError(f"parameter {pname!r} is missing from the numerical gradients")
        g = np.asarray(grads[gname], dtype=float)
        n = np.asarray(num_grads[pname], dtype=float)
        if g.shape != n.shape:
            raise ValueError(f"{gname} has shape {g.shape}, but {pname} has shape {n.shape}: "
                             "a gradient has the shape of its parameter")
        pairs.append((pname, g, n))
    return pairs


def _relative(g, n):
    denom = np.linalg.norm(g) + np.linalg.norm(n)
    return 0.0 if denom == 0 else float(np.linalg.norm(g - n) / denom)


def gradient_difference(grads, num_grads, keys, prefix="d"):
    """Relative difference between analytic and numerical gradients.

        ||g - n||_2 / (||g||_2 + ||n||_2)

    over all the keys' entries concatenated into one vector (0.0 when both
    are zero).

    Arguments:
    grads -- dict of analytic gradients, keyed prefix + parameter name ("dW1")
    num_grads -- dict of numerical gradients keyed by parameter name ("W1"),
                 as returned by numerical_gradients
    keys -- iterable of parameter names ("W1", "b1", ...), compared as
            grads[prefix + name] with num_grads[name]; or a dict
            {parameter name: gradient name} for any other naming
    prefix -- str, how gradient names derive from parameter names ("d";
              "" when grads uses the parameters' own names)

    Returns:
    difference -- Python float
    """
    pairs = _pairs(grads, num_grads, keys, prefix)
    g = np.concatenate([p[1].ravel() for p in pairs]) if pairs else np.zeros(0)
    n = np.concatenate([p[2].ravel() for p in pairs]) if pairs else np.zeros(0)
    return _relative(g, n)


def check_gradients(cost_fn, params, grads, keys=None, eps=1e-7, threshold=1e-7, prefix="d"):
    """Compare a backward pass with finite differences and say so in one line.

    Arguments:
    cost_fn -- function taking a dict shaped like params, returning the cost
    params -- dict {name: ndarray}, the point where the gradients were computed
    grads -- dict of analytic gradients, keyed prefix + name ("dW1") or as
             given by a dict ``keys``; extra entries (e.g. "dA0") are ignored
    keys -- parameter names to check (default: all of params), or a dict
            {parameter name: gradient name}
    eps -- float, finite-difference step
    threshold -- float, largest relative difference accepted as agreement
    prefix -- str, see gradient_difference

    Returns:
    difference -- Python float, the relative difference over all checked
                  entries (see gradient_difference)

    Prints one line: agreement, or a warning naming the parameter whose
    gradient disagrees most.
    """
    names = _grad_names(_param_keys(params, keys) if not isinstance(keys, dict) else keys, prefix)
    num_grads = numerical_gradients(cost_fn, params, keys=list(names), eps=eps)
    difference = gradient_difference(grads, num_grads, names)
    if difference < threshold:
        print(f"Your gradients agree with finite differences: relative difference "
              f"{difference:.1e} (< {threshold:.0e}).")
    else:
        per_key = [(_relative(g, n), pname) for pname, g, n in _pairs(grads, num_grads, names, prefix)]
        worst_diff, worst = max(per_key)
        print(f"WARNING: your gradients disagree with finite differences: relative difference "
              f"{difference:.1e} (>= {threshold:.0e}). The worst is {names[worst]} "
              f"(relative difference {worst_diff:.1e}); check how your backward pass computes it.")
    return difference
