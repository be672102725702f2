# %% [markdown]
# # A deep network, one function at a time
#
# In the previous notebooks a network had at most one hidden layer, and its forward and
# backward passes were written out by hand, layer by layer. That does not scale: a network
# with $L$ layers would need $L$ copies of the same few lines. Here you write those few lines
# **once**, as small functions, and then chain them for any depth:
#
# - hidden layers use the ReLU activation, the output layer uses the sigmoid (a yes/no
#   classifier, as before);
# - every step of the forward pass stores what its backward step will need (a *cache*);
# - the backward pass walks the layers in reverse and uses those caches.
#
# In the next notebook these functions train a 4-layer network on the cat-or-not emoji pictures.
#
# | Exercise | Function | Points |
# |---|---|---|
# | 1 | `initialize_parameters` | 2 |
# | 2 | `initialize_parameters_deep` | 3 |
# | 3 | `linear_forward` | 2 |
# | 4 | `linear_activation_forward` | 2 |
# | 5 | `L_model_forward` | 3 |
# | 6 | `compute_cost` | 2 |
# | 7 | `linear_backward` | 3 |
# | 8 | `linear_activation_backward` | 2 |
# | 9 | `L_model_backward` | 4 |
# | 10 | `update_parameters` | 2 |
#
# **Total: 25 points**
#
# Each exercise is followed by a test cell. It shows a few checks and their expected values;
# when your notebook is graded, more checks run on inputs you have not seen (other shapes,
# deeper networks, a single example). **Each test grades one function**: while grading, the
# helpers a function calls (for example `linear_forward` inside `linear_activation_forward`)
# are replaced by correct ones, so one mistake costs points once. When you run a test
# yourself it uses *your* helpers, so fix failing tests from the top down.

# %% [markdown]
# ## 0. Packages
#
# - `numpy` for the arrays;
# - `nndl.activations` gives four ready-made functions you will call by name: `sigmoid(Z)` and
#   `relu(Z)` return the activation **and** a cache (which is simply `Z`), and
#   `sigmoid_backward(dA, cache)` and `relu_backward(dA, cache)` turn $dA$ into $dZ$;
# - `nndl.checks` (as `C`) runs the tests, `nndl.gradcheck` compares gradients with finite
#   differences at the end.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import copy

import numpy as np

from nndl import checks as C
from nndl.activations import relu, relu_backward, sigmoid, sigmoid_backward
from nndl.gradcheck import check_gradients

np.set_printoptions(precision=6, suppress=True)

# %% [markdown]
# ## 1. The plan
#
# ![Forward pass on top, backward pass below; each layer's cache goes from its forward box
# down to its backward box](images/plan.svg)
#
# **Forward (top row).** The input $A^{[0]} = X$ goes through $L-1$ blocks
# *LINEAR → RELU* and one final block *LINEAR → SIGMOID*, whose output $A^{[L]}$ is the
# predicted probability for every example. Each block stores a cache: the linear part keeps
# $(A^{[l-1]}, W^{[l]}, b^{[l]})$, the activation keeps $Z^{[l]}$.
#
# **Cost.** $A^{[L]}$ and the labels $Y$ give the cross-entropy cost $J$.
#
# **Backward (bottom row).** Starting from $dA^{[L]} = \partial \mathcal{L} / \partial A^{[L]}$,
# each block, in reverse order, reads its cache and returns $dW^{[l]}$, $db^{[l]}$ and
# $dA^{[l-1]}$, which the block to its left receives. Finally every $W^{[l]}$ and $b^{[l]}$
# takes a gradient-descent step.
#
# You build this from the bottom up:
#
# 1. initialise the parameters (2 layers, then $L$ layers);
# 2. forward: one linear step, then linear + activation, then the whole chain;
# 3. the cost;
# 4. backward: one linear step, then linear + activation, then the whole chain;
# 5. the update.
#
# **Notation.** A superscript $[l]$ is the layer: $W^{[2]}$ is layer 2's weight matrix, in
# code `W2`. Examples are the **columns** of $X$, so $X$ has shape $(n_x, m)$ for $m$ examples
# with $n_x$ features. $n^{[l]}$ is the number of units of layer $l$ ($n^{[0]} = n_x$), and
# `layer_dims` is the list $[n^{[0]}, n^{[1]}, \dots, n^{[L]}]$.

# %% [markdown]
# ### Shapes
#
# Getting the shapes right is most of the work. Layer $l$ computes
# $Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}$: $W^{[l]}$ maps the $n^{[l-1]}$ values of the
# previous layer to $n^{[l]}$ values, for all $m$ examples at once. Hence, in general:
#
# | array | shape |
# |---|---|
# | $W^{[l]}$ | $(n^{[l]}, n^{[l-1]})$ |
# | $b^{[l]}$ | $(n^{[l]}, 1)$, one column, added to every example by broadcasting |
# | $Z^{[l]}$, $A^{[l]}$ | $(n^{[l]}, m)$ |
#
# For the network of the next notebook, `layer_dims = [12288, 20, 7, 5, 1]` (a $64 \times 64$
# colour image has $64 \cdot 64 \cdot 3 = 12288$ values) and $m = 209$ training images:
#
# | layer $l$ | units $n^{[l]}$ | $W^{[l]}$ | $b^{[l]}$ | $Z^{[l]}$ and $A^{[l]}$ |
# |---|---|---|---|---|
# | 0 (input) | 12288 | | | $A^{[0]} = X$: (12288, 209) |
# | 1 (ReLU) | 20 | (20, 12288) | (20, 1) | (20, 209) |
# | 2 (ReLU) | 7 | (7, 20) | (7, 1) | (7, 209) |
# | 3 (ReLU) | 5 | (5, 7) | (5, 1) | (5, 209) |
# | 4 (sigmoid) | 1 | (1, 5) | (1, 1) | (1, 209) |
#
# That is $L = 4$ layers with weights; the input is not counted. Almost all of the
# 245,973 parameters sit in $W^{[1]}$.

# %% [markdown]
# ## 2. Initialisation
#
# ### Exercise 1: `initialize_parameters` (2 layers)
#
# A 2-layer network *LINEAR → RELU → LINEAR → SIGMOID* with $n_x$ inputs, $n_h$ hidden units
# and $n_y$ outputs. Weights start as small random numbers, so that the hidden units differ
# from each other (with equal weights they would all compute the same thing and stay equal);
# biases can start at zero.
#
# - first seed NumPy's random generator with 1 (`np.random.seed`), so that everyone gets the
#   same numbers;
# - `W1` holds standard normal numbers (`np.random.randn`) of shape $(n_h, n_x)$, scaled by
#   0.01; draw it first, then `W2`, shape $(n_y, n_h)$, the same way (the order matters:
#   both come from one stream of random numbers);
# - `b1` and `b2` are zero **columns**, of shapes $(n_h, 1)$ and $(n_y, 1)$.

# %% nbgrader={"grade": false, "grade_id": "initialize_parameters", "locked": false, "schema_version": 3, "solution": true, "task": false}
def initialize_parameters(n_x, n_h, n_y):
    """Random small weights and zero biases for LINEAR -> RELU -> LINEAR -> SIGMOID.

    Arguments:
    n_x -- int, number of input features
    n_h -- int, number of hidden units
    n_y -- int, number of output units

    Returns:
    parameters -- dict with
        "W1": (n_h, n_x) float array, randn * 0.01 (drawn first, right after seeding with 1)
        "b1": (n_h, 1) zeros
        "W2": (n_y, n_h) float array, randn * 0.01 (drawn second)
        "b2": (n_y, 1) zeros
    """
    ### BEGIN SOLUTION
    np.random.seed(1)
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_initialize_parameters", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
"""initialize_parameters: keys, shapes, seed 1 set inside, W1 drawn before W2, zero column biases."""
np.random.seed(0)  # a different global seed: your function must set its own
params = initialize_parameters(3, 2, 1)
C.expect_keys(params, ["W1", "b1", "W2", "b2"], "initialize_parameters(3, 2, 1)")
C.expect_shape(params["W1"], (2, 3), "W1 of initialize_parameters(3, 2, 1)")
np.random.seed(7)
C.expect_true(np.array_equal(initialize_parameters(3, 2, 1)["W1"], params["W1"]), "initialize_parameters(3, 2, 1)",
              "gives other weights when the global seed outside it changes; seed NumPy's generator with 1 at the start of the function")
expected = np.array([[0.01624345363663242, -0.006117564136500754, -0.005281717522634557],
                     [-0.010729686221561705, 0.008654076293246785, -0.02301538696880283]])  # ref: initialize_parameters(3, 2, 1)["W1"]
C.expect_array(params["W1"], expected, "W1 of initialize_parameters(3, 2, 1)", reveal=True)
C.expect_array(params["b1"], np.zeros((2, 1)), "b1 of initialize_parameters(3, 2, 1)", kind="f", reveal=True)
expected = np.array([[0.0174481176421648, -0.007612069008951028]])  # ref: initialize_parameters(3, 2, 1)["W2"]
C.expect_array(params["W2"], expected, "W2 of initialize_parameters(3, 2, 1)", reveal=True)
C.expect_array(params["b2"], np.zeros((1, 1)), "b2 of initialize_parameters(3, 2, 1)", kind="f", reveal=True)
C.passed("initialize_parameters")
### BEGIN HIDDEN TESTS
np.random.seed(2024)
_first = initialize_parameters(5, 4, 2)
np.random.seed(77)
_second = initialize_parameters(5, 4, 2)
C.expect_keys(_first, ["W1", "b1", "W2", "b2"], "initialize_parameters(5, 4, 2)")
C.expect_true(all(np.array_equal(_first[_k], _second[_k]) for _k in _first), "initialize_parameters(5, 4, 2)",
              "gives different weights depending on the global random state; call np.random.seed(1) at its start")
_e = {'W1': np.array([[0.01624345363663242, -0.006117564136500754, -0.005281717522634557, -0.010729686221561705, 0.008654076293246785], [-0.02301538696880283, 0.0174481176421648, -0.007612069008951028, 0.0031903909605709856, -0.0024937037547741008], [0.01462107937044974, -0.02060140709497654, -0.003224172040135075, -0.0038405435466841564, 0.011337694423354375], [-0.010998912673140309, -0.0017242820755043575, -0.008778584179213718, 0.0004221374671559283, 0.005828152137158223]]), 'b1': np.array([[0.0], [0.0], [0.0], [0.0]]), 'W2': np.array([[-0.011006191772129213, 0.011447237098396141, 0.009015907205927955, 0.005024943389018682], [0.009008559492644118, -0.006837278591743331, -0.0012289022551864818, -0.009357694342590688]]), 'b2': np.array([[0.0], [0.0]])}  # ref: initialize_parameters(5, 4, 2)
for _k in ("W1", "b1", "W2", "b2"):
    C.expect_array(_first[_k], _e[_k], f"{_k} of initialize_parameters(5, 4, 2) (n_x, n_h, n_y all different)", kind="f")
_one = initialize_parameters(1, 3, 1)
for _k, _shape in (("W1", (3, 1)), ("b1", (3, 1)), ("W2", (1, 3)), ("b2", (1, 1))):
    C.expect_shape(_one[_k], _shape, f"{_k} of initialize_parameters(1, 3, 1)")
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 2: `initialize_parameters_deep` ($L$ layers)
#
# The same idea for any list `layer_dims` $= [n^{[0]}, \dots, n^{[L]}]$, with a loop over the
# layers $l = 1, \dots, L$ (note $L$ = `len(layer_dims) - 1`):
#
# - first seed the generator with 3;
# - `W{l}`: standard normal numbers of shape $(n^{[l]}, n^{[l-1]})$ times 0.01, drawn in the
#   order $l = 1, 2, \dots$;
# - `b{l}`: a zero column of shape $(n^{[l]}, 1)$.
#
# Keys are built from strings: `"W" + str(l)` or `f"W{l}"`.

