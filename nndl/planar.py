"""Data and plotting helpers of 03_planar_classification (a network with one hidden layer).

- ``load_planar_dataset()``  the two-class "flower" in the plane, the course's recipe
- ``load_extra_datasets()``  five more planar problems (circles, moons, blobs, ...)
- ``sigmoid(x)``             the output activation the notebook imports by name
- ``plot_decision_boundary(model, X, y)``  which class a model gives every point of the plane
- ``draw_network(sizes)``     a picture of a fully connected network

Layout everywhere: examples are columns, ``X`` is ``(2, m)`` and labels ``Y`` are ``(1, m)``.

Under grading (the ``nndl.grading_figures`` backend) a decision boundary drawn on a
figure of its own (``ax=None``: the learner's trained network, in the notebook) is kept
for the feedback; one drawn into a caller's unmarked figure (the comparison grids) and
the network diagram would be thrown away unseen, so they are not drawn: the inputs are
checked as always and the Axes is returned empty.
"""
import numpy as np

__all__ = ["load_planar_dataset", "load_extra_datasets", "sigmoid", "plot_decision_boundary", "draw_network"]

EXTRA_DATASETS = ("noisy_circles", "noisy_moons", "blobs", "gaussian_quantiles", "no_structure")


def sigmoid(x):
    """Elementwise logistic function 1 / (1 + exp(-x)).

    Arguments:
    x -- ndarray of any shape (or a Python number)

    Returns:
    s -- ndarray (or float) of x's shape, values in [0, 1]
    """
    # exp(-x) overflows to inf for x < -709; 1 / (1 + inf) is then the right
    # limit 0.0, so the overflow warning is noise and is silenced.
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-x))


def load_planar_dataset():
    """The "flower": 400 points in the plane, two classes of 200 that wind around each other.

    The course's recipe, draw for draw, so learners get the same points as in
    the course: ``np.random.seed(1)``; for class j in (0, 1) (in that order),
    an angle t = linspace(3.12 j, 3.12 (j + 1), 200) + 0.2 * randn(200), then
    a radius r = 4 sin(4 t) + 0.2 * randn(200), and the points
    (r sin t, r cos t).

    Side effect (as in the course): it seeds numpy's *global* random generator
    with 1 and draws 800 normals from it, so the global state afterwards is
    always the same, whatever it was before. Code that needs its own
    randomness seeds it itself (``nn_model`` does).

    Returns:
    X -- float64 ndarray of shape (2, 400), one point per column (x1 in row 0, x2 in row 1)
    Y -- uint8 ndarray of shape (1, 400), the labels: the first 200 are 0, the last 200 are 1
    """
    np.random.seed(1)
    m, a = 400, 4
    n = m // 2  # points per class
    X = np.zeros((2, m))
    Y = np.zeros((1, m), dtype=np.uint8)
    for j in range(2):
        # The order of the two draws is part of the recipe: angle noise first.
        t = np.linspace(3.12 * j, 3.12 * (j + 1), n) + 0.2 * np.random.randn(n)
        r = a * np.sin(4 * t) + 0.2 * np.random.randn(n)
        cols = slice(n * j, n * (j + 1))
        X[0, cols] = r * np.sin(t)
        X[1, cols] = r * np.cos(t)
        Y[0, cols] = j
    return X, Y


