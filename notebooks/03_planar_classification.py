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
# # A flower that no straight line can split: a network with one hidden layer
#
# Logistic regression draws one straight line through the plane and calls one side "class 1".
# Many problems are not like that. Here the two classes are the petals of a flower, interleaved
# all the way round, and a straight line can do no better than a coin toss. You will build the
# smallest network that can bend its boundary: an input layer, **one hidden layer** of `tanh`
# units, and a sigmoid output. You write every piece yourself with NumPy: the forward pass,
# the cost, the backward pass (with the six gradient formulas derived below), the update, the
# training loop and the prediction.
#
# **What you will do**
#
# 1. Look at the data, and watch logistic regression fail on it.
# 2. Write down the network and derive its gradients.
# 3. Implement it piece by piece, check your gradients numerically, and merge the pieces
#    into `nn_model`.
# 4. Train it, draw what it learned, and see what the size of the hidden layer changes.
# 5. (Optional) Try the same network on other planar problems.
#
# **Exercises and points**
#
# | exercise | points |
# |---|---|
# | 1. `shape_X`, `shape_Y`, `m` | 1 |
# | 2. `layer_sizes` | 1 |
# | 3. `initialize_parameters` | 2 |
# | 4. `forward_propagation` | 2 |
# | 5. `compute_cost` | 2 |
# | 6. `backward_propagation` | 4 |
# | 7. `update_parameters` | 2 |
# | 8. `nn_model` | 4 |
# | 9. `predict` | 2 |
#
# **Total: 20 points**
#
# Where a cell says `raise NotImplementedError(...)`, replace that line with your code (keep the
# lines around it, such as a final `return`, as they are). Each exercise is followed by a test cell: it prints
# `✔ ... all visible checks passed` when your answer passes the checks you can see. When the
# notebook is graded, more checks run on inputs you have not seen (other sizes, a single
# example, ...), so make your code general: never hard-code a size. Each exercise is graded on
# its own: a mistake in one function does not cost you the points of the next ones.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import copy

import matplotlib.pyplot as plt
import numpy as np

from nndl import checks as C
from nndl import under_grader
from nndl.gradcheck import check_gradients
from nndl.planar import draw_network, load_extra_datasets, load_planar_dataset, plot_decision_boundary, sigmoid

np.set_printoptions(precision=6, suppress=True)

# %% [markdown]
# ## 1. The data: a flower with eight petals
#
# `load_planar_dataset()` returns 400 points of the plane and their labels:
#
# - `X`, a float array of shape `(2, 400)`: one point per **column**, its two coordinates
#   $x_1, x_2$ in the two rows;
# - `Y`, an integer array of shape `(1, 400)`: the label of each point, 0 (blue) or 1 (red).
#
# The points lie along the curve $r = 4\sin(4\theta)$ (in polar coordinates), with a little
# noise added to the angle and the radius. Class 0 gets the angles $\theta$ from 0 to 3.12
# (about $\pi$), class 1 those from 3.12 to 6.24; since the radius changes sign four times on
# the way, each class ends up as four petals spread all around the centre. The loader seeds
# NumPy's random generator with 1, so everyone gets the same 400 points.

# %%
X, Y = load_planar_dataset()

fig, ax = plt.subplots(figsize=(5, 4))
ax.scatter(X[0], X[1], c=Y[0], cmap="coolwarm", s=14, edgecolors="k", linewidths=0.3)
ax.set_xlabel("$x_1$")
ax.set_ylabel("$x_2$")
ax.set_title("the flower: class 0 in blue, class 1 in red")
plt.show()

# %% [markdown]
# ### Exercise 1: shapes (1 point)
#
# Before writing a model, know your arrays. Set `shape_X` and `shape_Y` to the shapes of `X`
# and `Y` (tuples), and `m` to the number of training examples (an integer). Read them from
# the arrays; do not type the numbers.

# %% nbgrader={"grade": false, "grade_id": "shapes", "locked": false, "schema_version": 3, "solution": true, "task": false}
### BEGIN SOLUTION
shape_X = X.shape
shape_Y = Y.shape
m = Y.shape[1]  # one example per column
### END SOLUTION
print(f"X has shape {shape_X}, Y has shape {shape_Y}; there are m = {m} examples.")

# %% nbgrader={"grade": true, "grade_id": "test_shapes", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""shape_X, shape_Y, m: the shapes of the flower's arrays and its number of examples."""
C.expect_type(shape_X, tuple, "shape_X (the shape of X)")
C.expect_type(shape_Y, tuple, "shape_Y (the shape of Y)")
C.expect_type(m, (int, np.integer), "m (the number of examples)")
C.expect_equal(shape_X, X.shape, "shape_X (the shape of X)", reveal=True)
C.expect_equal(shape_Y, Y.shape, "shape_Y (the shape of Y)", reveal=True)
C.expect_equal(m, X.shape[1], "m: the number of examples is the number of columns of X", reveal=True)
C.passed("shape_X, shape_Y and m")
### BEGIN HIDDEN TESTS
_e_shape_X = (2, 400)  # ref: load_planar_dataset()[0].shape
_e_shape_Y = (1, 400)  # ref: load_planar_dataset()[1].shape
_e_m = 400  # ref: load_planar_dataset()[0].shape[1]
C.expect_equal(shape_X, _e_shape_X, "shape_X (the shape of X)")
C.expect_equal(shape_Y, _e_shape_Y, "shape_Y (the shape of Y)")
C.expect_equal(m, _e_m, "m: the number of examples is the number of columns of X")
### END HIDDEN TESTS

# %% [markdown]
# ## 2. A straight line first: logistic regression
#
# Before building anything, try the model you already know. scikit-learn's
# `LogisticRegressionCV` is logistic regression whose regularisation strength is chosen by
# cross-validation. It expects one example per **row**, so it gets `X.T` (shape `(400, 2)`) and
# the labels as a flat array. Its decision boundary is the line where its predicted probability
# is exactly one half.

# %%
# Not graded, and it takes a second or two: skipped while the notebook is being graded.
# When you run the notebook yourself, it always runs.
if not under_grader():
    from sklearn.linear_model import LogisticRegressionCV

    # The three keyword arguments only spell out today's defaults, so that this version of
    # scikit-learn does not warn about defaults that will change later.
    clf = LogisticRegressionCV(l1_ratios=(0.0,), scoring="accuracy", use_legacy_attributes=False)
    clf.fit(X.T, Y.ravel())

    lr_accuracy = 100 * np.mean(clf.predict(X.T) == Y.ravel())
    print(f"Logistic regression: {lr_accuracy:.2f}% of the training points are classified correctly.")
    plot_decision_boundary(lambda points: clf.predict(points), X, Y,
                           title=f"logistic regression: {lr_accuracy:.0f}% accuracy")
    plt.show()

# %% [markdown]
# It prints **47.00%**: worse than always answering "blue" (50%). This is not a failure of
# the fitting. Every line through the plane leaves about as many petals of each colour on
# both of its sides, so *no* linear model can do well. To bend the boundary, the model needs
# features that are not linear in $x_1, x_2$, and a hidden layer learns such features.

# %% [markdown]
# ## 3. The model: one hidden layer
#
# Two inputs, a hidden layer of $n_h$ units (4 in the picture), and one output unit. Every
# unit is connected to every unit of the layer before it; each line is a weight.

# %%
draw_network((2, 4, 1))
plt.show()