# %% nbgrader={"grade": false, "grade_id": "initialize_parameters_deep", "locked": false, "schema_version": 3, "solution": true, "task": false}
def initialize_parameters_deep(layer_dims):
    """Random small weights and zero biases for an L-layer network.

    Arguments:
    layer_dims -- list of L + 1 ints [n_0, n_1, ..., n_L]: units per layer, input first

    Returns:
    parameters -- dict with, for l = 1..L,
        "W{l}": (n_l, n_{l-1}) float array, randn * 0.01 (after seeding with 3,
                drawn in the order l = 1, 2, ..., L)
        "b{l}": (n_l, 1) zeros
    """
    ### BEGIN SOLUTION
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_initialize_parameters_deep", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
"""initialize_parameters_deep: one W and b per layer, shapes (n_l, n_{l-1}) and (n_l, 1), seed 3 inside."""
np.random.seed(0)  # a different global seed: your function must set its own
params = initialize_parameters_deep([5, 4, 3])
C.expect_keys(params, ["W1", "b1", "W2", "b2"], "initialize_parameters_deep([5, 4, 3])")
C.expect_shape(params["W1"], (4, 5), "W1 of initialize_parameters_deep([5, 4, 3])")
np.random.seed(7)
C.expect_true(np.array_equal(initialize_parameters_deep([5, 4, 3])["W1"], params["W1"]), "initialize_parameters_deep([5, 4, 3])",
              "gives other weights when the global seed outside it changes; seed NumPy's generator with 3 at the start of the function")
expected = np.array([[0.017886284734303187, 0.004365098505119894, 0.0009649746807200863,
                      -0.01863492703364491, -0.0027738820251439907],
                     [-0.0035475897926898676, -0.0008274148148245977, -0.0062700067682384735,
                      -0.0004381816897592824, -0.004772180303595027],
                     [-0.013138647533626821, 0.008846223804995846, 0.008813180422075299,
                      0.017095730636529485, 0.0005003364217686021],
                     [-0.0040467741460089085, -0.0054535994761953045, -0.015464773155829684,
                      0.009823674342581601, -0.011010676301114757]])  # ref: initialize_parameters_deep([5, 4, 3])["W1"]
C.expect_array(params["W1"], expected, "W1 of initialize_parameters_deep([5, 4, 3])", reveal=True)
C.expect_array(params["b1"], np.zeros((4, 1)), "b1 of initialize_parameters_deep([5, 4, 3])", kind="f", reveal=True)
expected = np.array([[-0.011850465270201728, -0.0020564989942254107, 0.014861483550745902,
                      0.0023671626722691235],
                     [-0.010237851399264681, -0.007129932001120494, 0.006252449661628293,
                      -0.0016051336318692391],
                     [-0.0076883635031923005, -0.0023003072227793906, 0.007450562664053709,
                      0.019761107831263027]])  # ref: initialize_parameters_deep([5, 4, 3])["W2"]
C.expect_array(params["W2"], expected, "W2 of initialize_parameters_deep([5, 4, 3])", reveal=True)
C.expect_array(params["b2"], np.zeros((3, 1)), "b2 of initialize_parameters_deep([5, 4, 3])", kind="f", reveal=True)
C.passed("initialize_parameters_deep")
### BEGIN HIDDEN TESTS
def _deep_keys(n_layers):
    return [f"{_p}{_l}" for _l in range(1, n_layers + 1) for _p in "Wb"]


np.random.seed(99)
_dims3 = [4, 6, 3, 2]
with C.unchanged("initialize_parameters_deep([4, 6, 3, 2]) (3 layers)", layer_dims=_dims3):
    _got3 = initialize_parameters_deep(_dims3)
np.random.seed(5)
_again3 = initialize_parameters_deep([4, 6, 3, 2])
C.expect_keys(_got3, _deep_keys(3), "initialize_parameters_deep([4, 6, 3, 2]) (3 layers)")
C.expect_true(all(np.array_equal(_got3[_k], _again3[_k]) for _k in _got3), "initialize_parameters_deep([4, 6, 3, 2])",
              "gives different weights depending on the global random state; call np.random.seed(3) at its start")
_e3 = {'W1': np.array([[0.017886284734303187, 0.004365098505119894, 0.0009649746807200863, -0.01863492703364491], [-0.0027738820251439907, -0.0035475897926898676, -0.0008274148148245977, -0.0062700067682384735], [-0.0004381816897592824, -0.004772180303595027, -0.013138647533626821, 0.008846223804995846], [0.008813180422075299, 0.017095730636529485, 0.0005003364217686021, -0.0040467741460089085], [-0.0054535994761953045, -0.015464773155829684, 0.009823674342581601, -0.011010676301114757], [-0.011850465270201728, -0.0020564989942254107, 0.014861483550745902, 0.0023671626722691235]]), 'b1': np.array([[0.0], [0.0], [0.0], [0.0], [0.0], [0.0]]), 'W2': np.array([[-0.010237851399264681, -0.007129932001120494, 0.006252449661628293, -0.0016051336318692391, -0.0076883635031923005, -0.0023003072227793906], [0.007450562664053709, 0.019761107831263027, -0.01244123328955937, -0.0062641691118836915, -0.008037660945765765, -0.024190831731786697], [-0.009237920216957886, -0.010238757608428376, 0.011239779589574684, -0.001319142328009009, -0.016232854458352472, 0.006466754522701722]]), 'b2': np.array([[0.0], [0.0], [0.0]]), 'W3': np.array([[-0.003562707594467449, -0.01743141036953459, -0.005966496416841992], [-0.005885943796882429, -0.008738822977622995, 0.0002971381536101662]]), 'b3': np.array([[0.0], [0.0]])}  # ref: initialize_parameters_deep([4, 6, 3, 2])
for _k in _deep_keys(3):
    C.expect_array(_got3[_k], _e3[_k], f"{_k} of initialize_parameters_deep([4, 6, 3, 2]) (3 layers)", kind="f")
np.random.seed(1234)
_got4 = C.call("initialize_parameters_deep([3, 5, 4, 2, 1]) (4 layers)", initialize_parameters_deep, [3, 5, 4, 2, 1])
C.expect_keys(_got4, _deep_keys(4), "initialize_parameters_deep([3, 5, 4, 2, 1]) (4 layers)")
_e4 = {'W1': np.array([[0.017886284734303187, 0.004365098505119894, 0.0009649746807200863], [-0.01863492703364491, -0.0027738820251439907, -0.0035475897926898676], [-0.0008274148148245977, -0.0062700067682384735, -0.0004381816897592824], [-0.004772180303595027, -0.013138647533626821, 0.008846223804995846], [0.008813180422075299, 0.017095730636529485, 0.0005003364217686021]]), 'b1': np.array([[0.0], [0.0], [0.0], [0.0], [0.0]]), 'W2': np.array([[-0.0040467741460089085, -0.0054535994761953045, -0.015464773155829684, 0.009823674342581601, -0.011010676301114757], [-0.011850465270201728, -0.0020564989942254107, 0.014861483550745902, 0.0023671626722691235, -0.010237851399264681], [-0.007129932001120494, 0.006252449661628293, -0.0016051336318692391, -0.0076883635031923005, -0.0023003072227793906], [0.007450562664053709, 0.019761107831263027, -0.01244123328955937, -0.0062641691118836915, -0.008037660945765765]]), 'b2': np.array([[0.0], [0.0], [0.0], [0.0]]), 'W3': np.array([[-0.024190831731786697, -0.009237920216957886, -0.010238757608428376, 0.011239779589574684], [-0.001319142328009009, -0.016232854458352472, 0.006466754522701722, -0.003562707594467449]]), 'b3': np.array([[0.0], [0.0]]), 'W4': np.array([[-0.01743141036953459, -0.005966496416841992]]), 'b4': np.array([[0.0]])}  # ref: initialize_parameters_deep([3, 5, 4, 2, 1])
for _k in _deep_keys(4):
    C.expect_array(_got4[_k], _e4[_k], f"{_k} of initialize_parameters_deep([3, 5, 4, 2, 1]) (4 layers)", kind="f")
_got1 = initialize_parameters_deep([6, 1])
C.expect_keys(_got1, ["W1", "b1"], "initialize_parameters_deep([6, 1]) (a single layer)")
C.expect_shape(_got1["W1"], (1, 6), "W1 of initialize_parameters_deep([6, 1])")
C.expect_shape(_got1["b1"], (1, 1), "b1 of initialize_parameters_deep([6, 1])")
### END HIDDEN TESTS

# %% [markdown]
# Your function on the network of the table above ($W^{[1]}$ alone has 245,760 entries, drawn
# in a fraction of a second):

# %%
big = initialize_parameters_deep([12288, 20, 7, 5, 1])
for name, value in big.items():
    print(f"{name}: {value.shape}")
print("number of parameters:", sum(value.size for value in big.values()))

# %% [markdown]
# ## 3. Forward propagation
#
# ### Exercise 3: `linear_forward`
#
# The linear part of layer $l$, for all $m$ examples at once:
#
# $$Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}$$
#
# `W @ A` (or `np.dot(W, A)`) gives an $(n^{[l]}, m)$ array; adding the $(n^{[l]}, 1)$
# column `b` adds $b$ to every column. Return `Z` and the cache, the **tuple** `(A, W, b)`:
# exactly what the backward step will need.

# %% nbgrader={"grade": false, "grade_id": "linear_forward", "locked": false, "schema_version": 3, "solution": true, "task": false}
def linear_forward(A, W, b):
    """Linear part of one layer: Z = W A + b.

    Arguments:
    A -- (n_prev, m) activations of the previous layer (or the input X)
    W -- (n, n_prev) weight matrix of this layer
    b -- (n, 1) bias column of this layer

    Returns:
    Z -- (n, m) pre-activation
    cache -- the tuple (A, W, b), for linear_backward
    """
    ### BEGIN SOLUTION
    Z = W @ A + b
    cache = (A, W, b)
    return Z, cache
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_linear_forward", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
"""linear_forward: Z = W A + b with shape (n, m), cache is the tuple (A, W, b), inputs unchanged."""
rs = np.random.RandomState(1)
A, W, b = rs.randn(3, 2), rs.randn(1, 3), rs.randn(1, 1)
Z, cache = linear_forward(A, W, b)
expected = np.array([[3.262953374654174, -1.2342998686128757]])  # ref: linear_forward(A, W, b)[0]
C.expect_array(Z, expected, "Z of linear_forward", reveal=True)
C.expect_type(cache, tuple, "cache of linear_forward")
C.expect_true(len(cache) == 3, "cache of linear_forward", f"should be the tuple (A, W, b), but it has {len(cache)} elements; return exactly (A, W, b), in that order")
for name, got, given in zip(("A", "W", "b"), cache, (A, W, b)):
    C.expect_array(got, given, f"cache of linear_forward, element {name}")
C.passed("linear_forward")
### BEGIN HIDDEN TESTS
def _check_linear_cache(got, A, W, b, what):
    C.expect_type(got, tuple, what)
    C.expect_true(len(got) == 3, what, f"should be the tuple (A, W, b), but it has {len(got)} elements; return exactly (A, W, b), in that order")
    for _name, _got, _given in zip(("A", "W", "b"), got, (A, W, b)):
        C.expect_array(_got, _given, f"{what}, element {_name}")


_rs = np.random.RandomState(21)
_A, _W, _b = _rs.randn(3, 5), _rs.randn(4, 3), _rs.randn(4, 1)
with C.unchanged("linear_forward with W (4, 3), A (3, 5)", A=_A, W=_W, b=_b):
    _Z, _cache = linear_forward(_A, _W, _b)
