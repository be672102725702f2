"""nndl.planar: the flower, the extra datasets, sigmoid and the plotting helpers."""
import matplotlib

matplotlib.use("Agg")  # the plotting tests run without a display

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nndl import planar


def recipe_flower():
    """The course's recipe written out independently, with a private generator.

    RandomState(1) gives the same stream as np.random.seed(1) + np.random.randn.
    """
    rng = np.random.RandomState(1)
    xs, ys, labels = [], [], []
    for j in (0, 1):
        t = np.linspace(3.12 * j, 3.12 * (j + 1), 200) + rng.randn(200) * 0.2
        r = 4 * np.sin(4 * t) + rng.randn(200) * 0.2
        xs.append(r * np.sin(t))
        ys.append(r * np.cos(t))
        labels.append(np.full(200, j))
    return np.array([np.concatenate(xs), np.concatenate(ys)]), np.concatenate(labels)[None, :], rng


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# -- load_planar_dataset --------------------------------------------------------------

def test_flower_shapes_and_dtypes():
    X, Y = planar.load_planar_dataset()
    assert X.shape == (2, 400) and X.dtype == np.float64
    assert Y.shape == (1, 400) and Y.dtype == np.uint8


def test_flower_label_order():
    _, Y = planar.load_planar_dataset()
    assert np.all(Y[0, :200] == 0) and np.all(Y[0, 200:] == 1)


def test_flower_follows_the_recipe():
    X, Y = planar.load_planar_dataset()
    X_ref, Y_ref, _ = recipe_flower()
    # the first points of each class, and then everything
    np.testing.assert_array_equal(X[:, :5], X_ref[:, :5])
    np.testing.assert_array_equal(X[:, 200:205], X_ref[:, 200:205])
    np.testing.assert_array_equal(X, X_ref)
    np.testing.assert_array_equal(Y, Y_ref)


def test_flower_draw_order_matters():
    """The recipe's order (angle noise, then radius noise) is what we follow, not the reverse."""
    X, _ = planar.load_planar_dataset()
    rng = np.random.RandomState(1)
    r_noise = rng.randn(200) * 0.2  # reversed order: radius noise first
    t = np.linspace(0, 3.12, 200) + rng.randn(200) * 0.2
    r = 4 * np.sin(4 * t) + r_noise
    assert not np.allclose(X[0, :200], r * np.sin(t))


def test_flower_is_deterministic_whatever_the_global_state():
    np.random.seed(12345)
    X1, Y1 = planar.load_planar_dataset()
    np.random.rand(17)
    X2, Y2 = planar.load_planar_dataset()
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(Y1, Y2)


def test_flower_seeds_the_global_generator_as_documented():
    """Documented side effect: afterwards the global generator is seed(1) + 800 normals."""
    _, _, rng = recipe_flower()
    np.random.seed(999)
    planar.load_planar_dataset()
    assert np.random.randn() == rng.randn()


def test_flower_is_not_linearly_separable_but_learnable():
    """Sanity of the data the notebook builds on: both classes span the whole plane."""
    X, Y = planar.load_planar_dataset()
    for j in (0, 1):
        pts = X[:, Y[0] == j]
        assert pts[0].min() < -3 and pts[0].max() > 3 and pts[1].min() < -3 and pts[1].max() > 3


# -- load_extra_datasets --------------------------------------------------------------

def test_extra_datasets_names_shapes_and_labels():
    data = planar.load_extra_datasets()
    assert list(data) == ["noisy_circles", "noisy_moons", "blobs", "gaussian_quantiles", "no_structure"]
    for name, (X, Y) in data.items():
        assert X.shape == (2, 200) and X.dtype == np.float64, name
        assert Y.shape == (1, 200) and Y.dtype == np.uint8, name
        assert set(np.unique(Y)) == {0, 1}, name


def test_extra_datasets_are_deterministic_and_leave_the_global_generator_alone():
    np.random.seed(7)
    before = np.random.get_state()[1].copy()
    a = planar.load_extra_datasets()
    after = np.random.get_state()[1]
    np.testing.assert_array_equal(before, after)
    np.random.rand(5)
    b = planar.load_extra_datasets()
    for name in a:
        np.testing.assert_array_equal(a[name][0], b[name][0])
        np.testing.assert_array_equal(a[name][1], b[name][1])


def test_extra_datasets_seed_changes_the_unseeded_recipes_only():
    a = planar.load_extra_datasets(seed=0)
    b = planar.load_extra_datasets(seed=10)
    np.testing.assert_array_equal(a["blobs"][0], b["blobs"][0])  # random_state=5 is the recipe's
    for name in ("noisy_circles", "noisy_moons", "gaussian_quantiles", "no_structure"):
        assert not np.array_equal(a[name][0], b[name][0]), name