# %% [markdown]
# ### The forward pass
#
# Layer $l$ has a weight matrix $W^{[l]}$ (one row per unit of the layer, one column per
# unit of the layer before) and a bias vector $b^{[l]}$ (one entry per unit). For one
# example $x$ (a column of 2 numbers):
#
# $$z^{[1]} = W^{[1]} x + b^{[1]}, \qquad a^{[1]} = \tanh(z^{[1]}), \qquad
#   z^{[2]} = W^{[2]} a^{[1]} + b^{[2]}, \qquad \hat y = a^{[2]} = \sigma(z^{[2]}),$$
#
# with the shapes $W^{[1]}: (n_h, n_x)$, $b^{[1]}: (n_h, 1)$, $W^{[2]}: (n_y, n_h)$,
# $b^{[2]}: (n_y, 1)$. Here $n_x = 2$ and $n_y = 1$. The prediction is class 1 when
# $\hat y > 0.5$.
#
# **Vectorised over the m examples.** Put the examples side by side as the columns of $X$
# $(n_x, m)$. Then one matrix product handles all of them at once, and the bias column is
# added to every column (NumPy broadcasting):
#
# $$Z^{[1]} = W^{[1]} X + b^{[1]} \;(n_h, m), \qquad A^{[1]} = \tanh(Z^{[1]}) \;(n_h, m),$$
# $$Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]} \;(n_y, m), \qquad A^{[2]} = \sigma(Z^{[2]}) \;(n_y, m).$$
#
# Column $i$ of each matrix belongs to example $i$.
#
# **Why tanh in the hidden layer, sigmoid at the output?** The two are close relatives:
# $\tanh(z) = 2\sigma(2z) - 1$. But $\tanh$ takes values in $(-1, 1)$ and is centred on 0, so
# the hidden activations that the output layer receives are about as often negative as
# positive, which keeps the output layer's gradients from all pushing in one direction;
# and its slope at 0 is 1, four times the sigmoid's 0.25, so gradients shrink less on the way
# back. The output, on the other hand, must be a probability in $(0, 1)$: that is the
# sigmoid's job. (`sigmoid` is provided: it was imported above from `nndl.planar`.)
#
# **What the hidden layer does.** Each hidden unit computes $\tanh$ of a linear function of
# $x$: a soft step across one straight line of the plane. The output unit then adds up these
# steps with weights and squashes the sum. With a few lines at different angles it can mark
# out regions that no single line can, like the petals.
#
# ### The cost
#
# Training minimises the mean cross-entropy over the $m$ examples, as in logistic regression:
#
# $$J = -\frac{1}{m}\sum_{i=1}^{m}\Big(y^{(i)}\log a^{[2](i)} + (1 - y^{(i)})\log\big(1 - a^{[2](i)}\big)\Big).$$
#
# ### The plan
#
# 1. Read the layer sizes from the data, and initialise the parameters.
# 2. Repeat: forward pass, cost, backward pass (gradients), gradient-descent update.
# 3. Predict with the trained parameters.

# %% [markdown]
# ### Exercise 2: `layer_sizes` (1 point)
#
# Return the tuple `(n_x, n_h, n_y)`: the number of input features and of outputs, read from
# the shapes of `X` and `Y`, and a hidden layer of 4 units for now (`nn_model` will take the
# hidden size as an argument later).

# %% nbgrader={"grade": false, "grade_id": "layer_sizes", "locked": false, "schema_version": 3, "solution": true, "task": false}
def layer_sizes(X, Y):
    """Sizes of the three layers of the network, read from the data.

    Arguments:
    X -- input data of shape (n_x, m): n_x features, one example per column
    Y -- labels of shape (n_y, m)

    Returns:
    sizes -- tuple of three ints (n_x, n_h, n_y): input size, hidden size (4), output size
    """
    ### BEGIN SOLUTION
    n_x = X.shape[0]  # features are rows; examples are columns
    n_h = 4
    n_y = Y.shape[0]
    ### END SOLUTION
    return (n_x, n_h, n_y)


# %% nbgrader={"grade": true, "grade_id": "test_layer_sizes", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""layer_sizes: a tuple (n_x, 4, n_y) read from the shapes (not the number of examples)."""
expected_sizes = (2, 4, 1)  # ref: layer_sizes(X, Y)
sizes = layer_sizes(X, Y)
C.expect_type(sizes, tuple, "layer_sizes(X, Y)")
C.expect_equal(sizes, expected_sizes, "layer_sizes on the flower", reveal=True)
C.passed("layer_sizes")
### BEGIN HIDDEN TESTS
_cases = [("X of shape (5, 3) and Y of shape (2, 3)", np.zeros((5, 3)), np.zeros((2, 3))),
          ("X of shape (3, 1) and Y of shape (1, 1) (one example)", np.ones((3, 1)), np.ones((1, 1))),
          ("X of shape (1, 6) and Y of shape (3, 6)", np.ones((1, 6)), np.zeros((3, 6)))]
_exp = [(5, 4, 2), (3, 4, 1), (1, 4, 3)]  # ref: [layer_sizes(X_, Y_) for _, X_, Y_ in _cases]
for (_what, _X, _Y), _e in zip(_cases, _exp):
    _sizes = layer_sizes(_X, _Y)
    C.expect_type(_sizes, tuple, f"layer_sizes on {_what}")
    C.expect_equal(_sizes, _e, f"layer_sizes on {_what}")
### END HIDDEN TESTS

# %% [markdown]
# ### Why small random weights?
#
# Suppose every weight started at the same value, say 0. Then all hidden units compute the
# same function of the input, so they get the same gradient, so after the update they are
# still the same, and so on forever: the hidden layer behaves like a single unit, however many
# units it has (you will see this happen below, once your functions work). Drawing the
# weights at random gives each unit its own starting point: this **breaks the symmetry**.
# The biases may start at zero: the random weights already make the units differ.
#
# Why *small* (a standard normal times 0.01)? With large weights, $|z|$ is large, $\tanh$ and
# $\sigma$ are flat there, their slopes are nearly zero, and learning starts very slowly.
#
# ### Exercise 3: `initialize_parameters` (2 points)
#
# Return the dictionary of parameters:
#
# - `W1`: `np.random.randn(n_h, n_x)` times 0.01; `b1`: zeros of shape `(n_h, 1)`;
# - `W2`: `np.random.randn(n_y, n_h)` times 0.01; `b2`: zeros of shape `(n_y, 1)`.
#
# Draw `W1` before `W2`, and do **not** seed the generator inside the function: whoever calls
# it decides the seed (the test below calls `np.random.seed(2)` first, `nn_model` will seed
# with 3), so that results can be reproduced.

# %% nbgrader={"grade": false, "grade_id": "initialize_parameters", "locked": false, "schema_version": 3, "solution": true, "task": false}
def initialize_parameters(n_x, n_h, n_y):
    """Small random weights and zero biases for the network n_x -> n_h -> n_y.

    Arguments:
    n_x -- int, size of the input layer
    n_h -- int, size of the hidden layer
    n_y -- int, size of the output layer

    Returns:
    parameters -- dict with
        "W1" -- float array of shape (n_h, n_x), standard normal times 0.01 (drawn first)
        "b1" -- zeros of shape (n_h, 1)
        "W2" -- float array of shape (n_y, n_h), standard normal times 0.01 (drawn second)
        "b2" -- zeros of shape (n_y, 1)
    """
    ### BEGIN SOLUTION
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    ### END SOLUTION
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


# %% nbgrader={"grade": true, "grade_id": "test_initialize_parameters", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
"""initialize_parameters: keys, shapes, values for a given seed (W1 drawn first), zero biases, no seed inside."""
np.random.seed(2)
parameters_init = initialize_parameters(2, 4, 1)
expected_W1 = np.array([[-0.004167578474054706, -0.0005626682722632948],
                        [-0.02136196095668454, 0.016402708084049887],
                        [-0.017934355851948632, -0.00841747365656204],
                        [0.005028814171580428, -0.012452880866072316]])  # ref: (np.random.seed(2), initialize_parameters(2, 4, 1))[1]["W1"]
expected_W2 = np.array([[-0.010579522188623389, -0.009090076149268494, 0.005514540445464244, 0.022922080128149575]])  # ref: (np.random.seed(2), initialize_parameters(2, 4, 1))[1]["W2"]
C.expect_keys(parameters_init, ["W1", "b1", "W2", "b2"], "the dict returned by initialize_parameters")
C.expect_array(parameters_init["W1"], expected_W1, "W1 after np.random.seed(2)", kind="f", reveal=True)
C.expect_array(parameters_init["b1"], np.zeros((4, 1)), "b1", kind="f", reveal=True)
C.expect_array(parameters_init["W2"], expected_W2, "W2 after np.random.seed(2)", kind="f", reveal=True)
C.expect_array(parameters_init["b2"], np.zeros((1, 1)), "b2", kind="f", reveal=True)
C.passed("initialize_parameters")
### BEGIN HIDDEN TESTS
for (_nx, _nh, _ny, _seed) in [(3, 5, 2, 7), (1, 2, 1, 11)]:
    _what = f"initialize_parameters({_nx}, {_nh}, {_ny}) after np.random.seed({_seed})"
    np.random.seed(_seed)
    _p = initialize_parameters(_nx, _nh, _ny)
    np.random.seed(_seed)
    _eW1 = np.random.randn(_nh, _nx) * 0.01  # the recipe: W1 first, then W2
    _eW2 = np.random.randn(_ny, _nh) * 0.01
    C.expect_keys(_p, ["W1", "b1", "W2", "b2"], _what)
    C.expect_array(_p["W1"], _eW1, f"W1 from {_what} (standard normal times 0.01, drawn before W2, no seed inside)", kind="f")
    C.expect_array(_p["b1"], np.zeros((_nh, 1)), f"b1 from {_what}", kind="f")
    C.expect_array(_p["W2"], _eW2, f"W2 from {_what} (drawn after W1)", kind="f")
    C.expect_array(_p["b2"], np.zeros((_ny, 1)), f"b2 from {_what}", kind="f")
