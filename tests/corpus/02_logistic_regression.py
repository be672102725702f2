"""Realistic submissions for 02_logistic_regression, right and wrong.

The entry format, and how entries are graded, are in nndl/corpus.py and
notebooks/README.md ("The defect corpus").

Expected outcome when one entry is swapped into the source notebook (everything
else left as the reference solution):

- "correct": every test cell passes;
- "wrong": ``test_<function>`` fails, and any other failing test cell is in
  ``DEPENDENTS[function]`` (cells whose code calls that function).

Check it with real nbgrader (tests/test_corpus.py asserts the same):

    nndl corpus 02_logistic_regression             # every entry
    nndl corpus 02_logistic_regression FUNCTION    # one function's entries
"""

AID = "02_logistic_regression"

# Test cells that may also fail when a function is wrong. The tests of propagate,
# optimize, predict and model run with correct versions of the functions those call
# (C.grade_alone), so only the flattened data feeds another exercise's test.
DEPENDENTS = {
    "dataset_sizes": set(),
    "flatten": {"test_standardize"},
    "standardize": set(),
    "sigmoid": set(),
    "initialize_with_zeros": set(),
    "propagate": set(),
    "optimize": set(),
    "predict": set(),
    "model": set(),
}

CORPUS = [
    # ------------------------------------------------------------ dataset_sizes
    {"function": "dataset_sizes", "kind": "wrong", "why": "num_px read from the channel axis",
     "code": "m_train = train_set_x_orig.shape[0]\nm_test = test_set_x_orig.shape[0]\nnum_px = train_set_x_orig.shape[3]\n"},
    {"function": "dataset_sizes", "kind": "wrong", "why": "m_train read from the height axis",
     "code": "m_train = train_set_x_orig.shape[1]\nm_test = test_set_x_orig.shape[1]\nnum_px = train_set_x_orig.shape[1]\n"},
    {"function": "dataset_sizes", "kind": "wrong", "why": "sizes as floats",
     "code": "m_train = float(train_set_x_orig.shape[0])\nm_test = float(test_set_x_orig.shape[0])\nnum_px = float(train_set_x_orig.shape[1])\n"},
    {"function": "dataset_sizes", "kind": "correct", "why": "len() and the labels' shape",
     "code": "m_train = len(train_set_x_orig)\nm_test = test_set_y.shape[1]\nnum_px = train_set_x_orig.shape[2]\n"},
    # ------------------------------------------------------------------ flatten
    {"function": "flatten", "kind": "wrong", "why": "reshape(-1, m): right shape, columns mix pictures",
     "code": "train_set_x_flatten = train_set_x_orig.reshape(-1, train_set_x_orig.shape[0])\n"
             "test_set_x_flatten = test_set_x_orig.reshape(-1, test_set_x_orig.shape[0])\n"},
    {"function": "flatten", "kind": "wrong", "why": "rows instead of columns (no .T)",
     "code": "train_set_x_flatten = train_set_x_orig.reshape(train_set_x_orig.shape[0], -1)\n"
             "test_set_x_flatten = test_set_x_orig.reshape(test_set_x_orig.shape[0], -1)\n"},
    {"function": "flatten", "kind": "wrong", "why": "Fortran-order unrolling, inconsistent with load_image",
     "code": "train_set_x_flatten = train_set_x_orig.reshape(train_set_x_orig.shape[0], -1, order='F').T\n"
             "test_set_x_flatten = test_set_x_orig.reshape(test_set_x_orig.shape[0], -1, order='F').T\n"},
    {"function": "flatten", "kind": "correct", "why": "stack of raveled pictures",
     "code": "train_set_x_flatten = np.stack([img.ravel() for img in train_set_x_orig], axis=1)\n"
             "test_set_x_flatten = np.stack([img.ravel() for img in test_set_x_orig], axis=1)\n"},
    {"function": "flatten", "kind": "correct", "why": "explicit sizes from the exercise-1 variables",
     "code": "train_set_x_flatten = train_set_x_orig.reshape(m_train, num_px * num_px * 3).T\n"
             "test_set_x_flatten = test_set_x_orig.reshape(m_test, num_px * num_px * 3).T\n"},
    # -------------------------------------------------------------- standardize
    {"function": "standardize", "kind": "wrong", "why": "divides by 256",
     "code": "train_set_x = train_set_x_flatten / 256\ntest_set_x = test_set_x_flatten / 256\n"},
    {"function": "standardize", "kind": "wrong", "why": "integer division",
     "code": "train_set_x = train_set_x_flatten // 255\ntest_set_x = test_set_x_flatten // 255\n"},
    {"function": "standardize", "kind": "wrong", "why": "mean/std standardisation instead of / 255",
     "code": "train_set_x = (train_set_x_flatten - train_set_x_flatten.mean()) / train_set_x_flatten.std()\n"
             "test_set_x = (test_set_x_flatten - train_set_x_flatten.mean()) / train_set_x_flatten.std()\n"},
    {"function": "standardize", "kind": "correct", "why": "astype then multiply by 1/255",
     "code": "train_set_x = train_set_x_flatten.astype(np.float64) * (1 / 255)\n"
             "test_set_x = np.divide(test_set_x_flatten, 255)\n"},
    # ------------------------------------------------------------------ sigmoid
    {"function": "sigmoid", "kind": "wrong", "why": "sign of the exponent flipped",
     "code": "def sigmoid(z):\n    return 1 / (1 + np.exp(z))\n"},
    {"function": "sigmoid", "kind": "wrong", "why": "math.exp: fails on arrays",
     "code": "import math\n\ndef sigmoid(z):\n    return 1 / (1 + math.exp(-z))\n"},
    {"function": "sigmoid", "kind": "wrong", "why": "returns 1 - sigmoid",
     "code": "def sigmoid(z):\n    e = np.exp(-z)\n    return e / (1 + e)\n"},
    {"function": "sigmoid", "kind": "correct", "why": "exp(z) / (1 + exp(z))",
     "code": "def sigmoid(z):\n    e = np.exp(z)\n    return e / (1 + e)\n"},
    {"function": "sigmoid", "kind": "correct", "why": "tanh identity",
     "code": "def sigmoid(z):\n    return 0.5 * (1 + np.tanh(0.5 * z))\n"},
    {"function": "sigmoid", "kind": "correct", "why": "overflow-safe np.where version",
     "code": "def sigmoid(z):\n    z = np.asarray(z, dtype=float)\n    e = np.exp(-np.abs(z))\n"
             "    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))\n"},
    {"function": "sigmoid", "kind": "correct", "why": "scipy.special.expit",
     "code": "from scipy.special import expit\n\ndef sigmoid(z):\n    return expit(z)\n"},
    # ---------------------------------------------------- initialize_with_zeros
    {"function": "initialize_with_zeros", "kind": "wrong", "why": "rank-1 w of shape (dim,)",
     "code": "def initialize_with_zeros(dim):\n    w = np.zeros(dim)\n    b = 0.0\n    return w, b\n"},
    {"function": "initialize_with_zeros", "kind": "wrong", "why": "b is the int 0",
     "code": "def initialize_with_zeros(dim):\n    w = np.zeros((dim, 1))\n    b = 0\n    return w, b\n"},
    {"function": "initialize_with_zeros", "kind": "wrong", "why": "b is np.float64",
     "code": "def initialize_with_zeros(dim):\n    w = np.zeros((dim, 1))\n    b = np.float64(0)\n    return w, b\n"},
    {"function": "initialize_with_zeros", "kind": "wrong", "why": "b is a 0-d array",
     "code": "def initialize_with_zeros(dim):\n    w = np.zeros((dim, 1))\n    b = np.zeros(())\n    return w, b\n"},
    {"function": "initialize_with_zeros", "kind": "wrong", "why": "integer w",
     "code": "def initialize_with_zeros(dim):\n    w = np.zeros((dim, 1), dtype=int)\n    b = 0.0\n    return w, b\n"},
    {"function": "initialize_with_zeros", "kind": "wrong", "why": "w a row (1, dim)",
     "code": "def initialize_with_zeros(dim):\n    return np.zeros((1, dim)), 0.0\n"},
    {"function": "initialize_with_zeros", "kind": "correct", "why": "list shape, float(0)",
     "code": "def initialize_with_zeros(dim):\n    w = np.zeros([dim, 1], dtype=np.float64)\n    b = float(0)\n    return w, b\n"},
    {"function": "initialize_with_zeros", "kind": "correct", "why": "np.full and a reshape",
     "code": "def initialize_with_zeros(dim):\n    w = np.full(dim, 0.0).reshape(-1, 1)\n    return w, 0.\n"},
    # ---------------------------------------------------------------- propagate
    {"function": "propagate", "kind": "wrong", "why": "gradients without the 1/m",
     "code": "def propagate(w, b, X, Y):\n    m = X.shape[1]\n    A = sigmoid(np.dot(w.T, X) + b)\n"
             "    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m\n"
             "    dw = np.dot(X, (A - Y).T)\n    db = np.sum(A - Y)\n"
             "    return {'dw': dw, 'db': db}, np.squeeze(cost)\n"},
    {"function": "propagate", "kind": "wrong", "why": "m = X.shape[0]: only wrong when n_x != m",
     "code": "def propagate(w, b, X, Y):\n    m = X.shape[0]\n    A = sigmoid(np.dot(w.T, X) + b)\n"
             "    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m\n"
             "    dw = np.dot(X, (A - Y).T) / m\n    db = np.sum(A - Y) / m\n"
             "    return {'dw': dw, 'db': db}, np.squeeze(cost)\n"},
    {"function": "propagate", "kind": "wrong", "why": "m = len(X): the number of features",
     "code": "def propagate(w, b, X, Y):\n    m = len(X)\n    A = sigmoid(w.T @ X + b)\n"
             "    cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))\n"
             "    dw = X @ (A - Y).T / m\n    db = np.sum(A - Y) / m\n"
             "    return {'dw': dw, 'db': db}, cost\n"},
    {"function": "propagate", "kind": "wrong", "why": "db kept as a (1, 1) array",
     "code": "def propagate(w, b, X, Y):\n    m = X.shape[1]\n    A = sigmoid(np.dot(w.T, X) + b)\n"
             "    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m\n"
             "    dw = np.dot(X, (A - Y).T) / m\n    db = np.sum(A - Y, axis=1, keepdims=True) / m\n"
             "    return {'dw': dw, 'db': db}, np.squeeze(cost)\n"},
    {"function": "propagate", "kind": "wrong", "why": "cost from dot products, left as a (1, 1) array",
     "code": "def propagate(w, b, X, Y):\n    m = X.shape[1]\n    A = sigmoid(np.dot(w.T, X) + b)\n"
             "    cost = -(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / m\n"
             "    dw = np.dot(X, (A - Y).T) / m\n    db = np.sum(A - Y) / m\n"
             "    return {'dw': dw, 'db': db}, cost\n"},
    {"function": "propagate", "kind": "wrong", "why": "cost sign flipped (log-likelihood)",
     "code": "def propagate(w, b, X, Y):\n    m = X.shape[1]\n    A = sigmoid(np.dot(w.T, X) + b)\n"
             "    cost = np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m\n"
             "    dw = np.dot(X, (A - Y).T) / m\n    db = np.sum(A - Y) / m\n"
             "    return {'dw': dw, 'db': db}, np.squeeze(cost)\n"},
    {"function": "propagate", "kind": "wrong", "why": "bias forgotten in the forward pass",
     "code": "def propagate(w, b, X, Y):\n    m = X.shape[1]\n    A = sigmoid(np.dot(w.T, X))\n"
             "    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m\n"
             "    dw = np.dot(X, (A - Y).T) / m\n    db = np.sum(A - Y) / m\n"
             "    return {'dw': dw, 'db': db}, np.squeeze(cost)\n"},
    {"function": "propagate", "kind": "correct", "why": "loop over examples",
     "code": "def propagate(w, b, X, Y):\n    n_x, m = X.shape\n    cost, db = 0.0, 0.0\n"
             "    dw = np.zeros((n_x, 1))\n    for i in range(m):\n"
             "        z = float(np.dot(w[:, 0], X[:, i])) + b\n        a = 1 / (1 + np.exp(-z))\n"
             "        y = Y[0, i]\n        cost -= y * np.log(a) + (1 - y) * np.log(1 - a)\n"
             "        dw[:, 0] += X[:, i] * (a - y)\n        db += a - y\n"
             "    return {'dw': dw / m, 'db': db / m}, cost / m\n"},
    {"function": "propagate", "kind": "correct", "why": "einsum, Python floats",
     "code": "def propagate(w, b, X, Y):\n    m = Y.shape[1]\n    A = sigmoid(np.einsum('ij,ik->jk', w, X) + b)\n"
             "    cost = float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))\n"
             "    dw = np.einsum('ik,jk->ij', X, A - Y) / m\n    db = float(np.mean(A - Y))\n"
             "    return {'dw': dw, 'db': db}, cost\n"},
    {"function": "propagate", "kind": "correct", "why": "dot-product cost, squeezed; transposed dw",
     "code": "def propagate(w, b, X, Y):\n    m = X.shape[1]\n    A = sigmoid(np.dot(X.T, w).T + b)\n"
             "    cost = -(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / m\n"
             "    cost = np.squeeze(cost)\n    dw = np.dot(A - Y, X.T).T / m\n"
             "    db = np.squeeze(np.sum(A - Y, axis=1, keepdims=True)) / m\n"
             "    grads = {'dw': dw, 'db': db}\n    return grads, cost\n"},
    # ----------------------------------------------------------------- optimize
    {"function": "optimize", "kind": "wrong", "why": "w -= ... on the caller's array (no copy)",
     "code": "def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):\n"
             "    costs = []\n    for i in range(num_iterations):\n"
             "        grads, cost = propagate(w, b, X, Y)\n"
             "        w -= learning_rate * grads['dw']\n        b -= learning_rate * grads['db']\n"
             "        if i % 100 == 0:\n            costs.append(cost)\n"
             "    return {'w': w, 'b': b}, grads, costs\n"},
    {"function": "optimize", "kind": "wrong", "why": "cost recorded after the update",
     "code": "def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):\n"
             "    costs = []\n    grads, cost = propagate(w, b, X, Y)\n"
             "    for i in range(num_iterations):\n"
             "        w = w - learning_rate * grads['dw']\n        b = b - learning_rate * grads['db']\n"
             "        grads, cost = propagate(w, b, X, Y)\n"
             "        if i % 100 == 0:\n            costs.append(cost)\n"
             "    return {'w': w, 'b': b}, grads, costs\n"},
    {"function": "optimize", "kind": "wrong", "why": "counts iterations from 1 (costs at 100, 200, ...)",
     "code": "def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):\n"
             "    costs = []\n    for i in range(1, num_iterations + 1):\n"
             "        grads, cost = propagate(w, b, X, Y)\n"
             "        w = w - learning_rate * grads['dw']\n        b = b - learning_rate * grads['db']\n"
             "        if i % 100 == 0:\n            costs.append(cost)\n"
             "    return {'w': w, 'b': b}, grads, costs\n"},
    {"function": "optimize", "kind": "wrong", "why": "records at (i + 1) % 100 == 0",
     "code": "def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):\n"
             "    costs = []\n    for i in range(num_iterations):\n"
             "        grads, cost = propagate(w, b, X, Y)\n"
             "        w = w - learning_rate * grads['dw']\n        b = b - learning_rate * grads['db']\n"
             "        if (i + 1) % 100 == 0:\n            costs.append(cost)\n"
             "    return {'w': w, 'b': b}, grads, costs\n"},
    {"function": "optimize", "kind": "wrong", "why": "records the cost at every iteration",
     "code": "def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):\n"
             "    costs = []\n    for i in range(num_iterations):\n"
             "        grads, cost = propagate(w, b, X, Y)\n        costs.append(cost)\n"
             "        w = w - learning_rate * grads['dw']\n        b = b - learning_rate * grads['db']\n"
             "    return {'w': w, 'b': b}, grads, costs\n"},
    {"function": "optimize", "kind": "wrong", "why": "default learning rate typed as 0.09",
     "code": "def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.09, print_cost=False):\n"
             "    costs = []\n    for i in range(num_iterations):\n"
             "        grads, cost = propagate(w, b, X, Y)\n"
             "        w = w - learning_rate * grads['dw']\n        b = b - learning_rate * grads['db']\n"
             "        if i % 100 == 0:\n            costs.append(cost)\n"
             "    return {'w': w, 'b': b}, grads, costs\n"},
    {"function": "optimize", "kind": "correct", "why": "copy first, then in-place updates, prints",
     "code": "def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):\n"
             "    w = w.copy()\n    costs = []\n    for i in range(num_iterations):\n"
             "        grads, cost = propagate(w, b, X, Y)\n"
             "        w -= learning_rate * grads['dw']\n        b -= learning_rate * grads['db']\n"
             "        if i % 100 == 0:\n            costs.append(float(cost))\n"
             "            if print_cost:\n                print('iteration', i, 'cost', cost)\n"
             "    return {'w': w, 'b': b}, grads, costs\n"},
    {"function": "optimize", "kind": "correct", "why": "while loop, deepcopy, tuple unpacking",
     "code": "import copy\n\ndef optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):\n"
             "    w, b = copy.deepcopy(w), copy.deepcopy(b)\n    costs = []\n    i = 0\n"
             "    while i < num_iterations:\n        grads, cost = propagate(w, b, X, Y)\n"
             "        if i % 100 == 0:\n            costs.append(cost)\n"
             "            if print_cost:\n                print('Cost after iteration %i: %f' % (i, cost))\n"
             "        dw, db = grads['dw'], grads['db']\n"
             "        w, b = w - learning_rate * dw, b - learning_rate * db\n        i += 1\n"
             "    params = dict(w=w, b=b)\n    return params, {'dw': dw, 'db': db}, costs\n"},
    {"function": "optimize", "kind": "wrong", "why": "print_cost ignored: never prints",
     "code": "def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):\n"
             "    costs = []\n    for i in range(num_iterations):\n"
             "        grads, cost = propagate(w, b, X, Y)\n"
             "        w = w - learning_rate * grads['dw']\n        b = b - learning_rate * grads['db']\n"
             "        if i % 100 == 0:\n            costs.append(cost)\n"
             "    return {'w': w, 'b': b}, grads, costs\n"},
    {"function": "optimize", "kind": "wrong", "why": "prints the cost whatever print_cost says",
     "code": "def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):\n"
             "    costs = []\n    for i in range(num_iterations):\n"
             "        grads, cost = propagate(w, b, X, Y)\n"
             "        w = w - learning_rate * grads['dw']\n        b = b - learning_rate * grads['db']\n"
             "        if i % 100 == 0:\n            costs.append(cost)\n            print(f'Cost after iteration {i}: {cost}')\n"
             "    return {'w': w, 'b': b}, grads, costs\n"},
    {"function": "optimize", "kind": "wrong", "why": "update computed but not assigned: w and b never change",
     "code": "def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):\n"
             "    costs = []\n    for i in range(num_iterations):\n"
             "        grads, cost = propagate(w, b, X, Y)\n"
             "        w - learning_rate * grads['dw']\n        b - learning_rate * grads['db']\n"
             "        if i % 100 == 0:\n            costs.append(cost)\n"
             "    return {'w': w, 'b': b}, grads, costs\n"},
    # ------------------------------------------------------------------ predict
    {"function": "predict", "kind": "wrong", "why": "bias ignored",
     "code": "def predict(w, b, X):\n    A = sigmoid(np.dot(w.T, X))\n    return (A > 0.5).astype(float)\n"},
    {"function": "predict", "kind": "wrong", "why": ">= 0.5: a probability of exactly 0.5 becomes a cat",
     "code": "def predict(w, b, X):\n    A = sigmoid(np.dot(w.T, X) + b)\n    return (A >= 0.5).astype(float)\n"},
    {"function": "predict", "kind": "wrong", "why": "returns integers",
     "code": "def predict(w, b, X):\n    A = sigmoid(np.dot(w.T, X) + b)\n    return (A > 0.5).astype(int)\n"},
    {"function": "predict", "kind": "wrong", "why": "returns booleans",
     "code": "def predict(w, b, X):\n    return sigmoid(w.T @ X + b) > 0.5\n"},
    {"function": "predict", "kind": "wrong", "why": "output sized by X.shape[0]: only wrong when n_x != m",
     "code": "def predict(w, b, X):\n    m = X.shape[0]\n    Y_prediction = np.zeros((1, m))\n"
             "    A = sigmoid(np.dot(w.T, X) + b)\n    for i in range(m):\n"
             "        Y_prediction[0, i] = 1.0 if A[0, i] > 0.5 else 0.0\n    return Y_prediction\n"},
    {"function": "predict", "kind": "wrong", "why": "rank-1 result of shape (m,)",
     "code": "def predict(w, b, X):\n    A = sigmoid(np.dot(w[:, 0], X) + b)\n    return (A > 0.5).astype(float)\n"},
    {"function": "predict", "kind": "correct", "why": "loop over the columns",
     "code": "def predict(w, b, X):\n    m = X.shape[1]\n    Y_prediction = np.zeros((1, m))\n"
             "    w = w.reshape(X.shape[0], 1)\n    A = sigmoid(np.dot(w.T, X) + b)\n"
             "    for i in range(A.shape[1]):\n        if A[0, i] > 0.5:\n"
             "            Y_prediction[0, i] = 1\n    return Y_prediction\n"},
    {"function": "predict", "kind": "correct", "why": "np.where",
     "code": "def predict(w, b, X):\n    return np.where(sigmoid(w.T @ X + b) > 0.5, 1.0, 0.0)\n"},
    {"function": "predict", "kind": "correct", "why": "np.round (0.5 rounds to even, 0)",
     "code": "def predict(w, b, X):\n    return np.round(sigmoid(np.dot(w.T, X) + b))\n"},
    # -------------------------------------------------------------------- model
    {"function": "model", "kind": "wrong", "why": "misspelled key",
     "code": "def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):\n"
             "    w, b = initialize_with_zeros(X_train.shape[0])\n"
             "    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)\n"
             "    w, b = params['w'], params['b']\n"
             "    return {'costs': costs, 'Y_prediction_test': predict(w, b, X_test),\n"
             "            'Y_predictions_train': predict(w, b, X_train), 'w': w, 'b': b,\n"
             "            'learning_rate': learning_rate, 'num_iterations': num_iterations}\n"},
    {"function": "model", "kind": "wrong", "why": "train and test predictions swapped",
     "code": "def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):\n"
             "    w, b = initialize_with_zeros(X_train.shape[0])\n"
             "    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)\n"
             "    w, b = params['w'], params['b']\n"
             "    return {'costs': costs, 'Y_prediction_test': predict(w, b, X_train),\n"
             "            'Y_prediction_train': predict(w, b, X_test), 'w': w, 'b': b,\n"
             "            'learning_rate': learning_rate, 'num_iterations': num_iterations}\n"},
    {"function": "model", "kind": "wrong", "why": "learning_rate not passed on (optimize's default used)",
     "code": "def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):\n"
             "    w, b = initialize_with_zeros(X_train.shape[0])\n"
             "    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, print_cost=print_cost)\n"
             "    w, b = params['w'], params['b']\n"
             "    return {'costs': costs, 'Y_prediction_test': predict(w, b, X_test),\n"
             "            'Y_prediction_train': predict(w, b, X_train), 'w': w, 'b': b,\n"
             "            'learning_rate': learning_rate, 'num_iterations': num_iterations}\n"},
    {"function": "model", "kind": "wrong", "why": "default learning rate 0.005 (the headline's) instead of 0.5",
     "code": "def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.005, print_cost=False):\n"
             "    w, b = initialize_with_zeros(X_train.shape[0])\n"
             "    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)\n"
             "    w, b = params['w'], params['b']\n"
             "    return {'costs': costs, 'Y_prediction_test': predict(w, b, X_test),\n"
             "            'Y_prediction_train': predict(w, b, X_train), 'w': w, 'b': b,\n"
             "            'learning_rate': learning_rate, 'num_iterations': num_iterations}\n"},
    {"function": "model", "kind": "wrong", "why": "small random start instead of zeros",
     "code": "def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):\n"
             "    w, b = 0.01 * np.random.randn(X_train.shape[0], 1), 0.0\n"
             "    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)\n"
             "    w, b = params['w'], params['b']\n"
             "    return {'costs': costs, 'Y_prediction_test': predict(w, b, X_test),\n"
             "            'Y_prediction_train': predict(w, b, X_train), 'w': w, 'b': b,\n"
             "            'learning_rate': learning_rate, 'num_iterations': num_iterations}\n"},
    {"function": "model", "kind": "correct", "why": "keyword arguments, np.zeros start, accuracy printed",
     "code": "def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):\n"
             "    w, b = np.zeros((X_train.shape[0], 1)), 0.0\n"
             "    params, _, costs = optimize(w, b, X_train, Y_train, num_iterations=num_iterations,\n"
             "                                learning_rate=learning_rate, print_cost=print_cost)\n"
             "    Y_prediction_train = predict(params['w'], params['b'], X_train)\n"
             "    Y_prediction_test = predict(params['w'], params['b'], X_test)\n"
             "    if print_cost:\n"
             "        print('train accuracy', 100 - np.mean(np.abs(Y_prediction_train - Y_train)) * 100)\n"
             "        print('test accuracy', 100 - np.mean(np.abs(Y_prediction_test - Y_test)) * 100)\n"
             "    return dict(costs=costs, Y_prediction_test=Y_prediction_test, Y_prediction_train=Y_prediction_train,\n"
             "                w=params['w'], b=params['b'], learning_rate=learning_rate, num_iterations=num_iterations)\n"},
    {"function": "model", "kind": "wrong", "why": "copy-paste: the test accuracy line prints the train accuracy",
     "code": "def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):\n"
             "    w, b = initialize_with_zeros(X_train.shape[0])\n"
             "    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)\n"
             "    w, b = params['w'], params['b']\n"
             "    Y_prediction_train, Y_prediction_test = predict(w, b, X_train), predict(w, b, X_test)\n"
             "    if print_cost:\n"
             "        print(f'train accuracy: {100 * np.mean(Y_prediction_train == Y_train):.1f} %')\n"
             "        print(f'test accuracy: {100 * np.mean(Y_prediction_train == Y_train):.1f} %')\n"
             "    return {'costs': costs, 'Y_prediction_test': Y_prediction_test, 'Y_prediction_train': Y_prediction_train,\n"
             "            'w': w, 'b': b, 'learning_rate': learning_rate, 'num_iterations': num_iterations}\n"},
    {"function": "model", "kind": "wrong", "why": "prints the accuracies whatever print_cost says",
     "code": "def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):\n"
             "    w, b = initialize_with_zeros(X_train.shape[0])\n"
             "    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)\n"
             "    w, b = params['w'], params['b']\n"
             "    Y_prediction_train, Y_prediction_test = predict(w, b, X_train), predict(w, b, X_test)\n"
             "    print(f'train accuracy: {100 * np.mean(Y_prediction_train == Y_train):.1f} %')\n"
             "    print(f'test accuracy: {100 * np.mean(Y_prediction_test == Y_test):.1f} %')\n"
             "    return {'costs': costs, 'Y_prediction_test': Y_prediction_test, 'Y_prediction_train': Y_prediction_train,\n"
             "            'w': w, 'b': b, 'learning_rate': learning_rate, 'num_iterations': num_iterations}\n"},
]
