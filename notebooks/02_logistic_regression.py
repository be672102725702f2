# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Cat or not cat? Logistic regression as a one-neuron network
#
# In this assignment you build, from scratch and with NumPy only, a classifier that looks at a
# small picture and answers one question: *is there a cat in it?* The model is logistic
# regression, which is the smallest neural network there is: one neuron. Every piece you write
# here (forward pass, cost, gradients, gradient descent) comes back, unchanged in spirit, in the
# deep networks of the later assignments.
#
# **What you will do**
#
# 1. Look at the data and get it into the shape a model wants (flatten, standardise).
# 2. Write down the model, its cost, and derive its gradients.
# 3. Implement the pieces one by one, then merge them into `model`.
# 4. Train it, read the learning curve, compare learning rates, look at the mistakes, and try
#    it on an image file.
#
# **Exercises and points**
#
# | exercise | points |
# |---|---|
# | 1. `m_train`, `m_test`, `num_px` | 1 |
# | 2. flatten the images | 1 |
# | 3. standardise the pixels | 1 |
# | 4. `sigmoid` | 2 |
# | 5. `initialize_with_zeros` | 2 |
# | 6. `propagate` | 4 |
# | 7. `optimize` | 4 |
# | 8. `predict` | 3 |
# | 9. `model` | 4 |
#
# **Total: 22 points**
#
# Where a cell says `raise NotImplementedError(...)`, replace that line with your code (keep the
# lines around it, such as a final `return`, as they are). Each exercise is followed by a test cell: it prints
# `✔ ... all visible checks passed` when your answer passes the checks you can see. When the
# notebook is graded, more checks run on inputs you have not seen (other shapes, a single
# example, ...), so make your code general: never hard-code a size.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import copy
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from nndl import checks as C
from nndl import under_grader
from nndl.data import load_catvnoncat, load_image
from nndl.plots import plot_costs, plot_image_grid, plot_mislabeled

np.set_printoptions(precision=6, suppress=True)

# %% [markdown]
# ## 1. The problem and the data
#
# The data set has a training set of 209 pictures and a test set of 50, each labelled
# 1 (**cat**) or 0 (**non-cat**). Each picture is a 64 × 64 colour image: three channels
# (red, green, blue), each pixel value an integer from 0 to 255.
#
# **A word on where the pictures come from.** These are *not* photographs. They are made from
# emoji artwork of three open emoji sets:
# [Noto Emoji](https://github.com/googlefonts/noto-emoji) (Google, Apache License 2.0),
# [Twemoji](https://github.com/twitter/twemoji) (Twitter and contributors, CC BY 4.0) and
# [Fluent Emoji](https://github.com/microsoft/fluentui-emoji) in its 3D style (Microsoft, MIT).
# The cats are the cat emoji of the three sets (cat faces and full-body cats, 36 drawings in
# all); the non-cats are other emoji: animals (dogs, foxes, bears, ...), smiley faces, and
# objects. To turn a few dozen drawings into many different pictures, each one was rescaled,
# flipped at random, slightly rotated, colour-adjusted, shifted, placed on a generated
# background, slightly blurred and sprinkled with pixel noise. The cat drawings were split
# between training and test *before* this, so the test cats are drawings the model never sees
# during training. Sources, licences and the full recipe: `datasets/README.md` and
# `datasets/LICENSES/ATTRIBUTION.md`.
#
# Emoji are much simpler than photos, which changes the numbers you will get (more on that in
# the results), but not the method: the same code works unchanged on photographs.
#
# Run the next cell to load the data. `load_catvnoncat` returns the images as they are
# (`_orig`: we will reshape them) and the labels as row vectors.

# %%
train_set_x_orig, train_set_y, test_set_x_orig, test_set_y, classes = load_catvnoncat()

print("train_set_x_orig:", train_set_x_orig.shape, train_set_x_orig.dtype)
print("train_set_y:     ", train_set_y.shape, train_set_y.dtype)
print("test_set_x_orig: ", test_set_x_orig.shape)
print("test_set_y:      ", test_set_y.shape)
print("classes:         ", classes)
print(f"cats: {int(train_set_y.sum())} of {train_set_y.shape[1]} in train, "
      f"{int(test_set_y.sum())} of {test_set_y.shape[1]} in test")

# %% [markdown]
# Here are a few of the training pictures with their labels. Change `first` to browse others.

# %%
first = 0
shown = range(first, first + 12)
titles = [f"#{i}: {classes[train_set_y[0, i]].decode()} (y={train_set_y[0, i]})" for i in shown]
plot_image_grid(train_set_x_orig[first:first + 12], titles, ncols=6);

# %% [markdown]
# ### Exercise 1 (1 point): how much data, how big?
#
# Many bugs in deep learning are shape bugs, so make it a habit to know your shapes. Set
#
# - `m_train`: the number of training examples,
# - `m_test`: the number of test examples,
# - `num_px`: the height (which is also the width) of a picture, in pixels.
#
# Read them from the arrays (`.shape`), never type the numbers: the same code must work on
# another data set. Remember that `train_set_x_orig` has shape `(m_train, num_px, num_px, 3)`.

# %% nbgrader={"grade": false, "grade_id": "dataset_sizes", "locked": false, "schema_version": 3, "solution": true, "task": false}
### BEGIN SOLUTION
m_train = train_set_x_orig.shape[0]
m_test = test_set_x_orig.shape[0]
num_px = train_set_x_orig.shape[1]
### END SOLUTION

print(f"m_train = {m_train}, m_test = {m_test}, num_px = {num_px}")

# %% nbgrader={"grade": true, "grade_id": "test_dataset_sizes", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""m_train, m_test, num_px: the sizes read from the arrays, as whole numbers."""
expected_sizes = (209, 50, 64)  # ref: (train_set_x_orig.shape[0], test_set_x_orig.shape[0], train_set_x_orig.shape[1])
C.expect_equal((m_train, m_test, num_px), expected_sizes, "(m_train, m_test, num_px)", reveal=True)
C.passed("m_train, m_test, num_px")
### BEGIN HIDDEN TESTS
import numbers as _numbers
for _name, _value in (("m_train", m_train), ("m_test", m_test), ("num_px", num_px)):
    C.expect_true(isinstance(_value, _numbers.Integral) and not isinstance(_value, bool), _name,
                  "should be a whole number (an int); read it from an array's shape (float(...) or / give floats)")
C.expect_equal(m_train, train_set_y.shape[1], "m_train (compared with the number of training labels)")
C.expect_equal(m_test, test_set_y.shape[1], "m_test (compared with the number of test labels)")
### END HIDDEN TESTS

# %% [markdown]
# ## 2. From pictures to vectors
#
# Logistic regression (and the fully connected networks of the next assignments) takes each
# example as one column of numbers, not as a grid. So we *flatten* each picture of shape
# `(num_px, num_px, 3)` into a column of `num_px * num_px * 3` = 12288 numbers, and put the
# columns side by side: the whole training set becomes a matrix of shape `(12288, m_train)`,
# one example per column. That is the convention of this whole course: **examples are columns**.
#
# Which order the 12288 numbers come in does not matter to the model *as long as it is the same
# for every picture*, including any picture you classify later. We use NumPy's default order
# (the last axis varies fastest), which is also what `load_image` uses at the end of this
# notebook. And each column must hold exactly one picture. A handy way to flatten an array `A`
# of shape `(a, b, c, d)` into a matrix of shape `(b*c*d, a)` is
#
# ```python
# A_flat = A.reshape(A.shape[0], -1).T      # -1: "work out this size for me"
# ```
#
# `reshape(A.shape[0], -1)` makes one *row* per picture (NumPy reads the array in C order, so
# each row is one picture unrolled); `.T` turns the rows into columns. Beware of the tempting
# `A.reshape(-1, A.shape[0])`: it has the right shape, but it cuts the stream of pixels into
# columns at the wrong places, so each column mixes pieces of several pictures.
#
# ### Exercise 2 (1 point): flatten
#
# Set `train_set_x_flatten` (shape `(num_px * num_px * 3, m_train)`) and `test_set_x_flatten`
# (shape `(num_px * num_px * 3, m_test)`), column `i` being picture `i`.