_p1 = initialize_parameters(2, 3, 1)
_p2 = initialize_parameters(2, 3, 1)
C.expect_true(not np.array_equal(_p1["W1"], _p2["W1"]), "initialize_parameters",
              "two calls in a row gave the same W1: do not seed inside the function")
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 4: `forward_propagation` (2 points)
#
# Compute $Z^{[1]}, A^{[1]}, Z^{[2]}, A^{[2]}$ for all examples at once (the vectorised
# equations above; `np.dot` or `@` for the products, `np.tanh`, and the provided `sigmoid`).
# Return $A^{[2]}$ and a `cache` dictionary holding the four arrays under the keys `"Z1"`,
# `"A1"`, `"Z2"`, `"A2"`: the backward pass needs them.

# %% nbgrader={"grade": false, "grade_id": "forward_propagation", "locked": false, "schema_version": 3, "solution": true, "task": false}
def forward_propagation(X, parameters):
    """Forward pass of the network LINEAR -> TANH -> LINEAR -> SIGMOID over m examples.

    Arguments:
    X -- input data of shape (n_x, m), one example per column
    parameters -- dict with "W1" (n_h, n_x), "b1" (n_h, 1), "W2" (n_y, n_h), "b2" (n_y, 1)

    Returns:
    A2 -- output of the network, shape (n_y, m), values in (0, 1)
    cache -- dict with "Z1" (n_h, m), "A1" (n_h, m), "Z2" (n_y, m) and "A2" (n_y, m)
    """
    ### BEGIN SOLUTION
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = W1 @ X + b1  # b1 (n_h, 1) is broadcast to every column
    A1 = np.tanh(Z1)
    Z2 = W2 @ A1 + b2
    A2 = sigmoid(Z2)
    ### END SOLUTION
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


# %% nbgrader={"grade": true, "grade_id": "test_forward_propagation", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
"""forward_propagation: A2 and the cache (keys, shapes, values) on several sizes, inputs unchanged."""
rng = np.random.RandomState(1)
X_fwd = rng.randn(2, 3)
parameters_fwd = {"W1": rng.randn(4, 2), "b1": rng.randn(4, 1), "W2": rng.randn(1, 4), "b2": rng.randn(1, 1)}
A2_fwd, cache_fwd = forward_propagation(X_fwd, parameters_fwd)
expected_A2 = np.array([[0.2313880198677819, 0.6377847024591835, 0.4236734876606197]])  # ref: forward_propagation(X_fwd, parameters_fwd)[0]
expected_Z1 = np.array([[4.784697461634745, -0.5923846045653136, 1.9641562942017212],
                        [-0.3140950026238075, -1.5108725059977939, -0.6944631367022324],
                        [4.413006379681328, -2.8497436029680054, 3.7968212452694656],
                        [-0.989497036664331, -1.0129811941003966, 0.17634920065706972]])  # ref: forward_propagation(X_fwd, parameters_fwd)[1]["Z1"]
C.expect_type(cache_fwd, dict, "the cache returned by forward_propagation")
C.expect_array(A2_fwd, expected_A2, "A2 from forward_propagation", kind="f", reveal=True)
C.expect_array(cache_fwd.get("Z1"), expected_Z1, 'cache["Z1"]', reveal=True)
C.passed("forward_propagation")
### BEGIN HIDDEN TESTS
_rng = np.random.RandomState(30)
_cases = []
for _what, _nx, _nh, _m in [("n_x = 3, n_h = 5, m = 4", 3, 5, 4), ("one example (m = 1), n_h = 2", 2, 2, 1), ("n_x = 1, n_h = 3, m = 6", 1, 3, 6)]:
    _cases.append((_what, _rng.randn(_nx, _m), {"W1": _rng.randn(_nh, _nx), "b1": _rng.randn(_nh, 1), "W2": _rng.randn(1, _nh), "b2": _rng.randn(1, 1)}))
# the docstring allows any number of output units n_y
_cases.append(("two output units (n_y = 2), n_x = 3, n_h = 4, m = 5", _rng.randn(3, 5),
               {"W1": _rng.randn(4, 3), "b1": _rng.randn(4, 1), "W2": _rng.randn(2, 4), "b2": _rng.randn(2, 1)}))
_exp = [{'Z1': np.array([[0.5649464698277177, -3.599363668172815, 3.5988836584938917, -2.104272163497525], [0.12491555001266397, 1.4641421553850469, 1.589582471697567, 0.9479223881156381], [0.8384823216723225, -4.593174982583013, -1.305298989486298, -1.1952105407163724], [-0.323673202793179, -3.121144411565769, 1.763744488409192, -1.8762104866685596], [2.3829910259882956, -6.838348112949811, 0.9617706766335188, 0.03431319384861853]]), 'A1': np.array([[0.5116382818925713, -0.9985060436552579, 0.9985046098124634, -0.9706996464596692], [0.12426985681795741, 0.8984541020611835, 0.9200852898805678, 0.7388410261468212], [0.6850043627824077, -0.9997951648825162, -0.8630810817765608, -0.8321878810977161], [-0.3128244646799703, -0.9961167589446351, 0.9429197501564213, -0.9541538335878719], [0.9831147251878353, -0.9999977021811114, 0.7450656407896027, 0.034299733457127585]]), 'Z2': np.array([[-0.747011976502431, -3.2440811408225616, -1.4527766830138018, -2.0544264309687783]]), 'A2': np.array([[0.32147272446710584, 0.03754015662262376, 0.18957459959662512, 0.11360587858188122]])}, {'Z1': np.array([[-1.5906843911470578], [2.223279226200048]]), 'A1': np.array([[-0.9202542004520335], [0.9768338233408335]]), 'Z2': np.array([[-2.4810990972970117]]), 'A2': np.array([[0.0771938715724215]])}, {'Z1': np.array([[-4.454632124117989, -0.2227295221300648, 0.46651578594185406, 0.1735017568277104, -4.225678797923054, 0.9574924722665947], [-0.6441503804217011, 0.15664376417229955, 0.2870682230512933, 0.2316217865741686, -0.6008260177777929, 0.37997472221229167], [0.3295724773490587, -2.1282546232470017, -2.5285582116003984, -2.358379951525773, 0.19659973605081138, -2.8137102859517644]]), 'A1': np.array([[-0.9997297740750466, -0.21911808038765498, 0.4353798415110066, 0.1717815013625876, -0.9995728707950055, 0.7431562907621737], [-0.567718872906511, 0.1553750120186727, 0.2794341792115293, 0.2275667184296824, -0.5376370821175478, 0.3626855150515891], [0.31813657647483856, -0.9720526884650669, -0.987352718175898, -0.9822703530607484, 0.1941053384416383, -0.9928301086530935]]), 'Z2': np.array([[0.08266876058574213, 0.1769354531163463, -0.6714227410994981, -0.327827757667299, 0.2009973935194127, -1.0823920704987389]]), 'A2': np.array([[0.520655428006453, 0.5441188240624669, 0.3381783385013126, 0.41876925685767846, 0.5500808564476709, 0.25305360649878234]])}, {'Z1': np.array([[1.6396316726635913, 1.592909489866197, 1.8154330632537878, 1.6744583264508808, 2.0617095073764435], [1.8634444588820926, -0.6986314129885938, 2.3169877963842964, 0.5547383166576265, 2.42159428050312], [3.1690933259027454, 0.4038472370460352, 1.92683154976825, 1.074588814540064, -0.9876193719165152], [0.21128413713445893, -3.323390070784857, 1.7159901364389536, -1.3884925322792074, 2.4621123498566804]]), 'A1': np.array([[0.9274210594709902, 0.9205942378876598, 0.948381095443155, 0.9321386846642782, 0.9681376831558579], [0.9529960798414373, -0.6034983621824224, 0.9807548764036786, 0.5040630536740308, 0.9843595123198056], [0.9964712282525457, 0.38323598645387946, 0.9584765194162508, 0.7911838088379823, -0.7563453872886767], [0.20819530342150624, -0.9974069754754084, 0.9373783721823961, -0.8828387902881324, 0.9855681771592913]]), 'Z2': np.array([[2.260881634241434, 1.9608707599544428, 2.5857266271284276, 1.8485341014574879, 2.0620510452380634], [-0.6015322229243569, -0.183521428076439, -0.8209205743400256, -0.308086988785355, -2.1734847797175227]]), 'A2': np.array([[0.9055850384212751, 0.876627157740334, 0.9299373011748013, 0.8639548978255752, 0.8871596578348484], [0.3539932236020201, 0.4542479820574518, 0.30556828245991563, 0.42358175175237317, 0.10215696282965485]])}]  # ref: [forward_propagation(X_, p_)[1] for _, X_, p_ in _cases]
for (_what, _X, _p), _e in zip(_cases, _exp):
    with C.unchanged(f"forward_propagation on {_what}", X=_X, parameters=_p):
        _out = forward_propagation(_X, _p)
    C.expect_true(isinstance(_out, tuple) and len(_out) == 2, f"forward_propagation on {_what}",
                  "should return a pair (A2, cache)")
    _A2, _cache = _out
    C.expect_array(_A2, _e["A2"], f"A2 on {_what}", kind="f")
    C.expect_type(_cache, dict, f"cache on {_what}")
    _missing = [k for k in ("Z1", "A1", "Z2", "A2") if k not in _cache]
    C.expect_true(not _missing, f"cache on {_what}", f"missing keys {_missing}")
    for _k in ("Z1", "A1", "Z2", "A2"):
        C.expect_array(_cache[_k], _e[_k], f'cache["{_k}"] on {_what}', kind="f")
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 5: `compute_cost` (2 points)
#
# Compute the cross-entropy $J$ above and return it as a Python `float` (for example
# `float(...)` of a NumPy scalar). `np.log`, elementwise `*` and `np.sum` are all you need.
#
# A trap to avoid: the flower's `Y` is stored as unsigned 8-bit integers (`uint8`), and for
# those `-Y` is not negative (it wraps around: `-1` becomes `255`). Put the minus sign in
# front of the whole sum, or of a product with a float array, never directly in front of `Y`.

