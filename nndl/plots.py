"""Plotting helpers of the cat vs non-cat notebooks (02 and 05).

- ``plot_image_grid(images, titles)``        any set of images, one titled panel each
- ``plot_mislabeled(classes, X, y, p)``      the examples a model got wrong
- ``plot_costs(costs, learning_rate)``       learning curve(s) recorded during training

Every function draws with pyplot (so a notebook shows the figure inline), never calls
``plt.show()`` and returns the ``matplotlib.figure.Figure``; it works the same with a
non-interactive backend such as Agg. In a notebook, end the line with ``;`` (or assign
the result) if you do not want the figure shown twice.

Under grading (the ``nndl.grading_figures`` backend) only the learning curves of two
costs or more are kept for the feedback; the image grids would be thrown away unseen, so
they are not drawn: the inputs are checked as always and an empty Figure is returned.
"""
import math

import numpy as np


def _pyplot():
    import matplotlib.pyplot as plt  # imported late: `import nndl.plots` stays cheap

    return plt


def _discarded():
    """True when a figure made here would be thrown away unseen (grading backend)."""
    from . import grading_figures

    return grading_figures.active()


def as_images(X):
    """Images in display form, whatever form the model used.

    Arguments:
    X -- (m, h, w, 3) images (uint8 0..255 or floats 0..1), or (num_px*num_px*3, m)
         flattened columns as fed to a model (0..255 or already divided by 255)

    Returns:
    images -- (m, h, w, 3) array that plt.imshow shows correctly
              (uint8, or floats clipped to [0, 1])
    """
    X = np.asarray(X)
    if X.ndim == 2:
        side = math.isqrt(X.shape[0] // 3)
        if side * side * 3 != X.shape[0]:
            raise ValueError(f"X of shape {X.shape}: a flattened image column must have "
                             "num_px * num_px * 3 rows")
        X = X.T.reshape(X.shape[1], side, side, 3)
    if X.ndim != 4 or X.shape[-1] != 3:
        raise ValueError(f"X of shape {X.shape}: expected (m, h, w, 3) images or "
                         "(num_px*num_px*3, m) columns")
    if X.dtype == np.uint8:
        return X
    X = X.astype(np.float64)
    if X.max(initial=0) > 1.0:  # floats still on the 0..255 scale
        X = X / 255.0
    return np.clip(X, 0.0, 1.0)


def plot_image_grid(images, titles=None, ncols=5, panel_size=1.8, suptitle=None):
    """Show images side by side, in rows of ncols, each with its own title.

    Arguments:
    images -- (m, h, w, 3) images, or (num_px*num_px*3, m) columns (see as_images)
    titles -- list of m strings (may contain "\\n"), or None for untitled panels
    ncols -- panels per row (fewer if m is smaller)
    panel_size -- width and height of one panel, in inches
    suptitle -- optional title above the grid

    Returns:
    fig -- matplotlib Figure with exactly m Axes, one per image, in the input order
           (under grading: an empty Figure, see the module's docstring)
    """
    images = as_images(images)
    m = images.shape[0]
    if titles is not None and len(titles) != m:
        raise ValueError(f"{len(titles)} titles for {m} images")
    if m == 0:
        raise ValueError("no images to show")
    ncols = max(1, min(ncols, m))
    nrows = math.ceil(m / ncols)
    plt = _pyplot()
    if _discarded():
        return plt.figure()
    # room for a two-line title above every panel: without it, a row's titles touch (in
    # some renderers overlap) the images of the row above
    title_lines = max((str(t).count("\n") + 1 for t in titles), default=0) if titles is not None else 0
    fig = plt.figure(figsize=(panel_size * ncols, (panel_size + 0.2 + 0.18 * title_lines) * nrows))
    for i in range(m):
        ax = fig.add_subplot(nrows, ncols, i + 1)
        ax.imshow(images[i], interpolation="nearest")
        ax.set_axis_off()
        if titles is not None:
            ax.set_title(titles[i], fontsize=9)
    if suptitle:
        fig.suptitle(suptitle)
    fig.tight_layout(h_pad=1.5 if title_lines else None)
    return fig


def _name(classes, label):
    name = classes[int(label)]
    return name.decode("utf-8") if isinstance(name, bytes) else str(name)


def plot_mislabeled(classes, X, y, p, max_images=20, ncols=5):
    """Show the examples whose prediction differs from the label.

    Arguments:
    classes -- (2,) class names, e.g. [b'non-cat', b'cat'] from load_catvnoncat()
    X -- (m, num_px, num_px, 3) images, or (num_px*num_px*3, m) columns as fed to the model
    y -- (1, m) true labels, 0 or 1
    p -- (1, m) predictions, 0 or 1 (floats, ints or booleans)
    max_images -- show at most this many (the first ones, in example order)
    ncols -- panels per row

    Returns:
    fig -- matplotlib Figure with one Axes per mislabelled example shown, titled with
           the prediction and the true class; if there is none, one Axes saying so
           (under grading: an empty Figure, see the module's docstring)
    """
    images = as_images(X)
    y = np.asarray(y).reshape(-1)
    p = np.asarray(p).reshape(-1)
    if not (y.shape[0] == p.shape[0] == images.shape[0]):
        raise ValueError(f"{images.shape[0]} images, {y.shape[0]} labels and "
                         f"{p.shape[0]} predictions: all three must match")
    wrong = np.flatnonzero(p.astype(int) != y.astype(int))
    if wrong.size == 0:
        plt = _pyplot()
        if _discarded():
            return plt.figure()
        fig, ax = plt.subplots(figsize=(4, 1))
        ax.set_axis_off()
        ax.text(0.5, 0.5, "no mislabelled examples", ha="center", va="center")
        return fig
    shown = wrong[:max_images]
    titles = [f"#{i}: predicted {_name(classes, p[i])}\nis {_name(classes, y[i])}"
              for i in shown]
    more = f" (first {shown.size} shown)" if wrong.size > shown.size else ""
    return plot_image_grid(images[shown], titles, ncols=ncols,
                           suptitle=f"{wrong.size} mislabelled of {y.shape[0]}{more}")


def plot_costs(costs, learning_rate=None, every=100, ax=None, title=None):
    """Learning curve(s): the cost recorded every `every` iterations.

    Arguments:
    costs -- one curve: a sequence of n costs (floats or 0-d arrays), costs[k]
             recorded at iteration k * every; or several curves: a dict
             {label: sequence}, e.g. {"lr = 0.01": costs_a, "lr = 0.001": costs_b}
    learning_rate -- shown in the title for a single curve (None: not shown)
    every -- iterations between two recorded costs
    ax -- existing Axes to draw on (default: a new figure)
    title -- what is plotted (e.g. the model), shown before the learning rate

    Returns:
    fig -- matplotlib Figure with one Axes: x = iteration, y = cost, a legend when
           there are several curves; a figure made here is kept in graded feedback
           when a curve has two costs or more (one point is no curve: the runs that
           grading shortens record only iteration 0)
    """
    curves = costs if isinstance(costs, dict) else {None: costs}
    if not curves:
        raise ValueError("no costs to plot")
    curves = {label: np.asarray([float(np.squeeze(v)) for v in c], dtype=np.float64)
              for label, c in curves.items()}
    if ax is None:
        fig, ax = _pyplot().subplots(figsize=(6, 4))
        if max(c.size for c in curves.values()) > 1:
            from .grading_figures import keep

            keep(fig)  # the learner's own training: worth seeing in the feedback
    else:
        fig = ax.figure
    for label, c in curves.items():
        ax.plot(np.arange(c.size) * every, c, marker="." if c.size < 40 else None, label=label)
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost")
    if len(curves) > 1 or None not in curves:
        ax.legend()
    parts = [title] if title else []
    if learning_rate is not None:
        parts.append(f"learning rate = {learning_rate}")
    if parts:
        ax.set_title(", ".join(parts))
    ax.grid(alpha=0.3)
    return fig
