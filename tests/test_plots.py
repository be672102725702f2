"""The plotting helpers: figures with the right axes, titles and curves (Agg backend)."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from nndl import plots  # noqa: E402

CLASSES = np.array([b"non-cat", b"cat"])


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _images(m, px=8):
    return np.random.default_rng(0).integers(0, 256, (m, px, px, 3), dtype=np.uint8)


def test_image_grid_one_axes_per_image():
    fig = plots.plot_image_grid(_images(7), [f"t{i}" for i in range(7)], ncols=3)
    assert isinstance(fig, Figure) and len(fig.axes) == 7
    assert [ax.get_title() for ax in fig.axes] == [f"t{i}" for i in range(7)]
    # 3 columns -> 3 rows
    assert len({round(ax.get_position().y0, 3) for ax in fig.axes}) == 3


def test_image_grid_rejects_wrong_number_of_titles():
    with pytest.raises(ValueError, match="2 titles for 3 images"):
        plots.plot_image_grid(_images(3), ["a", "b"])


def test_as_images_from_flattened_columns():
    imgs = _images(4)
    cols = imgs.reshape(4, -1).T / 255.0  # as fed to the models: (192, 4) in [0, 1]
    back = plots.as_images(cols)
    assert back.shape == (4, 8, 8, 3)
    assert np.allclose(back, imgs / 255.0)
    assert np.allclose(plots.as_images(imgs.reshape(4, -1).T.astype(float)), imgs / 255.0)
    with pytest.raises(ValueError, match="num_px"):
        plots.as_images(np.zeros((10, 4)))


def test_mislabeled_shows_exactly_the_wrong_ones():
    imgs = _images(6)
    y = np.array([[1, 0, 1, 1, 0, 0]])
    p = np.array([[1.0, 1.0, 0.0, 1.0, 0.0, 1.0]])  # wrong at 1, 2, 5
    fig = plots.plot_mislabeled(CLASSES, imgs.reshape(6, -1).T / 255, y, p)
    assert len(fig.axes) == 3
    titles = [ax.get_title() for ax in fig.axes]
    assert titles[0].startswith("#1: predicted cat") and titles[0].endswith("is non-cat")
    assert titles[1].startswith("#2: predicted non-cat") and titles[1].endswith("is cat")
    assert "3 mislabelled of 6" in fig._suptitle.get_text()


def test_mislabeled_caps_the_number_shown_and_accepts_booleans():
    y = np.zeros((1, 10), dtype=int)
    p = np.ones((1, 10), dtype=bool)
    fig = plots.plot_mislabeled(CLASSES, _images(10), y, p, max_images=4)
    assert len(fig.axes) == 4 and "first 4 shown" in fig._suptitle.get_text()


def test_mislabeled_none_wrong():
    y = np.array([[0, 1]])
    fig = plots.plot_mislabeled(CLASSES, _images(2), y, y)
    assert len(fig.axes) == 1 and "no mislabelled" in fig.axes[0].texts[0].get_text()


def test_mislabeled_size_mismatch():
    with pytest.raises(ValueError, match="must match"):
        plots.plot_mislabeled(CLASSES, _images(3), np.zeros((1, 3)), np.zeros((1, 4)))


def test_costs_single_curve():
    costs = [np.array(0.69), 0.5, 0.4, 0.35]  # 0-d arrays as np.squeeze gives them
    fig = plots.plot_costs(costs, learning_rate=0.005)
    assert len(fig.axes) == 1
    ax = fig.axes[0]
    (line,) = ax.get_lines()
    assert list(line.get_xdata()) == [0, 100, 200, 300]
    assert np.allclose(line.get_ydata(), [0.69, 0.5, 0.4, 0.35])
    assert "0.005" in ax.get_title() and ax.get_legend() is None


def test_costs_several_curves_with_legend():
    curves = {"lr = 0.01": [0.7, 0.3], "lr = 0.001": [0.7, 0.6, 0.5]}
    fig = plots.plot_costs(curves, every=50)
    ax = fig.axes[0]
    assert len(ax.get_lines()) == 2
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(curves)
    assert list(ax.get_lines()[1].get_xdata()) == [0, 50, 100]


def test_costs_on_a_given_axes():
    fig, (a, b) = plt.subplots(1, 2)
    assert plots.plot_costs([1.0, 0.5], ax=b) is fig
    assert len(b.get_lines()) == 1 and len(a.get_lines()) == 0


def _title_gaps(fig):
    """Vertical gaps, in inches, between each panel's title and the panels above it."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    gaps = []
    for ax in fig.axes:
        title = ax.title.get_window_extent(renderer)
        above = [other.get_window_extent(renderer) for other in fig.axes if other is not ax]
        above = [box for box in above if box.x1 > title.x0 and box.x0 < title.x1 and box.y0 >= title.y0]
        if above:
            gaps.append(min(box.y0 - title.y1 for box in above) / fig.dpi)
    return gaps


def test_mislabeled_titles_clear_the_row_above():
    """Two-line titles of the second and later rows stay clear of the images above them."""
    y = np.zeros((1, 12), dtype=int)
    fig = plots.plot_mislabeled(CLASSES, _images(12), y, 1 - y)
    gaps = _title_gaps(fig)
    assert len(gaps) == 7 and min(gaps) > 0.05, gaps  # 12 panels in rows of 5: 7 have one above


def test_costs_title_names_the_model():
    """A title given with the learning rate names what was trained."""
    fig = plots.plot_costs([0.7, 0.5], learning_rate=0.0075, title="2-layer network")
    assert fig.axes[0].get_title() == "2-layer network, learning rate = 0.0075"