_eZ = np.array([[0.43989901905662926, 1.2218835521750981, 0.7615904840145957, 1.4211432768540764, 0.6940360540594184], [0.14387514180261052, -1.7940295229206007, -3.51844064523062, 1.9429646009770665, -2.150259692771149], [2.748478165988012, -1.8242281009087176, -3.4226761603811915, 2.7917310667847066, -1.4074095294008466], [0.8529784056494855, 2.569210923509133, 1.0130906030173112, 3.2409193518967543, 0.9101427489101109]])  # ref: linear_forward(_A, _W, _b)[0]
C.expect_array(_Z, _eZ, "Z of linear_forward with W (4, 3), A (3, 5): n, n_prev and m all different")
_check_linear_cache(_cache, _A, _W, _b, "cache of linear_forward with W (4, 3), A (3, 5)")
_A1, _W1, _b1 = _rs.randn(6, 1), _rs.randn(2, 6), _rs.randn(2, 1)
_Z1, _cache1 = C.call("linear_forward on a single example (m = 1)", linear_forward, _A1, _W1, _b1)
_eZ1 = np.array([[-0.6310207400361103], [0.1212061530397629]])  # ref: linear_forward(_A1, _W1, _b1)[0]
C.expect_array(_Z1, _eZ1, "Z of linear_forward on a single example (m = 1)")
_check_linear_cache(_cache1, _A1, _W1, _b1, "cache of linear_forward on a single example (m = 1)")
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 4: `linear_activation_forward`
#
# One whole layer: the linear step, then the activation $g$,
#
# $$A^{[l]} = g(Z^{[l]}) = g(W^{[l]} A^{[l-1]} + b^{[l]}),$$
#
# with $g$ = ReLU, $\max(0, z)$, for hidden layers, and $g$ = sigmoid, $1 / (1 + e^{-z})$,
# for the output layer. Use your `linear_forward` and the provided activations: `relu(Z)` and
# `sigmoid(Z)` each return the pair `(A, activation_cache)`. The layer's cache is the tuple
# `(linear_cache, activation_cache)`.

# %% nbgrader={"grade": false, "grade_id": "linear_activation_forward", "locked": false, "schema_version": 3, "solution": true, "task": false}
def linear_activation_forward(A_prev, W, b, activation):
    """One layer forward: LINEAR, then RELU or SIGMOID.

    Arguments:
    A_prev -- (n_prev, m) activations of the previous layer (or the input X)
    W -- (n, n_prev) weight matrix
    b -- (n, 1) bias column
    activation -- "relu" or "sigmoid"

    Returns:
    A -- (n, m) activations of this layer
    cache -- tuple (linear_cache, activation_cache): linear_cache is (A_prev, W, b),
             activation_cache is Z, the (n, m) pre-activation
    """
    ### BEGIN SOLUTION
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A, activation_cache = sigmoid(Z)
    elif activation == "relu":
        A, activation_cache = relu(Z)
    else:
        raise ValueError(f"activation must be 'relu' or 'sigmoid', not {activation!r}")
    cache = (linear_cache, activation_cache)
    return A, cache
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_linear_activation_forward", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
"""linear_activation_forward: the right activation, A of shape (n, m), cache ((A_prev, W, b), Z)."""
### BEGIN HIDDEN TESTS
# Grade this function alone: while this cell runs, the linear_forward it calls is a
# correct one; the learner's own comes back when the cell ends, even when a check fails.
def _ref_linear_forward(A, W, b):
    return W @ A + b, (A, W, b)


C.grade_alone(globals(), linear_forward=_ref_linear_forward)
### END HIDDEN TESTS
rs = np.random.RandomState(2)
A_prev, W, b = rs.randn(3, 2), rs.randn(1, 3), rs.randn(1, 1)
A, cache = linear_activation_forward(A_prev, W, b, "sigmoid")
expected = np.array([[0.968900232783661, 0.11013289483978989]])  # ref: linear_activation_forward(A_prev, W, b, "sigmoid")[0]
C.expect_array(A, expected, "A of linear_activation_forward with sigmoid", reveal=True, inputs={"Z": W @ A_prev + b})
A, cache = linear_activation_forward(A_prev, W, b, "relu")
expected = np.array([[3.4389613134945427, 0.0]])  # ref: linear_activation_forward(A_prev, W, b, "relu")[0]
C.expect_array(A, expected, "A of linear_activation_forward with relu", reveal=True, inputs={"Z": W @ A_prev + b})
C.expect_type(cache, tuple, "cache of linear_activation_forward")
C.expect_true(len(cache) == 2, "cache of linear_activation_forward",
              f"should be the tuple (linear_cache, activation_cache), but it has {len(cache)} elements; "
              "return (linear_cache, Z): the cache of linear_forward, then Z")
C.expect_type(cache[0], tuple, "linear_cache (the first element of the cache)")
expected = np.array([[3.4389613134945427, -2.089384360040248]])  # ref: linear_activation_forward(A_prev, W, b, "relu")[1][1]
C.expect_array(cache[1], expected, "activation_cache (the second element of the cache), which should be Z", reveal=True)
C.passed("linear_activation_forward")
### BEGIN HIDDEN TESTS
def _check_layer_cache(got, A_prev, W, b, Z, what):
    C.expect_type(got, tuple, what)
    C.expect_true(len(got) == 2, what, f"should be the tuple (linear_cache, activation_cache), but it has {len(got)} elements; "
                  "return (linear_cache, Z), in that order: linear_forward's cache, then Z")
    C.expect_type(got[0], tuple, f"{what}: linear_cache")
    C.expect_true(len(got[0]) == 3, f"{what}: linear_cache", "should be the tuple (A_prev, W, b)")
    for _name, _got, _given in zip(("A_prev", "W", "b"), got[0], (A_prev, W, b)):
        C.expect_array(_got, _given, f"{what}: linear_cache, element {_name}")
    C.expect_array(got[1], Z, f"{what}: activation_cache (should be Z)")


_rs = np.random.RandomState(22)
_Ap, _W, _b = _rs.randn(3, 5), _rs.randn(4, 3), _rs.randn(4, 1)
_eZ = np.array([[-0.2600746747371828, -0.5481516233144547, 1.4986166934545024, 1.5724644831849313, -1.5097040891126432], [0.3173299597463475, -5.1100171801986685, 3.2919971712338816, -0.9856517068989953, -2.968062452818126], [0.8279621630225767, 1.6915563188692493, -0.7943804038439636, 0.2552977413447489, 0.8145400680433441], [1.78283337087321, 1.4617337804938302, 3.1505650663899947, 2.9159580375229384, 1.247526031189271]])  # ref: _W @ _Ap + _b
with C.unchanged("linear_activation_forward with W (4, 3), A_prev (3, 5)", A_prev=_Ap, W=_W, b=_b):
    _As, _cs = linear_activation_forward(_Ap, _W, _b, "sigmoid")
    _Ar, _cr = linear_activation_forward(_Ap, _W, _b, activation="relu")
_eAs = np.array([[0.43534535158115256, 0.3662933527350318, 0.8173680702884681, 0.828134656068584, 0.18098265127023988], [0.578673405416371, 0.005999764767902292, 0.9641532439052497, 0.27177180200729695, 0.04888973933067498], [0.695923867575068, 0.844428721317584, 0.3112288865048984, 0.5634800231697941, 0.6930761205479735], [0.8560463773282259, 0.8117977087729437, 0.9589309812162742, 0.9486296853668489, 0.7768713115508467]])  # ref: linear_activation_forward(_Ap, _W, _b, "sigmoid")[0]
_eAr = np.array([[0.0, 0.0, 1.4986166934545024, 1.5724644831849313, 0.0], [0.3173299597463475, 0.0, 3.2919971712338816, 0.0, 0.0], [0.8279621630225767, 1.6915563188692493, 0.0, 0.2552977413447489, 0.8145400680433441], [1.78283337087321, 1.4617337804938302, 3.1505650663899947, 2.9159580375229384, 1.247526031189271]])  # ref: linear_activation_forward(_Ap, _W, _b, "relu")[0]
C.expect_array(_As, _eAs, "A of linear_activation_forward with sigmoid, W (4, 3), A_prev (3, 5)", inputs={"Z": _eZ})
C.expect_array(_Ar, _eAr, "A of linear_activation_forward with relu, W (4, 3), A_prev (3, 5)", inputs={"Z": _eZ})
_check_layer_cache(_cs, _Ap, _W, _b, _eZ, "cache of linear_activation_forward with sigmoid")
_check_layer_cache(_cr, _Ap, _W, _b, _eZ, "cache of linear_activation_forward with relu")
_Ap1, _W1, _b1 = _rs.randn(2, 1), _rs.randn(3, 2), _rs.randn(3, 1)
_eA1 = np.array([[0.0], [0.9113975535443364], [0.004424145896379628]])  # ref: linear_activation_forward(_Ap1, _W1, _b1, "relu")[0]
C.expect_array(C.call("linear_activation_forward with relu on a single example (m = 1)", linear_activation_forward, _Ap1, _W1, _b1, "relu")[0], _eA1, "A of linear_activation_forward with relu on a single example (m = 1)")
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 5: `L_model_forward`
#
# The whole forward pass: $L-1$ layers *LINEAR → RELU*, then one *LINEAR → SIGMOID*.
#
# - $L$ is the number of layers with weights: `parameters` holds two arrays per layer, so
#   $L$ is half its length;
# - start from `A = X`; in a loop over $l = 1, \dots, L-1$, feed the previous layer's output
#   into `linear_activation_forward(..., "relu")` with `W{l}`, `b{l}`;
# - then layer $L$ with `"sigmoid"`, whose output is `AL`;
# - append every layer's cache to the list `caches`, so `caches[l - 1]` belongs to layer $l$.
#
# Watch the loop bounds: a bug there often only shows with three layers or more.

# %% nbgrader={"grade": false, "grade_id": "L_model_forward", "locked": false, "schema_version": 3, "solution": true, "task": false}
def L_model_forward(X, parameters):
    """Forward pass of [LINEAR -> RELU] * (L - 1) -> LINEAR -> SIGMOID.

    Arguments:
    X -- (n_x, m) input, one example per column
    parameters -- dict with "W{l}" of shape (n_l, n_{l-1}) and "b{l}" of shape (n_l, 1),
                  for l = 1..L (as from initialize_parameters_deep)

    Returns:
    AL -- (1, m) output of the sigmoid layer (n_L = 1 for a yes/no classifier)
    caches -- list of L caches, caches[l - 1] from linear_activation_forward for layer l
    """
    ### BEGIN SOLUTION
    caches = []
    L = len(parameters) // 2
    A = X
    for l in range(1, L):
        A_prev = A
        A, cache = linear_activation_forward(A_prev, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters[f"W{L}"], parameters[f"b{L}"], "sigmoid")
    caches.append(cache)
    return AL, caches
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_L_model_forward", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
"""L_model_forward: ReLU layers then a sigmoid layer, AL of shape (1, m), a list of L caches."""
### BEGIN HIDDEN TESTS
# Grade this function alone: while this cell runs, the helpers it may call are correct
# ones; the learner's own come back afterwards, even when a check fails.
def _ref_linear_forward(A, W, b):
    return W @ A + b, (A, W, b)


def _ref_linear_activation_forward(A_prev, W, b, activation):
    from nndl import activations as _act
    _Zr, _lc = _ref_linear_forward(A_prev, W, b)
    _Ar, _ac = {"relu": _act.relu, "sigmoid": _act.sigmoid}[activation](_Zr)
    return _Ar, (_lc, _ac)


C.grade_alone(globals(), linear_forward=_ref_linear_forward,
                             linear_activation_forward=_ref_linear_activation_forward)
### END HIDDEN TESTS
rs = np.random.RandomState(3)
X = rs.randn(5, 4)
parameters = {"W1": rs.randn(4, 5), "b1": rs.randn(4, 1), "W2": rs.randn(3, 4), "b2": rs.randn(3, 1),
              "W3": rs.randn(1, 3), "b3": rs.randn(1, 1)}