def load_extra_datasets(seed=0):
    """Five more two-class problems in the plane, 200 points each (scikit-learn generators).

    - ``noisy_circles``: ``make_circles(n_samples=200, factor=.5, noise=.3)``
    - ``noisy_moons``: ``make_moons(n_samples=200, noise=.2)``
    - ``blobs``: ``make_blobs(n_samples=200, random_state=5, n_features=2, centers=6)``,
      the six blob ids reduced to two classes with ``% 2``
    - ``gaussian_quantiles``: ``make_gaussian_quantiles(mean=None, cov=0.5, n_samples=200,
      n_features=2, n_classes=2, shuffle=True)``
    - ``no_structure``: points uniform in the unit square with labels 0/1 drawn
      independently of them (nothing to learn: about 50% is the best anyone can do)

    Deterministic: the course leaves ``random_state`` unset (so every run
    differs) except for ``blobs`` (5, kept). Here the other four get their
    ``random_state`` from ``seed`` (``seed``, ``seed + 1``, ...), and the
    global numpy random generator is neither used nor changed.

    Arguments:
    seed -- int, the random_state of the first unseeded generator

    Returns:
    datasets -- dict {name: (X, Y)} in the order above; X float64 of shape
                (2, 200) (one point per column), Y uint8 of shape (1, 200) with values 0/1
    """
    from sklearn import datasets as skd  # imported here: only this loader needs scikit-learn

    n = 200
    raw = {
        "noisy_circles": skd.make_circles(n_samples=n, factor=0.5, noise=0.3, random_state=seed),
        "noisy_moons": skd.make_moons(n_samples=n, noise=0.2, random_state=seed + 1),
        "blobs": skd.make_blobs(n_samples=n, random_state=5, n_features=2, centers=6),
        "gaussian_quantiles": skd.make_gaussian_quantiles(
            mean=None, cov=0.5, n_samples=n, n_features=2, n_classes=2, shuffle=True,
            random_state=seed + 2),
    }
    rng = np.random.RandomState(seed + 3)
    raw["no_structure"] = (rng.rand(n, 2), rng.randint(0, 2, size=n))
    datasets = {}
    for name in EXTRA_DATASETS:
        points, labels = raw[name]
        if name == "blobs":
            labels = labels % 2  # six blobs, alternately assigned to the two classes
        # scikit-learn gives examples as rows; the course uses columns.
        datasets[name] = (np.asarray(points, dtype=np.float64).T.copy(),
                          np.asarray(labels, dtype=np.uint8).reshape(1, n))
    return datasets


def _grid(X, resolution, margin):
    """A regular grid covering the points of X (2, m), ``resolution`` steps along the longer side."""
    lo = X.min(axis=1) - margin
    hi = X.max(axis=1) + margin
    step = float(np.max(hi - lo)) / resolution
    xs = np.arange(lo[0], hi[0] + step, step)
    ys = np.arange(lo[1], hi[1] + step, step)
    return np.meshgrid(xs, ys)


def _discarded(fig):
    """True when ``fig`` will be thrown away unseen (grading backend, figure not kept)."""
    from .grading_figures import active, kept

    return active() and not kept(fig)


def plot_decision_boundary(model, X, y, ax=None, title=None, resolution=200, margin=1.0):
    """Colour the plane by the class ``model`` predicts, and draw the labelled points on top.

    Arguments:
    model -- function mapping an array of points of shape (k, 2) (one point per
             ROW, as scikit-learn expects) to k predictions, of any shape with k
             entries: e.g. ``lambda x: predict(parameters, x.T)`` giving (1, k)
             booleans, or a scikit-learn ``clf.predict`` giving (k,)
    X -- ndarray of shape (2, m), one point per column
    y -- ndarray of shape (1, m) (or (m,)), the labels 0/1 of the points
    ax -- matplotlib Axes to draw on (default: a new figure)
    title -- str or None, the Axes' title
    resolution -- int, grid steps along the longer side of the plotted area (200: a step
                  of 2.5 pixels on the default figure, which looks as 300 steps do and
                  costs 0.15 s less to build and draw)
    margin -- float, space around the points, in data units

    Returns:
    ax -- the matplotlib Axes drawn on (a new figure is kept in graded feedback; on a
          discarded one nothing is drawn and the model is not called: module docstring)
    """
    import matplotlib.pyplot as plt  # here: importing nndl.planar must not need a display
    from .grading_figures import keep

    X = np.asarray(X, dtype=float)
    labels = np.asarray(y).reshape(-1)
    if X.ndim != 2 or X.shape[0] != 2:
        raise ValueError(f"plot_decision_boundary: X must have shape (2, m), one point per column; "
                         f"got {X.shape}")
    if labels.size != X.shape[1]:
        raise ValueError(f"plot_decision_boundary: y must hold one label per column of X "
                         f"({X.shape[1]}), but it has {labels.size}")
    if ax is not None and _discarded(ax.figure):
        return ax
    xx, yy = _grid(X, resolution, margin)
    points = np.column_stack([xx.ravel(), yy.ravel()])
    predicted = np.asarray(model(points))
    k = points.shape[0]
    if predicted.size != k and predicted.size % k == 0 and k in predicted.shape:
        per_point = predicted.size // k
        raise ValueError(f"plot_decision_boundary: the model gave {per_point} predictions per point "
                         f"(shape {predicted.shape} for {k} points): the network has {per_point} output "
                         "units instead of 1. The plotting code is fine; look upstream at n_y "
                         "(layer_sizes should read it from Y.shape[0], and nn_model should pass it on)")
    if predicted.size != k:
        raise ValueError(f"plot_decision_boundary: model returned {predicted.size} predictions "
                         f"for {points.shape[0]} points (shape {predicted.shape}); it must take "
                         "points as rows, shape (k, 2): e.g. lambda x: predict(parameters, x.T)")
    zz = predicted.reshape(xx.shape).astype(float)
    if ax is None:
        fig, ax = plt.subplots(figsize=(5, 4))
        keep(fig)  # the boundary of a model on its own: the learner's network, in the notebook
    cmap = plt.get_cmap("coolwarm")
    ax.contourf(xx, yy, zz, levels=[-0.5, 0.5, 1.5], cmap=cmap, alpha=0.35)
    ax.scatter(X[0], X[1], c=labels.astype(float), cmap=cmap, vmin=0, vmax=1,
               s=14, edgecolors="k", linewidths=0.3)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    if title is not None:
        ax.set_title(title)
    return ax