# %% nbgrader={"grade": false, "grade_id": "compute_cost", "locked": false, "schema_version": 3, "solution": true, "task": false}
def compute_cost(A2, Y):
    """Mean cross-entropy between the network's outputs and the labels.

    Arguments:
    A2 -- outputs of the network (probabilities of class 1), shape (1, m), values in (0, 1)
    Y -- labels, shape (1, m), values 0 or 1 (any numeric dtype)

    Returns:
    cost -- Python float, -1/m * sum(Y log A2 + (1 - Y) log(1 - A2))
    """
    m = Y.shape[1]  # number of examples
    ### BEGIN SOLUTION
    log_likelihood = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
    cost = float(-np.sum(log_likelihood) / m)
    ### END SOLUTION
    return cost


# %% nbgrader={"grade": true, "grade_id": "test_compute_cost", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
"""compute_cost: a Python float equal to the mean cross-entropy, for several m and label dtypes."""
A2_cost = np.array([[0.5, 0.8, 0.1, 0.3]])
Y_cost = np.array([[1.0, 1.0, 0.0, 1.0]])
expected_cost = 0.5564060129644793  # ref: compute_cost(A2_cost, Y_cost)
cost = compute_cost(A2_cost, Y_cost)
C.expect_scalar(cost, expected_cost, "compute_cost on a (1, 4) example", python_float=True, reveal=True,
                inputs={"A": A2_cost, "Y": Y_cost})
C.passed("compute_cost")
### BEGIN HIDDEN TESTS
_rng = np.random.RandomState(40)
_cases = [("m = 7 with float labels", _rng.uniform(0.02, 0.98, (1, 7)), (_rng.rand(1, 7) > 0.5).astype(float)),
          ("m = 6 with uint8 labels (the dtype of the flower's Y)", _rng.uniform(0.02, 0.98, (1, 6)), np.array([[1, 0, 1, 1, 0, 0]], dtype=np.uint8)),
          ("one example (m = 1)", np.array([[0.25]]), np.array([[1]])),
          ("outputs close to 0 and 1", np.array([[1e-6, 1 - 1e-6, 0.999, 0.5, 0.01]]), np.array([[0, 1, 0, 1, 0]]))]
_exp = [1.082340129012373, 1.6715234954475895, 1.3862943611198906, 1.5221909590793166]  # ref: [compute_cost(A_, Y_) for _, A_, Y_ in _cases]
for (_what, _A2, _Y), _e in zip(_cases, _exp):
    with C.unchanged(f"compute_cost on {_what}", A2=_A2, Y=_Y):
        _cost = compute_cost(_A2, _Y)
    C.expect_scalar(_cost, _e, f"compute_cost on {_what}", python_float=True, inputs={"A": _A2, "Y": _Y})
### END HIDDEN TESTS

# %% [markdown]
# ## 4. Backpropagation: the six gradients
#
# Gradient descent needs the derivatives of $J$ with respect to the four parameter arrays.
# Write $dV$ for $\partial J / \partial V$ (so $dW^{[1]}$ has the shape of $W^{[1]}$). We
# follow one example back through the network, then stack the examples as columns.
#
# **Output layer.** For one example, the loss is
# $\mathcal{L} = -\big(y\log a + (1-y)\log(1-a)\big)$ with $a = \sigma(z^{[2]})$. Its
# derivative in $a$ is $-\frac{y}{a} + \frac{1-y}{1-a}$, and $\sigma'(z) = a(1-a)$; the product
# simplifies to
#
# $$dz^{[2]} = a^{[2]} - y \qquad\Longrightarrow\qquad dZ^{[2]} = A^{[2]} - Y \quad (n_y, m).$$
#
# (Here $dZ^{[2]}$ holds the per-example derivatives; the $\frac{1}{m}$ of the mean comes in
# with the parameters, below.)
#
# **Output weights and bias.** $z^{[2]}_j = \sum_k W^{[2]}_{jk} a^{[1]}_k + b^{[2]}_j$, so
# $\partial z^{[2]}_j / \partial W^{[2]}_{jk} = a^{[1]}_k$, and $J$ averages over the examples:
# $dW^{[2]}_{jk} = \frac{1}{m}\sum_i dz^{[2](i)}_j\, a^{[1](i)}_k$. As matrices:
#
# $$dW^{[2]} = \frac{1}{m}\, dZ^{[2]} A^{[1]T} \quad (n_y, n_h), \qquad
#   db^{[2]} = \frac{1}{m}\sum_{i=1}^{m} dZ^{[2](i)} \quad (n_y, 1),$$
#
# the second one a sum over the columns (`axis=1`, with `keepdims=True` to keep the shape
# `(n_y, 1)`).
#
# **Back into the hidden layer.** Unit $k$ of the hidden layer feeds every output $j$ through
# $W^{[2]}_{jk}$, so $da^{[1]}_k = \sum_j W^{[2]}_{jk}\, dz^{[2]}_j$, that is
# $da^{[1]} = W^{[2]T} dz^{[2]}$. Then through the $\tanh$: its derivative is
# $1 - \tanh^2(z) = 1 - (a^{[1]})^2$, an expression in the activation we already have in the
# cache. Elementwise ($*$):
#
# $$dZ^{[1]} = W^{[2]T} dZ^{[2]} * \big(1 - (A^{[1]})^2\big) \quad (n_h, m).$$
#
# **Hidden weights and bias.** The same argument as for layer 2, with $X$ in the role of
# $A^{[1]}$:
#
# $$dW^{[1]} = \frac{1}{m}\, dZ^{[1]} X^{T} \quad (n_h, n_x), \qquad
#   db^{[1]} = \frac{1}{m}\sum_{i=1}^{m} dZ^{[1](i)} \quad (n_h, 1).$$
#
# A quick check that helps with every formula: each gradient has the shape of its parameter.
#
# ### Exercise 6: `backward_propagation` (4 points)
#
# Implement the six formulas. Take $A^{[1]}$ and $A^{[2]}$ from the `cache` (do not recompute
# them), $W^{[2]}$ from `parameters`. Return the dictionary with keys `"dW1"`, `"db1"`,
# `"dW2"`, `"db2"`.

# %% nbgrader={"grade": false, "grade_id": "backward_propagation", "locked": false, "schema_version": 3, "solution": true, "task": false}
def backward_propagation(parameters, cache, X, Y):
    """Gradients of the mean cross-entropy with respect to W1, b1, W2, b2.

    Arguments:
    parameters -- dict with "W1" (n_h, n_x), "b1" (n_h, 1), "W2" (n_y, n_h), "b2" (n_y, 1)
    cache -- dict from forward_propagation: "Z1" (n_h, m), "A1" (n_h, m), "Z2" (n_y, m), "A2" (n_y, m)
    X -- input data of shape (n_x, m)
    Y -- labels of shape (n_y, m)

    Returns:
    grads -- dict with "dW1" (n_h, n_x), "db1" (n_h, 1), "dW2" (n_y, n_h), "db2" (n_y, 1)
    """
    m = X.shape[1]  # number of examples
    ### BEGIN SOLUTION
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = (W2.T @ dZ2) * (1 - A1 ** 2)  # tanh'(Z1) = 1 - A1^2
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    ### END SOLUTION
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