AL, caches = L_model_forward(X, parameters)
expected = np.array([[0.23158097727661658, 0.145737595111732, 0.48874776852460083, 0.9658083149467338]])  # ref: L_model_forward(X, parameters)[0]
C.expect_array(AL, expected, "AL of L_model_forward on a 3-layer network", reveal=True)
C.expect_type(caches, list, "caches of L_model_forward")
C.expect_true(len(caches) == 3, "caches of L_model_forward on a 3-layer network",
              f"should hold one cache per layer (3), but it holds {len(caches)}")
C.passed("L_model_forward")
### BEGIN HIDDEN TESTS
def _forward_case(dims, seed, m):
    _r = np.random.RandomState(seed)
    _p = {}
    for _l in range(1, len(dims)):
        _p[f"W{_l}"] = _r.randn(dims[_l], dims[_l - 1]) * 1.5 / np.sqrt(dims[_l - 1])
        _p[f"b{_l}"] = _r.randn(dims[_l], 1) * 0.5
    return _r.randn(dims[0], m), _p


def _check_forward(X, P, eAL, eA, eZ, what):
    L = len(P) // 2
    with C.unchanged(f"L_model_forward {what}", X=X, parameters=P):
        _AL, _caches = L_model_forward(X, P)
    C.expect_array(_AL, eAL, f"AL of L_model_forward {what}")
    C.expect_type(_caches, list, f"caches of L_model_forward {what}")
    C.expect_true(len(_caches) == L, f"caches of L_model_forward {what}",
                  f"should hold one cache per layer ({L}), but it holds {len(_caches)}")
    for _l in range(1, L + 1):
        _c, _w = _caches[_l - 1], f"caches[{_l - 1}] (layer {_l}) of L_model_forward {what}"
        C.expect_type(_c, tuple, _w)
        C.expect_true(len(_c) == 2 and isinstance(_c[0], tuple) and len(_c[0]) == 3, _w,
                      "should be ((A_prev, W, b), Z); append the whole cache linear_activation_forward returns")
        C.expect_array(_c[0][0], eA[_l - 1], f"{_w}: A_prev")
        C.expect_array(_c[0][1], P[f"W{_l}"], f"{_w}: W")
        C.expect_array(_c[0][2], P[f"b{_l}"], f"{_w}: b")
        C.expect_array(_c[1], eZ[_l - 1], f"{_w}: Z")


# 2 layers, one example
_X2, _P2 = _forward_case([3, 4, 1], 40, 1)
_eAL2 = np.array([[0.4419927419870777]])  # ref: L_model_forward(_X2, _P2)[0]
_eA2 = [np.array([[0.10895031182666172], [0.03172678585903451], [1.2726398630294582]]), np.array([[0.0], [0.0], [0.504044725743002], [0.31853320668399543]])]  # ref: [c[0][0] for c in L_model_forward(_X2, _P2)[1]]
_eZ2 = [np.array([[-0.5211803128421479], [-0.03512863759074236], [0.504044725743002], [0.31853320668399543]]), np.array([[-0.23307850838917638]])]  # ref: [c[1] for c in L_model_forward(_X2, _P2)[1]]
_check_forward(_X2, _P2, _eAL2, _eA2, _eZ2, "on a 2-layer network with m = 1")
# 3 layers of equal width: a loop that reuses X or skips a layer gives wrong values, not an error
_X3, _P3 = _forward_case([4, 4, 4, 1], 41, 7)
_eAL3 = np.array([[0.6146948811589901, 0.6146948811589901, 0.6146948811589901, 0.6146948811589901, 0.5918094158395535, 0.39842538432093577, 0.32449754564281724]])  # ref: L_model_forward(_X3, _P3)[0]
_eA3 = [np.array([[0.05865553231659231, 1.609714279427906, 0.8599067438306581, -0.9852030368738226, -0.9583683207781137, 0.44910865087027835, -0.9424625600410473], [0.15890944733702717, 0.3880756169024742, 0.43733776340401437, 0.41822955117427063, -0.7321849929469287, -1.428282966236802, -2.0092173540052913], [-0.23343958285250296, 1.8039523690390284, -1.948670660022758, 1.3678510116580451, -1.858739421184189, -1.2339507276949715, -0.5075697635372414], [1.4071714981571437, -0.9410970527102839, 0.8735047328229838, 1.1351001937511773, 1.1659844009871128, 0.049214492333626694, 0.5109467426852569]]), np.array([[0.0, 0.3907830120171742, 0.0, 0.0, 0.0, 0.0, 0.0], [1.496185184925387, 0.3512477148715482, 1.501345954402648, 0.5041352253783403, 1.803210892823392, 2.2113693308614586, 2.262465657068086], [0.0, 0.0, 0.0, 0.0, 2.087923849732802, 1.8399541926558194, 2.884050929260761], [1.702169577884478, 0.0, 2.1034653148187687, 0.8253888267651457, 3.3648880764534557, 1.1281425857766716, 1.7800570016136712]]), np.array([[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 0.17870949907685352, 1.6426936441062314, 2.2427801820004407]])]  # ref: [c[0][0] for c in L_model_forward(_X3, _P3)[1]]
_eZ3 = [np.array([[-1.3246006733564955, 0.3907830120171742, -1.4173610727808983, -0.6026035864963861, -1.3262095368576503, -0.7743921245116099, -0.7214499167803298], [1.496185184925387, 0.3512477148715482, 1.501345954402648, 0.5041352253783403, 1.803210892823392, 2.2113693308614586, 2.262465657068086], [-0.35211790362858897, -1.0910037905554728, -0.16304154087390144, -0.061244141627556314, 2.087923849732802, 1.8399541926558194, 2.884050929260761], [1.702169577884478, -2.790394875480046, 2.1034653148187687, 0.8253888267651457, 3.3648880764534557, 1.1281425857766716, 1.7800570016136712]]), np.array([[-3.7566458975643986, -1.1899264924518527, -4.218010549179963, -1.7404176623589525, -6.478811665748133, -4.295004667937416, -5.346906819109983], [-3.6709584923615353, -1.1842299353541084, -3.81237422940264, -2.0212993321878567, -4.22551943611826, -4.0846535855459924, -4.161825666424946], [-1.6725378948478178, -0.44631555860442834, -1.6104402499923252, -0.7925216405040654, -0.12095944419274285, -1.1084045699844807, -0.2566075920149705], [-0.8818410986424957, -0.495830412526021, -1.1487442695978511, -0.7853011656438349, 0.17870949907685352, 1.6426936441062314, 2.2427801820004407]]), np.array([[0.4670904796148534, 0.4670904796148534, 0.4670904796148534, 0.4670904796148534, 0.3714504669702886, -0.4120303377173169, -0.7331788181758396]])]  # ref: [c[1] for c in L_model_forward(_X3, _P3)[1]]
_check_forward(_X3, _P3, _eAL3, _eA3, _eZ3, "on a 3-layer network with equal widths [4, 4, 4, 1], m = 7")
# 4 layers, all widths different
_X4, _P4 = _forward_case([6, 5, 4, 3, 1], 43, 7)
_eAL4 = np.array([[0.3861205765739148, 0.47070443074816787, 0.3861205765739148, 0.47001116272006926, 0.45881723393808227, 0.4699315543594936, 0.4707081282628024]])  # ref: L_model_forward(_X4, _P4)[0]
_eA4 = [np.array([[0.832892162099332, 0.9741195783904064, 0.16281815769810043, -0.11449202010433539, 1.1864684326166455, 0.17979165086317853, 1.5164416176334854], [-1.6340320196281182, 1.7819709009957654, -0.6177277008871878, -1.0863992928587567, -0.044753328004711504, -1.1637024197482566, 0.5689394950042188], [-0.46264385554042636, 0.28735510483252746, -0.9773387108382874, -0.2224362584359336, 0.09693176788019556, -0.18838434888047959, 1.5916021583729445], [0.5858108272747818, 0.20367539201504153, -1.8565207003985744, 0.3781894561704642, 1.2361403151716697, -0.6899718035350298, -0.19835469221174665], [-3.0257398729225997, -1.2456262234117363, -2.0840394715133215, 0.10412164629262519, -0.15023349407133077, -0.10581650311071217, -0.43695413897586405], [1.019136316265232, -1.2328032263309723, -0.07412453829944396, 0.5963891827515404, -0.17939256213126978, -0.09079506777435305, -0.8250796289156435]]), np.array([[0.0, 0.0, 0.0, 0.0, 0.0, 0.2088400519119098, 0.0], [0.0, 2.982659847269833, 0.0, 0.0, 0.4351359508204962, 0.0, 2.713763914383621], [0.0, 0.0, 0.0, 0.42297257295713, 0.0, 0.2661306107150181, 0.0], [0.0, 0.0, 0.0, 0.7161196610700385, 0.0, 0.5562911948348507, 0.0], [0.0, 0.0, 0.0, 0.0, 0.10786727315995259, 0.0, 0.0]]), np.array([[0.2570643828367782, 0.0, 0.2570643828367782, 0.32791801361448547, 0.0, 0.48591558124503476, 0.0], [0.4258954322215351, 2.456713943718243, 0.4258954322215351, 1.7495669766389923, 0.6791178865468184, 1.590539064983078, 2.273629426497364], [0.4793367186367149, 0.0, 0.4793367186367149, 0.11773609016415826, 0.3610500797447534, 0.07825726563781982, 0.0], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]]), np.array([[0.5625732275742914, 0.2625260301560652, 0.5625732275742914, 0.39656093374728146, 0.4428440641941095, 0.41195365999137373, 0.2618112199211429], [0.4084547618494173, 0.0, 0.4084547618494173, 0.0, 0.05289655528704118, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]])]  # ref: [c[0][0] for c in L_model_forward(_X4, _P4)[1]]
_eZ4 = [np.array([[-1.5959166668907008, -2.0178097047710506, -0.5762798857122302, -0.2860401842149105, -0.9529821957810799, 0.2088400519119098, -1.1062891638941617], [-0.9427317435687366, 2.982659847269833, -0.14184226217497703, -1.0978906740624619, 0.4351359508204962, -0.9367073591902315, 2.713763914383621], [-4.213374417799589, -2.9432541731218818, -2.5046471746350845, 0.42297257295713, -1.4328357054146688, 0.2661306107150181, -1.6288723706028903], [-3.9935027422169433, -2.9192247673728446, -2.328107903742446, 0.7161196610700385, -0.9248788300915736, 0.5562911948348507, -1.55039992224647], [-1.029619482460034, -0.07897379941879737, -1.6313876149671747, -0.3110552945001467, 0.10786727315995259, -1.111856411430413, -0.5361218615381085]]), np.array([[0.2570643828367782, -3.8387710054429958, 0.2570643828367782, 0.32791801361448547, -0.22983444328511077, 0.48591558124503476, -3.4695188834861557], [0.4258954322215351, 2.456713943718243, 0.4258954322215351, 1.7495669766389923, 0.6791178865468184, 1.590539064983078, 2.273629426497364], [0.4793367186367149, -0.8329953438724175, 0.4793367186367149, 0.11773609016415826, 0.3610500797447534, 0.07825726563781982, -0.714684583586464], [-0.31324202456349187, -2.449553344580793, -0.31324202456349187, -1.0017593181192856, -0.7324348044496494, -0.8433636606080313, -2.256958327131102]]), np.array([[0.5625732275742914, 0.2625260301560652, 0.5625732275742914, 0.39656093374728146, 0.4428440641941095, 0.41195365999137373, 0.2618112199211429], [0.4084547618494173, -2.3795328991619957, 0.4084547618494173, -1.3864478889451821, 0.05289655528704118, -1.1491713479802887, -2.1243575397445964], [-1.193360826240201, -1.0023201520130465, -1.193360826240201, -1.1451557542710884, -0.9952700915013684, -1.156911312750408, -0.9653587431098503]]), np.array([[-0.4636488348475449, -0.1173166464036811, -0.4636488348475449, -0.12009949969808761, -0.16510510423059876, -0.12041908584908685, -0.11730180540358462]])]  # ref: [c[1] for c in L_model_forward(_X4, _P4)[1]]
_check_forward(_X4, _P4, _eAL4, _eA4, _eZ4, "on a 4-layer network [6, 5, 4, 3, 1], m = 7")
### END HIDDEN TESTS

# %% [markdown]
# ## 4. The cost
#
# ### Exercise 6: `compute_cost`
#
# The cross-entropy cost, the mean over the $m$ examples of each example's loss:
#
# $$J = -\frac{1}{m} \sum_{i=1}^{m} \Big( y^{(i)} \log a^{[L](i)} + (1 - y^{(i)}) \log\big(1 - a^{[L](i)}\big) \Big)$$
#
# Return a single number: `np.squeeze` turns a $(1, 1)$ array (what a dot product of a row
# with a column gives) into a 0-d array.

# %% nbgrader={"grade": false, "grade_id": "compute_cost", "locked": false, "schema_version": 3, "solution": true, "task": false}
def compute_cost(AL, Y):
    """Mean cross-entropy of the predictions AL against the labels Y.

    Arguments:
    AL -- (1, m) predicted probabilities, strictly between 0 and 1
    Y -- (1, m) true labels, 0 or 1

    Returns:
    cost -- scalar (a 0-d array after np.squeeze, or a float), the mean cross-entropy
    """
    ### BEGIN SOLUTION
    m = Y.shape[1]
    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    return np.squeeze(cost)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_compute_cost", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
"""compute_cost: the mean cross-entropy as a single number (not a (1, 1) array)."""
Y = np.array([[1, 1, 0]])
AL = np.array([[0.8, 0.9, 0.4]])
expected = np.float64(0.2797765635793423)  # ref: compute_cost(AL, Y)
C.expect_scalar(compute_cost(AL, Y), expected, "compute_cost on AL = [[0.8, 0.9, 0.4]], Y = [[1, 1, 0]]", reveal=True,
                inputs={"A": AL, "Y": Y})
C.passed("compute_cost")
### BEGIN HIDDEN TESTS
_rs = np.random.RandomState(60)
_AL = _rs.uniform(0.05, 0.95, size=(1, 6))
_Y = np.array([[1, 0, 0, 1, 1, 0]])
with C.unchanged("compute_cost on m = 6 examples with integer labels", AL=_AL, Y=_Y):
    _cost = compute_cost(_AL, _Y)
_e = 0.5560641893230395  # ref: float(compute_cost(_AL, _Y))
C.expect_scalar(_cost, _e, "compute_cost on m = 6 examples with integer labels", inputs={"A": _AL, "Y": _Y})
_e1 = 2.3025850929940455  # ref: float(compute_cost(np.array([[0.1]]), np.array([[1.0]])))
C.expect_scalar(C.call("compute_cost on a single example (m = 1)", compute_cost, np.array([[0.1]]), np.array([[1.0]])), _e1, "compute_cost on a single example (m = 1)")
_e0 = 1.203972804325936  # ref: float(compute_cost(np.array([[0.7, 0.7]]), np.array([[0.0, 0.0]])))
C.expect_scalar(C.call("compute_cost when every label is 0", compute_cost, np.array([[0.7, 0.7]]), np.array([[0.0, 0.0]])), _e0, "compute_cost when every label is 0")
### END HIDDEN TESTS

# %% [markdown]
# ## 5. Backward propagation
#
# The backward pass computes, for every parameter, how the cost changes when that parameter
# changes. It runs the chain rule through the same blocks as the forward pass, from the
# output back to the input.
#
# **A convention.** Here `dA` and `dZ` hold, column by column, the derivatives of **each
# example's** loss $\mathcal{L}^{(i)}$ with respect to that example's activations. The
# average over the examples (the $\frac{1}{m}$ of $J$) enters only where the examples
# meet: in $dW$ and $db$, since every example uses the same $W$ and $b$. So $dW^{[l]}$ and
# $db^{[l]}$ are exactly $\partial J / \partial W^{[l]}$ and $\partial J / \partial b^{[l]}$.
#
# ### Exercise 7: `linear_backward`
#
# Given $dZ^{[l]}$, of shape $(n^{[l]}, m)$, and the cache $(A^{[l-1]}, W^{[l]}, b^{[l]})$ of
# the linear step $Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}$:
#
# $$dW^{[l]} = \frac{1}{m}\, dZ^{[l]} A^{[l-1]\,T} \qquad\qquad (n^{[l]}, n^{[l-1]}),\ \text{like } W^{[l]}$$
#
# $$db^{[l]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[l](i)} \qquad\qquad (n^{[l]}, 1),\ \text{like } b^{[l]}$$
#
# $$dA^{[l-1]} = W^{[l]\,T} dZ^{[l]} \qquad\qquad (n^{[l-1]}, m),\ \text{like } A^{[l-1]}$$
#
# $db$ adds up each row of $dZ$ (one unit, summed over the $m$ examples) and must stay a
# column of shape $(n^{[l]}, 1)$: a plain sum over that axis gives a rank-1 array of shape
# $(n^{[l]},)$ instead (notebook 01 showed how to keep the axis). A gradient always has the
# shape of what it is the gradient of: a quick check of all three formulas.

# %% nbgrader={"grade": false, "grade_id": "linear_backward", "locked": false, "schema_version": 3, "solution": true, "task": false}
def linear_backward(dZ, cache):
    """Backward step of the linear part Z = W A_prev + b.

    Arguments:
    dZ -- (n, m) gradient of the loss with respect to Z
    cache -- tuple (A_prev, W, b) from linear_forward: A_prev (n_prev, m), W (n, n_prev),
             b (n, 1)

    Returns:
    dA_prev -- (n_prev, m) gradient with respect to A_prev, W^T dZ
    dW -- (n, n_prev) gradient of the cost with respect to W, dZ A_prev^T / m
    db -- (n, 1) gradient of the cost with respect to b, row sums of dZ / m
    """
    ### BEGIN SOLUTION
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_linear_backward", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
"""linear_backward: dA_prev = W^T dZ, dW = dZ A_prev^T / m, db = row sums / m, each shaped like its variable."""
rs = np.random.RandomState(7)
dZ, A_prev, W, b = rs.randn(3, 4), rs.randn(5, 4), rs.randn(3, 5), rs.randn(3, 1)
dA_prev, dW, db = linear_backward(dZ, (A_prev, W, b))
expected = np.array([[0.41623119498365385], [-0.6356180369807857], [0.2052948216051404]])  # ref: linear_backward(dZ, (A_prev, W, b))[2]
C.expect_array(db, expected, "db of linear_backward", reveal=True)
expected = np.array([[0.09395267446312924, 0.06668393632390662, 0.8832033841663403,
                      -0.08665653517886783, 0.5951902756050678],
                     [0.5377680016120027, 0.5602800077093647, -1.215518462397801, 1.01213313516939,
                      -0.677495402638258],
                     [0.18960028964384892, 0.1822452086396169, 0.4166426854691027,
                      -0.06783003597313567, 0.2745671731232255]])  # ref: linear_backward(dZ, (A_prev, W, b))[1]
C.expect_array(dW, expected, "dW of linear_backward", reveal=True)
C.expect_shape(dA_prev, (5, 4), "dA_prev of linear_backward")
expected = np.array([-3.366479235054567, 1.1134379562275525, -0.4107726568542869, -3.3356543845197733])  # ref: linear_backward(dZ, (A_prev, W, b))[0][0]
C.expect_array(dA_prev[0], expected, "first row of dA_prev of linear_backward", reveal=True)
C.passed("linear_backward")
### BEGIN HIDDEN TESTS
def _check_linear_backward(dZ, cache, e_dA, e_dW, e_db, what):
    with C.unchanged(f"linear_backward {what}", dZ=dZ, cache=cache):
        _out = linear_backward(dZ, cache)
    C.expect_type(_out, tuple, f"linear_backward {what}")
    C.expect_true(len(_out) == 3, f"linear_backward {what}", "should return the tuple (dA_prev, dW, db)")
    C.expect_array(_out[2], e_db, f"db of linear_backward {what}")
    C.expect_array(_out[1], e_dW, f"dW of linear_backward {what}")
    C.expect_array(_out[0], e_dA, f"dA_prev of linear_backward {what}")


_rs = np.random.RandomState(70)
# rectangular: n = 2, n_prev = 3, m = 6
_dZ, _c = _rs.randn(2, 6), (_rs.randn(3, 6), _rs.randn(2, 3), _rs.randn(2, 1))
_e = (np.array([[0.6925660486028892, 0.007422082117809331, 2.0488529824845787, 1.1126222217471824, 1.3353869328030006, -2.0631358144020004], [2.0991837218594194, 0.2820682842284565, 1.0219348351433306, 0.5847278765108206, 1.2095029052973039, -0.6572844715159767], [3.6150467801096604, 0.5367153495172564, 0.7413356982836884, 0.4596914381312357, 1.5257286122986404, -0.03327563630158783]]), np.array([[-0.07571423630910225, 0.06875463473201264, 0.21066271971029552], [0.23037824518273733, -0.9826654025361955, 0.6558967998362489]]), np.array([[0.10489842503575299], [-1.0726480975137649]]))  # ref: linear_backward(_dZ, _c)
_check_linear_backward(_dZ, _c, *_e, "with dZ (2, 6), A_prev (3, 6), W (2, 3)")
# a square, non-symmetric W: using W instead of W^T gives wrong values without an error
_dZs, _cs = _rs.randn(3, 5), (_rs.randn(3, 5), _rs.randn(3, 3), _rs.randn(3, 1))
_es = (np.array([[-0.3078792506234711, 0.13029177388282495, 0.4665040105445561, -0.4303146143181323, 0.28908582467995303], [-0.09790587210982793, -0.21026423869609234, -0.8728830296328621, -1.473155231269602, 4.716233637067358], [0.6533629930554846, 1.0730483611826749, -0.26667011840753096, 0.3681874868497898, 0.23518494779430635]]), np.array([[-0.34278467200463547, -0.32724402026414884, -0.3216003602600592], [0.25655076688205314, -0.1363189603751156, -0.08110696979598422], [0.17010489772075055, -0.2620848899088781, -0.2790034106300691]]), np.array([[0.10908759986821903], [0.34788531058554945], [0.3158077255353779]]))  # ref: linear_backward(_dZs, _cs)
_check_linear_backward(_dZs, _cs, *_es, "with a square W (3, 3), m = 5")
# a single example
_dZ1, _c1 = _rs.randn(4, 1), (_rs.randn(2, 1), _rs.randn(4, 2), _rs.randn(4, 1))
_e1 = (np.array([[4.761201095541495], [-2.904356902941579]]), np.array([[-0.635029587544318, 0.5197787565309132], [-0.15394858847699502, 0.12600862614559247], [1.5727981169534195, -1.2873526927548984], [0.11413830164817464, -0.09342346509027527]]), np.array([[0.8877144119961022], [0.21520632011173504], [-2.198630714167224], [-0.15955510943302612]]))  # ref: linear_backward(_dZ1, _c1)
_check_linear_backward(_dZ1, _c1, *_e1, "on a single example (m = 1)")
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 8: `linear_activation_backward`
#
# One whole layer backward: first through the activation, then through the linear part.
# With $A^{[l]} = g(Z^{[l]})$, the chain rule gives, elementwise ($\odot$),
#
# $$dZ^{[l]} = dA^{[l]} \odot g'(Z^{[l]}),$$
#
# where, for the two activations,
#
# $$\text{ReLU: } g'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases} \qquad\qquad
# \text{sigmoid: } g'(z) = \sigma(z)\,\big(1 - \sigma(z)\big).$$
#
# The provided `relu_backward(dA, activation_cache)` and `sigmoid_backward(dA, activation_cache)`
# compute this $dZ$ from the $Z$ in the activation cache; `linear_backward` does the rest.