def test_extra_datasets_follow_the_recipes():
    from sklearn import datasets as skd

    data = planar.load_extra_datasets(seed=0)
    Xb, yb = skd.make_blobs(n_samples=200, random_state=5, n_features=2, centers=6)
    np.testing.assert_array_equal(data["blobs"][0], Xb.T)
    np.testing.assert_array_equal(data["blobs"][1][0], yb % 2)
    Xc, yc = skd.make_circles(n_samples=200, factor=0.5, noise=0.3, random_state=0)
    np.testing.assert_array_equal(data["noisy_circles"][0], Xc.T)
    np.testing.assert_array_equal(data["noisy_circles"][1][0], yc)
    Xm, ym = skd.make_moons(n_samples=200, noise=0.2, random_state=1)
    np.testing.assert_array_equal(data["noisy_moons"][0], Xm.T)
    Xg, yg = skd.make_gaussian_quantiles(mean=None, cov=0.5, n_samples=200, n_features=2,
                                         n_classes=2, shuffle=True, random_state=2)
    np.testing.assert_array_equal(data["gaussian_quantiles"][0], Xg.T)
    np.testing.assert_array_equal(data["gaussian_quantiles"][1][0], yg)
    X0 = data["no_structure"][0]
    assert X0.min() >= 0 and X0.max() < 1


# -- sigmoid ----------------------------------------------------------------------------

def test_sigmoid_values_and_no_warning():
    x = np.array([[-1000.0, -1.0, 0.0], [2.0, 30.0, 1000.0]])
    with np.errstate(over="raise", divide="raise", invalid="raise"):  # a warning would raise here
        s = planar.sigmoid(x)
    assert s.shape == x.shape
    np.testing.assert_allclose(s[0, 1:], [1 / (1 + np.e), 0.5])
    assert s[0, 0] == 0.0 and s[1, 2] == 1.0
    assert planar.sigmoid(0.0) == 0.5


# -- plotting ----------------------------------------------------------------------------

def test_plot_decision_boundary_draws_on_the_given_axes():
    X, Y = planar.load_planar_dataset()
    calls = []

    def model(points):  # the class is the sign of x1: a vertical boundary
        calls.append(points.shape)
        return (points[:, 0] > 0)[None, :]

    fig, ax = plt.subplots()
    out = planar.plot_decision_boundary(model, X, Y, ax=ax, title="sign of x1")
    assert out is ax
    assert ax.get_title() == "sign of x1"
    assert len(calls) == 1 and calls[0][1] == 2  # one call, points as rows
    # by default a grid of 200 steps along the longer side (2.5 pixels each on the default figure)
    assert calls[0][0] == planar._grid(X, 200, 1.0)[0].size
    assert len(ax.collections) >= 2  # the filled regions and the points
    # the plotted area covers every point
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    assert x0 < X[0].min() and x1 > X[0].max() and y0 < X[1].min() and y1 > X[1].max()
    fig.canvas.draw()  # renders under Agg


def test_plot_decision_boundary_accepts_flat_predictions_and_makes_its_own_figure():
    X, Y = planar.load_planar_dataset()
    ax = planar.plot_decision_boundary(lambda p: np.zeros(len(p)), X, Y.ravel())
    assert ax.figure is not None
    ax.figure.canvas.draw()


def test_plot_decision_boundary_explains_bad_input():
    X, Y = planar.load_planar_dataset()
    with pytest.raises(ValueError, match=r"\(2, m\)"):
        planar.plot_decision_boundary(lambda p: p[:, 0] > 0, X.T, Y)
    with pytest.raises(ValueError, match="predictions"):
        planar.plot_decision_boundary(lambda p: p.T > 0, X, Y)  # (2, k) instead of k
    with pytest.raises(ValueError, match="one label per column"):
        planar.plot_decision_boundary(lambda p: p[:, 0] > 0, X, Y[:, :10])


def test_plot_decision_boundary_blames_extra_output_units_not_the_lambda():
    """A network with n_y = 3 output units gets a message about n_y, not about the lambda."""
    X, Y = planar.load_planar_dataset()
    with pytest.raises(ValueError, match="3 output units") as info:
        planar.plot_decision_boundary(lambda p: np.tile(p[:, 0] > 0, (3, 1)), X, Y)
    assert "n_y" in str(info.value) and "rows, shape (k, 2)" not in str(info.value)


def test_draw_network():
    ax = planar.draw_network((2, 4, 1))
    assert len(ax.patches) == 7  # one circle per unit
    assert len(ax.lines) == 2 * 4 + 4 * 1  # one line per weight
    ax.figure.canvas.draw()
    with pytest.raises(ValueError):
        planar.draw_network((3,))