# %% nbgrader={"grade": true, "grade_id": "test_backward_propagation", "locked": true, "points": 4, "schema_version": 3, "solution": false, "task": false}
"""backward_propagation: the four gradients (shapes, values) on several sizes, from the cache, inputs unchanged."""
rng = np.random.RandomState(2)
X_bwd = rng.randn(2, 3)
Y_bwd = np.array([[1.0, 0.0, 1.0]])
parameters_bwd = {"W1": rng.randn(4, 2), "b1": rng.randn(4, 1), "W2": rng.randn(1, 4), "b2": rng.randn(1, 1)}
# A cache made up for the test (not the forward pass of these parameters): the gradients
# must be computed from the cache's A1 and A2.
cache_bwd = {"Z1": rng.randn(4, 3), "A1": np.tanh(rng.randn(4, 3)), "Z2": rng.randn(1, 3), "A2": rng.uniform(0.1, 0.9, (1, 3))}
grads_bwd = backward_propagation(parameters_bwd, cache_bwd, X_bwd, Y_bwd)
expected_grads = {'dW1': np.array([[-0.16728243270839957, 0.26808356401862504],
                                   [0.004015651728723579, -0.004854132178778118],
                                   [-0.08421593850032934, 0.18980226864775687],
                                   [-0.04549501799079705, 0.05756678587644046]]),
                  'db1': np.array([[-0.04219549119814529], [-0.001622515005736411],
                                   [0.10221709062062144], [-0.009308295595226848]]),
                  'dW2': np.array([[0.07521895836773934, 0.18694239772223042, -0.5591102662570399,
                                    -0.3705834301549784]]),
                  'db2': np.array([[-0.13374188033934054]])}  # ref: backward_propagation(parameters_bwd, cache_bwd, X_bwd, Y_bwd)
C.expect_type(grads_bwd, dict, "the grads returned by backward_propagation")
for key in ("dW1", "db1", "dW2", "db2"):
    C.expect_array(grads_bwd.get(key), expected_grads[key], f'grads["{key}"]', kind="f", reveal=True)
C.passed("backward_propagation")
### BEGIN HIDDEN TESTS
_rng = np.random.RandomState(50)
_cases = []
for _what, _nx, _nh, _m in [("n_x = 3, n_h = 4, m = 5", 3, 4, 5), ("one example (m = 1), n_h = 3", 2, 3, 1), ("n_x = 1, n_h = 2, m = 6", 1, 2, 6)]:
    _X = _rng.randn(_nx, _m)
    _Y = (_rng.rand(1, _m) > 0.5).astype(np.uint8)
    _p = {"W1": _rng.randn(_nh, _nx), "b1": _rng.randn(_nh, 1), "W2": _rng.randn(1, _nh), "b2": _rng.randn(1, 1)}
    # A1 is deliberately not tanh(W1 X + b1): the gradients must follow the cache
    _c = {"Z1": _rng.randn(_nh, _m), "A1": np.tanh(_rng.randn(_nh, _m)), "Z2": _rng.randn(1, _m), "A2": _rng.uniform(0.05, 0.95, (1, _m))}
    _cases.append((_what, _p, _c, _X, _Y))
# the docstring allows any number of output units n_y
_X, _Y = _rng.randn(3, 5), (_rng.rand(2, 5) > 0.5).astype(np.uint8)
_p = {"W1": _rng.randn(4, 3), "b1": _rng.randn(4, 1), "W2": _rng.randn(2, 4), "b2": _rng.randn(2, 1)}
_c = {"Z1": _rng.randn(4, 5), "A1": np.tanh(_rng.randn(4, 5)), "Z2": _rng.randn(2, 5), "A2": _rng.uniform(0.05, 0.95, (2, 5))}
_cases.append(("two output units (n_y = 2), n_x = 3, n_h = 4, m = 5", _p, _c, _X, _Y))
_exp = [{'dW1': np.array([[-0.035729273258436375, -0.02433139822913771, 0.009102781524825309], [0.07426326861883634, 0.04068272156494509, -0.01706948006375714], [0.31403336905916485, 0.1921420878649453, 0.02589137033512954], [-0.5078985481230893, -0.43489373767862416, 0.043434094591247814]]), 'db1': np.array([[0.04244385669162677], [-0.07771828613390122], [-0.224203732135943], [0.5741916454371261]]), 'dW2': np.array([[-0.3014554691443941, 0.04926843253996268, -0.0027690829322349697, 0.1840803691898621]]), 'db2': np.array([[-0.5368896682315079]])}, {'dW1': np.array([[0.2290678936192532, -0.02611875748227341], [-0.06315786129305764, 0.007201379626576293], [-2.494290144864606, 0.2844037126059625]]), 'db1': np.array([[0.10117709465692275], [-0.027896222423024888], [-1.1017040673027103]]), 'dW2': np.array([[-0.8795644046203991, 0.7763527328504527, 0.47183269193463373]]), 'db2': np.array([[0.9365691735042511]])}, {'dW1': np.array([[-0.004800175817908906], [0.008899138569917165]]), 'db1': np.array([[-0.014518202112136225], [0.12339667785788384]]), 'dW2': np.array([[-0.2713484507106627, 0.04701306595070942]]), 'db2': np.array([[0.0857059270832193]])}, {'dW1': np.array([[-0.1093081448743527, -0.0028707616068630757, 0.05694356781520869], [0.23438663173763924, -0.0023059440667191023, -0.17109638486703121], [0.3343857814976986, 0.20746161845542135, -0.2224124385258678], [-0.09713178351192801, 0.30343819754937357, 0.03654947278739855]]), 'db1': np.array([[0.04436878997848083], [-0.22831607164381035], [0.04781290388644354], [0.2758276810138344]]), 'dW2': np.array([[-0.22190306824902944, 0.25943279975569916, 0.06497944334442546, -0.1509424042009238], [-0.18513138636534426, 0.21074254590636549, -0.1443886069387215, -0.2910132965818798]]), 'db2': np.array([[0.03159654960971314], [0.27499116146762936]])}]  # ref: [backward_propagation(p_, c_, X_, Y_) for _, p_, c_, X_, Y_ in _cases]
for (_what, _p, _c, _X, _Y), _e in zip(_cases, _exp):
    # the arrays must not change (an extra entry in the cache dict would be harmless)
    with C.unchanged(f"backward_propagation on {_what}", W1=_p["W1"], W2=_p["W2"], A1=_c["A1"], A2=_c["A2"], X=_X, Y=_Y):
        _g = backward_propagation(_p, _c, _X, _Y)
    C.expect_type(_g, dict, f"grads from backward_propagation on {_what}")
    for _k in ("dW1", "db1", "dW2", "db2"):
        C.expect_true(_k in _g, f"grads from backward_propagation on {_what}", f'the key "{_k}" is missing')
        C.expect_array(_g[_k], _e[_k], f'{_k} on {_what} (labels stored as uint8)', kind="f")
### END HIDDEN TESTS

# %% [markdown]
# ### Is the backward pass right? Ask finite differences
#
# The test above compares your gradients with ours. Here is a check that needs no reference
# at all: nudge one parameter entry $\theta$ by $\pm\varepsilon$ and watch the cost,
# $\frac{\partial J}{\partial \theta} \approx \frac{J(\theta + \varepsilon) - J(\theta - \varepsilon)}{2\varepsilon}$.
# `check_gradients` (from `nndl.gradcheck`) does this for every entry of every parameter and
# compares the result with your `grads` through the relative difference
# $\lVert g - g_{num}\rVert / (\lVert g\rVert + \lVert g_{num}\rVert)$. We use a tiny network
# (2 inputs, 3 hidden units, 5 examples) with weights of normal size, so that the gradients
# are not all tiny. With your functions it should print that the gradients agree: the
# reference solution gets a relative difference of 1.3e-09, far below the threshold $10^{-7}$.

# %%
rng = np.random.RandomState(0)
X_check = rng.randn(2, 5)
Y_check = (rng.rand(1, 5) > 0.5).astype(float)
parameters_check = {"W1": rng.randn(3, 2), "b1": rng.randn(3, 1), "W2": rng.randn(1, 3), "b2": rng.randn(1, 1)}


def cost_of(parameters):
    """The cost J of the tiny network as a function of its parameters (X_check, Y_check fixed)."""
    A2, _ = forward_propagation(X_check, parameters)
    return compute_cost(A2, Y_check)


A2_check, cache_check = forward_propagation(X_check, parameters_check)
grads_check = backward_propagation(parameters_check, cache_check, X_check, Y_check)
check_gradients(cost_of, parameters_check, grads_check);

# %% [markdown]
# ### Exercise 7: `update_parameters` (2 points)
#
# One step of gradient descent moves every parameter against its gradient, by a step
# proportional to the **learning rate** $\alpha$:
#
# $$W^{[l]} \leftarrow W^{[l]} - \alpha\, dW^{[l]}, \qquad b^{[l]} \leftarrow b^{[l]} - \alpha\, db^{[l]}
#   \qquad (l = 1, 2).$$
#
# Return a **new** dictionary with the updated arrays, and leave the arrays you were given
# unchanged: write `W1 = W1 - learning_rate * dW1`, which makes a new array, not
# `W1 -= learning_rate * dW1`, which overwrites the caller's array in place. The default
# learning rate is 1.2: large, but right for this small network and these data.