# %% nbgrader={"grade": false, "grade_id": "linear_activation_backward", "locked": false, "schema_version": 3, "solution": true, "task": false}
def linear_activation_backward(dA, cache, activation):
    """Backward step of one LINEAR -> ACTIVATION layer.

    Arguments:
    dA -- (n, m) gradient of the loss with respect to this layer's output A
    cache -- tuple (linear_cache, activation_cache) from linear_activation_forward:
             linear_cache = (A_prev, W, b), activation_cache = Z of shape (n, m)
    activation -- "relu" or "sigmoid", the activation this layer used

    Returns:
    dA_prev -- (n_prev, m) gradient with respect to the previous layer's output
    dW -- (n, n_prev) gradient of the cost with respect to W
    db -- (n, 1) gradient of the cost with respect to b
    """
    ### BEGIN SOLUTION
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
    else:
        raise ValueError(f"activation must be 'relu' or 'sigmoid', not {activation!r}")
    return linear_backward(dZ, linear_cache)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_linear_activation_backward", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
"""linear_activation_backward: the right activation's derivative, then the linear step, for both activations."""
### BEGIN HIDDEN TESTS
# Grade this function alone: while this cell runs, the linear_backward it calls is a
# correct one; the learner's own comes back when the cell ends, even when a check fails.
def _ref_linear_backward(dZ, cache):
    _Ap, _Wc, _bc = cache
    return _Wc.T @ dZ, dZ @ _Ap.T / _Ap.shape[1], dZ.sum(axis=1, keepdims=True) / _Ap.shape[1]


C.grade_alone(globals(), linear_backward=_ref_linear_backward)
### END HIDDEN TESTS
rs = np.random.RandomState(8)
dA, A_prev, W, b, Z = rs.randn(1, 3), rs.randn(2, 3), rs.randn(1, 2), rs.randn(1, 1), rs.randn(1, 3)
Z = np.array([[0.8, -0.4, 1.3]])  # both signs: relu lets the gradient through where Z > 0 only
cache = ((A_prev, W, b), Z)
dA_prev, dW, db = linear_activation_backward(dA, cache, "sigmoid")
expected = np.array([[-0.4729349177553439, 0.11709485409120497]])  # ref: linear_activation_backward(dA, cache, "sigmoid")[1]
C.expect_array(dW, expected, "dW of linear_activation_backward with sigmoid", reveal=True)
expected = np.array([[-0.015323312740066042]])  # ref: linear_activation_backward(dA, cache, "sigmoid")[2]
C.expect_array(db, expected, "db of linear_activation_backward with sigmoid", reveal=True)
dA_prev, dW, db = linear_activation_backward(dA, cache, "relu")
expected = np.array([[-1.6061058181645675, -0.4633063354936702]])  # ref: linear_activation_backward(dA, cache, "relu")[1]
C.expect_array(dW, expected, "dW of linear_activation_backward with relu", reveal=True)
expected = np.array([[-0.6185885308009088]])  # ref: linear_activation_backward(dA, cache, "relu")[2]
C.expect_array(db, expected, "db of linear_activation_backward with relu", reveal=True)
expected = np.array([[0.0890542093988615, 0.0, -1.9010628837958725], [-0.10793413761270933, 0.0, 2.3040975187486303]])  # ref: linear_activation_backward(dA, cache, "relu")[0]
C.expect_array(dA_prev, expected, "dA_prev of linear_activation_backward with relu", reveal=True)
C.passed("linear_activation_backward")
### BEGIN HIDDEN TESTS
_rs = np.random.RandomState(80)
_dA, _Ap, _W, _b, _Z = _rs.randn(4, 5), _rs.randn(3, 5), _rs.randn(4, 3), _rs.randn(4, 1), _rs.randn(4, 5)
_cache = ((_Ap, _W, _b), _Z)
_e_sigmoid = (np.array([[0.4156198321586112, -0.6268782392127219, 0.22388377200579543, -0.07101642555202937, -0.4629762692698936], [0.033660137097474854, -0.8094490307073257, -0.05056280327268332, -0.12493339737740752, -0.9195390371314418], [0.3838283183385968, -0.07270659908449033, -0.18914830804525837, -0.10096318351245605, 0.21968502929901165]]), np.array([[-0.011510282889721741, 0.08306756423938116, 0.0202506261871448], [-0.06757892126034543, -0.11076926889772061, 0.06988464109978351], [0.03590006798112341, -0.06284881578242094, 0.12738526686567897], [-0.11458692661767178, 0.12078823898661399, 0.22414776428005823]]), np.array([[0.11793551361378704], [-0.08982672542736862], [-0.07638319860832474], [-0.08570879097091458]]))  # ref: linear_activation_backward(_dA, _cache, "sigmoid")
_e_relu = (np.array([[0.6755341783821642, -1.932187668198023, 1.0909163664267003, -1.160292107226633, -1.9602572097982358], [-1.8766087782668055, -0.4470583875541482, 0.8096288273550122, -0.3504259525533259, -3.950892609355911], [1.681595582539841, -0.7034050743477891, -1.6062581340106021, -0.4722945067268636, 0.9298453539091973]]), np.array([[-0.30471582620224624, -0.07009526760844613, 0.0543586400009878], [-0.1821488328595212, -0.42438257109363803, 0.02888574177690128], [-0.09525087771880057, -0.12755194431854086, 0.6773569987121875], [-0.7167986298190551, 0.7224969254084455, 0.5471949278709075]]), np.array([[0.24029185453719895], [-0.27999274776027694], [-0.4541739787089235], [-0.31751599870912833]]))  # ref: linear_activation_backward(_dA, _cache, "relu")
for _act, _e in (("sigmoid", _e_sigmoid), ("relu", _e_relu)):
    with C.unchanged(f"linear_activation_backward with {_act}, W (4, 3), m = 5", dA=_dA, cache=_cache):
        _out = linear_activation_backward(_dA, _cache, _act)
    C.expect_type(_out, tuple, f"linear_activation_backward with {_act}")
    C.expect_true(len(_out) == 3, f"linear_activation_backward with {_act}", "should return the tuple (dA_prev, dW, db)")
    for _name, _got, _exp in zip(("dA_prev", "dW", "db"), _out, _e):
        C.expect_array(_got, _exp, f"{_name} of linear_activation_backward with {_act}, W (4, 3), m = 5")
_dA1, _Ap1, _W1, _b1, _Z1 = _rs.randn(2, 1), _rs.randn(3, 1), _rs.randn(2, 3), _rs.randn(2, 1), np.array([[0.7], [-0.2]])
_e1 = (np.array([[-0.05620977112330797], [-0.08132070433735127], [-0.4247738418426784]]), np.array([[-1.2923836856729556, -0.5419406356107236, 0.3783991132491982], [0.0, 0.0, 0.0]]), np.array([[1.0654125707553213], [0.0]]))  # ref: linear_activation_backward(_dA1, ((_Ap1, _W1, _b1), _Z1), "relu")
_out1 = C.call("linear_activation_backward with relu on a single example (m = 1)", linear_activation_backward, _dA1, ((_Ap1, _W1, _b1), _Z1), "relu")
C.expect_true(isinstance(_out1, tuple) and len(_out1) == 3, "linear_activation_backward on m = 1",
              "should return the tuple (dA_prev, dW, db)")
for _name, _got, _exp in zip(("dA_prev", "dW", "db"), _out1, _e1):
    C.expect_array(_got, _exp, f"{_name} of linear_activation_backward with relu on a single example (m = 1)")
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 9: `L_model_backward`
#
# The whole backward pass. It starts at the output, with the derivative of each example's
# loss $\mathcal{L} = -\big(y \log a + (1-y) \log(1-a)\big)$ with respect to $a = a^{[L]}$:
#
# $$dA^{[L]} = -\left(\frac{Y}{A^{[L]}} - \frac{1 - Y}{1 - A^{[L]}}\right) \qquad \text{(elementwise)}$$
#
# Then:
#
# 1. layer $L$, the sigmoid layer, with `caches[L - 1]`: gives `dA{L-1}`, `dW{L}`, `db{L}`;
# 2. layers $l = L-1, \dots, 1$, going down, ReLU, with `caches[l - 1]` and the `dA{l}` the
#    layer above just produced: gives `dA{l-1}`, `dW{l}`, `db{l}`.
#
# Store everything in the dict `grads` under those names (`grads["dW" + str(l)]`, ...), so
# the keys are `dA0` ... `dA{L-1}`, `dW1` ... `dW{L}` and `db1` ... `db{L}`. Here $L$ is
# `len(caches)`.
#
# (Combined with the sigmoid's derivative, $dA^{[L]}$ becomes simply
# $dZ^{[L]} = A^{[L]} - Y$; going through $dA^{[L]}$ keeps every layer the same kind of
# block.) The visible test below builds its caches with your `L_model_forward`.

# %% nbgrader={"grade": false, "grade_id": "L_model_backward", "locked": false, "schema_version": 3, "solution": true, "task": false}
def L_model_backward(AL, Y, caches):
    """Backward pass of [LINEAR -> RELU] * (L - 1) -> LINEAR -> SIGMOID.

    Arguments:
    AL -- (1, m) output of L_model_forward
    Y -- (1, m) true labels, 0 or 1
    caches -- list of L caches from L_model_forward, caches[l - 1] for layer l

    Returns:
    grads -- dict with, for l = 1..L,
        "dA{l-1}": (n_{l-1}, m) gradient with respect to A^[l-1] ("dA0": with respect to X)
        "dW{l}": (n_l, n_{l-1}) gradient of the cost with respect to W^[l]
        "db{l}": (n_l, 1) gradient of the cost with respect to b^[l]
    """
    ### BEGIN SOLUTION
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = -(Y / AL - (1 - Y) / (1 - AL))
    dA_prev, dW, db = linear_activation_backward(dAL, caches[L - 1], "sigmoid")
    grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = dA_prev, dW, db
    for l in range(L - 1, 0, -1):
        dA_prev, dW, db = linear_activation_backward(grads[f"dA{l}"], caches[l - 1], "relu")
        grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = dA_prev, dW, db
    return grads
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_L_model_backward", "locked": true, "points": 4, "schema_version": 3, "solution": false, "task": false}
"""L_model_backward: dA{l-1}, dW{l}, db{l} for every layer, from the sigmoid layer down through the ReLU layers."""
### BEGIN HIDDEN TESTS
# Grade this function alone: while this cell runs, its helpers and the L_model_forward
# that makes the visible test's caches are correct ones; the learner's own come back
# afterwards, even when a check fails.
def _ref_linear_backward(dZ, cache):
    _Ap, _Wc, _bc = cache
    return _Wc.T @ dZ, dZ @ _Ap.T / _Ap.shape[1], dZ.sum(axis=1, keepdims=True) / _Ap.shape[1]


def _ref_linear_activation_backward(dA, cache, activation):
    from nndl import activations as _act
    _back = {"relu": _act.relu_backward, "sigmoid": _act.sigmoid_backward}[activation]
    return _ref_linear_backward(_back(dA, cache[1]), cache[0])


def _ref_L_model_forward(X, parameters):
    from nndl import activations as _act
    _A, _caches = X, []
    _L = len(parameters) // 2
    for _l in range(1, _L + 1):
        _Wl, _bl = parameters[f"W{_l}"], parameters[f"b{_l}"]
        _Zl = _Wl @ _A + _bl
        _caches.append(((_A, _Wl, _bl), _Zl))
        _A = (_act.sigmoid if _l == _L else _act.relu)(_Zl)[0]
    return _A, _caches


C.grade_alone(globals(), linear_backward=_ref_linear_backward,
                             linear_activation_backward=_ref_linear_activation_backward,
                             L_model_forward=_ref_L_model_forward)
### END HIDDEN TESTS
rs = np.random.RandomState(9)
X = rs.randn(5, 4)
Y = np.array([[1, 0, 1, 1]])
parameters = {"W1": rs.randn(4, 5), "b1": rs.randn(4, 1), "W2": rs.randn(3, 4), "b2": rs.randn(3, 1),
              "W3": rs.randn(1, 3), "b3": rs.randn(1, 1)}