# %% nbgrader={"grade": false, "grade_id": "flatten", "locked": false, "schema_version": 3, "solution": true, "task": false}
### BEGIN SOLUTION
train_set_x_flatten = train_set_x_orig.reshape(train_set_x_orig.shape[0], -1).T
test_set_x_flatten = test_set_x_orig.reshape(test_set_x_orig.shape[0], -1).T
### END SOLUTION

print("train_set_x_flatten:", train_set_x_flatten.shape)
print("test_set_x_flatten: ", test_set_x_flatten.shape)

# %% nbgrader={"grade": true, "grade_id": "test_flatten", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Flattening: one column per picture, in order, pixel values unchanged."""
C.expect_shape(train_set_x_flatten, (train_set_x_orig[0].size, train_set_x_orig.shape[0]), "train_set_x_flatten")
C.expect_shape(test_set_x_flatten, (test_set_x_orig[0].size, test_set_x_orig.shape[0]), "test_set_x_flatten")
C.expect_array(train_set_x_flatten[:, 0], train_set_x_orig[0].reshape(-1),
               "column 0 of train_set_x_flatten (it should be picture 0, unrolled; "
               "with reshape(-1, m) each column mixes pieces of several pictures)")
C.passed("flatten")
### BEGIN HIDDEN TESTS
for _i in (1, 57, train_set_x_orig.shape[0] - 1):
    C.expect_array(train_set_x_flatten[:, _i], train_set_x_orig[_i].reshape(-1),
                   f"column {_i} of train_set_x_flatten (it should be picture {_i}, unrolled; with "
                   "reshape(-1, m) each column holds pieces of several pictures)")
for _i in (0, 13, test_set_x_orig.shape[0] - 1):
    C.expect_array(test_set_x_flatten[:, _i], test_set_x_orig[_i].reshape(-1),
                   f"column {_i} of test_set_x_flatten (it should be test picture {_i}, unrolled)")
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 3 (1 point): standardise
#
# Pixel values run from 0 to 255. Gradient descent behaves much better when the inputs are
# small numbers of similar scale: with values in the hundreds, $w^T x$ is huge as soon as the
# weights are not tiny, the sigmoid saturates at 0 or 1, and learning stalls. The usual recipe is
# to subtract the mean and divide by the standard deviation of each feature; for pictures it is
# simpler, and works about as well, to divide every pixel by 255, the largest possible value, so
# that every input lies in $[0, 1]$.
#
# Set `train_set_x` and `test_set_x`: the flattened sets divided by 255, as float arrays
# (note that dividing a `uint8` array by a number with `/` gives floats; `//` would not).

# %% nbgrader={"grade": false, "grade_id": "standardize", "locked": false, "schema_version": 3, "solution": true, "task": false}
### BEGIN SOLUTION
train_set_x = train_set_x_flatten / 255.0
test_set_x = test_set_x_flatten / 255.0
### END SOLUTION

print("train_set_x:", train_set_x.shape, train_set_x.dtype,
      f"values from {train_set_x.min():.3f} to {train_set_x.max():.3f}")

# %% nbgrader={"grade": true, "grade_id": "test_standardize", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Standardising: the flattened pixels divided by 255, as floats."""
C.expect_shape(train_set_x, (train_set_x_orig[0].size, train_set_x_orig.shape[0]), "train_set_x")
C.expect_shape(test_set_x, (test_set_x_orig[0].size, test_set_x_orig.shape[0]), "test_set_x")
C.expect_array(train_set_x[:, 0], train_set_x_orig[0].reshape(-1) / 255,
               "column 0 of train_set_x (picture 0, unrolled, divided by 255)", kind="f")
C.passed("standardize")
### BEGIN HIDDEN TESTS
C.expect_array(train_set_x, train_set_x_orig.reshape(train_set_x_orig.shape[0], -1).T / 255,
               "train_set_x (every picture, unrolled, divided by 255)", kind="f")
C.expect_array(test_set_x, test_set_x_orig.reshape(test_set_x_orig.shape[0], -1).T / 255,
               "test_set_x (every test picture, unrolled, divided by 255)", kind="f")
### END HIDDEN TESTS

# %% [markdown]
# ## 3. Logistic regression is a neural network with one neuron
#
# For one example $x \in \mathbb{R}^{n_x}$ (a column of $n_x = 12288$ pixel values), the model
# computes
#
# $$z = w^T x + b = \sum_{j=1}^{n_x} w_j x_j + b, \qquad a = \sigma(z) = \frac{1}{1 + e^{-z}},$$
#
# with a weight vector $w$ of shape $(n_x, 1)$ and a single number $b$, the bias. The sigmoid
# $\sigma$ squashes any real number into $(0, 1)$, so $a$ can be read as the model's estimate of
# the probability that $x$ is a cat: $a = \hat{P}(y = 1 \mid x)$. To make a decision we say
# "cat" when $a > 0.5$, that is when $z > 0$.
#
# This is exactly one *neuron*: a weighted sum of its inputs plus a bias, followed by a
# non-linear *activation* function. The next cell draws it.

# %%
def draw_one_neuron():
    """Draw logistic regression as a network: pixel inputs -> one sigmoid neuron -> prediction."""
    fig, ax = plt.subplots(figsize=(9, 4.4))
    ax.set_xlim(0, 11)
    ax.set_ylim(-0.2, 6.2)
    ax.set_aspect("equal")
    ax.set_axis_off()
    neuron, r_neuron, r_input = np.array([5.6, 3.0]), 1.2, 0.45

    def arrow(start, end, r_start=0.0, r_end=0.0):
        """An arrow between two points, stopping at the rims of the circles around them."""
        start, end = np.asarray(start, float), np.asarray(end, float)
        unit = (end - start) / np.linalg.norm(end - start)
        ax.annotate("", xy=end - r_end * unit, xytext=start + r_start * unit,
                    arrowprops=dict(arrowstyle="->", color="#555555", lw=1.2))

    rows = [(5.3, r"$x_1$", r"$w_1$"), (4.1, r"$x_2$", r"$w_2$"), (2.9, r"$x_3$", r"$w_3$"),
            (1.95, r"$\vdots$", None), (0.8, r"$x_{12288}$", r"$w_{12288}$")]
    for y, name, weight in rows:
        if weight is None:
            ax.text(1.0, y, name, ha="center", va="center", fontsize=14)
            continue
        ax.add_patch(plt.Circle((1.0, y), r_input, fc="#dceaf7", ec="#333333"))
        ax.text(1.0, y, name, ha="center", va="center", fontsize=12 if len(name) < 8 else 9)
        arrow((1.0, y), neuron, r_input, r_neuron)
        label_at = np.array([1.0, y]) + 0.45 * (neuron - np.array([1.0, y]))
        ax.text(label_at[0], label_at[1] + 0.15, weight, fontsize=11, color="#1f5fa8", ha="center")
    arrow((5.6, 5.6), neuron, 0.0, r_neuron)
    ax.text(5.6, 5.7, r"bias $b$", ha="center", va="bottom", fontsize=11, color="#1f5fa8")
    ax.add_patch(plt.Circle(neuron, r_neuron, fc="#fbe3c9", ec="#333333", lw=1.5))
    ax.text(5.6, 3.35, r"$z = w^T x + b$", ha="center", va="center", fontsize=12)
    ax.text(5.6, 2.6, r"$a = \sigma(z)$", ha="center", va="center", fontsize=12)
    arrow(neuron, (8.4, 3.0), r_neuron, 0.0)
    ax.text(8.5, 3.0, r"$\hat{y} = a$", ha="left", va="center", fontsize=13)
    ax.text(8.5, 3.6, "prediction", ha="left", fontsize=10, color="#555555")
    ax.text(8.5, 2.3, r"cat if $a > 0.5$", ha="left", va="center", fontsize=10, color="#555555")
    ax.text(1.0, -0.1, "inputs (pixels)", ha="center", fontsize=10, color="#555555")
    ax.text(5.6, 1.6, "one neuron", ha="center", va="top", fontsize=10, color="#555555")
    plt.show()


draw_one_neuron()

# %% [markdown]
# ### How wrong is a prediction? The cross-entropy loss
#
# For one example with true label $y \in \{0, 1\}$ and prediction $a$, we use the loss
#
# $$\mathcal{L}(a, y) = -\big(y \log a + (1 - y) \log(1 - a)\big).$$
#
# Only one of the two terms is active: for a cat ($y = 1$) the loss is $-\log a$, small when
# $a$ is close to 1 and huge when the model confidently says "no cat"; for a non-cat ($y = 0$)
# it is $-\log(1 - a)$, the mirror image. (It is the negative log-likelihood of the label under
# the model's probability; unlike the squared error, it gives a convex cost for logistic
# regression, so gradient descent cannot get stuck in a bad local minimum.)
#
# The **cost** is the average loss over the $m$ training examples:
#
# $$J(w, b) = \frac{1}{m} \sum_{i=1}^{m} \mathcal{L}\big(a^{(i)}, y^{(i)}\big).$$
#
# ### Its gradients
#
# Training means finding $w$ and $b$ that make $J$ small, and for that we need
# $\partial J / \partial w$ and $\partial J / \partial b$. Follow one example through the chain
# $w, b \to z \to a \to \mathcal{L}$ and differentiate backwards.
#
# The sigmoid has a neat derivative: since $\sigma(z) = (1 + e^{-z})^{-1}$,
#
# $$\sigma'(z) = \frac{e^{-z}}{(1 + e^{-z})^2} = \frac{1}{1 + e^{-z}} \cdot \frac{e^{-z}}{1 + e^{-z}} = \sigma(z)\,\big(1 - \sigma(z)\big), \quad\text{so}\quad \frac{da}{dz} = a(1 - a).$$
#
# The loss as a function of $a$:
#
# $$\frac{\partial \mathcal{L}}{\partial a} = -\frac{y}{a} + \frac{1 - y}{1 - a}.$$
#
# Multiply (chain rule), and almost everything cancels:
#
# $$\frac{\partial \mathcal{L}}{\partial z} = \Big(-\frac{y}{a} + \frac{1 - y}{1 - a}\Big)\, a (1 - a) = -y(1 - a) + (1 - y)\,a = a - y.$$
#
# Finally $z = \sum_j w_j x_j + b$, so $\partial z / \partial w_j = x_j$ and $\partial z / \partial b = 1$:
#
# $$\frac{\partial \mathcal{L}}{\partial w_j} = x_j\,(a - y), \qquad \frac{\partial \mathcal{L}}{\partial b} = a - y.$$
#
# The cost is an average of losses, so its gradient is the average of their gradients. With all
# examples as the columns of $X$ (shape $(n_x, m)$), $A = \sigma(w^T X + b)$ and $Y$ both of shape
# $(1, m)$:
#
# $$dw \equiv \frac{\partial J}{\partial w} = \frac{1}{m} \sum_{i=1}^{m} x^{(i)} \big(a^{(i)} - y^{(i)}\big) = \frac{1}{m}\, X (A - Y)^T \quad (\text{shape } (n_x, 1)), \qquad db \equiv \frac{\partial J}{\partial b} = \frac{1}{m} \sum_{i=1}^{m} \big(a^{(i)} - y^{(i)}\big).$$
#
# Check the shapes: $X$ is $(n_x, m)$ and $(A - Y)^T$ is $(m, 1)$, so $dw$ is $(n_x, 1)$, the
# shape of $w$. A gradient always has the shape of the parameter it belongs to.
#
# ### Gradient descent
#
# The gradient points in the direction in which $J$ grows fastest. So we start somewhere
# (here: $w = 0$, $b = 0$; for a single neuron that is fine, see below) and repeatedly take a
# small step the other way:
#
# $$w \leftarrow w - \alpha\, dw, \qquad b \leftarrow b - \alpha\, db,$$
#
# where the *learning rate* $\alpha$ sets the step size. Too small and training crawls; too
# large and the steps overshoot, so the cost jumps around or grows. You will see both below.
#
# (Why can we start from zeros here, when deeper networks need random starting weights? With
# one neuron there is no symmetry to break: each weight gets its own gradient $x_j(a - y)$,
# different for different pixels, from the very first step.)
#
# ## 4. Building the parts
#
# ### Exercise 4 (2 points): `sigmoid`
#
# Implement $\sigma(z) = 1 / (1 + e^{-z})$, elementwise, for a NumPy array of any shape (use
# `np.exp`, which works on whole arrays).

# %% nbgrader={"grade": false, "grade_id": "sigmoid", "locked": false, "schema_version": 3, "solution": true, "task": false}
def sigmoid(z):
    """The logistic function, elementwise.

    Arguments:
    z -- ndarray of any shape (a Python number works too)

    Returns:
    s -- ndarray of the same shape as z, s = 1 / (1 + exp(-z)), values in (0, 1)
    """
    ### BEGIN SOLUTION
    s = 1.0 / (1.0 + np.exp(-z))
    ### END SOLUTION
    return s


# %% nbgrader={"grade": true, "grade_id": "test_sigmoid", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
"""sigmoid: elementwise on arrays of any shape, including integer arrays."""
z = np.array([-1.0, 0.0, 2.0])
expected = np.array([0.2689414213699951, 0.5, 0.8807970779778823])  # ref: sigmoid(z)
C.expect_array(sigmoid(z), expected, "sigmoid(np.array([-1., 0., 2.]))", reveal=True)
C.passed("sigmoid")
### BEGIN HIDDEN TESTS
_z = np.array([[-4.0, 0.25, 3.0], [20.0, -20.0, 0.0]])
_e = np.array([[0.01798620996209156, 0.5621765008857981, 0.9525741268224334], [0.9999999979388463, 2.0611536181902037e-09, 0.5]])  # ref: sigmoid(_z)
with C.unchanged("sigmoid on a (2, 3) array with large and small values", z=_z):
    C.expect_array(sigmoid(_z), _e, "sigmoid on a (2, 3) array with large and small values")
_zi = np.array([[3], [-1], [0], [5]])
_ei = np.array([[0.9525741268224334], [0.2689414213699951], [0.5], [0.9933071490757153]])  # ref: sigmoid(_zi)
C.expect_array(C.call("sigmoid on a (4, 1) integer array", sigmoid, _zi), _ei, "sigmoid on a (4, 1) integer array", kind="f")
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 5 (2 points): `initialize_with_zeros`
#
# Create the starting parameters: `w`, a column of zeros of shape `(dim, 1)` (floats), and `b`,
# the Python float `0.0`. Note the two axes of `w`: a rank-1 array of shape `(dim,)` is not a
# column, and it would silently broadcast into wrong shapes later.

# %% nbgrader={"grade": false, "grade_id": "initialize_with_zeros", "locked": false, "schema_version": 3, "solution": true, "task": false}
def initialize_with_zeros(dim):
    """Starting parameters of logistic regression: all zeros.

    Arguments:
    dim -- int, the number of input features n_x

    Returns:
    w -- float64 ndarray of shape (dim, 1), all zeros
    b -- Python float, 0.0
    """
    ### BEGIN SOLUTION
    w = np.zeros((dim, 1))
    b = 0.0
    ### END SOLUTION
    return w, b


# %% nbgrader={"grade": true, "grade_id": "test_initialize_with_zeros", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
"""initialize_with_zeros: w a float column of zeros (dim, 1), b the Python float 0.0."""
w, b = initialize_with_zeros(3)
C.expect_array(w, np.zeros((3, 1)), "w from initialize_with_zeros(3)", kind="f", reveal=True)
C.expect_scalar(b, 0.0, "b from initialize_with_zeros(3)", python_float=True, reveal=True)
C.passed("initialize_with_zeros")
### BEGIN HIDDEN TESTS
for _dim in (1, 12288):
    _w, _b = initialize_with_zeros(_dim)
    C.expect_array(_w, np.zeros((_dim, 1)), f"w from initialize_with_zeros({_dim})", kind="f")
    C.expect_true(_w.dtype == np.float64, f"w from initialize_with_zeros({_dim})", "should have dtype float64")
    C.expect_scalar(_b, 0.0, f"b from initialize_with_zeros({_dim})", python_float=True, atol=0)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 6 (4 points): `propagate`, the forward and backward pass
#
# Given the parameters and a set of examples, compute in one go
#
# - the forward pass: $A = \sigma(w^T X + b)$, shape $(1, m)$;
# - the cost: $J = -\frac{1}{m} \sum_{i} \big(y^{(i)} \log a^{(i)} + (1 - y^{(i)}) \log(1 - a^{(i)})\big)$;
# - the backward pass: $dw = \frac{1}{m} X (A - Y)^T$ and $db = \frac{1}{m} \sum_i (a^{(i)} - y^{(i)})$.
#
# Use vectorised NumPy (`@` or `np.dot`, `np.sum`, `np.log`), no loop over examples. Return the
# cost as a single number, not a `(1, 1)` array (`np.squeeze` removes axes of size 1), and `db`
# as a single number too. `m` is the number of *columns* of `X`.

# %% nbgrader={"grade": false, "grade_id": "propagate", "locked": false, "schema_version": 3, "solution": true, "task": false}
def propagate(w, b, X, Y):
    """Cost of logistic regression on a set of examples, and its gradients.

    Arguments:
    w -- ndarray of shape (n_x, 1), the weights
    b -- float, the bias
    X -- ndarray of shape (n_x, m), one example per column
    Y -- ndarray of shape (1, m), the true labels (0 or 1)

    Returns:
    grads -- dict with
             "dw": ndarray of shape (n_x, 1), gradient of the cost with respect to w
             "db": a single number (float or 0-d array), gradient with respect to b
    cost -- a single number (0-d array or float), the mean cross-entropy
    """
    ### BEGIN SOLUTION
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)                                   # (1, m) probabilities
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dZ = A - Y                                                 # (1, m): dL/dz of each example
    dw = X @ dZ.T / m                                          # (n_x, 1)
    db = np.sum(dZ) / m
    cost = np.squeeze(np.array(cost))                          # 0-d, whatever the route above
    ### END SOLUTION
    grads = {"dw": dw, "db": db}
    return grads, cost


# %% nbgrader={"grade": true, "grade_id": "test_propagate", "locked": true, "points": 4, "schema_version": 3, "solution": false, "task": false}
"""propagate: cost and gradients (values, shapes, single numbers), inputs unchanged."""
### BEGIN HIDDEN TESTS
# Graded alone: while this cell runs, the functions it relies on are correct ones
# (your own are back when it ends), so a bug elsewhere costs its own test only.
def _ref_sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))
C.grade_alone(globals(), sigmoid=_ref_sigmoid)
### END HIDDEN TESTS
w = np.array([[0.5], [-1.0], [0.25]])
b = 0.5
X = np.array([[1.0, -2.0, 0.5, 1.5], [0.3, 1.0, -1.0, 0.0], [2.0, 0.0, -0.5, -1.0]])   # n_x = 3, m = 4
Y = np.array([[1, 0, 1, 0]])
with C.unchanged("propagate(w, b, X, Y)", w=w, X=X, Y=Y):
    out_grads, out_cost = propagate(w, b, X, Y)
expected_dw = np.array([[0.10450084309575768], [0.06937485543815618], [-0.2779376950459221]])  # ref: propagate(w, b, X, Y)[0]["dw"]
expected_db = np.float64(0.12937310575970393)  # ref: propagate(w, b, X, Y)[0]["db"]
expected_cost = np.array(0.4894255170561664)  # ref: propagate(w, b, X, Y)[1]
C.expect_type(out_grads, dict, "grads returned by propagate")
C.expect_array(out_grads["dw"], expected_dw, "dw on X of shape (3, 4)", reveal=True)
C.expect_scalar(out_grads["db"], expected_db, "db on X of shape (3, 4)", reveal=True)
C.expect_scalar(out_cost, expected_cost, "cost on X of shape (3, 4)", reveal=True)
# The same on the first two examples only: m must follow X (never a fixed number).
out_grads, out_cost = C.call("propagate on the first two examples", propagate, w, b, X[:, :2], Y[:, :2])
expected_dw_2 = np.array([[-0.2981631320568476], [0.05649147942803081], [-0.23147521650098246]])  # ref: propagate(w, b, X[:, :2], Y[:, :2])[0]["dw"]
expected_cost_2 = np.array(0.23234787266039186)  # ref: propagate(w, b, X[:, :2], Y[:, :2])[1]
C.expect_array(out_grads["dw"], expected_dw_2, "dw on the first two examples (m = 2)", reveal=True)
C.expect_scalar(out_cost, expected_cost_2, "cost on the first two examples (m = 2)", reveal=True)
C.passed("propagate")
### BEGIN HIDDEN TESTS
_rng = np.random.default_rng(20)
_cases = []
_X = _rng.standard_normal((4, 6))
_Y = np.array([[1, 0, 0, 1, 1, 0]])
_w = 0.5 * _rng.standard_normal((4, 1))
_cases.append(("a rectangular X with n_x = 4, m = 6", _w, -0.3, _X, _Y))
_X = _rng.standard_normal((7, 3))
_cases.append(("a rectangular X with n_x = 7, m = 3", 0.3 * _rng.standard_normal((7, 1)), 0.8, _X, np.array([[0.0, 1.0, 1.0]])))
_cases.append(("one example (m = 1)", np.array([[0.2], [-0.4], [0.1], [0.3], [-0.2]]), 0.1, _rng.standard_normal((5, 1)), np.array([[1]])))
_exp = [(np.array([[0.3429703819375332], [-0.37095806983508944], [-0.282754461123596], [-0.3101804622863009]]), np.float64(0.12890143483195937), np.array(1.5631757944003402)), (np.array([[0.13167514155195567], [0.17443346868143006], [0.03186928162571121], [0.07641049464357837], [-0.019114840118035974], [-0.647627401368202], [-0.023710313264622463]]), np.float64(0.09770127647370593), np.array(0.5276722709931915)), (np.array([[-0.5930506038822487], [0.2318377057843965], [0.7475820721738852], [-0.20083000331709222], [-0.8318042889925296]]), np.float64(-0.4584782970577901), np.array(0.6133721340419188))]  # ref: [(propagate(w_, b_, X_, Y_)[0]["dw"], propagate(w_, b_, X_, Y_)[0]["db"], propagate(w_, b_, X_, Y_)[1]) for _, w_, b_, X_, Y_ in _cases]
for (_what, _w, _b, _X, _Y), (_edw, _edb, _ecost) in zip(_cases, _exp):
    with C.unchanged(f"propagate on {_what}", w=_w, X=_X, Y=_Y):
        _grads, _cost = propagate(_w, _b, _X, _Y)
    C.expect_type(_grads, dict, f"grads from propagate on {_what}")
    C.expect_array(_grads["dw"], _edw, f"dw on {_what}")
    C.expect_scalar(_grads["db"], _edb, f"db on {_what}")
    C.expect_scalar(_cost, _ecost, f"cost on {_what}")
### END HIDDEN TESTS

# %% [markdown]
# **Are your gradients right? Ask the cost.** A derivative is a limit of slopes, so we can
# estimate it numerically: nudge one parameter $\theta$ by a tiny $\varepsilon$ in each
# direction and measure $\big(J(\theta + \varepsilon) - J(\theta - \varepsilon)\big) / 2\varepsilon$.
# The next cell does this for every entry of `w` and for `b`, using only the cost your
# `propagate` returns, and compares with your `dw` and `db`. If they disagree, the derivation
# or its code has a bug. (This check is slow, one pair of cost evaluations per parameter, so it
# is only used on tiny problems; the gradient formula is what makes training fast.)

# %%
from nndl.gradcheck import check_gradients

rng = np.random.default_rng(0)
X_small = rng.standard_normal((5, 8))
Y_small = (rng.random((1, 8)) > 0.5).astype(float)
params_small = {"w": 0.3 * rng.standard_normal((5, 1)), "b": 0.2}
grads_small, _ = propagate(params_small["w"], params_small["b"], X_small, Y_small)
check_gradients(lambda p: propagate(p["w"], p["b"], X_small, Y_small)[1], params_small, grads_small);

# %% [markdown]
# ### Exercise 7 (4 points): `optimize`, gradient descent
#
# Repeat `num_iterations` times: compute the cost and gradients with `propagate`, then update
# `w` and `b` with the rule $\theta \leftarrow \theta - \alpha\, d\theta$.
#
# Details that matter (the tests check them):
#
# - **Do not modify the caller's arrays.** `w -= learning_rate * dw` changes the array in place,
#   and that array belongs to whoever called `optimize`. Start from a copy
#   (`w = w.copy()`, or `copy.deepcopy`), or write the update as `w = w - ...`, which makes a
#   new array.
# - **Record the cost every 100 iterations**: at iterations `i` = 0, 100, 200, ... (that is, when
#   `i % 100 == 0`, counting from 0), append the cost `propagate` returned at the start of that
#   iteration, before the update. With `print_cost=True`, also print it.
# - Return the final parameters, the gradients of the last iteration, and the list of costs.

# %% nbgrader={"grade": false, "grade_id": "optimize", "locked": false, "schema_version": 3, "solution": true, "task": false}
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """Learn w and b by gradient descent on the cross-entropy cost.

    Arguments:
    w -- ndarray of shape (n_x, 1), starting weights (not modified)
    b -- float, starting bias
    X -- ndarray of shape (n_x, m), one example per column
    Y -- ndarray of shape (1, m), labels 0 or 1
    num_iterations -- int, number of gradient descent steps
    learning_rate -- float, the step size alpha
    print_cost -- bool, print the cost every 100 iterations

    Returns:
    params -- dict {"w": ndarray of shape (n_x, 1), "b": a single number}, after training
    grads -- dict {"dw": ndarray of shape (n_x, 1), "db": a single number}, the gradients
             computed in the last iteration
    costs -- list of the costs at iterations 0, 100, 200, ... (before each of these updates)
    """
    ### BEGIN SOLUTION
    w = copy.deepcopy(w)    # our own copies: the caller's arrays stay as they were
    b = copy.deepcopy(b)
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        dw, db = grads["dw"], grads["db"]
        w = w - learning_rate * dw
        b = b - learning_rate * db
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {float(cost):.6f}")
    params = {"w": w, "b": b}     # grads: those of the last iteration, as propagate returned them
    ### END SOLUTION
    return params, grads, costs


# %% nbgrader={"grade": true, "grade_id": "test_optimize", "locked": true, "points": 4, "schema_version": 3, "solution": false, "task": false}
"""optimize: parameters, last gradients and costs recorded at i % 100 == 0; inputs unchanged."""
### BEGIN HIDDEN TESTS
# Graded alone: while this cell runs, the functions it relies on are correct ones
# (your own are back when it ends), so a bug elsewhere costs its own test only.
def _ref_sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))
def _ref_propagate(w, b, X, Y):
    m = X.shape[1]
    A = _ref_sigmoid(w.T @ X + b)
    cost = np.squeeze(np.array(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m))
    return {"dw": X @ (A - Y).T / m, "db": np.sum(A - Y) / m}, cost
C.grade_alone(globals(), sigmoid=_ref_sigmoid, propagate=_ref_propagate)
### END HIDDEN TESTS
w = np.array([[0.5], [-1.0], [0.25]])
b = 0.5
X = np.array([[1.0, -2.0, 0.5], [0.3, 1.0, -1.0], [2.0, 0.0, -0.5]])
Y = np.array([[1, 0, 1]])
with C.unchanged("optimize (the docstring says: w not modified)", w=w, X=X, Y=Y):
    params, grads, costs = optimize(w, b, X, Y, num_iterations=150, learning_rate=0.1)
expected_w = np.array([[1.6053135206656581], [-1.5854895025172602], [0.7344393117535465]])  # ref: optimize(w, b, X, Y, num_iterations=150, learning_rate=0.1)[0]["w"]
expected_b = np.float64(0.980197739281434)  # ref: optimize(w, b, X, Y, num_iterations=150, learning_rate=0.1)[0]["b"]
expected_dw = np.array([[-0.03149437353739871], [0.020360267125951924], [-0.010281870727791667]])  # ref: optimize(w, b, X, Y, num_iterations=150, learning_rate=0.1)[1]["dw"]
expected_costs = [np.array(0.2148134602354809), np.array(0.04519576244933399)]  # ref: optimize(w, b, X, Y, num_iterations=150, learning_rate=0.1)[2]
C.expect_array(params["w"], expected_w, "w after 150 iterations", reveal=True, start=w)
C.expect_scalar(params["b"], expected_b, "b after 150 iterations", reveal=True)
C.expect_array(grads["dw"], expected_dw, "dw of the last iteration", reveal=True)
C.expect_equal(len(costs), len(expected_costs), "number of costs recorded in 150 iterations (at i = 0 and 100)", reveal=True)
for k, (got, want) in enumerate(zip(costs, expected_costs)):
    C.expect_scalar(got, want, f"costs[{k}] (the cost at iteration {100 * k}, before its update)", reveal=True)
C.passed("optimize")
### BEGIN HIDDEN TESTS
_rng = np.random.default_rng(21)
_X = _rng.standard_normal((4, 6))
_Y = np.array([[0, 1, 1, 0, 1, 0]])
_w = 0.2 * _rng.standard_normal((4, 1))
_b = 0.25
_X1 = _rng.standard_normal((3, 1))
_w1 = np.array([[0.3], [-0.1], [0.2]])
_runs = [("201 iterations on a (4, 6) X", (_w, _b, _X, _Y), dict(num_iterations=201, learning_rate=0.05)),
         ("100 iterations on one example (m = 1)", (_w1, -0.5, _X1, np.array([[1]])), dict(num_iterations=100, learning_rate=0.3)),
         ("the default arguments on a (4, 6) X", (_w, _b, _X, _Y), dict())]
_exp = [(np.array([[-0.31897150025855764], [-0.8605124554891881], [0.49584061965356946], [0.9284270137144329]]), np.float64(-0.08077696426840345), np.array([[-0.0053940670398551676], [0.08427769400267356], [-0.04544283328750883], [-0.026951726541192173]]), np.float64(0.02045384448603325), [np.array(0.6741213347986271), np.array(0.5300493599432378), np.array(0.46659053001884604)]), (np.array([[-1.479593248519864], [0.9824872253667982], [1.3462270587951537]]), np.float64(1.7977740276374183), np.array([[0.0130341844117447], [-0.007928406185246997], [-0.00839525260870364]]), np.float64(-0.016829469564268895), [np.array(1.0896593317771242)]), (np.array([[-0.12743467887584284], [0.06107631381170687], [0.07401125866168067], [0.4144011257563187]]), np.float64(0.1953322352943108), np.array([[0.09015298913629081], [0.12736979864054493], [-0.049279569897201086], [-0.10163008308251748]]), np.float64(0.05531751249506334), [np.array(0.6741213347986271)])]  # ref: [(o[0]["w"], o[0]["b"], o[1]["dw"], o[1]["db"], o[2]) for o in [optimize(*args_, **kw_) for _, args_, kw_ in _runs]]
import contextlib as _contextlib
import io as _io
for (_what, _args, _kw), (_ew, _eb, _edw, _edb, _ecosts) in zip(_runs, _exp):
    _printed = _io.StringIO()
    with _contextlib.redirect_stdout(_printed), C.unchanged(f"optimize with {_what}", w=_args[0], X=_args[2], Y=_args[3]):
        _params, _grads, _costs = optimize(*_args, **_kw)
    C.expect_true(_printed.getvalue() == "", f"optimize with {_what} (print_cost=False)",
                  "printed something; print only when print_cost is True")
    C.expect_array(_params["w"], _ew, f"w after optimize with {_what}", start=_args[0])
    C.expect_scalar(_params["b"], _eb, f"b after optimize with {_what}")
    C.expect_array(_grads["dw"], _edw, f"dw of the last iteration of optimize with {_what}")
    C.expect_scalar(_grads["db"], _edb, f"db of the last iteration of optimize with {_what}")
    C.expect_type(_costs, (list, tuple, np.ndarray), f"costs from optimize with {_what}")
    C.expect_true(len(_costs) == len(_ecosts), f"costs from optimize with {_what}",
                  f"has {len(_costs)} entries; it should have one per iteration i with i % 100 == 0")
    for _k, (_got, _want) in enumerate(zip(_costs, _ecosts)):
        C.expect_scalar(_got, _want, f"costs[{_k}] from optimize with {_what} (the cost at iteration {100 * _k}, before its update)")
_printed = _io.StringIO()
with _contextlib.redirect_stdout(_printed), C.running("optimize with print_cost=True, 201 iterations"):
    optimize(_w, _b, _X, _Y, num_iterations=201, learning_rate=0.05, print_cost=True)
_lines = [_line for _line in _printed.getvalue().splitlines() if _line.strip()]
C.expect_true(3 <= len(_lines) <= 20, "optimize with print_cost=True, 201 iterations",
              f"printed {len(_lines)} lines; it should print the cost at iterations 0, 100 and 200")
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 8 (3 points): `predict`
#
# Turn the model's probabilities into decisions: compute $A = \sigma(w^T X + b)$ and return 1.0
# where $A > 0.5$ and 0.0 elsewhere (so exactly 0.5 counts as "non-cat"), as a float array of
# shape `(1, m)`. A comparison like `A > 0.5` gives booleans; `.astype(float)` turns them into
# 0.0 and 1.0.

# %% nbgrader={"grade": false, "grade_id": "predict", "locked": false, "schema_version": 3, "solution": true, "task": false}
def predict(w, b, X):
    """Label each example 1 (cat) or 0 (non-cat) with learned parameters.

    Arguments:
    w -- ndarray of shape (n_x, 1), the weights
    b -- a single number, the bias
    X -- ndarray of shape (n_x, m), one example per column

    Returns:
    Y_prediction -- float ndarray of shape (1, m): 1.0 where sigma(w^T x + b) > 0.5, else 0.0
    """
    ### BEGIN SOLUTION
    A = sigmoid(w.T @ X + b)
    Y_prediction = (A > 0.5).astype(float)
    ### END SOLUTION
    return Y_prediction


# %% nbgrader={"grade": true, "grade_id": "test_predict", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
"""predict: float 0./1. of shape (1, m), 1 only where the probability is above 0.5."""
### BEGIN HIDDEN TESTS
# Graded alone: while this cell runs, the functions it relies on are correct ones
# (your own are back when it ends), so a bug elsewhere costs its own test only.
def _ref_sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))
C.grade_alone(globals(), sigmoid=_ref_sigmoid)
### END HIDDEN TESTS
w = np.array([[0.5], [-1.0], [0.25]])
b = -0.25
X = np.array([[1.0, -2.0, 0.5], [0.3, 1.0, -1.0], [2.0, 0.0, -0.5]])
expected = np.array([[1.0, 0.0, 1.0]])  # ref: predict(w, b, X)
C.expect_array(predict(w, b, X), expected, "predict(w, b, X)", kind="f", reveal=True)
C.passed("predict")
### BEGIN HIDDEN TESTS
_rng = np.random.default_rng(22)
_X = _rng.standard_normal((3, 7))
_X[:, 2] = 0.0  # with b = 0, this example's probability is exactly 0.5: not a cat
_cases = [("zero weights and bias (every probability exactly 0.5) on a (4, 6) X", np.zeros((4, 1)), 0.0, _rng.standard_normal((4, 6))),
          ("a (3, 7) X", 0.8 * _rng.standard_normal((3, 1)), 0.0, _X),
          ("one example (m = 1)", np.array([[0.6], [-0.2], [0.4], [0.1], [-0.3]]), 0.2, _rng.standard_normal((5, 1))),
          ("a (2, 9) X with a bias", np.array([[1.5], [-0.7]]), 0.4, _rng.standard_normal((2, 9))),
          ("a (3, 8) X with a large negative bias", np.array([[0.9], [-0.6], [0.5]]), -1.2, _rng.standard_normal((3, 8))),
          ("a (3, 8) X with a large positive bias", np.array([[0.9], [-0.6], [0.5]]), 1.5, _rng.standard_normal((3, 8)))]
_exp = [np.array([[0.0, 0.0, 0.0, 0.0, 0.0, 0.0]]), np.array([[1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 1.0]]), np.array([[1.0]]), np.array([[1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0]]), np.array([[1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0]]), np.array([[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]])]  # ref: [predict(w_, b_, X_) for _, w_, b_, X_ in _cases]
for (_what, _w, _b, _X), _e in zip(_cases, _exp):
    with C.unchanged(f"predict on {_what}", w=_w, X=_X):
        _pred = predict(_w, _b, _X)
    C.expect_array(_pred, _e, f"predict on {_what}" + (" (is b added to w^T X?)" if _b else ""), kind="f")
### END HIDDEN TESTS

# %% [markdown]
# ## 5. Putting it together: `model`
#
# ### Exercise 9 (4 points): `model`
#
# Chain the parts: start from zeros (`initialize_with_zeros`), train with `optimize` (pass on
# `num_iterations`, `learning_rate` and `print_cost`), predict on the training and the test set
# with the learned parameters, and return everything in a dictionary with exactly these keys:
#
# | key | value |
# |---|---|
# | `"costs"` | the list of costs from `optimize` |
# | `"Y_prediction_test"` | predictions on `X_test`, shape `(1, m_test)` |
# | `"Y_prediction_train"` | predictions on `X_train`, shape `(1, m_train)` |
# | `"w"`, `"b"` | the learned parameters |
# | `"learning_rate"`, `"num_iterations"` | the values used |
#
# When `print_cost` is true, also print the accuracy on both sets: the percentage of examples
# whose prediction equals the label.

# %% nbgrader={"grade": false, "grade_id": "model", "locked": false, "schema_version": 3, "solution": true, "task": false}
def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    """Train logistic regression from zeros, then predict on both sets.

    Arguments:
    X_train -- ndarray of shape (n_x, m_train), training examples as columns
    Y_train -- ndarray of shape (1, m_train), training labels
    X_test -- ndarray of shape (n_x, m_test), test examples as columns
    Y_test -- ndarray of shape (1, m_test), test labels
    num_iterations -- int, gradient descent steps
    learning_rate -- float, the step size
    print_cost -- bool, print the cost every 100 iterations and the accuracies

    Returns:
    d -- dict with keys "costs" (list), "Y_prediction_test" ((1, m_test) floats),
         "Y_prediction_train" ((1, m_train) floats), "w" ((n_x, 1)), "b" (a number),
         "learning_rate", "num_iterations"
    """
    ### BEGIN SOLUTION
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w, b = params["w"], params["b"]
    Y_prediction_train = predict(w, b, X_train)
    Y_prediction_test = predict(w, b, X_test)
    if print_cost:
        print(f"train accuracy: {100 * np.mean(Y_prediction_train == Y_train):.1f} %")
        print(f"test accuracy:  {100 * np.mean(Y_prediction_test == Y_test):.1f} %")
    d = {"costs": costs,
         "Y_prediction_test": Y_prediction_test,
         "Y_prediction_train": Y_prediction_train,
         "w": w,
         "b": b,
         "learning_rate": learning_rate,
         "num_iterations": num_iterations}
    ### END SOLUTION
    return d


# %% nbgrader={"grade": true, "grade_id": "test_model", "locked": true, "points": 4, "schema_version": 3, "solution": false, "task": false}
"""model: the dictionary's keys, shapes and values after a short training from zeros."""
### BEGIN HIDDEN TESTS
# Graded alone: while this cell runs, the functions it relies on are correct ones
# (your own are back when it ends), so a bug elsewhere costs its own test only.
def _ref_sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))
def _ref_initialize_with_zeros(dim):
    return np.zeros((dim, 1)), 0.0
def _ref_propagate(w, b, X, Y):
    m = X.shape[1]
    A = _ref_sigmoid(w.T @ X + b)
    cost = np.squeeze(np.array(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m))
    return {"dw": X @ (A - Y).T / m, "db": np.sum(A - Y) / m}, cost
def _ref_optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = _ref_propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs
def _ref_predict(w, b, X):
    return (_ref_sigmoid(w.T @ X + b) > 0.5).astype(float)
C.grade_alone(globals(), sigmoid=_ref_sigmoid, initialize_with_zeros=_ref_initialize_with_zeros, propagate=_ref_propagate, optimize=_ref_optimize, predict=_ref_predict)
### END HIDDEN TESTS
rng = np.random.default_rng(1)
X_tr, Y_tr = rng.standard_normal((3, 5)), np.array([[1, 0, 1, 1, 0]])
X_te, Y_te = rng.standard_normal((3, 5)), np.array([[0, 1, 0, 1, 1]])
d = model(X_tr, Y_tr, X_te, Y_te, num_iterations=120, learning_rate=0.2)
C.expect_keys(d, ["costs", "Y_prediction_test", "Y_prediction_train", "w", "b", "learning_rate", "num_iterations"], "model's dictionary")
expected_w = np.array([[-2.2119308480704167], [1.73765169796082], [-0.5765357604877812]])  # ref: model(X_tr, Y_tr, X_te, Y_te, num_iterations=120, learning_rate=0.2)["w"]
expected_pred_test = np.array([[1.0, 1.0, 1.0, 1.0, 0.0]])  # ref: model(X_tr, Y_tr, X_te, Y_te, num_iterations=120, learning_rate=0.2)["Y_prediction_test"]
C.expect_array(d["w"], expected_w, 'd["w"] after 120 iterations from zeros', reveal=True)
C.expect_array(d["Y_prediction_test"], expected_pred_test, 'd["Y_prediction_test"]', kind="f", reveal=True)
expected_n_costs = 2  # ref: len(model(X_tr, Y_tr, X_te, Y_te, num_iterations=120, learning_rate=0.2)["costs"])
C.expect_equal(len(d["costs"]), expected_n_costs, 'number of costs in d["costs"] after 120 iterations', reveal=True)
C.expect_equal((d["learning_rate"], d["num_iterations"]), (0.2, 120), 'd["learning_rate"], d["num_iterations"]', reveal=True)
C.passed("model")
### BEGIN HIDDEN TESTS
_rng = np.random.default_rng(23)
_Xtr, _Ytr = _rng.standard_normal((5, 12)), (_rng.random((1, 12)) > 0.5).astype(np.int64)
_Xte, _Yte = _rng.standard_normal((5, 4)), np.array([[1, 0, 0, 1]])
_keys = ["costs", "Y_prediction_test", "Y_prediction_train", "w", "b", "learning_rate", "num_iterations"]
_runs = [("250 iterations, learning rate 0.1, m_train = 12, m_test = 4", dict(num_iterations=250, learning_rate=0.1)),
         ("one iteration (the start must be all zeros)", dict(num_iterations=1, learning_rate=0.7)),
         ("the default arguments", dict())]
_exp = [(np.array([[0.10360043625445092], [-1.1490671298161224], [-0.852897629502005], [-0.5264101733141271], [0.4639787572638553]]), np.float64(0.07821068659727855), [np.array(0.6931471805599453), np.array(0.5194413598384512), np.array(0.4996055823687229)], np.array([[1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0]]), np.array([[1.0, 0.0, 1.0, 1.0]]), 0.1, 250), (np.array([[-0.004686310576068346], [-0.03642196093102081], [-0.20507837404253387], [-0.04264705072892959], [0.08883019897825736]]), np.float64(0.0), [np.array(0.6931471805599453)], np.array([[1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0]]), np.array([[1.0, 1.0, 1.0, 1.0]]), 0.7, 1), (np.array([[0.3360838739996913], [-5.1307157859890005], [-1.5651612346715698], [-0.7688795005520621], [1.0885738888635559]]), np.float64(-1.009188396315788), [np.array(0.6931471805599453), np.array(0.4808802721983832), np.array(0.47135304088925994), np.array(0.4668626009549289), np.array(0.4641083336391722), np.array(0.4622458490131777), np.array(0.4609200089713883), np.array(0.4599444674610551), np.array(0.45920920140714117), np.array(0.45864448864696833), np.array(0.4582040155936214), np.array(0.4578559458791212), np.array(0.457577803026402), np.array(0.4573533683723068), np.array(0.45717072053394947), np.array(0.4570209554469457), np.array(0.4568973283644053), np.array(0.4567946657801146), np.array(0.4567089545383867), np.array(0.4566370498413408)], np.array([[1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 1.0]]), np.array([[1.0, 0.0, 1.0, 1.0]]), 0.5, 2000)]  # ref: [(r_["w"], r_["b"], r_["costs"], r_["Y_prediction_train"], r_["Y_prediction_test"], r_["learning_rate"], r_["num_iterations"]) for r_ in [model(_Xtr, _Ytr, _Xte, _Yte, **kw_) for _, kw_ in _runs]]
import contextlib as _contextlib
import io as _io
import re as _re
for (_what, _kw), (_ew, _eb, _ecosts, _eptr, _epte, _elr, _eni) in zip(_runs, _exp):
    _printed = _io.StringIO()
    with _contextlib.redirect_stdout(_printed), C.unchanged(f"model with {_what}", X_train=_Xtr, Y_train=_Ytr, X_test=_Xte, Y_test=_Yte):
        _d = model(_Xtr, _Ytr, _Xte, _Yte, **_kw)
    C.expect_true(_printed.getvalue() == "", f"model with {_what} (print_cost=False)",
                  "printed something; print only when print_cost is True")
    C.expect_keys(_d, _keys, f"model's dictionary with {_what}")
    C.expect_array(_d["w"], _ew, f'd["w"] with {_what}')
    C.expect_scalar(_d["b"], _eb, f'd["b"] with {_what}')
    C.expect_array(_d["Y_prediction_train"], _eptr, f'd["Y_prediction_train"] with {_what}', kind="f")
    C.expect_array(_d["Y_prediction_test"], _epte, f'd["Y_prediction_test"] with {_what}', kind="f")
    C.expect_true(len(_d["costs"]) == len(_ecosts), f'd["costs"] with {_what}', "does not have one cost per 100 iterations")
    for _k, (_got, _want) in enumerate(zip(_d["costs"], _ecosts)):
        C.expect_scalar(_got, _want, f'd["costs"][{_k}] with {_what}')
    C.expect_equal(_d["learning_rate"], _elr, f'd["learning_rate"] with {_what}')
    C.expect_equal(_d["num_iterations"], _eni, f'd["num_iterations"] with {_what}')


def _shows(text, percent):
    """Whether text shows this accuracy, as a percentage or as a fraction."""
    numbers = [float(n) for n in _re.findall(r"\d+(?:\.\d+)?", text)]
    return any(abs(n - percent) < 0.051 or abs(n - percent / 100) < 0.00051 for n in numbers)


# One iteration, printing: each printed accuracy must be that of its own set (they differ here).
_printed = _io.StringIO()
with _contextlib.redirect_stdout(_printed), C.running("model with print_cost=True, one iteration"):
    model(_Xtr, _Ytr, _Xte, _Yte, num_iterations=1, learning_rate=0.7, print_cost=True)
_p1 = _ref_optimize(np.zeros((_Xtr.shape[0], 1)), 0.0, _Xtr, _Ytr, 1, 0.7)[0]  # the run above, done right
for _name, _pred, _labels in (("train", _ref_predict(_p1["w"], _p1["b"], _Xtr), _Ytr),
                              ("test", _ref_predict(_p1["w"], _p1["b"], _Xte), _Yte)):
    C.expect_true(_shows(_printed.getvalue(), 100 * np.mean(_pred == _labels)), "model with print_cost=True",
                  f"does not print the {_name} accuracy; compare the predictions on X_{_name} with Y_{_name} (not another set)")
### END HIDDEN TESTS

# %% [markdown]
# ## 6. Training on the cat data
#
# Time to train on the real thing: 2000 iterations of gradient descent with learning rate
# 0.005, printing the cost every 100 iterations. On a laptop this takes a few seconds.
# (When the autograder runs your notebook, it trains for fewer iterations to save time; the
# numbers quoted below are from the full run you get when you run the notebook yourself.)

# %%
def check_ready_to_train(n_x):
    """Stop early if initialize_with_zeros gives a w of the wrong shape: numpy would then
    broadcast w into an (n_x, n_x) matrix and training would run for many minutes."""
    w0, _ = initialize_with_zeros(n_x)
    if np.shape(w0) != (n_x, 1):
        raise ValueError(f"initialize_with_zeros({n_x}) gives w of shape {np.shape(w0)}, not ({n_x}, 1): "
                         "fix it (see its test) before training")


HEADLINE_ITERATIONS = 10 if under_grader() else 2000   # shortened only while autograding

check_ready_to_train(train_set_x.shape[0])
headline = model(train_set_x, train_set_y, test_set_x, test_set_y,
                 num_iterations=HEADLINE_ITERATIONS, learning_rate=0.005, print_cost=True)

