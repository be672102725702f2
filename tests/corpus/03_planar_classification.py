"""Realistic submissions for 03_planar_classification, right and wrong.

The entry format, and how entries are graded, are in nndl/corpus.py and
notebooks/README.md ("The defect corpus").

Expected outcome when one entry is swapped into the source notebook (everything else
left as the reference solution):

- "correct": every test cell passes;
- "wrong": ``test_<function>`` fails, and no other test cell does. Every test cell
  here grades its function alone: the tests of ``nn_model`` and ``predict`` run
  with correct versions of the functions those call (put back when the cell
  ends), so ``DEPENDENTS`` is empty for every function.

Check it with real nbgrader (tests/test_corpus.py asserts the same):

    nndl corpus 03_planar_classification             # every entry
    nndl corpus 03_planar_classification nn_model    # one function's entries
"""

AID = "03_planar_classification"

# Test cells that may also fail when a function is wrong: none (see above).
DEPENDENTS = {
    "shapes": set(),
    "layer_sizes": set(),
    "initialize_parameters": set(),
    "forward_propagation": set(),
    "compute_cost": set(),
    "backward_propagation": set(),
    "update_parameters": set(),
    "nn_model": set(),
    "predict": set(),
}

_DOC = '    """(docstring elided)"""\n'

CORPUS = [
    # ------------------------------------------------------------------- shapes
    {"function": "shapes", "kind": "wrong", "why": "m counts the rows (features), not the columns",
     "code": "shape_X = X.shape\nshape_Y = Y.shape\nm = X.shape[0]\n"},
    {"function": "shapes", "kind": "wrong", "why": "m = X.size counts every entry (2 per example)",
     "code": "shape_X = X.shape\nshape_Y = Y.shape\nm = X.size\n"},
    {"function": "shapes", "kind": "wrong", "why": "len(X) is the number of rows",
     "code": "shape_X = np.shape(X)\nshape_Y = np.shape(Y)\nm = len(X)\n"},
    {"function": "shapes", "kind": "wrong", "why": "shapes as lists",
     "code": "shape_X = list(X.shape)\nshape_Y = list(Y.shape)\nm = X.shape[1]\n"},
    {"function": "shapes", "kind": "correct", "why": "np.shape and the number of labels",
     "code": "shape_X = np.shape(X)\nshape_Y = np.shape(Y)\nm = Y.size\n"
             "print(shape_X, shape_Y, m)\n"},
    {"function": "shapes", "kind": "correct", "why": "m as a numpy integer",
     "code": "shape_X = X.shape\nshape_Y = Y.shape\nm = np.int64(X.shape[1])\n"},
    # -------------------------------------------------------------- layer_sizes
    {"function": "layer_sizes", "kind": "wrong", "why": "n_x and n_y read from the example axis",
     "code": "def layer_sizes(X, Y):\n" + _DOC +
             "    return (X.shape[1], 4, Y.shape[1])\n"},
    {"function": "layer_sizes", "kind": "wrong", "why": "hard-coded for the flower",
     "code": "def layer_sizes(X, Y):\n" + _DOC +
             "    return (2, 4, 1)\n"},
    {"function": "layer_sizes", "kind": "wrong", "why": "returns a list",
     "code": "def layer_sizes(X, Y):\n" + _DOC +
             "    return [X.shape[0], 4, Y.shape[0]]\n"},
    {"function": "layer_sizes", "kind": "correct", "why": "len() of the arrays (their rows)",
     "code": "def layer_sizes(X, Y):\n" + _DOC +
             "    n_h = 4\n"
             "    return (len(X), n_h, len(Y))\n"},
    {"function": "layer_sizes", "kind": "correct", "why": "np.shape and tuple arithmetic",
     "code": "def layer_sizes(X, Y):\n" + _DOC +
             "    return np.shape(X)[:1] + (4,) + np.shape(Y)[:1]\n"},
    # ---------------------------------------------------- initialize_parameters
    {"function": "initialize_parameters", "kind": "wrong", "why": "seeds with 2 inside (passes the visible test only)",
     "code": "def initialize_parameters(n_x, n_h, n_y):\n" + _DOC +
             "    np.random.seed(2)\n"
             "    W1 = np.random.randn(n_h, n_x) * 0.01\n"
             "    b1 = np.zeros((n_h, 1))\n"
             "    W2 = np.random.randn(n_y, n_h) * 0.01\n"
             "    b2 = np.zeros((n_y, 1))\n"
             "    return {'W1': W1, 'b1': b1, 'W2': W2, 'b2': b2}\n"},
    {"function": "initialize_parameters", "kind": "wrong", "why": "W2 drawn before W1",
     "code": "def initialize_parameters(n_x, n_h, n_y):\n" + _DOC +
             "    W2 = np.random.randn(n_y, n_h) * 0.01\n"
             "    W1 = np.random.randn(n_h, n_x) * 0.01\n"
             "    return {'W1': W1, 'b1': np.zeros((n_h, 1)), 'W2': W2, 'b2': np.zeros((n_y, 1))}\n"},
    {"function": "initialize_parameters", "kind": "wrong", "why": "W1 drawn as (n_x, n_h) then transposed",
     "code": "def initialize_parameters(n_x, n_h, n_y):\n" + _DOC +
             "    W1 = np.random.randn(n_x, n_h).T * 0.01\n"
             "    W2 = np.random.randn(n_h, n_y).T * 0.01\n"
             "    return {'W1': W1, 'b1': np.zeros((n_h, 1)), 'W2': W2, 'b2': np.zeros((n_y, 1))}\n"},
    {"function": "initialize_parameters", "kind": "wrong", "why": "rank-1 biases",
     "code": "def initialize_parameters(n_x, n_h, n_y):\n" + _DOC +
             "    W1 = np.random.randn(n_h, n_x) * 0.01\n"
             "    W2 = np.random.randn(n_y, n_h) * 0.01\n"
             "    return {'W1': W1, 'b1': np.zeros(n_h), 'W2': W2, 'b2': np.zeros(n_y)}\n"},
    {"function": "initialize_parameters", "kind": "wrong", "why": "uniform instead of normal",
     "code": "def initialize_parameters(n_x, n_h, n_y):\n" + _DOC +
             "    W1 = np.random.rand(n_h, n_x) * 0.01\n"
             "    W2 = np.random.rand(n_y, n_h) * 0.01\n"
             "    return {'W1': W1, 'b1': np.zeros((n_h, 1)), 'W2': W2, 'b2': np.zeros((n_y, 1))}\n"},
    {"function": "initialize_parameters", "kind": "correct", "why": "np.random.normal with scale 0.01",
     "code": "def initialize_parameters(n_x, n_h, n_y):\n" + _DOC +
             "    W1 = np.random.normal(0.0, 0.01, size=(n_h, n_x))\n"
             "    b1 = np.zeros((n_h, 1))\n"
             "    W2 = np.random.normal(0.0, 0.01, size=(n_y, n_h))\n"
             "    b2 = np.zeros((n_y, 1))\n"
             "    return {'W1': W1, 'b1': b1, 'W2': W2, 'b2': b2}\n"},
    {"function": "initialize_parameters", "kind": "correct", "why": "standard_normal / 100, dict() call",
     "code": "def initialize_parameters(n_x, n_h, n_y):\n" + _DOC +
             "    W1 = np.random.standard_normal((n_h, n_x)) / 100\n"
             "    W2 = np.random.standard_normal((n_y, n_h)) / 100\n"
             "    return dict(W1=W1, b1=np.zeros([n_h, 1]), W2=W2, b2=np.zeros([n_y, 1]))\n"},
    # ------------------------------------------------------ forward_propagation
    {"function": "forward_propagation", "kind": "wrong", "why": "sigmoid in the hidden layer",
     "code": "def forward_propagation(X, parameters):\n" + _DOC +
             "    Z1 = np.dot(parameters['W1'], X) + parameters['b1']\n"
             "    A1 = sigmoid(Z1)\n"
             "    Z2 = np.dot(parameters['W2'], A1) + parameters['b2']\n"
             "    A2 = sigmoid(Z2)\n"
             "    return A2, {'Z1': Z1, 'A1': A1, 'Z2': Z2, 'A2': A2}\n"},
    {"function": "forward_propagation", "kind": "wrong", "why": "tanh at the output",
     "code": "def forward_propagation(X, parameters):\n" + _DOC +
             "    Z1 = parameters['W1'] @ X + parameters['b1']\n"
             "    A1 = np.tanh(Z1)\n"
             "    Z2 = parameters['W2'] @ A1 + parameters['b2']\n"
             "    A2 = np.tanh(Z2)\n"
             "    return A2, {'Z1': Z1, 'A1': A1, 'Z2': Z2, 'A2': A2}\n"},
    {"function": "forward_propagation", "kind": "wrong", "why": "b2 forgotten",
     "code": "def forward_propagation(X, parameters):\n" + _DOC +
             "    Z1 = parameters['W1'] @ X + parameters['b1']\n"
             "    A1 = np.tanh(Z1)\n"
             "    Z2 = parameters['W2'] @ A1\n"
             "    A2 = sigmoid(Z2)\n"
             "    return A2, {'Z1': Z1, 'A1': A1, 'Z2': Z2, 'A2': A2}\n"},
    {"function": "forward_propagation", "kind": "wrong", "why": "the cache keys in lower case",
     "code": "def forward_propagation(X, parameters):\n" + _DOC +
             "    Z1 = parameters['W1'] @ X + parameters['b1']\n"
             "    A1 = np.tanh(Z1)\n"
             "    Z2 = parameters['W2'] @ A1 + parameters['b2']\n"
             "    A2 = sigmoid(Z2)\n"
             "    return A2, {'z1': Z1, 'a1': A1, 'z2': Z2, 'a2': A2}\n"},
    {"function": "forward_propagation", "kind": "wrong", "why": "cache as a tuple, as in a later assignment",
     "code": "def forward_propagation(X, parameters):\n" + _DOC +
             "    Z1 = parameters['W1'] @ X + parameters['b1']\n"
             "    A1 = np.tanh(Z1)\n"
             "    Z2 = parameters['W2'] @ A1 + parameters['b2']\n"
             "    A2 = sigmoid(Z2)\n"
             "    return A2, (Z1, A1, Z2, A2)\n"},
    {"function": "forward_propagation", "kind": "wrong", "why": "output as a weighted sum over the hidden units: one output unit only",
     "code": "def forward_propagation(X, parameters):\n" + _DOC +
             "    Z1 = parameters['W1'] @ X + parameters['b1']\n"
             "    A1 = np.tanh(Z1)\n"
             "    Z2 = np.sum(parameters['W2'].T * A1, axis=0, keepdims=True) + parameters['b2']\n"
             "    A2 = sigmoid(Z2)\n"
             "    return A2, {'Z1': Z1, 'A1': A1, 'Z2': Z2, 'A2': A2}\n"},
    {"function": "forward_propagation", "kind": "correct", "why": "einsum and its own logistic function",
     "code": "def forward_propagation(X, parameters):\n" + _DOC +
             "    Z1 = np.einsum('hx,xm->hm', parameters['W1'], X) + parameters['b1']\n"
             "    A1 = np.tanh(Z1)\n"
             "    Z2 = np.einsum('yh,hm->ym', parameters['W2'], A1) + parameters['b2']\n"
             "    A2 = 1 / (1 + np.exp(-Z2))\n"
             "    cache = {'Z1': Z1, 'A1': A1, 'Z2': Z2, 'A2': A2}\n"
             "    return A2, cache\n"},
    {"function": "forward_propagation", "kind": "correct", "why": "one example at a time, extra cache entry",
     "code": "def forward_propagation(X, parameters):\n" + _DOC +
             "    W1, b1, W2, b2 = parameters['W1'], parameters['b1'], parameters['W2'], parameters['b2']\n"
             "    m = X.shape[1]\n"
             "    Z1 = np.zeros((W1.shape[0], m))\n"
             "    Z2 = np.zeros((W2.shape[0], m))\n"
             "    for i in range(m):\n"
             "        Z1[:, i] = W1.dot(X[:, i]) + b1[:, 0]\n"
             "        Z2[:, i] = W2.dot(np.tanh(Z1[:, i])) + b2[:, 0]\n"
             "    A1 = np.tanh(Z1)\n"
             "    A2 = sigmoid(Z2)\n"
             "    return A2, {'Z1': Z1, 'A1': A1, 'Z2': Z2, 'A2': A2, 'X': X}\n"},
    # ------------------------------------------------------------- compute_cost
    {"function": "compute_cost", "kind": "wrong", "why": "the sum, not the mean (no 1/m)",
     "code": "def compute_cost(A2, Y):\n" + _DOC +
             "    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))\n"},
    {"function": "compute_cost", "kind": "wrong", "why": "dot products: a (1, 1) array, not a float",
     "code": "def compute_cost(A2, Y):\n" + _DOC +
             "    m = Y.shape[1]\n"
             "    cost = -(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / m\n"
             "    return cost\n"},
    {"function": "compute_cost", "kind": "wrong", "why": "np.squeeze: a 0-d array, not a Python float",
     "code": "def compute_cost(A2, Y):\n" + _DOC +
             "    m = Y.shape[1]\n"
             "    cost = -(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / m\n"
             "    return np.squeeze(cost)\n"},
    {"function": "compute_cost", "kind": "wrong", "why": "-Y on uint8 labels wraps around (255)",
     "code": "def compute_cost(A2, Y):\n" + _DOC +
             "    m = Y.shape[1]\n"
             "    return float(np.sum(-Y * np.log(A2) - (1 - Y) * np.log(1 - A2)) / m)\n"},
    {"function": "compute_cost", "kind": "wrong", "why": "only the y log a term",
     "code": "def compute_cost(A2, Y):\n" + _DOC +
             "    return float(-np.mean(Y * np.log(A2)))\n"},
    {"function": "compute_cost", "kind": "correct", "why": "np.mean of the log-likelihood",
     "code": "def compute_cost(A2, Y):\n" + _DOC +
             "    return float(-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))\n"},
    {"function": "compute_cost", "kind": "correct", "why": "dot products, squeezed and converted",
     "code": "def compute_cost(A2, Y):\n" + _DOC +
             "    m = Y.shape[1]\n"
             "    cost = -(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / m\n"
             "    return float(np.squeeze(cost))\n"},
    {"function": "compute_cost", "kind": "correct", "why": "a loop with math.log",
     "code": "import math\n\n"
             "def compute_cost(A2, Y):\n" + _DOC +
             "    m = Y.shape[1]\n"
             "    total = 0.0\n"
             "    for i in range(m):\n"
             "        y, a = float(Y[0, i]), float(A2[0, i])\n"
             "        total += y * math.log(a) + (1 - y) * math.log(1 - a)\n"
             "    return -total / m\n"},
    # ----------------------------------------------------- backward_propagation
    {"function": "backward_propagation", "kind": "wrong", "why": "recomputes A1 from the parameters instead of the cache",
     "code": "def backward_propagation(parameters, cache, X, Y):\n" + _DOC +
             "    m = X.shape[1]\n"
             "    W1, b1, W2 = parameters['W1'], parameters['b1'], parameters['W2']\n"
             "    A1 = np.tanh(W1 @ X + b1)\n"
             "    dZ2 = cache['A2'] - Y\n"
             "    dW2 = dZ2 @ A1.T / m\n"
             "    db2 = np.sum(dZ2, axis=1, keepdims=True) / m\n"
             "    dZ1 = W2.T @ dZ2 * (1 - A1 ** 2)\n"
             "    dW1 = dZ1 @ X.T / m\n"
             "    db1 = np.sum(dZ1, axis=1, keepdims=True) / m\n"
             "    return {'dW1': dW1, 'db1': db1, 'dW2': dW2, 'db2': db2}\n"},
    {"function": "backward_propagation", "kind": "wrong", "why": "db without keepdims (rank-1)",
     "code": "def backward_propagation(parameters, cache, X, Y):\n" + _DOC +
             "    m = X.shape[1]\n"
             "    A1, A2 = cache['A1'], cache['A2']\n"
             "    dZ2 = A2 - Y\n"
             "    dW2 = dZ2 @ A1.T / m\n"
             "    db2 = np.sum(dZ2, axis=1) / m\n"
             "    dZ1 = parameters['W2'].T @ dZ2 * (1 - A1 ** 2)\n"
             "    dW1 = dZ1 @ X.T / m\n"
             "    db1 = np.sum(dZ1, axis=1) / m\n"
             "    return {'dW1': dW1, 'db1': db1, 'dW2': dW2, 'db2': db2}\n"},
    {"function": "backward_propagation", "kind": "wrong", "why": "the sigmoid's derivative A1(1 - A1) for tanh",
     "code": "def backward_propagation(parameters, cache, X, Y):\n" + _DOC +
             "    m = X.shape[1]\n"
             "    A1, A2 = cache['A1'], cache['A2']\n"
             "    dZ2 = A2 - Y\n"
             "    dW2 = dZ2 @ A1.T / m\n"
             "    db2 = np.sum(dZ2, axis=1, keepdims=True) / m\n"
             "    dZ1 = parameters['W2'].T @ dZ2 * A1 * (1 - A1)\n"
             "    dW1 = dZ1 @ X.T / m\n"
             "    db1 = np.sum(dZ1, axis=1, keepdims=True) / m\n"
             "    return {'dW1': dW1, 'db1': db1, 'dW2': dW2, 'db2': db2}\n"},
    {"function": "backward_propagation", "kind": "wrong", "why": "no 1/m in the weight gradients",
     "code": "def backward_propagation(parameters, cache, X, Y):\n" + _DOC +
             "    m = X.shape[1]\n"
             "    A1, A2 = cache['A1'], cache['A2']\n"
             "    dZ2 = A2 - Y\n"
             "    dW2 = dZ2 @ A1.T\n"
             "    db2 = np.sum(dZ2, axis=1, keepdims=True) / m\n"
             "    dZ1 = parameters['W2'].T @ dZ2 * (1 - A1 ** 2)\n"
             "    dW1 = dZ1 @ X.T\n"
             "    db1 = np.sum(dZ1, axis=1, keepdims=True) / m\n"
             "    return {'dW1': dW1, 'db1': db1, 'dW2': dW2, 'db2': db2}\n"},
    {"function": "backward_propagation", "kind": "wrong", "why": "dW2 transposed (A1 dZ2^T)",
     "code": "def backward_propagation(parameters, cache, X, Y):\n" + _DOC +
             "    m = X.shape[1]\n"
             "    A1, A2 = cache['A1'], cache['A2']\n"
             "    dZ2 = A2 - Y\n"
             "    dW2 = np.dot(A1, dZ2.T) / m\n"
             "    db2 = np.sum(dZ2, axis=1, keepdims=True) / m\n"
             "    dZ1 = parameters['W2'].T @ dZ2 * (1 - A1 ** 2)\n"
             "    dW1 = dZ1 @ X.T / m\n"
             "    db1 = np.sum(dZ1, axis=1, keepdims=True) / m\n"
             "    return {'dW1': dW1, 'db1': db1, 'dW2': dW2, 'db2': db2}\n"},
    {"function": "backward_propagation", "kind": "wrong", "why": "divides by the notebook's global m (400)",
     "code": "def backward_propagation(parameters, cache, X, Y):\n" + _DOC +
             "    A1, A2 = cache['A1'], cache['A2']\n"
             "    dZ2 = A2 - Y\n"
             "    dW2 = dZ2 @ A1.T / m\n"
             "    db2 = np.sum(dZ2, axis=1, keepdims=True) / m\n"
             "    dZ1 = parameters['W2'].T @ dZ2 * (1 - A1 ** 2)\n"
             "    dW1 = dZ1 @ X.T / m\n"
             "    db1 = np.sum(dZ1, axis=1, keepdims=True) / m\n"
             "    return {'dW1': dW1, 'db1': db1, 'dW2': dW2, 'db2': db2}\n"},
    {"function": "backward_propagation", "kind": "wrong", "why": "db2 summed over everything: one output unit only",
     "code": "def backward_propagation(parameters, cache, X, Y):\n" + _DOC +
             "    m = X.shape[1]\n"
             "    dZ2 = cache['A2'] - Y\n"
             "    dW2 = dZ2 @ cache['A1'].T / m\n"
             "    db2 = np.sum(dZ2).reshape(1, 1) / m\n"
             "    dZ1 = (parameters['W2'].T @ dZ2) * (1 - cache['A1'] ** 2)\n"
             "    dW1 = dZ1 @ X.T / m\n"
             "    db1 = np.sum(dZ1, axis=1, keepdims=True) / m\n"
             "    return {'dW1': dW1, 'db1': db1, 'dW2': dW2, 'db2': db2}\n"},
    {"function": "backward_propagation", "kind": "correct", "why": "np.dot, np.power, np.mean for the biases",
     "code": "def backward_propagation(parameters, cache, X, Y):\n" + _DOC +
             "    m = X.shape[1]\n"
             "    W2 = parameters['W2']\n"
             "    A1 = cache['A1']\n"
             "    A2 = cache['A2']\n"
             "    dZ2 = A2 - Y\n"
             "    dW2 = (1 / m) * np.dot(dZ2, A1.T)\n"
             "    db2 = np.mean(dZ2, axis=1, keepdims=True)\n"
             "    dZ1 = np.multiply(np.dot(W2.T, dZ2), 1 - np.power(A1, 2))\n"
             "    dW1 = (1 / m) * np.dot(dZ1, X.T)\n"
             "    db1 = np.mean(dZ1, axis=1, keepdims=True)\n"
             "    return {'dW1': dW1, 'db1': db1, 'dW2': dW2, 'db2': db2}\n"},
    {"function": "backward_propagation", "kind": "correct", "why": "sums over examples with a loop",
     "code": "def backward_propagation(parameters, cache, X, Y):\n" + _DOC +
             "    m = X.shape[1]\n"
             "    W1, W2 = parameters['W1'], parameters['W2']\n"
             "    A1, A2 = cache['A1'], cache['A2']\n"
             "    grads = {'dW1': np.zeros(W1.shape), 'db1': np.zeros((W1.shape[0], 1)),\n"
             "             'dW2': np.zeros(W2.shape), 'db2': np.zeros((W2.shape[0], 1))}\n"
             "    for i in range(m):\n"
             "        dz2 = A2[:, i:i + 1] - Y[:, i:i + 1]\n"
             "        dz1 = (W2.T @ dz2) * (1 - A1[:, i:i + 1] ** 2)\n"
             "        grads['dW2'] += dz2 @ A1[:, i:i + 1].T / m\n"
             "        grads['db2'] += dz2 / m\n"
             "        grads['dW1'] += dz1 @ X[:, i:i + 1].T / m\n"
             "        grads['db1'] += dz1 / m\n"
             "    return grads\n"},
    # -------------------------------------------------------- update_parameters
    {"function": "update_parameters", "kind": "wrong", "why": "updates the caller's arrays in place (-=)",
     "code": "def update_parameters(parameters, grads, learning_rate=1.2):\n" + _DOC +
             "    W1, b1, W2, b2 = parameters['W1'], parameters['b1'], parameters['W2'], parameters['b2']\n"
             "    W1 -= learning_rate * grads['dW1']\n"
             "    b1 -= learning_rate * grads['db1']\n"
             "    W2 -= learning_rate * grads['dW2']\n"
             "    b2 -= learning_rate * grads['db2']\n"
             "    return {'W1': W1, 'b1': b1, 'W2': W2, 'b2': b2}\n"},
    {"function": "update_parameters", "kind": "wrong", "why": "default learning rate 0.01",
     "code": "def update_parameters(parameters, grads, learning_rate=0.01):\n" + _DOC +
             "    return {k: parameters[k] - learning_rate * grads['d' + k] for k in parameters}\n"},
    {"function": "update_parameters", "kind": "wrong", "why": "ignores its learning_rate argument (1.2 hard-coded)",
     "code": "def update_parameters(parameters, grads, learning_rate=1.2):\n" + _DOC +
             "    return {k: parameters[k] - 1.2 * grads['d' + k] for k in parameters}\n"},
    {"function": "update_parameters", "kind": "wrong", "why": "climbs the gradient (+)",
     "code": "def update_parameters(parameters, grads, learning_rate=1.2):\n" + _DOC +
             "    return {k: parameters[k] + learning_rate * grads['d' + k] for k in parameters}\n"},
    {"function": "update_parameters", "kind": "wrong", "why": "parameters.copy() (shallow: shares the arrays), then -=",
     "code": "def update_parameters(parameters, grads, learning_rate=1.2):\n" + _DOC +
             "    new = parameters.copy()\n"
             "    for k in ('W1', 'b1', 'W2', 'b2'):\n"
             "        new[k] -= learning_rate * grads['d' + k]\n"
             "    return new\n"},
    {"function": "update_parameters", "kind": "wrong", "why": "b2 updated as a number (float(db2)): one output unit only",
     "code": "def update_parameters(parameters, grads, learning_rate=1.2):\n" + _DOC +
             "    new = {k: parameters[k] - learning_rate * grads['d' + k] for k in ('W1', 'b1', 'W2')}\n"
             "    new['b2'] = parameters['b2'] - learning_rate * float(grads['db2'])\n"
             "    return new\n"},
    {"function": "update_parameters", "kind": "correct", "why": "copy.deepcopy first, then in place on the copies",
     "code": "import copy\n\n"
             "def update_parameters(parameters, grads, learning_rate=1.2):\n" + _DOC +
             "    new = copy.deepcopy(parameters)\n"
             "    for k in ('W1', 'b1', 'W2', 'b2'):\n"
             "        new[k] -= learning_rate * grads['d' + k]\n"
             "    return new\n"},
    {"function": "update_parameters", "kind": "correct", "why": "rebinds the input dict's entries to new arrays",
     "code": "def update_parameters(parameters, grads, learning_rate=1.2):\n" + _DOC +
             "    parameters['W1'] = parameters['W1'] - learning_rate * grads['dW1']\n"
             "    parameters['b1'] = parameters['b1'] - learning_rate * grads['db1']\n"
             "    parameters['W2'] = parameters['W2'] - learning_rate * grads['dW2']\n"
             "    parameters['b2'] = parameters['b2'] - learning_rate * grads['db2']\n"
             "    return parameters\n"},
    # ----------------------------------------------------------------- nn_model
    {"function": "nn_model", "kind": "wrong", "why": "does not seed the generator",
     "code": "def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):\n" + _DOC +
             "    n_x, _, n_y = layer_sizes(X, Y)\n"
             "    parameters = initialize_parameters(n_x, n_h, n_y)\n"
             "    for i in range(num_iterations):\n"
             "        A2, cache = forward_propagation(X, parameters)\n"
             "        grads = backward_propagation(parameters, cache, X, Y)\n"
             "        parameters = update_parameters(parameters, grads)\n"
             "    return parameters\n"},
    {"function": "nn_model", "kind": "wrong", "why": "uses layer_sizes' hidden size (4), not n_h",
     "code": "def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):\n" + _DOC +
             "    np.random.seed(3)\n"
             "    n_x, n_h, n_y = layer_sizes(X, Y)\n"
             "    parameters = initialize_parameters(n_x, n_h, n_y)\n"
             "    for i in range(num_iterations):\n"
             "        A2, cache = forward_propagation(X, parameters)\n"
             "        grads = backward_propagation(parameters, cache, X, Y)\n"
             "        parameters = update_parameters(parameters, grads)\n"
             "    return parameters\n"},
    {"function": "nn_model", "kind": "wrong", "why": "drops the result of update_parameters (never learns)",
     "code": "def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):\n" + _DOC +
             "    np.random.seed(3)\n"
             "    n_x, _, n_y = layer_sizes(X, Y)\n"
             "    parameters = initialize_parameters(n_x, n_h, n_y)\n"
             "    for i in range(num_iterations):\n"
             "        A2, cache = forward_propagation(X, parameters)\n"
             "        grads = backward_propagation(parameters, cache, X, Y)\n"
             "        update_parameters(parameters, grads)\n"
             "    return parameters\n"},
    {"function": "nn_model", "kind": "wrong", "why": "one step short (range(1, num_iterations))",
     "code": "def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):\n" + _DOC +
             "    np.random.seed(3)\n"
             "    n_x, _, n_y = layer_sizes(X, Y)\n"
             "    parameters = initialize_parameters(n_x, n_h, n_y)\n"
             "    for i in range(1, num_iterations):\n"
             "        A2, cache = forward_propagation(X, parameters)\n"
             "        grads = backward_propagation(parameters, cache, X, Y)\n"
             "        parameters = update_parameters(parameters, grads)\n"
             "    return parameters\n"},
    {"function": "nn_model", "kind": "wrong", "why": "learning rate 0.01 passed explicitly",
     "code": "def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):\n" + _DOC +
             "    np.random.seed(3)\n"
             "    n_x, _, n_y = layer_sizes(X, Y)\n"
             "    parameters = initialize_parameters(n_x, n_h, n_y)\n"
             "    for i in range(num_iterations):\n"
             "        A2, cache = forward_propagation(X, parameters)\n"
             "        grads = backward_propagation(parameters, cache, X, Y)\n"
             "        parameters = update_parameters(parameters, grads, learning_rate=0.01)\n"
             "    return parameters\n"},
    {"function": "nn_model", "kind": "wrong", "why": "n_y hard-coded to 1",
     "code": "def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):\n" + _DOC +
             "    np.random.seed(3)\n"
             "    n_x, _, n_y = layer_sizes(X, Y)\n"
             "    parameters = initialize_parameters(n_x, n_h, 1)\n"
             "    for i in range(num_iterations):\n"
             "        A2, cache = forward_propagation(X, parameters)\n"
             "        grads = backward_propagation(parameters, cache, X, Y)\n"
             "        parameters = update_parameters(parameters, grads)\n"
             "    return parameters\n"},
    {"function": "nn_model", "kind": "wrong", "why": "print_cost ignored: never prints",
     "code": "def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):\n" + _DOC +
             "    np.random.seed(3)\n"
             "    n_x, _, n_y = layer_sizes(X, Y)\n"
             "    parameters = initialize_parameters(n_x, n_h, n_y)\n"
             "    for i in range(num_iterations):\n"
             "        A2, cache = forward_propagation(X, parameters)\n"
             "        grads = backward_propagation(parameters, cache, X, Y)\n"
             "        parameters = update_parameters(parameters, grads)\n"
             "    return parameters\n"},
    {"function": "nn_model", "kind": "wrong", "why": "prints the cost whatever print_cost says",
     "code": "def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):\n" + _DOC +
             "    np.random.seed(3)\n"
             "    n_x, _, n_y = layer_sizes(X, Y)\n"
             "    parameters = initialize_parameters(n_x, n_h, n_y)\n"
             "    for i in range(num_iterations):\n"
             "        A2, cache = forward_propagation(X, parameters)\n"
             "        if i % 1000 == 0:\n            print(f'Cost after iteration {i}: {compute_cost(A2, Y)}')\n"
             "        grads = backward_propagation(parameters, cache, X, Y)\n"
             "        parameters = update_parameters(parameters, grads)\n"
             "    return parameters\n"},
    {"function": "nn_model", "kind": "correct", "why": "the helpers, cost printed every 1000 iterations",
     "code": "def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):\n" + _DOC +
             "    np.random.seed(3)\n"
             "    n_x = layer_sizes(X, Y)[0]\n"
             "    n_y = layer_sizes(X, Y)[2]\n"
             "    parameters = initialize_parameters(n_x, n_h, n_y)\n"
             "    for i in range(0, num_iterations):\n"
             "        A2, cache = forward_propagation(X, parameters)\n"
             "        cost = compute_cost(A2, Y)\n"
             "        grads = backward_propagation(parameters, cache, X, Y)\n"
             "        parameters = update_parameters(parameters, grads, learning_rate=1.2)\n"
             "        if print_cost and i % 1000 == 0:\n"
             "            print('Cost after iteration %i: %f' % (i, cost))\n"
             "    return parameters\n"},
    {"function": "nn_model", "kind": "correct", "why": "everything inline, no helper called",
     "code": "def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):\n" + _DOC +
             "    np.random.seed(3)\n"
             "    m = X.shape[1]\n"
             "    W1 = np.random.randn(n_h, X.shape[0]) * 0.01\n"
             "    b1 = np.zeros((n_h, 1))\n"
             "    W2 = np.random.randn(Y.shape[0], n_h) * 0.01\n"
             "    b2 = np.zeros((Y.shape[0], 1))\n"
             "    i = 0\n"
             "    while i < num_iterations:\n"
             "        A1 = np.tanh(W1 @ X + b1)\n"
             "        A2 = 1 / (1 + np.exp(-(W2 @ A1 + b2)))\n"
             "        if print_cost and i % 1000 == 0:\n"
             "            print(i, float(-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))))\n"
             "        dZ2 = A2 - Y\n"
             "        dZ1 = (W2.T @ dZ2) * (1 - A1 ** 2)\n"
             "        W2 = W2 - 1.2 * (dZ2 @ A1.T) / m\n"
             "        b2 = b2 - 1.2 * dZ2.sum(axis=1, keepdims=True) / m\n"
             "        W1 = W1 - 1.2 * (dZ1 @ X.T) / m\n"
             "        b1 = b1 - 1.2 * dZ1.sum(axis=1, keepdims=True) / m\n"
             "        i += 1\n"
             "    return {'W1': W1, 'b1': b1, 'W2': W2, 'b2': b2}\n"},
    # ------------------------------------------------------------------ predict
    {"function": "predict", "kind": "wrong", "why": "np.round: floats 0./1., not booleans",
     "code": "def predict(parameters, X):\n" + _DOC +
             "    A2, cache = forward_propagation(X, parameters)\n"
             "    return np.round(A2)\n"},
    {"function": "predict", "kind": "wrong", "why": "the comparison reversed",
     "code": "def predict(parameters, X):\n" + _DOC +
             "    A2, cache = forward_propagation(X, parameters)\n"
             "    return A2 < 0.5\n"},
    {"function": "predict", "kind": "wrong", "why": "thresholds Z2 instead of A2",
     "code": "def predict(parameters, X):\n" + _DOC +
             "    A2, cache = forward_propagation(X, parameters)\n"
             "    return cache['Z2'] > 0.5\n"},
    {"function": "predict", "kind": "wrong", "why": "flattened to a rank-1 array",
     "code": "def predict(parameters, X):\n" + _DOC +
             "    A2, cache = forward_propagation(X, parameters)\n"
             "    return (A2 > 0.5).ravel()\n"},
    {"function": "predict", "kind": "correct", "why": "np.where with booleans",
     "code": "def predict(parameters, X):\n" + _DOC +
             "    A2, _ = forward_propagation(X, parameters)\n"
             "    return np.where(A2 > 0.5, True, False)\n"},
    {"function": "predict", "kind": "correct", "why": "inline forward pass, sign of Z2 (A2 > 0.5 iff Z2 > 0)",
     "code": "def predict(parameters, X):\n" + _DOC +
             "    A1 = np.tanh(parameters['W1'] @ X + parameters['b1'])\n"
             "    Z2 = parameters['W2'] @ A1 + parameters['b2']\n"
             "    return Z2 > 0\n"},
]