AL, caches = L_model_forward(X, parameters)
grads = L_model_backward(AL, Y, caches)
C.expect_type(grads, dict, "grads of L_model_backward")
for key in ["dA0", "dA1", "dA2", "dW1", "dW2", "dW3", "db1", "db2", "db3"]:
    C.expect_true(key in grads, "grads of L_model_backward on a 3-layer network", f"has no key {key!r}; store dA{{l-1}}, dW{{l}} and db{{l}} for every layer l from L down to 1 (dA0 included)")
expected = np.array([[0.0, 0.009979362888996927, -0.32327876852370396]])  # ref: L_model_backward(AL, Y, caches)["dW3"]
C.expect_array(grads["dW3"], expected, "dW3 of L_model_backward on a 3-layer network", reveal=True)
expected = np.array([[0.0], [0.04429071372019055], [0.8320076811729147]])  # ref: L_model_backward(AL, Y, caches)["db2"]
C.expect_array(grads["db2"], expected, "db2 of L_model_backward on a 3-layer network", reveal=True)
expected = np.array([[-0.0003233026231015464, 0.1103466094289459, 0.07019289305470289,
                      -0.08652539938455128, -0.44992685445537334],
                     [-0.01057694831374159, -0.017575714392080652, -0.02366930469179116,
                      0.0258448728809015, -0.032903044085267695], [0.0, 0.0, 0.0, 0.0, 0.0],
                     [0.026787274978526527, 0.04552245650638207, -0.009509149251735993,
                      -0.05090423268832944, -0.03367975922441988]])  # ref: L_model_backward(AL, Y, caches)["dW1"]
C.expect_array(grads["dW1"], expected, "dW1 of L_model_backward on a 3-layer network", reveal=True)
C.passed("L_model_backward")
### BEGIN HIDDEN TESTS
def _random_net(dims, seed, m):
    _r = np.random.RandomState(seed)
    _p = {}
    for _l in range(1, len(dims)):
        _p[f"W{_l}"] = _r.randn(dims[_l], dims[_l - 1]) * 1.5 / np.sqrt(dims[_l - 1])
        _p[f"b{_l}"] = _r.randn(dims[_l], 1) * 0.5
    _X = _r.randn(dims[0], m)
    _Y = (_r.rand(1, m) > 0.5).astype(int)
    _AL, _caches = _ref_L_model_forward(_X, _p)
    return _AL, _Y, _caches


def _check_backward(AL, Y, caches, expected, what):
    with C.unchanged(f"L_model_backward {what}", AL=AL, Y=Y, caches=caches):
        _g = L_model_backward(AL, Y, caches)
    C.expect_type(_g, dict, f"grads of L_model_backward {what}")
    _missing = [_k for _k in expected if _k not in _g]
    C.expect_true(not _missing, f"grads of L_model_backward {what}", f"has no keys {_missing}; store dA{{l-1}}, dW{{l}} and db{{l}} for every layer l from L down to 1 (dA0 included)")
    for _k in expected:
        C.expect_array(_g[_k], expected[_k], f"{_k} of L_model_backward {what}")


_AL2, _Y2, _c2 = _random_net([3, 4, 1], 90, 1)
_e2 = {'dA1': np.array([[-0.6035391720810145], [-0.43614027454963833], [0.7030062878391302], [-0.869950863272712]]), 'dW2': np.array([[0.0, 0.0, -1.0029061266839372, 0.0]]), 'db2': np.array([[-0.7436809278459673]]), 'dA0': np.array([[0.43893330975779793], [-0.8070302350647742], [1.1305395479735687]]), 'dW1': np.array([[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.05932376694385942, 0.6814029244404831, 1.0498813831216107], [0.0, 0.0, 0.0]]), 'db1': np.array([[0.0], [0.0], [0.7030062878391302], [0.0]])}  # ref: L_model_backward(_AL2, _Y2, _c2)
_check_backward(_AL2, _Y2, _c2, _e2, "on a 2-layer network with m = 1")
# 3 layers of equal width: reusing a stale dA in the loop gives wrong values, not an error
_AL3, _Y3, _c3 = _random_net([4, 4, 4, 1], 91, 6)
_e3 = {'dA2': np.array([[-0.4476801225766433, -0.03422604617503587, 0.5573465365629879, -0.44811110571776686, -0.3152921014935173, -0.4843564736517334], [0.3783354418541947, 0.02892450580120943, -0.47101476599592157, 0.37869966664083526, 0.266454038310056, 0.40933070563702706], [-0.6208485560491676, -0.04746512135661166, 0.772935350474256, -0.621446249016432, -0.43725114445403024, -0.6717117917788793], [0.02513725127063034, 0.0019217934398121075, -0.03129502345059074, 0.025161450985930353, 0.017703660223446174, 0.02719662939838395]]), 'dW3': np.array([[-0.3804971194699398, -0.1949518970897167, 0.04828811855279095, -0.305421027893191]]), 'db3': np.array([[0.21493484559257495]]), 'dA1': np.array([[-0.18924501435444166, -0.0803790535076888, -0.08132673838682392, -0.1894272011584012, -0.8976548619781652, -0.20474897853700527], [0.13642697982080026, -0.0906493153480506, 0.07481147137835617, 0.13655831852746153, -0.6982824839638443, 0.14760380799718478], [0.5632412442675331, 0.04818521305714333, 0.15104618199484188, 0.5637834784843834, 0.9445791545432702, 0.6093849807725865], [0.11120478021638355, 0.026744995980836052, -0.3100602002399186, 0.11131183742770168, 0.14081782310661822, 0.12031527084297164]]), 'dW2': np.array([[0.0, -0.009570242519698518, 0.2423850384345825, 0.0], [0.0, 0.035393548240430346, -0.20484012130624388, 0.20946065699576044], [0.0, -0.058080821640274, 0.0, -0.03055088778181494], [0.0, 0.0023516076398196676, -0.013609926615243864, 0.0012369608260013318]]), 'db2': np.array([[0.08718674839799201], [0.16512159870790014], [-0.08078604430177365], [-0.0019449282978887424]]), 'dA0': np.array([[0.03876337916845481, -0.0830973476397677, 0.01668874268098964, 0.0388006968023458, -0.591022984671997, 0.04193908260388194], [0.019525280162798864, 0.06158662268576709, 0.05859728584165822, 0.019544077214871326, 0.49913382087927055, 0.021124895589029236], [0.14836380346021355, -0.004715045174123795, -0.14658799178930956, 0.1485066337866446, 0.15155147509842368, 0.16051856010034307], [0.07205041156000787, -0.14812023273026476, -0.11950255803344863, 0.0721197747305562, -1.0497508883801867, 0.07795316680022332]]), 'dW1': np.array([[0.0, 0.0, 0.0, 0.0], [-0.04359854826665799, -0.10858316836839642, 0.02359903107650452, -0.08708229132839612], [0.058351609556646054, 0.021619585064463428, -0.01397393217768283, -0.05824214242998672], [0.002426004682236044, 0.07855056845736484, 0.058063328274834604, -0.029746684078453215]]), 'db1': np.array([[0.0], [-0.13148863321864915], [0.02517436366580698], [0.08060828526561252]])}  # ref: L_model_backward(_AL3, _Y3, _c3)
_check_backward(_AL3, _Y3, _c3, _e3, "on a 3-layer network with equal widths [4, 4, 4, 1], m = 6")
_AL4, _Y4, _c4 = _random_net([5, 6, 4, 3, 1], 92, 7)
_e4 = {'dA3': np.array([[-0.10078965353639213, 0.24365334396224964, -0.11150608630967761, 0.2543408062104563, 0.2477775525672478, 0.25380174392772836, -0.10504491324662699], [-0.025902861196162984, 0.06261871657646169, -0.028656975938150836, 0.06536538591643092, 0.06367863492413926, 0.06522684733637173, -0.026996459574175465], [0.3548151317174909, -0.857745713950267, 0.39254075505860103, -0.8953693508244025, -0.872264382961114, -0.893471661447179, 0.3697951468440828]]), 'dW4': np.array([[-0.040007948810032674, -0.028143758823184737, -0.01947971674020552]]), 'db4': np.array([[-0.2743631450152048]]), 'dA2': np.array([[0.057675517567098815, -0.3397438874931097, 0.15548118743595638, -0.14554309020741524, -0.20339314837202427, 0.00032170737181082097, 0.08622821318690266], [-0.19823161035818193, 0.39119610033487123, -0.17902789848313275, 0.500233762354312, -0.0880224256492012, 0.0015212359756808884, 0.037316972301470006], [0.023832492642167257, -0.6651910950826285, 0.30441960883657926, -0.06014084958060635, -0.6236971893190375, -0.005977507648556863, 0.2644154664753258], [-0.05015543704322869, 0.9370536877484377, -0.4288354417129102, 0.1265663076102008, 0.8770273262562129, 0.04856557265066183, -0.3718143893462723]]), 'dW3': np.array([[0.010065727351198131, 0.011991347715226735, 0.004884805834789371, 0.020877723452564504], [0.0, 0.0, 0.008506245054880263, 0.01643620483969245], [-0.0354349107337507, -0.042213773634137544, -0.01193290565728669, 0.0]]), 'db3': np.array([[0.040814058618090884], [0.01495562457951995], [-0.13823917071552816]]), 'dA1': np.array([[-0.033769082882775574, -0.5192572264281886, 0.11859528347494584, 0.08521564926594058, -0.2438876078229884, 0.03938516292752369, 0.0], [-0.02070336387698297, -0.0810657668220054, 0.11359665298295148, 0.05224455164774425, 0.15672870753757626, 0.015750157984689508, 0.0], [0.04972662315460999, 0.4977261530439795, -0.13310521540220147, -0.12548420377990893, 0.19397156175198899, -0.05346835145759969, 0.0], [0.07915741060728763, -0.21243276739564157, -0.10612046688624506, -0.19975224564216063, -0.41660185212392187, -0.0652265015344061, 0.0], [0.050043800468077534, -0.7308635490014747, 0.2226568823014328, -0.126284594800103, -0.22909196726634007, -0.04217660027424879, 0.0], [0.011466695618488908, -0.07716705938503063, -0.05986726100029479, -0.02893599199766406, -0.19500995675725846, -0.005756746886673706, 0.0]]), 'dW2': np.array([[-0.0032810476040621797, -0.02463129809179754, 0.0, -0.0236222271546889, 0.0, 0.0], [0.003777942959307042, 0.028361563266954656, 0.0, 0.027199674473396412, 0.0, 0.0], [-0.30519367038326095, -0.08395943170772281, -0.24864804952628747, -0.06896931557396789, -0.00036040149470554524, 0.0], [0.05068267956085564, 0.012984007805100077, 0.01646042728373929, 0.0, 0.002928161033596504, 0.0]]), 'db2': np.array([[-0.026323242865307617], [0.030309743121676926], [-0.19016773556980884], [0.017853777602519133]]), 'dA0': np.array([[0.022322136730976744, 0.09915590522191885, -0.11970865072716945, -0.1335089178572683, 0.06974534084885235, -0.0403959811815043, 0.0], [-0.024102394201186244, -0.20826260821740067, 0.04567084800353659, 0.08510575442908441, -0.11718788686949388, 0.06918737573702276, 0.0], [-0.042431677646616935, 0.15725204428015627, -0.11774146596227847, 0.10382388949833586, -0.11011363837629597, 0.06685076860731409, 0.0], [0.044673640778833956, 0.8114953009295555, -0.17930157356372767, -0.08546956467114919, 0.37161793213910477, -0.0360433973578622, 0.0], [0.04773656691545243, -0.0036032908958870966, -0.0008155317981017975, -0.10302525472952334, 0.20117772625984065, -0.01406333007471029, 0.0]]), 'dW1': np.array([[-0.04126209268988849, -0.06799023463198899, 0.00831740835670352, -0.019534997062547774, -0.03713604572778937], [-0.013069007399330637, -0.01379573962093029, 0.004990081376848062, -0.008803360455287306, -0.014250085471633298], [0.02509335692388607, -0.011862547083441755, -0.014086028455979166, -0.008660933744528506, 0.026036841742006177], [0.013003477707775202, -0.010577542076953729, -0.03899272518392279, -0.014626445724865727, 0.01655541044381748], [0.0038204566488679093, 0.005107145081401187, 0.004098185140456503, 0.006801475920952958, 0.001086358475499703], [0.0, 0.0, 0.0, 0.0, 0.0]]), 'db1': np.array([[-0.07910254592364893], [0.01436079939905426], [0.009249375667012907], [-0.04550760489741238], [-0.00602522861060697], [0.0]])}  # ref: L_model_backward(_AL4, _Y4, _c4)
_check_backward(_AL4, _Y4, _c4, _e4, "on a 4-layer network [5, 6, 4, 3, 1], m = 7")
### END HIDDEN TESTS

# %% [markdown]
# ## 6. Update
#
# ### Exercise 10: `update_parameters`
#
# One step of gradient descent with learning rate $\alpha$, for $l = 1, \dots, L$:
#
# $$W^{[l]} := W^{[l]} - \alpha\, dW^{[l]} \qquad\qquad b^{[l]} := b^{[l]} - \alpha\, db^{[l]}$$
#
# Return a **new** dict and leave the caller's `params` as they were. Careful: a shallow
# `params.copy()` is a new dict holding the *same* arrays, so an in-place `-=` on its entries
# still changes the caller's arrays. Either copy every array too (`copy.deepcopy` does that,
# after `import copy`), or compute each new array with `-` instead of `-=`.

# %% nbgrader={"grade": false, "grade_id": "update_parameters", "locked": false, "schema_version": 3, "solution": true, "task": false}
def update_parameters(params, grads, learning_rate):
    """One gradient-descent step on every W{l} and b{l}.

    Arguments:
    params -- dict with "W{l}" (n_l, n_{l-1}) and "b{l}" (n_l, 1), for l = 1..L
    grads -- dict from L_model_backward, with "dW{l}" and "db{l}" of the same shapes
    learning_rate -- float, the step size alpha

    Returns:
    parameters -- a new dict with the same keys and shapes: W{l} - alpha dW{l} and
                  b{l} - alpha db{l}; params itself is not modified
    """
    ### BEGIN SOLUTION
    parameters = {key: value.copy() for key, value in params.items()}
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters[f"W{l}"] = parameters[f"W{l}"] - learning_rate * grads[f"dW{l}"]
        parameters[f"b{l}"] = parameters[f"b{l}"] - learning_rate * grads[f"db{l}"]
    return parameters
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_update_parameters", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
"""update_parameters: W{l} - lr dW{l} and b{l} - lr db{l} for every layer, in a new dict, params unchanged."""
rs = np.random.RandomState(10)
params = {"W1": rs.randn(3, 4), "b1": rs.randn(3, 1), "W2": rs.randn(1, 3), "b2": rs.randn(1, 1)}
grads = {"dW1": rs.randn(3, 4), "db1": rs.randn(3, 1), "dW2": rs.randn(1, 3), "db2": rs.randn(1, 1)}
with C.unchanged("update_parameters on a 2-layer network", params=params, grads=grads):
    new = update_parameters(params, grads, 0.1)
C.expect_keys(new, ["W1", "b1", "W2", "b2"], "update_parameters on a 2-layer network")
expected = np.array([[1.4395669927080457, 0.9130518024641963, -1.3710630625213773,
                      -0.034990866328577355],
                     [0.38283924081937076, -0.8324546860598392, 0.09824936436133674,
                      0.09863360413144508],
                     [-0.1355082067753243, -0.1474754117963632, 0.37170577146763406,
                      1.2297690926795688]])  # ref: update_parameters(params, grads, 0.1)["W1"]
C.expect_array(new["W1"], expected, "W1 of update_parameters", reveal=True, start=params["W1"])
expected = np.array([[1.5183002355451354]])  # ref: update_parameters(params, grads, 0.1)["b2"]
C.expect_array(new["b2"], expected, "b2 of update_parameters", reveal=True, start=params["b2"])
C.passed("update_parameters")
### BEGIN HIDDEN TESTS
def _check_update(P, G, lr, expected, what):
    with C.unchanged(f"update_parameters {what}", params=P, grads=G):
        _new = update_parameters(P, G, lr)
    C.expect_keys(_new, list(expected), f"update_parameters {what}")
    for _k in expected:
        C.expect_array(_new[_k], expected[_k], f"{_k} of update_parameters {what}", start=P[_k])


_rs = np.random.RandomState(100)
_P3 = {"W1": _rs.randn(4, 2), "b1": _rs.randn(4, 1), "W2": _rs.randn(3, 4), "b2": _rs.randn(3, 1),
       "W3": _rs.randn(1, 3), "b3": _rs.randn(1, 1)}
_G3 = {"d" + _k: _rs.randn(*_v.shape) for _k, _v in _P3.items()}
_G3["dA0"], _G3["dA1"], _G3["dA2"] = _rs.randn(2, 5), _rs.randn(4, 5), _rs.randn(3, 5)
_e3 = {'W1': np.array([[-1.6776046232934305, 0.38049801860722393], [1.1122131020126798, -0.28995827459809875], [1.0041181333246316, 0.45473772799292583], [0.3057105105405806, -1.0022233781252277]]), 'b1': np.array([[-0.12787410512742903], [0.2822234023570049], [-0.4246183986619529], [0.434797759961447]]), 'W2': np.array([[-0.5529481135487566, 0.7518596679480135, 0.7593755868923251, -0.055245638434146205], [-0.549155764510278, 1.110411610274455, -0.5116713160350238, -1.0589173663895501], [1.646468970352034, 1.588607482590645, -0.21048252099491943, -0.8478789116429816]]), 'b2': np.array([[0.15912821103932684], [0.9801935684344762], [0.6685268566984598]]), 'W3': np.array([[1.365536687441201, -0.28175148513905085, 0.09976593432892777]]), 'b3': np.array([[0.22146766108090185]])}  # ref: update_parameters(_P3, _G3, 0.05)
_check_update(_P3, _G3, 0.05, _e3, "on a 3-layer network (learning rate 0.05)")
_P4 = {"W1": _rs.randn(3, 5), "b1": _rs.randn(3, 1), "W2": _rs.randn(4, 3), "b2": _rs.randn(4, 1),
       "W3": _rs.randn(2, 4), "b3": _rs.randn(2, 1), "W4": _rs.randn(1, 2), "b4": _rs.randn(1, 1)}
_G4 = {"d" + _k: _rs.randn(*_v.shape) for _k, _v in _P4.items()}
_e4 = {'W1': np.array([[0.11816324217481747, 0.6616904559040439, -1.2635013741612489, -1.0797465761334248, -0.23296655133216332], [-0.3548597739714336, -1.18331396594154, -0.20250259015447536, -1.4969416971542546, 2.0690026072751215], [0.11041197948638948, -1.523850400511991, -0.17387584859580557, -1.8254242839509098, 2.6512705836188966]]), 'b1': np.array([[-1.3731371688730503], [-1.1874868237762424], [0.26675711919087447]]), 'W2': np.array([[-1.4957841412819257, 1.154481297079429, 0.01846276915160784], [0.2975156108337862, 0.6027937784939801, -1.4928167602559235], [-1.069141076039743, 1.7038134674269974, 1.1066045934925262], [-1.1524360946400363, -0.2839792335017314, -1.1793722809547156]]), 'b2': np.array([[-0.263188234750454], [0.8161410586272799], [0.6410018957831165], [-1.2376303845269743]]), 'W3': np.array([[-0.8618584737160353, 0.6488661279092227, -0.9709189920008728, 1.920870854294672], [-0.6944557770669129, -1.2399430413582557, 0.8999602518241985, -0.0018346863530981083]]), 'b3': np.array([[-0.29602446431692114], [1.9934746377383248]]), 'W4': np.array([[0.014785360813928228, -0.006550648938572434]]), 'b4': np.array([[0.0886601770543283]])}  # ref: update_parameters(_P4, _G4, 0.3)
_check_update(_P4, _G4, 0.3, _e4, "on a 4-layer network (learning rate 0.3)")
# two output units: nothing in the update depends on n_L = 1
_P2 = {"W1": _rs.randn(3, 2), "b1": _rs.randn(3, 1), "W2": _rs.randn(2, 3), "b2": _rs.randn(2, 1)}
_G2 = {"d" + _k: _rs.randn(*_v.shape) for _k, _v in _P2.items()}
_e2 = {'W1': np.array([[-1.7757878785183223, -0.5724521481557375], [0.026291984796566525, -2.323883230966205], [1.0343397931538036, 1.1585300643250365]]), 'b1': np.array([[-1.517448204935001], [1.2856363323031101], [0.09832509646249898]]), 'W2': np.array([[0.6043659099690126, -1.0413744833420946, 1.1654461479677407], [-0.6635726295052277, 0.5766506496628977, -0.4117007053358758]]), 'b2': np.array([[1.1114256081852645], [-0.22127831910117024]])}  # ref: update_parameters(_P2, _G2, 0.7)
_check_update(_P2, _G2, 0.7, _e2, "on a 2-layer network with two output units (learning rate 0.7)")
### END HIDDEN TESTS

# %% [markdown]
# ## 7. Does the backward pass compute the right thing?
#
# Every test above compares your functions with expected values. A second, independent check
# needs no expected values at all: change one parameter $\theta$ by a tiny $\varepsilon$ in
# both directions and watch the cost,
#
# $$\frac{\partial J}{\partial \theta} \approx \frac{J(\theta + \varepsilon) - J(\theta - \varepsilon)}{2 \varepsilon}.$$
#
# `check_gradients` does this for every entry of every $W^{[l]}$ and $b^{[l]}$ of a small
# 3-layer network on random data, using your `L_model_forward` and `compute_cost`, and
# compares the result with what your `L_model_backward` returns. If they agree, the relative
# difference $\lVert g - g_{\text{num}} \rVert / (\lVert g \rVert + \lVert g_{\text{num}} \rVert)$
# is tiny (below $10^{-7}$); a mistake in a formula makes it large.
#
# The weights here are not the tiny $0.01$-scale ones of `initialize_parameters_deep`: with
# weights of ordinary size every layer's gradient is large enough to be checked precisely.

# %%
rs = np.random.RandomState(11)
layer_dims = [4, 5, 3, 1]
X_small = rs.randn(layer_dims[0], 6)
Y_small = np.array([[1, 0, 0, 1, 1, 0]])
params_small = {}
for k in range(1, 4):
    params_small[f"W{k}"] = rs.randn(layer_dims[k], layer_dims[k - 1]) / np.sqrt(layer_dims[k - 1])
    params_small[f"b{k}"] = rs.randn(layer_dims[k], 1) * 0.1


def cost_of(parameters):
    """The cost of the small network as a function of its parameters alone."""
    AL, _ = L_model_forward(X_small, parameters)
    return float(compute_cost(AL, Y_small))


AL_small, caches_small = L_model_forward(X_small, params_small)
grads_small = L_model_backward(AL_small, Y_small, caches_small)
difference = check_gradients(cost_of, params_small, grads_small)

# %% [markdown]
# With the reference solution this prints
# `Your gradients agree with finite differences: relative difference 3.8e-09 (< 1e-07).`;
# the exact digits depend on rounding and may differ slightly on your machine.
#
# ## What you have built
#
# Ten small functions that together train a network of any depth: initialise, then repeat
# *forward → cost → backward → update*. In the next notebook you will use them (in the form
# provided by this repository's `nndl` package) to train a 2-layer and a 4-layer network on the
# cat-or-not emoji pictures and
# compare them with the logistic regression of notebook 02.