# %% nbgrader={"grade": false, "grade_id": "update_parameters", "locked": false, "schema_version": 3, "solution": true, "task": false}
def update_parameters(parameters, grads, learning_rate=1.2):
    """One gradient-descent step, returned as new arrays (the inputs are not modified).

    Arguments:
    parameters -- dict with "W1" (n_h, n_x), "b1" (n_h, 1), "W2" (n_y, n_h), "b2" (n_y, 1)
    grads -- dict with "dW1", "db1", "dW2", "db2", each of its parameter's shape
    learning_rate -- float, the step size alpha

    Returns:
    parameters -- new dict with "W1", "b1", "W2", "b2", each equal to the old value minus
                  learning_rate times its gradient (same shapes)
    """
    ### BEGIN SOLUTION
    updated = {}
    for name in ("W1", "b1", "W2", "b2"):
        # "-" builds a new array; "-=" would overwrite the caller's array
        updated[name] = parameters[name] - learning_rate * grads["d" + name]
    parameters = updated
    ### END SOLUTION
    return parameters


# %% nbgrader={"grade": true, "grade_id": "test_update_parameters", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
"""update_parameters: default learning rate 1.2, an explicit one, shapes, and the inputs left unchanged."""
rng = np.random.RandomState(3)
parameters_upd = {"W1": rng.randn(4, 2), "b1": rng.randn(4, 1), "W2": rng.randn(1, 4), "b2": rng.randn(1, 1)}
grads_upd = {"dW1": rng.randn(4, 2), "db1": rng.randn(4, 1), "dW2": rng.randn(1, 4), "db2": rng.randn(1, 1)}
W1_before, b2_before = parameters_upd["W1"].copy(), parameters_upd["b2"].copy()  # for the hints
updated_upd = update_parameters(parameters_upd, grads_upd)
expected_W1_upd = np.array([[3.6444012521298808, -0.7423310705978027],
                            [1.4177786242057793, -0.4414368709402834],
                            [-0.03060832320734977, -2.138137005358495],
                            [-0.36680100215475453, 0.6015414910879143]])  # ref: update_parameters(parameters_upd, grads_upd)["W1"]
expected_b2_upd = np.array([[0.2063403458065125]])  # ref: update_parameters(parameters_upd, grads_upd)["b2"]
C.expect_keys(updated_upd, ["W1", "b1", "W2", "b2"], "the dict returned by update_parameters")
C.expect_array(updated_upd["W1"], expected_W1_upd, "W1 after one step with the default learning rate", reveal=True,
               start=W1_before)
C.expect_array(updated_upd["b2"], expected_b2_upd, "b2 after one step with the default learning rate", reveal=True,
               start=b2_before)
C.passed("update_parameters")
### BEGIN HIDDEN TESTS
_rng = np.random.RandomState(60)
for _what, _nx, _nh, _ny, _lr in [("n_x = 3, n_h = 5, default learning rate", 3, 5, 1, None),
                                  ("n_x = 2, n_h = 3, learning_rate=0.05", 2, 3, 1, 0.05),
                                  ("two output units (n_y = 2), learning_rate=0.3", 3, 4, 2, 0.3)]:
    _p = {"W1": _rng.randn(_nh, _nx), "b1": _rng.randn(_nh, 1), "W2": _rng.randn(_ny, _nh), "b2": _rng.randn(_ny, 1)}
    _g = {"dW1": _rng.randn(_nh, _nx), "db1": _rng.randn(_nh, 1), "dW2": _rng.randn(_ny, _nh), "db2": _rng.randn(_ny, 1)}
    _alpha = 1.2 if _lr is None else _lr
    _e = {_k: _p[_k] - _alpha * _g["d" + _k] for _k in _p}  # computed before the call
    # The arrays themselves must not change (the dict may or may not be reused).
    with C.unchanged(f"update_parameters on {_what}", W1=_p["W1"], b1=_p["b1"], W2=_p["W2"], b2=_p["b2"], grads=_g):
        _new = update_parameters(_p, _g) if _lr is None else update_parameters(_p, _g, learning_rate=_lr)
    C.expect_keys(_new, ["W1", "b1", "W2", "b2"], f"update_parameters on {_what}")
    for _k in ("W1", "b1", "W2", "b2"):
        C.expect_array(_new[_k], _e[_k], f"{_k} from update_parameters on {_what}", kind="f", start=_p[_k])
### END HIDDEN TESTS

# %% [markdown]
# ### Symmetry, seen for real
#
# Now that the pieces work, here is what happens when every hidden unit starts from the same
# weights (all 0.3) instead of random ones: 500 steps of gradient descent on the flower. The
# four rows of $W^{[1]}$ (one per hidden unit) receive identical gradients at every step, so
# they are still identical at the end, and the network is no better than one with a single
# hidden unit: it classifies 65.50% of the points correctly, where the one-unit network of
# section 7 gets 67.50%.

# %%
same_start = {"W1": np.full((4, 2), 0.3), "b1": np.zeros((4, 1)), "W2": np.full((1, 4), 0.3), "b2": np.zeros((1, 1))}
parameters_same = same_start
for step in range(500):
    A2_same, cache_same = forward_propagation(X, parameters_same)
    grads_same = backward_propagation(parameters_same, cache_same, X, Y)
    parameters_same = update_parameters(parameters_same, grads_same)
print("W1 after 500 steps, one row per hidden unit:")
print(parameters_same["W1"])
print("largest difference between two rows:", np.max(np.ptp(parameters_same["W1"], axis=0)))
A2_same, _ = forward_propagation(X, parameters_same)
print(f"accuracy on the flower: {100 * np.mean((A2_same > 0.5) == Y):.2f}%")

# %% [markdown]
# ## 5. The whole model
#
# ### Exercise 8: `nn_model` (4 points)
#
# Put the pieces together. `nn_model` seeds the random generator with 3 and reads the input
# and output sizes (given), then:
#
# 1. initialises the parameters with `initialize_parameters(n_x, n_h, n_y)`;
# 2. repeats `num_iterations` times: forward pass, backward pass, update (with the default
#    learning rate 1.2);
# 3. if `print_cost` is true, prints the cost every 1000 iterations (iterations 0, 1000,
#    2000, ...), computed in that iteration's forward pass, before its update.
#
# It returns the learned parameters.

# %% nbgrader={"grade": false, "grade_id": "nn_model", "locked": false, "schema_version": 3, "solution": true, "task": false}
def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    """Train the network n_x -> n_h (tanh) -> n_y (sigmoid) by gradient descent.

    Arguments:
    X -- input data of shape (n_x, m), one example per column
    Y -- labels of shape (n_y, m)
    n_h -- int, size of the hidden layer
    num_iterations -- int, number of gradient-descent steps
    print_cost -- bool, print the cost every 1000 iterations

    Returns:
    parameters -- dict with the learned "W1" (n_h, n_x), "b1" (n_h, 1), "W2" (n_y, n_h), "b2" (n_y, 1)
    """
    np.random.seed(3)  # the original course's seed: everyone starts from the same weights
    n_x, _, n_y = layer_sizes(X, Y)
    ### BEGIN SOLUTION
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {compute_cost(A2, Y):.6f}")
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
    ### END SOLUTION
    return parameters


# %% nbgrader={"grade": true, "grade_id": "test_nn_model", "locked": true, "points": 4, "schema_version": 3, "solution": false, "task": false}
"""nn_model: seeds itself, learning rate 1.2, exact parameters after a few steps on several sizes, and it learns."""
### BEGIN HIDDEN TESTS
# nn_model is graded on its own: while this cell runs, the functions it may call are
# correct versions, so a mistake in an earlier exercise (graded there) does not cost these
# points too. The learner's versions are put back when the cell ends, pass or fail.
def _ref_layer_sizes(X, Y):
    return (X.shape[0], 4, Y.shape[0])
def _ref_initialize_parameters(n_x, n_h, n_y):
    _W1 = np.random.randn(n_h, n_x) * 0.01
    _W2 = np.random.randn(n_y, n_h) * 0.01
    return {"W1": _W1, "b1": np.zeros((n_h, 1)), "W2": _W2, "b2": np.zeros((n_y, 1))}
def _ref_forward_propagation(X, parameters):
    _Z1 = parameters["W1"] @ X + parameters["b1"]
    _A1 = np.tanh(_Z1)
    _Z2 = parameters["W2"] @ _A1 + parameters["b2"]
    _A2 = sigmoid(_Z2)
    return _A2, {"Z1": _Z1, "A1": _A1, "Z2": _Z2, "A2": _A2}