def draw_network(sizes=(2, 4, 1), ax=None):
    """Draw a fully connected network as circles (units) joined by lines (weights).

    Arguments:
    sizes -- sequence of ints (n_x, n_h, ..., n_y), units per layer, input first
    ax -- matplotlib Axes to draw on (default: a new figure)

    Returns:
    ax -- the matplotlib Axes drawn on (under grading, left empty: module docstring)
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Circle

    sizes = [int(n) for n in sizes]
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError(f"draw_network: sizes needs at least two layers of at least one unit; got {sizes}")
    radius = 0.22
    top = (max(sizes) - 1) / 2
    last = len(sizes) - 1
    if ax is None:
        fig, ax = plt.subplots(figsize=(0.8 * (2.0 * last + 1.6), 0.8 * (2 * top + 2.0)))
        fig.subplots_adjust(left=0, right=1, bottom=0, top=1)
    if _discarded(ax.figure):
        return ax
    # unit k of a layer of n units sits at height (n - 1) / 2 - k: layers are centred
    centres = [[(2.0 * l, (n - 1) / 2 - k) for k in range(n)] for l, n in enumerate(sizes)]
    for left, right in zip(centres, centres[1:]):
        for (x0, y0) in left:
            for (x1, y1) in right:
                ax.plot([x0 + radius, x1 - radius], [y0, y1], color="0.6", lw=0.8, zorder=1)
    for l, layer in enumerate(centres):
        face = "#cfe3f7" if l == 0 else ("#f7d9cf" if l == last else "#e6e6e6")
        for k, (x, y) in enumerate(layer):
            ax.add_patch(Circle((x, y), radius, facecolor=face, edgecolor="k", lw=1, zorder=2))
            if l == 0:
                label = f"$x_{{{k + 1}}}$"
            elif l == last:
                label = r"$\hat{y}$" if sizes[l] == 1 else f"$\\hat{{y}}_{{{k + 1}}}$"
            else:
                label = f"$a^{{[{l}]}}_{{{k + 1}}}$"
            ax.text(x, y, label, ha="center", va="center", fontsize=9, zorder=3)
        if l == 0:
            name = f"input\n$n_x = {sizes[0]}$"
        elif l == last:
            name = f"output (sigmoid)\n$n_y = {sizes[l]}$"
        else:
            number = f" {l}" if last > 2 else ""
            name = f"hidden layer{number} (tanh)\n$n_h = {sizes[l]}$"
        ax.text(2.0 * l, -top - 0.4, name, ha="center", va="top", fontsize=9)
    ax.set_xlim(-0.8, 2.0 * last + 0.8)
    ax.set_ylim(-top - 1.3, top + 0.4)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax
