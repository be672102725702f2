# %% [markdown]
# # Python and NumPy basics
#
# Neural networks are mostly arithmetic on arrays: multiply a matrix of weights by a matrix of
# examples, add a bias, apply a function to every entry. NumPy does this arithmetic in compiled
# code, one call per array instead of one Python step per number. This first assignment is about
# writing that kind of code: functions that take whole arrays, keep track of shapes, and never
# loop where one NumPy call will do.
#
# You will write a few small functions that come back in every later assignment: the sigmoid and
# its derivative, reshaping an image into a vector, normalising rows, the softmax, and two loss
# functions.
#
# **How this notebook works.** Run the cells from top to bottom (Shift+Enter). Where a cell says
# `raise NotImplementedError(...)`, replace that line with your code. The cell after each exercise
# runs a few checks and prints a line starting with ✔ when they pass. When the notebook is graded,
# more checks run on inputs you have not seen (other shapes, integer input, large numbers) and
# check that your functions leave their inputs unchanged, so write code that works for any input
# the docstring allows, not just for the example.
#
# | Exercise | Function | Points |
# |---|---|---|
# | 0 (warm-up, not graded) | `test = ...` | 0 |
# | 1 | `basic_sigmoid` | 1 |
# | 2 | `sigmoid` | 1 |
# | 3 | `sigmoid_derivative` | 1 |
# | 4 | `image2vector` | 1 |
# | 5 | `normalize_rows` | 2 |
# | 6 | `softmax` | 2 |
# | 7 | `L1` | 1 |
# | 8 | `L2` | 1 |
#
# **Total: 10 points**

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import math

import numpy as np

from nndl import checks as C

# %% [markdown]
# ## 0. Warm-up: running a cell
#
# Assign the string `"Hello World"` to a variable called `test`, then run the cell and the one
# after it, which prints `test`. This exercise is not graded; it is only there to make sure you
# know how to edit and run a cell.

# %% nbgrader={"grade": false, "grade_id": "hello_world", "locked": false, "schema_version": 3, "solution": true, "task": false}
### BEGIN SOLUTION
test = "Hello World"
### END SOLUTION

# %%
C.expect_equal(test, "Hello World", "test", reveal=True)
print("test =", test)

# %% [markdown]
# ## 1. The sigmoid with `math.exp`
#
# The **sigmoid** (or logistic) function squashes any real number into the interval $(0, 1)$:
#
# $$\sigma(x) = \frac{1}{1 + e^{-x}}.$$
#
# Large positive $x$ give values close to 1, large negative $x$ values close to 0, and
# $\sigma(0) = \tfrac12$. That is why it is used to turn a score into a probability.
#
# Python's standard library has an exponential for single numbers: `math.exp(x)` is $e^x$ (the
# setup cell at the top imported `math`).
#
# **Exercise 1.** Write `basic_sigmoid(x)` for one number `x`, using `math.exp`. It returns a Python
# `float`.

# %% nbgrader={"grade": false, "grade_id": "basic_sigmoid", "locked": false, "schema_version": 3, "solution": true, "task": false}
def basic_sigmoid(x):
    """Logistic function of a single number, with math.exp.

    Arguments:
    x -- a Python number (int or float)

    Returns:
    s -- Python float, 1 / (1 + e^(-x))
    """
    ### BEGIN SOLUTION
    s = 1 / (1 + math.exp(-x))
    ### END SOLUTION
    return s


# %% nbgrader={"grade": true, "grade_id": "test_basic_sigmoid", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""basic_sigmoid: a Python float equal to 1 / (1 + e^(-x)), for float and integer x."""
expected_pos = 0.7310585786300049  # ref: basic_sigmoid(1.0)
C.expect_scalar(basic_sigmoid(1.0), expected_pos, "basic_sigmoid(1.0)", python_float=True, reveal=True)
expected_neg = 0.11920292202211755  # ref: basic_sigmoid(-2)
C.expect_scalar(basic_sigmoid(-2), expected_neg, "basic_sigmoid(-2)", python_float=True, reveal=True)
C.passed("basic_sigmoid")
### BEGIN HIDDEN TESTS
_inputs = [-3.5, 0, 4, 0.25, -0.8, 15.0]
_expected = [0.02931223075135632, 0.5, 0.9820137900379085, 0.5621765008857981, 0.31002551887238755, 0.999999694097773]  # ref: [basic_sigmoid(v) for v in _inputs]
for _x, _e in zip(_inputs, _expected):
    _kind = "an integer" if isinstance(_x, int) else "a float"
    _sign = "negative" if _x < 0 else "zero" if _x == 0 else "positive"
    C.expect_scalar(basic_sigmoid(_x), _e, f"basic_sigmoid on {_kind} input ({_sign}, |x| {'over' if abs(_x) > 10 else 'up to'} 10)",
                    python_float=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Why `math.exp` is not enough
#
# In deep learning, `x` is almost never a single number: it is a vector or a matrix with one
# entry per unit and per example. `math.exp` only accepts a single number. Give it an array and it
# raises a `TypeError` (your `basic_sigmoid` would do the same, since it calls `math.exp`):

# %%
x = np.array([1.0, 2.0, 3.0])
try:
    math.exp(x)
except TypeError as err:
    print(f"math.exp(x) raised TypeError: {err}")

# NumPy's exp works entry by entry, on any shape.
print("np.exp(x) =", np.exp(x))

# %% [markdown]
# `np.exp` applies $e^{(\cdot)}$ to every entry and returns an array of the same shape. The same goes
# for NumPy's arithmetic: `x + 3`, `2 * x`, `1 / x` and `x ** 2` all work entry by entry, so a
# formula written for one number usually works unchanged for a whole array once `math` functions are
# replaced by their NumPy versions:

# %%
print("x + 3  =", x + 3)
print("1 / x  =", 1 / x)
print("x ** 2 =", x ** 2)

# %% [markdown]
# ## 2. The sigmoid for arrays
#
# For an array $x = (x_1, \dots, x_n)$ (of any shape), the sigmoid is applied entry by entry:
#
# $$\sigma(x) = \left(\frac{1}{1 + e^{-x_1}}, \dots, \frac{1}{1 + e^{-x_n}}\right).$$
#
# **Exercise 2.** Write `sigmoid(x)` with `np.exp`. It must work for arrays of any shape, for
# integer arrays (the result is still a float array), and for large $|x|$: for $x = -1000$, $e^{1000}$
# overflows to `inf` in floating point, and $1/(1 + \infty) = 0$ is still the right answer. (Written
# as $e^{x}/(1+e^{x})$ instead, $x = 1000$ gives $\infty/\infty$ = `nan`.) Do not modify `x`.

# %% nbgrader={"grade": false, "grade_id": "sigmoid", "locked": false, "schema_version": 3, "solution": true, "task": false}
def sigmoid(x):
    """Elementwise logistic function.

    Arguments:
    x -- ndarray of any shape, float or integer

    Returns:
    s -- float ndarray of the same shape as x, s[i] = 1 / (1 + e^(-x[i]))
    """
    ### BEGIN SOLUTION
    s = 1 / (1 + np.exp(-x))
    ### END SOLUTION
    return s


# %% nbgrader={"grade": true, "grade_id": "test_sigmoid", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""sigmoid: elementwise 1 / (1 + e^(-x)) on any shape, for float and integer arrays, finite for large |x|."""
x = np.array([-1.0, 0.0, 2.0])
expected = np.array([0.2689414213699951, 0.5, 0.8807970779778823])  # ref: sigmoid(x)
C.expect_array(sigmoid(x), expected, "sigmoid(np.array([-1.0, 0.0, 2.0]))", reveal=True)
C.passed("sigmoid")
### BEGIN HIDDEN TESTS
_x = np.array([[-3.0, 0.5, 1.5], [2.0, -0.75, 6.0]])
_e = np.array([[0.04742587317756678, 0.6224593312018546, 0.8175744761936437], [0.8807970779778823, 0.320821300824607, 0.9975273768433653]])  # ref: sigmoid(_x)
with C.unchanged("sigmoid on a rectangular (2, 3) float array", x=_x):
    _got = sigmoid(_x)
C.expect_array(_got, _e, "sigmoid on a rectangular (2, 3) float array", kind="f")
_xi = np.array([[-4], [0], [3], [1]])
_ei = np.array([[0.01798620996209156], [0.5], [0.9525741268224334], [0.7310585786300049]])  # ref: sigmoid(_xi)
with C.unchanged("sigmoid on a (4, 1) integer array", x=_xi):
    _got = sigmoid(_xi)
C.expect_array(_got, _ei, "sigmoid on a (4, 1) integer array", kind="f")
_xl = np.array([-1000.0, -40.0, 40.0, 1000.0])
_el = np.array([0.0, 4.24835425529159e-18, 1.0, 1.0])  # ref: sigmoid(_xl)
C.expect_array(C.call("sigmoid for large |x| (up to 1000)", sigmoid, _xl), _el, "sigmoid for large |x| (up to 1000)", kind="f")
### END HIDDEN TESTS

# %% [markdown]
# ## 3. The derivative of the sigmoid
#
# Training a network needs the derivative of every function it applies. For the sigmoid it has a
# convenient form: writing $s = \sigma(x)$,
#
# $$\sigma'(x) = \frac{e^{-x}}{(1 + e^{-x})^2}
#   = \frac{1}{1 + e^{-x}} \cdot \frac{e^{-x}}{1 + e^{-x}}
#   = s\,(1 - s),$$
#
# because $\frac{e^{-x}}{1 + e^{-x}} = 1 - \frac{1}{1 + e^{-x}}$. So once $s$ is known, the
# derivative costs one subtraction and one multiplication.
#
# **Exercise 3.** Write `sigmoid_derivative(x)`: compute $s$ with your `sigmoid`, then return
# $s(1-s)$, entry by entry.

# %% nbgrader={"grade": false, "grade_id": "sigmoid_derivative", "locked": false, "schema_version": 3, "solution": true, "task": false}
def sigmoid_derivative(x):
    """Derivative of the sigmoid, entry by entry.

    Arguments:
    x -- ndarray of any shape, float or integer

    Returns:
    ds -- float ndarray of the same shape as x, ds[i] = s[i] * (1 - s[i]) with s = sigmoid(x)
    """
    ### BEGIN SOLUTION
    s = sigmoid(x)  # computed once, used twice
    ds = s * (1 - s)
    ### END SOLUTION
    return ds


# %% nbgrader={"grade": true, "grade_id": "test_sigmoid_derivative", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""sigmoid_derivative: elementwise s(1 - s) with s = sigmoid(x), any shape, float or integer input."""
x = np.array([-1.0, 0.0, 2.0])
expected = np.array([0.19661193324148185, 0.25, 0.10499358540350662])  # ref: sigmoid_derivative(x)
C.expect_array(sigmoid_derivative(x), expected, "sigmoid_derivative(np.array([-1.0, 0.0, 2.0]))", reveal=True)
C.passed("sigmoid_derivative")
### BEGIN HIDDEN TESTS
_x = np.array([[-5.0, -0.5], [0.0, 1.25], [3.0, 8.0]])
_e = np.array([[0.006648056670790155, 0.2350037122015945], [0.25, 0.17310478699249707], [0.045176659730912, 0.00033523767075636815]])  # ref: sigmoid_derivative(_x)
with C.unchanged("sigmoid_derivative on a rectangular (3, 2) float array", x=_x):
    _got = sigmoid_derivative(_x)
C.expect_array(_got, _e, "sigmoid_derivative on a rectangular (3, 2) float array", kind="f")
_xi = np.array([[-2, 0, 1, 5]])
_ei = np.array([[0.1049935854035065, 0.25, 0.19661193324148185, 0.006648056670790033]])  # ref: sigmoid_derivative(_xi)
with C.unchanged("sigmoid_derivative on a (1, 4) integer array", x=_xi):
    _got = sigmoid_derivative(_xi)
C.expect_array(_got, _ei, "sigmoid_derivative on a (1, 4) integer array", kind="f")
### END HIDDEN TESTS

# %% [markdown]
# A derivative is easy to get subtly wrong, and there is a simple way to check it with nothing but
# the function itself: for a small $h$, the centred difference
#
# $$\frac{\sigma(x + h) - \sigma(x - h)}{2h}$$
#
# differs from $\sigma'(x)$ by a term of order $h^2$. With $h = 10^{-5}$ the two should agree to
# about ten decimal places. This is the same "gradient check" later assignments use on whole
# networks.

# %%
x = np.linspace(-6, 6, 13)
h = 1e-5
centred = (sigmoid(x + h) - sigmoid(x - h)) / (2 * h)
print("largest difference from sigmoid_derivative:", np.max(np.abs(centred - sigmoid_derivative(x))))

# %% [markdown]
# With the reference solution this prints a largest difference of about $7 \times 10^{-12}$.
#
# ## 4. Shapes, reshaping and broadcasting
#
# Two attributes tell you everything about an array's layout:
#
# - `a.shape`, a tuple with the length of every axis: `(3, 4)` is 3 rows and 4 columns;
# - `a.ndim`, the number of axes (the length of `a.shape`).
#
# `a.reshape(new_shape)` returns the same numbers arranged in a new shape (the product of the
# lengths must not change; one length may be given as `-1`, meaning "whatever is left").
#
# ### The `(5,)` versus `(5, 1)` pitfall
#
# NumPy has arrays with a single axis, of shape `(5,)`. They are neither row nor column vectors:
# transposing one does nothing, and a product that would give a $5 \times 5$ matrix for a column
# quietly gives a single number instead.

# %%
a = np.arange(1.0, 6.0)                 # shape (5,): one axis
print("a.shape =", a.shape, "  a.T.shape =", a.T.shape)
print("a @ a.T =", a @ a.T, "(a number: the transpose changed nothing)")

col = a.reshape(5, 1)                   # a real column vector
print("col.shape =", col.shape, "  col.T.shape =", col.T.shape)
print("(col @ col.T).shape =", (col @ col.T).shape, "(the 5 x 5 outer product)")

# %% [markdown]
# In this course vectors are always two-dimensional: a column is `(n, 1)`, a row `(1, n)`. Create
# them that way (`np.zeros((n, 1))`, not `np.zeros(n)`), turn a stray `(n,)` array into a column
# with `.reshape(-1, 1)`, and when a shape matters, **assert it**: a failing `assert` points at the
# line where the shape went wrong, long before the error surfaces somewhere else.

# %%
assert col.shape == (5, 1), col.shape
try:
    assert a.shape == (5, 1), f"a has shape {a.shape}, expected (5, 1)"
except AssertionError as err:
    print("AssertionError:", err)

# %% [markdown]
# ### Images are 3-D arrays
#
# A colour image of height $a$ and width $b$ is stored as an array of shape $(a, b, 3)$: for each
# pixel, its red, green and blue intensities. The networks in this course take each example as
# one column of numbers, so an image must be flattened into a vector of shape $(a \cdot b \cdot 3, 1)$.
#
# The order of the numbers in that column matters, because every image must be flattened the same
# way. NumPy's default, **C order** (row-major), lets the last axis change fastest: pixel $(0, 0)$'s
# three channels, then pixel $(0, 1)$'s, and so on along the first row, then the next row. On a tiny
# $2 \times 2$ "image" with 3 channels:

# %%
tiny = np.arange(12).reshape(2, 2, 3)   # tiny[row, column, channel]
print("C order (NumPy's default):", tiny.reshape(-1))
print("Fortran order (first axis fastest):", tiny.reshape(-1, order="F"))

# %% [markdown]
# **Exercise 4.** Write `image2vector(image)`: from an array of shape `(a, b, c)`, return a column
# of shape `(a*b*c, 1)` in C order. Use the image's own shape (`image.shape`), so that it works for
# any height, width and number of channels, and do not modify `image`.

# %% nbgrader={"grade": false, "grade_id": "image2vector", "locked": false, "schema_version": 3, "solution": true, "task": false}
def image2vector(image):
    """Flatten an image into a column vector, in C (row-major) order.

    Arguments:
    image -- ndarray of shape (a, b, c): height, width, channels

    Returns:
    v -- ndarray of shape (a*b*c, 1), the entries of image in C order
    """
    ### BEGIN SOLUTION
    a, b, c = image.shape
    v = image.reshape(a * b * c, 1)
    ### END SOLUTION
    return v


# %% nbgrader={"grade": true, "grade_id": "test_image2vector", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""image2vector: an (a, b, c) array becomes an (a*b*c, 1) column in C order, input unchanged."""
image = np.arange(18).reshape(3, 3, 2) * 0.5
expected = np.array([[0.0], [0.5], [1.0], [1.5], [2.0], [2.5], [3.0], [3.5], [4.0], [4.5], [5.0], [5.5], [6.0], [6.5], [7.0], [7.5], [8.0], [8.5]])  # ref: image2vector(image)
C.expect_array(image2vector(image), expected, "image2vector on a (3, 3, 2) image", reveal=True)
C.passed("image2vector")
### BEGIN HIDDEN TESTS
_img = np.sin(np.arange(24.0)).reshape(4, 3, 2)
_e = np.array([[0.0], [0.8414709848078965], [0.9092974268256817], [0.1411200080598672], [-0.7568024953079282], [-0.9589242746631385], [-0.27941549819892586], [0.6569865987187891], [0.9893582466233818], [0.4121184852417566], [-0.5440211108893698], [-0.9999902065507035], [-0.5365729180004349], [0.4201670368266409], [0.9906073556948704], [0.6502878401571168], [-0.2879033166650653], [-0.9613974918795568], [-0.750987246771676], [0.14987720966295234], [0.9129452507276277], [0.8366556385360561], [-0.008851309290403876], [-0.8462204041751706]])  # ref: image2vector(_img)
with C.unchanged("image2vector on a (4, 3, 2) image (height != width)", image=_img):
    _got = image2vector(_img)
C.expect_array(_got, _e, "image2vector on a (4, 3, 2) image (height != width)")
_imgu = (np.arange(60) * 37 % 256).astype(np.uint8).reshape(5, 4, 3)
_eu = np.array([[0], [37], [74], [111], [148], [185], [222], [3], [40], [77], [114], [151], [188], [225], [6], [43], [80], [117], [154], [191], [228], [9], [46], [83], [120], [157], [194], [231], [12], [49], [86], [123], [160], [197], [234], [15], [52], [89], [126], [163], [200], [237], [18], [55], [92], [129], [166], [203], [240], [21], [58], [95], [132], [169], [206], [243], [24], [61], [98], [135]], dtype=np.uint8)  # ref: image2vector(_imgu)
with C.unchanged("image2vector on a (5, 4, 3) uint8 image", image=_imgu):
    _got = image2vector(_imgu)
C.expect_array(_got, _eu, "image2vector on a (5, 4, 3) uint8 image")
_pix = np.array([[[0.25, 0.5, 0.75]]])
_ep = np.array([[0.25], [0.5], [0.75]])  # ref: image2vector(_pix)
C.expect_array(C.call("image2vector on a single pixel, shape (1, 1, 3)", image2vector, _pix), _ep, "image2vector on a single pixel, shape (1, 1, 3)")
### END HIDDEN TESTS

# %% [markdown]
# ### Broadcasting
#
# NumPy can combine arrays of different shapes when the shapes are compatible. It compares the
# shapes axis by axis, starting from the last one. Two lengths are compatible if they are equal or
# if one of them is 1; an axis of length 1 is then **broadcast**: its values are reused along that
# axis as if the array had been copied to the full length (no copy is actually made). A missing
# leading axis counts as length 1.
#
# | `A.shape` | `B.shape` | `(A + B).shape` | what happens |
# |---|---|---|---|
# | `(3, 4)` | `(1, 4)` | `(3, 4)` | the row `B` is added to every row of `A` |
# | `(3, 4)` | `(3, 1)` | `(3, 4)` | the column `B` is added to every column of `A` |
# | `(3, 4)` | `(4,)` | `(3, 4)` | `(4,)` is read as `(1, 4)`: a row again |
# | `(3, 4)` | `()` (a number) | `(3, 4)` | the number is added to every entry |
# | `(3, 4)` | `(3,)` | error | `(3,)` is read as `(1, 3)`, and 3 is not compatible with 4 |
#
# An example: how four people get to work, in minutes per mode of transport (rows: walking, bus,
# train; columns: one person each). What share of each person's commute does each mode take?
# Dividing each column by its own total is a job for broadcasting.

# %%
minutes = np.array([[10.0, 5.0, 25.0, 8.0],    # walking
                    [20.0, 0.0, 10.0, 12.0],   # bus
                    [30.0, 40.0, 0.0, 25.0]])  # train

total = minutes.sum(axis=0)               # sum down each column: shape (4,)
print("total minutes per person:", total)

share = 100 * minutes / total.reshape(1, 4)   # (3, 4) / (1, 4): each column by its own total
print("percentage of each commute by mode:")
print(np.round(share, 1))
assert share.shape == (3, 4)

# %% [markdown]
# The `reshape(1, 4)` is not needed here (a `(4,)` array would be read as a row anyway), but it
# states the intent and fails loudly if `total` ever has a different length. The other direction
# needs care: to divide every *row* by its own total, the totals must form a **column**, shape
# `(3, 1)`. A `(3,)` array does not broadcast against `(3, 4)`:

# %%
row_total = minutes.sum(axis=1)           # shape (3,)
try:
    minutes / row_total
except ValueError as err:
    print("ValueError:", err)

row_total = minutes.sum(axis=1, keepdims=True)   # keepdims keeps the summed axis: shape (3, 1)
print("row_total.shape =", row_total.shape)
print(np.round(minutes / row_total, 3))

# %% [markdown]
# `keepdims=True` works with every reduction (`sum`, `max`, `mean`, `np.linalg.norm`, ...): the
# reduced axis stays, with length 1, which is exactly the shape broadcasting needs.
#
# ## 5. Normalising rows
#
# Many algorithms work better when every example has the same scale. One way is to divide each row
# $x_i$ of a matrix $x$ of shape $(n, m)$ by its Euclidean length
#
# $$\lVert x_i \rVert = \sqrt{\textstyle\sum_{j=1}^{m} x_{ij}^2},$$
#
# so that every row has length 1. For example
#
# $$x = \begin{pmatrix} 3 & 0 & 4 \\ 2 & -2 & 1 \end{pmatrix}, \quad
#   \text{row lengths } \begin{pmatrix} 5 \\ 3 \end{pmatrix}, \quad
#   \text{normalised rows } \begin{pmatrix} 0.6 & 0 & 0.8 \\ 2/3 & -2/3 & 1/3 \end{pmatrix}.$$
#
# `np.linalg.norm` computes Euclidean lengths. Its `axis` argument says along which axis to
# measure (choose the one that gives one length per row), and `keepdims=True` keeps the result
# two-dimensional: a column of shape $(n, 1)$, which broadcasting then stretches across the $m$
# columns of `x`.
#
# **Exercise 5.** Write `normalize_rows(x)`. Return a new array; do not change `x` (an in-place
# `x /= ...` would change the caller's array, and fails for integer arrays). You may assume that no
# row is all zeros.

# %% nbgrader={"grade": false, "grade_id": "normalize_rows", "locked": false, "schema_version": 3, "solution": true, "task": false}
def normalize_rows(x):
    """Scale every row of x to Euclidean length 1.

    Arguments:
    x -- ndarray of shape (n, m), float or integer, no row all zeros

    Returns:
    x_normalized -- float ndarray of shape (n, m), row i equal to x[i] / ||x[i]||
    """
    ### BEGIN SOLUTION
    norms = np.linalg.norm(x, axis=1, keepdims=True)  # (n, 1)
    x_normalized = x / norms  # (n, m) / (n, 1): each row by its own length
    ### END SOLUTION
    return x_normalized


# %% nbgrader={"grade": true, "grade_id": "test_normalize_rows", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
"""normalize_rows: every row divided by its own Euclidean length, any (n, m), input unchanged."""
x = np.array([[3.0, 0.0, 4.0], [2.0, -2.0, 1.0]])
expected = np.array([[0.6, 0.0, 0.8], [0.6666666666666666, -0.6666666666666666, 0.3333333333333333]])  # ref: normalize_rows(x)
C.expect_array(normalize_rows(x), expected, "normalize_rows on a (2, 3) array", reveal=True)
C.passed("normalize_rows")
### BEGIN HIDDEN TESTS
_cases = [
    (np.array([[1.0, 2.0, 2.0], [0.0, -3.0, 4.0], [6.0, 0.0, 8.0]]), "a square (3, 3) array"),
    (np.array([[0.5, -1.0, 2.0, 0.25, 1.5], [-4.0, 1.0, 0.0, 2.0, -2.5]]), "a (2, 5) array"),
    (np.array([[2.0], [-0.5], [3.0], [-7.0]]), "a single column, shape (4, 1)"),
    (np.array([[1.0, -2.0, 0.5, 4.0]]), "a single row, shape (1, 4)"),
    (np.array([[3, 4], [-1, 2], [5, 12]]), "an integer (3, 2) array"),
]
_normalized = [np.array([[0.3333333333333333, 0.6666666666666666, 0.6666666666666666], [0.0, -0.6, 0.8], [0.6, 0.0, 0.8]]), np.array([[0.18181818181818182, -0.36363636363636365, 0.7272727272727273, 0.09090909090909091, 0.5454545454545454], [-0.7662610281769211, 0.19156525704423027, 0.0, 0.38313051408846055, -0.47891314261057566]]), np.array([[1.0], [-1.0], [1.0], [-1.0]]), np.array([[0.21693045781865616, -0.4338609156373123, 0.10846522890932808, 0.8677218312746247]]), np.array([[0.6, 0.8], [-0.4472135954999579, 0.8944271909999159], [0.38461538461538464, 0.9230769230769231]])]  # ref: [normalize_rows(c[0]) for c in _cases]
for (_x, _desc), _e in zip(_cases, _normalized):
    with C.unchanged(f"normalize_rows on {_desc}", x=_x):
        _got = normalize_rows(_x)
    C.expect_array(_got, _e, f"normalize_rows on {_desc}", kind="f")
### END HIDDEN TESTS

# %% [markdown]
# ## 6. Softmax
#
# A classifier with $n$ classes gives each example a vector of $n$ scores. The **softmax** turns
# such a vector into probabilities: positive numbers that add up to 1, larger for larger scores.
# For one row $x_i = (x_{i1}, \dots, x_{in})$:
#
# $$\operatorname{softmax}(x_i) = \left(\frac{e^{x_{i1}}}{\sum_{k=1}^{n} e^{x_{ik}}}, \dots,
#   \frac{e^{x_{in}}}{\sum_{k=1}^{n} e^{x_{ik}}}\right).$$
#
# Here `x` has shape $(m, n)$: one example per **row**, so the softmax is applied to each row
# separately and every row of the result sums to 1. In matrix form: exponentiate every entry
# (shape $(m, n)$), sum each row (a column of shape $(m, 1)$, thanks to `keepdims=True`), divide
# (broadcasting).
#
# Side note: $e^{x}$ overflows for $x$ above about 709. Subtracting each row's maximum before
# exponentiating gives the same result (the factor $e^{-\max}$ cancels between numerator and
# denominator) and never overflows. You may do this, but it is not required here.
#
# **Exercise 6.** Write `softmax(x)` for an array of shape `(m, n)`. Do not modify `x`.

# %% nbgrader={"grade": false, "grade_id": "softmax", "locked": false, "schema_version": 3, "solution": true, "task": false}
def softmax(x):
    """Row-wise softmax.

    Arguments:
    x -- ndarray of shape (m, n), float or integer: m rows of n scores each

    Returns:
    s -- float ndarray of shape (m, n), s[i, j] = e^(x[i, j]) / sum_k e^(x[i, k]); every row sums to 1
    """
    ### BEGIN SOLUTION
    x_exp = np.exp(x)
    x_sum = np.sum(x_exp, axis=1, keepdims=True)  # (m, 1)
    s = x_exp / x_sum
    ### END SOLUTION
    return s


# %% nbgrader={"grade": true, "grade_id": "test_softmax", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
"""softmax: applied to each row (rows sum to 1), any (m, n), float or integer input, input unchanged."""
x = np.array([[1.0, 2.0, 3.0, 0.0], [0.5, 0.5, -1.0, 2.0]])
s = softmax(x)
C.expect_shape(s, (2, 4), "softmax on a (2, 4) array")
C.expect_true(np.allclose(np.sum(s, axis=1), 1.0), "softmax on a (2, 4) array",
              "the rows do not sum to 1: each row is one example, so divide each row by the sum of its own exponentials")
expected = np.array([[0.08714431874203257, 0.23688281808991016, 0.6439142598879724,
                      0.03205860328008499],
                     [0.14914645207033286, 0.14914645207033286, 0.033279071736023486,
                      0.6684280241233108]])  # ref: softmax(x)
C.expect_array(s, expected, "softmax on a (2, 4) array", reveal=True)
C.passed("softmax")
### BEGIN HIDDEN TESTS
_cases = [
    (np.array([[0.2, -1.3], [2.0, 2.5], [-0.7, 4.0]]), "a (3, 2) array"),
    (np.array([[1.0, 0.0, -1.0], [3.0, 0.5, 0.5], [-2.0, 1.0, 6.0]]), "a square (3, 3) array"),
    (np.array([[0.1, -0.4, 2.2, 1.0, 0.0]]), "a single row, shape (1, 5)"),
    (np.array([[1, 2, 3], [-2, 0, 5]]), "an integer (2, 3) array"),
    (np.array([[12.0, -8.0, 30.0, 29.5]]), "scores up to 30"),
]
_rows_why = "the rows do not sum to 1: each row is one example, so divide each row by the sum of its own exponentials"
_exps = [np.array([[0.8175744761936437, 0.18242552380635635], [0.37754066879814546, 0.6224593312018546], [0.009013298652847824, 0.9909867013471522]]), np.array([[0.6652409557748219, 0.24472847105479767, 0.09003057317038046], [0.8589810786775898, 0.07050946066120506, 0.07050946066120506], [0.00033310642967602984, 0.006690621492609113, 0.9929762720777149]]), np.array([[0.07612006236941922, 0.04616915164629064, 0.6216093630639242, 0.18722514222528452, 0.06887628069508149]]), np.array([[0.09003057317038046, 0.24472847105479767, 0.6652409557748219], [0.0009049591825877397, 0.006686794167383234, 0.9924082466500291]]), np.array([[9.4800429162404e-09, 1.953982479768189e-17, 0.6224593253009134, 0.37754066521904367]])]  # ref: [softmax(c[0]) for c in _cases]
for (_x, _desc), _e in zip(_cases, _exps):
    with C.unchanged(f"softmax on {_desc}", x=_x):
        _got = softmax(_x)
    C.expect_shape(_got, _x.shape, f"softmax on {_desc}")
    C.expect_true(np.allclose(np.sum(_got, axis=1), 1.0), f"softmax on {_desc}", _rows_why)
    C.expect_array(_got, _e, f"softmax on {_desc}", kind="f")
### END HIDDEN TESTS

# %% [markdown]
# ## Interlude: vectorisation
#
# Every function so far was written without a Python loop. This is not just shorter: a Python loop
# runs the interpreter once per number, while a NumPy call runs one loop in compiled code over the
# whole array (and, for products such as `np.dot`, uses an optimised linear algebra library).
# The cell below times three common operations both ways on a million numbers: the dot product
# $\sum_i a_i b_i$, the outer product $(u_i v_j)_{i,j}$ (a $1000 \times 1000$ matrix) and the
# elementwise product $(a_i b_i)_i$.

# %%
import time

from nndl import under_grader

# A million numbers; a smaller size when the notebook is being graded, to keep grading fast.
n = 10_000 if under_grader() else 1_000_000
k = int(round(n ** 0.5))  # the outer product of two length-k vectors has n entries

rng = np.random.default_rng(0)
a, b = rng.standard_normal(n), rng.standard_normal(n)
u, v = rng.standard_normal(k), rng.standard_normal(k)


def dot_loop(a, b):
    total = 0.0
    for i in range(len(a)):
        total += a[i] * b[i]
    return total


def outer_loop(u, v):
    out = np.zeros((len(u), len(v)))
    for i in range(len(u)):
        for j in range(len(v)):
            out[i, j] = u[i] * v[j]
    return out


def multiply_loop(a, b):
    out = np.zeros(len(a))
    for i in range(len(a)):
        out[i] = a[i] * b[i]
    return out


def seconds(f, args, repeat=1):
    """(result, shortest time in seconds) over `repeat` calls of f(*args)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = f(*args)
        best = min(best, time.perf_counter() - start)
    return result, best


print(f"{n:,} numbers per operation")
for name, slow, fast, args in [("dot product", dot_loop, np.dot, (a, b)),
                               ("outer product", outer_loop, np.outer, (u, v)),
                               ("elementwise product", multiply_loop, np.multiply, (a, b))]:
    r_loop, t_loop = seconds(slow, args)
    # A NumPy call takes a few milliseconds, easily disturbed by anything else
    # the computer does: keep the best of five runs.
    r_numpy, t_numpy = seconds(fast, args, repeat=5)
    assert np.allclose(r_loop, r_numpy)  # same result both ways
    print(f"{name:>20}: loop {1000 * t_loop:8.1f} ms   numpy {1000 * t_numpy:6.2f} ms"
          f"   ({t_loop / t_numpy:,.0f} times faster)")

# %% [markdown]
# On the two-core machine this notebook was written on, shared with other busy programs, each loop
# took between 0.4 and 1.5 seconds and each NumPy call between 2 and 35 milliseconds: 30 to 500
# times faster, depending on the operation and on what else the machine was doing. Your numbers
# will differ; the gap will not close. Training a network repeats such operations thousands of
# times, which is the difference between seconds and hours. (NumPy's own time is measured as the
# best of five runs, because a single run of a few milliseconds is easily disturbed.)
#
# ## 7. Loss functions
#
# A **loss** measures how far a model's predictions $\hat y = (\hat y_1, \dots, \hat y_m)$ are from
# the true values $y = (y_1, \dots, y_m)$; training makes it small. Two simple ones:
#
# $$L_1(\hat y, y) = \sum_{i=1}^{m} \lvert \hat y_i - y_i \rvert, \qquad
#   L_2(\hat y, y) = \sum_{i=1}^{m} (\hat y_i - y_i)^2.$$
#
# The $L_2$ loss is the dot product of the difference vector with itself:
# $\sum_i d_i^2 = d \cdot d$ with $d = \hat y - y$.
#
# Both return one number (a `float`), not an array: sum over every entry.
#
# Here `yhat` and `y` are rank-1 arrays of shape $(m,)$, against the advice of section 4. For a loss
# that is harmless: the result is a single number, so no shape has to line up with another one, and
# `np.dot` of two $(m,)$ arrays giving a number (the surprise of section 4) is exactly what we want.
#
# **Exercise 7.** Write `L1(yhat, y)` without a loop (`np.abs`, `np.sum`).

# %% nbgrader={"grade": false, "grade_id": "L1", "locked": false, "schema_version": 3, "solution": true, "task": false}
def L1(yhat, y):
    """Sum of absolute differences.

    Arguments:
    yhat -- ndarray of shape (m,), the predictions
    y -- ndarray of shape (m,), the true values

    Returns:
    loss -- float, sum over i of |yhat[i] - y[i]|
    """
    ### BEGIN SOLUTION
    loss = np.sum(np.abs(yhat - y))
    ### END SOLUTION
    return loss


# %% nbgrader={"grade": true, "grade_id": "test_L1", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""L1: one number, the sum of |yhat - y| over all m entries, inputs unchanged."""
yhat = np.array([0.8, 0.1, 0.6, 0.3])
y = np.array([1, 0, 1, 0])
loss = L1(yhat, y)
C.expect_true(not (isinstance(loss, np.ndarray) and loss.size > 1), "L1 on 4 predictions",
              f"is an array of shape {np.shape(loss)}; it should be one number: the sum over all entries (np.sum with no axis)")
expected = np.float64(1.0)  # ref: L1(yhat, y)
C.expect_scalar(loss, expected, "L1 on 4 predictions", reveal=True, inputs={"yhat": yhat, "y": y})
C.passed("L1")
### BEGIN HIDDEN TESTS
_cases = [
    (np.array([0.25]), np.array([1]), "m = 1"),
    (np.array([2.5, -1.0, 0.0, 3.25, -0.5, 7.0]), np.array([1.0, 1.5, -2.0, 3.0, 0.5, 4.0]), "6 real-valued predictions, mixed signs"),
    (np.array([3, -1, 0, 2, 2]), np.array([1, 1, 0, 5, -2]), "integer inputs"),
]
_losses = [np.float64(0.75), np.float64(10.25), np.int64(11)]  # ref: [L1(c[0], c[1]) for c in _cases]
for (_yh, _y, _desc), _e in zip(_cases, _losses):
    with C.unchanged(f"L1 on {_desc}", yhat=_yh, y=_y):
        _got = L1(_yh, _y)
    C.expect_scalar(_got, _e, f"L1 on {_desc}", inputs={"yhat": _yh, "y": _y})
### END HIDDEN TESTS

# %% [markdown]
# **Exercise 8.** Write `L2(yhat, y)`, vectorised (for example with `np.dot`). Note that it is the
# sum of squares itself, not its square root.

# %% nbgrader={"grade": false, "grade_id": "L2", "locked": false, "schema_version": 3, "solution": true, "task": false}
def L2(yhat, y):
    """Sum of squared differences.

    Arguments:
    yhat -- ndarray of shape (m,), the predictions
    y -- ndarray of shape (m,), the true values

    Returns:
    loss -- float, sum over i of (yhat[i] - y[i])**2
    """
    ### BEGIN SOLUTION
    diff = yhat - y
    loss = np.dot(diff, diff)
    ### END SOLUTION
    return loss


# %% nbgrader={"grade": true, "grade_id": "test_L2", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""L2: one number, the sum of (yhat - y)**2 over all m entries (no square root), inputs unchanged."""
yhat = np.array([0.8, 0.1, 0.6, 0.3])
y = np.array([1, 0, 1, 0])
loss = L2(yhat, y)
C.expect_true(not (isinstance(loss, np.ndarray) and loss.size > 1), "L2 on 4 predictions",
              f"is an array of shape {np.shape(loss)}; it should be one number: the sum over all entries (np.sum with no axis)")
expected = np.float64(0.3)  # ref: L2(yhat, y)
C.expect_scalar(loss, expected, "L2 on 4 predictions", reveal=True, inputs={"yhat": yhat, "y": y})
C.passed("L2")
### BEGIN HIDDEN TESTS
_cases = [
    (np.array([0.25]), np.array([1]), "m = 1"),
    (np.array([2.5, -1.0, 0.0, 3.25, -0.5, 7.0]), np.array([1.0, 1.5, -2.0, 3.0, 0.5, 4.0]), "6 real-valued predictions, mixed signs"),
    (np.array([3, -1, 0, 2, 2]), np.array([1, 1, 0, 5, -2]), "integer inputs"),
]
_losses = [np.float64(0.5625), np.float64(22.5625), np.int64(33)]  # ref: [L2(c[0], c[1]) for c in _cases]
for (_yh, _y, _desc), _e in zip(_cases, _losses):
    with C.unchanged(f"L2 on {_desc}", yhat=_yh, y=_y):
        _got = L2(_yh, _y)
    C.expect_scalar(_got, _e, f"L2 on {_desc}", inputs={"yhat": _yh, "y": _y})
### END HIDDEN TESTS

# %% [markdown]
# ## What you have practised
#
# - `math` functions take one number; NumPy functions take whole arrays and work entry by entry.
# - Check shapes, and keep vectors two-dimensional (`(n, 1)` or `(1, n)`); `assert` a shape whenever
#   it matters.
# - Broadcasting stretches axes of length 1; reductions with `keepdims=True` give exactly those
#   shapes.
# - `reshape` keeps the order of the entries (C order by default) and only changes the shape.
# - Replace Python loops over entries by NumPy calls: the same result, often hundreds of times faster.
#
# These functions (`sigmoid`, its derivative, reshaping images into columns, losses) are the
# building blocks of the next assignment, logistic regression on cat pictures.