# %% [markdown]
# ## 7. What did it learn?
#
# Run in full (2000 iterations), the cell above prints, on our emoji data, a **train accuracy
# of 98.6 %** and a **test accuracy of 78.0 %**. For comparison, the original Deep Learning
# Specialization course, which this assignment follows, reports 99 % train and 70 % test with the same model and settings on its own set of
# photographs. The two data sets are different problems, so the numbers are not a contest; what
# they have in common is the pattern, which is the interesting part.
#
# First, put the test figure next to a baseline. 33 of the 50 test pictures are cats, so a
# "model" that always answers *cat*, without looking at the picture, already scores 66 %. Our
# single neuron does better than that, but a test accuracy is only meaningful next to such a
# baseline.
#
# Second, look at the gap: 98.6 % of the training pictures right, only 78 % of the new ones. That
# is **over-fitting**: the model has fitted the training set, including details that do not
# carry over to new pictures, rather than learning what makes a cat a cat. With 12,288 weights
# and only 209 training examples, it has plenty of freedom to separate these 209 pictures
# using whatever happens to work (a background colour, where the emoji sits, the exact drawing
# of the cats it was shown), and the test cats are drawings it has never seen: the data set is
# split by emoji drawing *before* the pictures are made, so no test picture is a variant of a
# training picture. The usual remedies are more (and more varied) data, regularisation
# (penalising large weights, taught in the course that follows the original one), stopping training
# earlier, or a model that learns its own features instead of weighing raw pixels one by one:
# in notebook 05 a deeper network tackles the same pictures.

# %%
def accuracy(Y_prediction, Y):
    """Percentage of examples whose prediction equals the label; both of shape (1, m)."""
    return 100 * float(np.mean(Y_prediction == Y))


# model printed the train and test accuracies above; here is the baseline to read them against.
print(f"always answering 'cat' would score {100 * test_set_y.mean():.1f} % on the test set")

# %% [markdown]
# ### The learning curve
#
# The costs that `optimize` recorded every 100 iterations, plotted. In the full run the cost
# starts at $\log 2 \approx 0.693$ (with $w = 0$ and $b = 0$ every prediction is exactly 0.5),
# falls quickly during the first few hundred iterations (0.330 at iteration 300), then more and
# more slowly: 0.160 at iteration 1000, 0.104 at iteration 1900. Gradient descent takes big
# steps while the gradient is large and smaller ones as the cost surface flattens out near a
# minimum.
#
# The curve is still going down at the end: more iterations would lower the *training* cost
# further. But the training cost measures how well the model fits the pictures it is trained
# on; as the next section shows, a lower training cost does not mean a better test accuracy.

# %%
plot_costs(headline["costs"], headline["learning_rate"]);

# %% [markdown]
# ### Choosing the learning rate
#
# The learning rate is the most important setting of gradient descent. The next cell trains the
# same model three times, for 1500 iterations each, with learning rates 0.01, 0.001 and
# 0.0001, and plots the three learning curves. In the full run it prints:
#
# | learning rate | last recorded cost (iteration 1400) | train accuracy | test accuracy |
# |---|---|---|---|
# | 0.01 | 0.0653 | 100.0 % | 78.0 % |
# | 0.001 | 0.2987 | 90.9 % | 76.0 % |
# | 0.0001 | 0.4785 | 76.6 % | 72.0 % |
#
# What to read in it:
#
# - **0.01** overshoots at first: the cost *rises*, to 1.20 at iteration 100, before it comes
#   down. The step is too large for the steepest direction of the cost surface at the start
#   (every pixel is a positive number, so the direction that raises all the weights together
#   moves $z$ for all pictures at once). As the predictions move away from 0.5 the sigmoid's
#   slope $a(1 - a)$ shrinks, that direction flattens, and from then on 0.01 descends fastest
#   and ends lowest. Try 0.1 yourself: the steps overshoot so far that some predictions
#   become exactly 0 or 1 on the wrong side, and the cost turns into `nan` (the log of 0) and
#   stays there.
# - **0.001** is smooth but slower. **0.0001** is slower still: its cost after 1500 iterations
#   (0.48) is where 0.001 got in fewer than 200. Ten times smaller steps, roughly ten times
#   more iterations for the same progress.
# - The lowest training cost does not buy much on the test set: 0.01 fits *every* training
#   picture (100 %) but gains only one test picture over 0.001 (78 % against 76 %), whose
#   training accuracy is 91 %. What 0.01 learned beyond 0.001 was mostly about the training
#   pictures, not about cats: over-fitting again. (With 50 test pictures, one picture is
#   2 points: differences this small are within chance.)
#
# In practice, try learning rates on a roughly logarithmic scale (0.1, 0.03, 0.01, 0.003,
# ...), keep the largest one whose cost goes down smoothly, and choose between models with a
# separate *validation* set, keeping the test set for the final figure.

# %%
COMPARE_ITERATIONS = 2 if under_grader() else 1500   # shortened only while autograding

check_ready_to_train(train_set_x.shape[0])
runs = {}
for lr in (0.01, 0.001, 0.0001):
    runs[lr] = model(train_set_x, train_set_y, test_set_x, test_set_y,
                     num_iterations=COMPARE_ITERATIONS, learning_rate=lr)
    print(f"learning rate {lr:<7}: last recorded cost {float(np.squeeze(runs[lr]['costs'][-1])):.4f}, "
          f"train accuracy {accuracy(runs[lr]['Y_prediction_train'], train_set_y):5.1f} %, "
          f"test accuracy {accuracy(runs[lr]['Y_prediction_test'], test_set_y):5.1f} %")

plot_costs({f"learning rate {lr}": run["costs"] for lr, run in runs.items()});

# %% [markdown]
# ### The mistakes
#
# Looking at the errors is often the fastest way to understand a model. The next cell shows the
# test pictures the model got wrong, each with what the model said and what the picture is. In
# the full run there are 11 of them: 10 cats it called non-cat, and one clown face it took
# for a cat. All three pictures of the black cat standing in profile are among them, and so is
# a full-body ginger cat, while all but one of the 23 cats it gets right are cat faces seen
# from the front. That matches what it was trained on: only 4 of the 24 cat drawings in the
# training set are full-body cats.
#
# A logistic regression weighs each pixel position on its own: it has no notion of ears,
# whiskers or shapes, only of "bright here, dark there" at fixed places in the picture. A cat
# drawn smaller, elsewhere in the frame, in another colour or in another pose lights up other
# pixels. Deeper networks, like the one of notebook 05, build intermediate features that can
# cope better with such changes.

# %%
plot_mislabeled(classes, test_set_x_orig, test_set_y, headline["Y_prediction_test"]);

# %% [markdown]
# ### Try it on an image file
#
# A trained model is only useful on new inputs, so here is how to run it on any image file.
# `load_image(path, num_px)` reads a PNG or JPEG file, crops it to a square and resizes it to
# `num_px` × `num_px` pixels, giving an array of shape `(1, num_px, num_px, 3)`, like one
# picture of the data set. We then flatten and scale it **exactly as we did the training
# pictures** (same pixel order, same division by 255): a model only understands inputs prepared
# the way its training data was.
#
# This repository ships two example files, `datasets/examples/my_cat.png` and
# `datasets/examples/not_a_cat.png`, made from emoji artwork like the data set. To try a
# picture of your own, put the file next to this notebook and add its name to the list, e.g.
# `examples.append("my_photo.jpg")`. Do not expect much from a photograph, though: this model
# has only ever seen emoji.
#
# In the full run, the model answers *cat* for `my_cat.png` (a = 0.73) and *non-cat* for
# `not_a_cat.png`, a dog's face (a = 0.01): both right. The cat is drawn from one of the test
# designs, so the model has never seen this drawing. Two pictures prove little either way:
# remember that it missed 10 of the 33 test cats.

# %%
from nndl.data import DATASETS

examples = [DATASETS / "examples" / "my_cat.png", DATASETS / "examples" / "not_a_cat.png"]

images = np.concatenate([load_image(path, num_px) for path in examples])   # (k, num_px, num_px, 3)
X_mine = images.reshape(images.shape[0], -1).T / 255                        # (num_px * num_px * 3, k)
probabilities = sigmoid(headline["w"].T @ X_mine + headline["b"])            # (1, k)
predictions = predict(headline["w"], headline["b"], X_mine)                  # (1, k)

titles = []
for path, p, y_hat in zip(examples, probabilities[0], predictions[0]):
    titles.append(f"{Path(path).name}\nmodel: {classes[int(y_hat)].decode()} (a = {p:.2f})")
    print(f"{Path(path).name}: a = {p:.3f} -> {classes[int(y_hat)].decode()}")
plot_image_grid(images, titles, ncols=len(examples), panel_size=2.4);