def _ref_compute_cost(A2, Y):
    return float(-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))
def _ref_backward_propagation(parameters, cache, X, Y):
    _n = X.shape[1]
    _dZ2 = cache["A2"] - Y
    _dZ1 = (parameters["W2"].T @ _dZ2) * (1 - cache["A1"] ** 2)
    return {"dW1": _dZ1 @ X.T / _n, "db1": _dZ1.sum(axis=1, keepdims=True) / _n,
            "dW2": _dZ2 @ cache["A1"].T / _n, "db2": _dZ2.sum(axis=1, keepdims=True) / _n}
def _ref_update_parameters(parameters, grads, learning_rate=1.2):
    return {_k: parameters[_k] - learning_rate * grads["d" + _k] for _k in ("W1", "b1", "W2", "b2")}
C.grade_alone(globals(), layer_sizes=_ref_layer_sizes, initialize_parameters=_ref_initialize_parameters,
             forward_propagation=_ref_forward_propagation, compute_cost=_ref_compute_cost,
             backward_propagation=_ref_backward_propagation, update_parameters=_ref_update_parameters)
### END HIDDEN TESTS
np.random.seed(0)  # nn_model must seed the generator itself
parameters_nn = nn_model(X, Y, 4, num_iterations=10)
expected_W2_nn = np.array([[-0.011365145981306696, 0.05611673637084956, -0.0416939742868022, 0.06166653676982049]])  # ref: nn_model(X, Y, 4, num_iterations=10)["W2"]
expected_b2_nn = np.array([[0.0002328298794066086]])  # ref: nn_model(X, Y, 4, num_iterations=10)["b2"]
C.expect_keys(parameters_nn, ["W1", "b1", "W2", "b2"], "the dict returned by nn_model")
C.expect_shape(parameters_nn["W1"], (4, 2), "W1 from nn_model(X, Y, 4)")
np.random.seed(3)
W2_start = (np.random.randn(4, 2), np.random.randn(1, 4) * 0.01)[1]  # where nn_model's W2 starts
C.expect_array(parameters_nn["W2"], expected_W2_nn, "W2 after 10 iterations on the flower", reveal=True, start=W2_start)
C.expect_array(parameters_nn["b2"], expected_b2_nn, "b2 after 10 iterations on the flower", reveal=True)
C.passed("nn_model")
### BEGIN HIDDEN TESTS
_rng = np.random.RandomState(70)
_cases = [("n_x = 3, n_h = 5, m = 7, 4 iterations", _rng.randn(3, 7), (_rng.rand(1, 7) > 0.5).astype(float), 5, 4),
          ("one example (m = 1), n_h = 2, 3 iterations", _rng.randn(2, 1), np.array([[1.0]]), 2, 3),
          ("two output units (Y of shape (2, 6)), n_h = 3, 3 iterations", _rng.randn(2, 6), (_rng.rand(2, 6) > 0.5).astype(float), 3, 3)]
_exp = [{'W1': np.array([[0.018078745046446222, 0.006724639842770369, -0.0026774868686610994], [-0.018402527033529396, -0.000159967113373063, -0.007530383146168492], [-0.0002461785279924765, 0.0006954902412591531, -0.011029569680670797], [-0.005234349577556379, -0.019920924753939393, 0.0194845965712781], [0.009312740085316424, 0.02375410588468467, -0.009855959145680146]]), 'b1': np.array([[-0.0010660669057859762], [-0.001221323161623761], [-0.0032853029738790897], [0.0029548456998332584], [-0.0029680426055919366]]), 'W2': np.array([[-0.007351565907770966, -0.007436601370159526, -0.017079570104707033, 0.025577366046811732, -0.022353065059661892]]), 'b2': np.array([[0.2169127701933477]])}, {'W1': np.array([[0.03881050735644656, -0.0007630302579399893], [0.013033839007642482, -0.021592776001800186]]), 'b1': np.array([[-0.016590322270895012], [-0.009569117679691402]]), 'W2': np.array([[-0.04012642358499381, -0.01994127263303837]]), 'b2': np.array([[1.341577401641411]])}, {'W1': np.array([[0.024786271232986583, 0.0006667401209370571], [0.002545023975364036, -0.03035131523271217], [0.0008754733487933298, 0.0006645961109608312]]), 'b1': np.array([[-0.00536572035951688], [-0.0072889867447267845], [5.50822303988979e-05]]), 'W2': np.array([[-0.020314973905100578, -0.01731015599852756, 0.00047054156402398094], [0.005761253157168545, -0.023700574180737878, 0.007120510742797835]]), 'b2': np.array([[0.8846141142976413], [2.7245691283406258e-05]])}]  # ref: [nn_model(X_, Y_, nh_, num_iterations=it_) for _, X_, Y_, nh_, it_ in _cases]
import contextlib as _contextlib
import io as _io
for (_what, _X, _Y, _nh, _it), _e in zip(_cases, _exp):
    for _seed in (0, 123):  # the result must not depend on the generator's state before the call
        np.random.seed(_seed)
        _printed = _io.StringIO()
        with _contextlib.redirect_stdout(_printed), C.unchanged(f"nn_model on {_what}", X=_X, Y=_Y):
            _p = nn_model(_X, _Y, _nh, num_iterations=_it)
        C.expect_true(_printed.getvalue() == "", f"nn_model on {_what} (print_cost=False)",
                      "printed something; print only when print_cost is True")
        C.expect_keys(_p, ["W1", "b1", "W2", "b2"], f"nn_model on {_what}")
        np.random.seed(3)  # where nn_model starts
        _start = _ref_initialize_parameters(_X.shape[0], _nh, _Y.shape[0])
        for _k in ("W1", "b1", "W2", "b2"):
            C.expect_array(_p[_k], _e[_k], f"{_k} from nn_model on {_what}, with np.random.seed({_seed}) before the call "
                           "(nn_model seeds with 3 itself; learning rate 1.2)", kind="f", start=_start[_k])
_printed = _io.StringIO()
with _contextlib.redirect_stdout(_printed), C.running("nn_model with print_cost=True, 2001 iterations"):
    nn_model(_cases[0][1], _cases[0][2], 5, num_iterations=2001, print_cost=True)
_lines = [_line for _line in _printed.getvalue().splitlines() if _line.strip()]
C.expect_true(3 <= len(_lines) <= 20, "nn_model with print_cost=True, 2001 iterations",
              f"printed {len(_lines)} lines; it should print the cost at iterations 0, 1000 and 2000")
# A longer run on the flower is graded by accuracy, not by exact values.
_p = nn_model(X, Y, 4, num_iterations=1000)
_accuracy = 100 * np.mean((_ref_forward_propagation(X, _p)[0] > 0.5) == Y)
C.expect_true(85 <= _accuracy <= 95, "nn_model(X, Y, 4, num_iterations=1000) on the flower",
              f"the trained network classifies {_accuracy:.1f}% of the points correctly; a correct "
              "nn_model gets close to 90%")
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 9: `predict` (2 points)
#
# The network predicts class 1 where its output is above one half. Return the boolean array
# $A^{[2]} > 0.5$, of shape `(1, m)`, for the examples in `X` (run the forward pass first).

# %% nbgrader={"grade": false, "grade_id": "predict", "locked": false, "schema_version": 3, "solution": true, "task": false}
def predict(parameters, X):
    """Class predictions of the network for each example.

    Arguments:
    parameters -- dict with "W1" (n_h, n_x), "b1" (n_h, 1), "W2" (1, n_h), "b2" (1, 1)
    X -- input data of shape (n_x, m)

    Returns:
    predictions -- boolean array of shape (1, m): True where the output A2 > 0.5 (class 1)
    """
    ### BEGIN SOLUTION
    A2, _ = forward_propagation(X, parameters)
    predictions = A2 > 0.5
    ### END SOLUTION
    return predictions


# %% nbgrader={"grade": true, "grade_id": "test_predict", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
"""predict: a boolean (1, m) array, A2 > 0.5, on several sizes, inputs unchanged."""
### BEGIN HIDDEN TESTS
# predict is graded on its own: while this cell runs, forward_propagation is a correct
# version (put back when the cell ends, pass or fail).
def _ref_forward_propagation(X, parameters):
    _Z1 = parameters["W1"] @ X + parameters["b1"]
    _A1 = np.tanh(_Z1)
    _Z2 = parameters["W2"] @ _A1 + parameters["b2"]
    _A2 = sigmoid(_Z2)
    return _A2, {"Z1": _Z1, "A1": _A1, "Z2": _Z2, "A2": _A2}
C.grade_alone(globals(), forward_propagation=_ref_forward_propagation)
### END HIDDEN TESTS
rng = np.random.RandomState(4)
X_pred = rng.randn(2, 6)
parameters_pred = {"W1": rng.randn(4, 2), "b1": rng.randn(4, 1), "W2": rng.randn(1, 4), "b2": rng.randn(1, 1)}
expected_predictions = np.array([[False, True, True, False, True, True]])  # ref: predict(parameters_pred, X_pred)
predictions_pred = predict(parameters_pred, X_pred)
C.expect_array(predictions_pred, expected_predictions, "predict on 6 examples", kind="b", reveal=True)
C.passed("predict")
### BEGIN HIDDEN TESTS
_rng = np.random.RandomState(80)
_cases = []
for _what, _nx, _nh, _m in [("n_x = 3, n_h = 5, m = 8", 3, 5, 8), ("one example (m = 1)", 2, 4, 1), ("n_x = 2, n_h = 2, m = 9", 2, 2, 9)]:
    _cases.append((_what, _rng.randn(_nx, _m), {"W1": 2 * _rng.randn(_nh, _nx), "b1": _rng.randn(_nh, 1), "W2": 2 * _rng.randn(1, _nh), "b2": _rng.randn(1, 1)}))
# small weights, as just after initialisation: every output is close to one half
_cases.append(("outputs close to one half (small weights), m = 10", _rng.randn(2, 10), {"W1": 0.2 * _rng.randn(4, 2), "b1": 0.1 * _rng.randn(4, 1), "W2": 0.2 * _rng.randn(1, 4), "b2": np.zeros((1, 1))}))
_exp = [np.array([[True, True, True, False, True, True, False, False]]), np.array([[True]]), np.array([[True, False, True, True, False, False, False, False, False]]), np.array([[False, False, False, True, False, True, False, False, False, False]])]  # ref: [predict(p_, X_) for _, X_, p_ in _cases]
for (_what, _X, _p), _e in zip(_cases, _exp):
    with C.unchanged(f"predict on {_what}", X=_X, parameters=_p):
        _pred = predict(_p, _X)
    C.expect_array(_pred, _e, f"predict on {_what}", kind="b")
### END HIDDEN TESTS

# %% [markdown]
# ## 6. Training on the flower
#
# A hidden layer of 4 units, 10 000 iterations with learning rate 1.2. This takes a few
# seconds.

# %%
# While the notebook is being graded, the long runs of this section are shortened (the
# grades do not depend on them); when you run it yourself, they run in full.
num_iterations = 1000 if under_grader() else 10000
parameters = nn_model(X, Y, n_h=4, num_iterations=num_iterations, print_cost=True)

# %%
predictions = predict(parameters, X)
accuracy = 100 * np.mean(predictions == Y)
print(f"Accuracy on the flower: {accuracy:.2f}%")
plot_decision_boundary(lambda points: predict(parameters, points.T), X, Y,
                       title=f"hidden layer of 4 tanh units: {accuracy:.2f}% accuracy")
plt.show()

# %% [markdown]
# The cost falls from 0.693 (the cost of answering one half everywhere, $\log 2$) to 0.218
# at iteration 9000, not quite steadily: with a learning rate as large as 1.2 it goes up a
# little between iterations 6000 and 7000 before falling again. The network classifies
# **90.75%** of the points correctly, against 47% for logistic regression. Its boundary is
# no longer one line: it cuts the plane into wedges around the centre, alternately red and
# blue, one per petal. The points it still gets wrong lie near the centre, where petals of
# both colours meet, and along the edges of the wedges, where the noise pushes a few points
# of a petal across.
#
# ## 7. How big should the hidden layer be?
#
# The same training (5000 iterations, seed 3) for hidden layers of 1, 2, 3, 4, 5, 20 and 50
# units. The accuracy is measured on the training points: it says how well each network can
# fit the data, not how well it would do on new points.

# %%
hidden_sizes = [1, 2, 3, 4, 5, 20, 50]
sweep_iterations = 10 if under_grader() else 5000  # shortened only while grading
fig, axes = plt.subplots(2, 4, figsize=(16, 7.5), layout="tight")
for ax, n_h in zip(axes.flat, hidden_sizes):
    parameters_h = nn_model(X, Y, n_h, num_iterations=sweep_iterations)
    accuracy_h = 100 * np.mean(predict(parameters_h, X) == Y)
    units = f"{n_h} hidden unit" + ("s" if n_h > 1 else "")
    print(f"{units:>15}: {accuracy_h:.2f}%")
    plot_decision_boundary(lambda points: predict(parameters_h, points.T), X, Y, ax=ax,
                           title=f"{units}: {accuracy_h:.2f}%", resolution=150)
# the eighth panel: logistic regression, for comparison (not while grading: see section 2)
if not under_grader():
    plot_decision_boundary(lambda points: clf.predict(points), X, Y, ax=axes.flat[7],
                           title=f"logistic regression: {lr_accuracy:.2f}%", resolution=150)
plt.show()

# %% [markdown]
# What the sweep prints:
#
# | hidden units | 1 | 2 | 3 | 4 | 5 | 20 | 50 |
# |---|---|---|---|---|---|---|---|
# | accuracy | 67.50% | 67.25% | 90.75% | 90.50% | 91.25% | 91.00% | 90.50% |
#
# - **1 or 2 units** are too few: their boundary is a single line through the centre, and
#   about two thirds right is all a line can do here (this one is better placed than
#   logistic regression's).
# - **From 3 units on**, the network finds the wedges: about 90%. Going from 3 to 5 units
#   gains little, and 20 or 50 units gain nothing more on these data.
# - **Large hidden layers** can draw details the flower does not ask for: the 50-unit network
#   adds two small islands at the top and bottom edges, near the tips of the vertical petals.
#   Fitting the particular 400 points rather than the shape behind them is **overfitting**; a
#   later course of the original Deep Learning Specialization shows how regularisation lets a
#   large network be used without it. More units also cost time: the 50-unit network takes
#   several times longer to train than the small ones.
#
# Things to try (they are not graded): train with other learning rates (0.1, 0.5, 2.0, 5.0:
# write a copy of `nn_model` that passes `learning_rate` on to `update_parameters`) and watch
# the printed costs; or give the flower another number of petals (copy the recipe of
# `load_planar_dataset` from `nndl/planar.py` and change the 4 in $\sin(4\theta)$).
#
# ## 8. (Optional) Other planar problems
#
# `load_extra_datasets()` returns five more two-class problems of 200 points, made with
# scikit-learn's generators: noisy circles, noisy moons, blobs, Gaussian quantiles, and
# points with labels drawn at random ("no structure"). Each comes as `(X, Y)` in the same
# layout as the flower. Here the same network (4 hidden units, 5000 iterations) is trained
# on each.

# %%
# Optional and not graded, like section 2's baseline: skipped while the notebook is being
# graded. When you run the notebook yourself, it always runs.
if not under_grader():
    extra = load_extra_datasets()
    fig, axes = plt.subplots(1, 5, figsize=(20, 4), layout="tight")
    for ax, (name, (X_extra, Y_extra)) in zip(axes, extra.items()):
        parameters_extra = nn_model(X_extra, Y_extra, 4, num_iterations=5000)
        accuracy_extra = 100 * np.mean(predict(parameters_extra, X_extra) == Y_extra)
        print(f"{name:>18}: {accuracy_extra:.2f}%")
        plot_decision_boundary(lambda points: predict(parameters_extra, points.T), X_extra, Y_extra,
                               ax=ax, title=f"{name}: {accuracy_extra:.1f}%", resolution=150)
    plt.show()

# %% [markdown]
# The network fits the moons (99.0%) and the Gaussian quantiles (97.5%) almost perfectly,
# the blobs reasonably (83.0%: at the top left, two blobs of different classes overlap), and
# the noisy circles less well
# (78.0%: the noise mixes the two rings). On "no structure" it still gets 59.5%, above the
# 50% that labels drawn at random allow: that is the network memorising noise, the
# overfitting of the previous section in its purest form. An accuracy on the training data
# alone never tells whether a model has learned something real.
#
# ## Summary
#
# - A linear model cannot separate classes that are not linearly separable: 47% on the
#   flower.
# - One hidden layer of a few `tanh` units learns non-linear features and a curved
#   boundary: about 91%.
# - The weights start small and random (symmetry breaking); the biases may start at zero.
# - Backpropagation is the chain rule applied layer by layer, vectorised over the examples:
#   $dZ^{[2]} = A^{[2]} - Y$, $dZ^{[1]} = W^{[2]T}dZ^{[2]} * (1 - (A^{[1]})^2)$, and for
#   each layer $dW = \frac{1}{m} dZ\, A_{\text{prev}}^T$, $db = \frac{1}{m}\sum dZ$.
# - Finite differences check a backward pass without any reference solution.
# - A bigger hidden layer fits the training data better, up to a point, and then starts to
#   fit its noise.
