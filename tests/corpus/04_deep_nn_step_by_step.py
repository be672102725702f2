"""Realistic submissions for 04_deep_nn_step_by_step, right and wrong.

The entry format, and how entries are graded, are in nndl/corpus.py and
notebooks/README.md ("The defect corpus").

Expected outcome when one entry is swapped into the source notebook (everything
else left as the reference solution):

- "correct": every test cell passes;
- "wrong": ``test_<function>`` fails, and no other test cell does.

"No other" holds because, while grading, each test cell grades its function
alone: for the length of the cell, the helpers it calls (linear_forward inside
linear_activation_forward, linear_activation_backward inside L_model_backward,
...) are bound to correct ones by the hidden part of the test cell, and the
learner's own are put back at its end, or before the next cell runs when a
check fails half-way. So ``DEPENDENTS`` is empty for every function.

Check it with real nbgrader (tests/test_corpus.py asserts the same):

    nndl corpus 04_deep_nn_step_by_step             # every entry
    nndl corpus 04_deep_nn_step_by_step FUNCTION    # one function's entries
"""

AID = "04_deep_nn_step_by_step"

FUNCTIONS = ["initialize_parameters", "initialize_parameters_deep", "linear_forward",
             "linear_activation_forward", "L_model_forward", "compute_cost", "linear_backward",
             "linear_activation_backward", "L_model_backward", "update_parameters"]

# Test cells that may also fail when a function is wrong: none, see above.
DEPENDENTS = {f: set() for f in FUNCTIONS}


def _entry(function, kind, why, code):
    return {"function": function, "kind": kind, "why": why, "code": code}


CORPUS = [
    # ---------------------------------------------------------------- initialize_parameters
    _entry("initialize_parameters", "wrong", "no seed inside (relies on the caller's seed)",
           "def initialize_parameters(n_x, n_h, n_y):\n"
           "    W1 = np.random.randn(n_h, n_x) * 0.01\n"
           "    b1 = np.zeros((n_h, 1))\n"
           "    W2 = np.random.randn(n_y, n_h) * 0.01\n"
           "    b2 = np.zeros((n_y, 1))\n"
           "    return {'W1': W1, 'b1': b1, 'W2': W2, 'b2': b2}\n"),
    _entry("initialize_parameters", "wrong", "rank-1 biases np.zeros(n)",
           "def initialize_parameters(n_x, n_h, n_y):\n"
           "    np.random.seed(1)\n"
           "    W1 = np.random.randn(n_h, n_x) * 0.01\n"
           "    W2 = np.random.randn(n_y, n_h) * 0.01\n"
           "    return {'W1': W1, 'b1': np.zeros(n_h), 'W2': W2, 'b2': np.zeros(n_y)}\n"),
    _entry("initialize_parameters", "wrong", "weights transposed: randn(n_x, n_h)",
           "def initialize_parameters(n_x, n_h, n_y):\n"
           "    np.random.seed(1)\n"
           "    W1 = np.random.randn(n_x, n_h) * 0.01\n"
           "    b1 = np.zeros((n_h, 1))\n"
           "    W2 = np.random.randn(n_h, n_y) * 0.01\n"
           "    b2 = np.zeros((n_y, 1))\n"
           "    return {'W1': W1, 'b1': b1, 'W2': W2, 'b2': b2}\n"),
    _entry("initialize_parameters", "wrong", "W2 drawn before W1",
           "def initialize_parameters(n_x, n_h, n_y):\n"
           "    np.random.seed(1)\n"
           "    W2 = np.random.randn(n_y, n_h) * 0.01\n"
           "    W1 = np.random.randn(n_h, n_x) * 0.01\n"
           "    return {'W1': W1, 'b1': np.zeros((n_h, 1)), 'W2': W2, 'b2': np.zeros((n_y, 1))}\n"),
    _entry("initialize_parameters", "wrong", "forgot the 0.01 scale",
           "def initialize_parameters(n_x, n_h, n_y):\n"
           "    np.random.seed(1)\n"
           "    W1 = np.random.randn(n_h, n_x)\n"
           "    W2 = np.random.randn(n_y, n_h)\n"
           "    return {'W1': W1, 'b1': np.zeros((n_h, 1)), 'W2': W2, 'b2': np.zeros((n_y, 1))}\n"),
    _entry("initialize_parameters", "wrong", "integer zero biases (dtype=int)",
           "def initialize_parameters(n_x, n_h, n_y):\n"
           "    np.random.seed(1)\n"
           "    W1 = np.random.randn(n_h, n_x) * 0.01\n"
           "    W2 = np.random.randn(n_y, n_h) * 0.01\n"
           "    return {'W1': W1, 'b1': np.zeros((n_h, 1), dtype=int), 'W2': W2,\n"
           "            'b2': np.zeros((n_y, 1), dtype=int)}\n"),
    _entry("initialize_parameters", "correct", "np.random.normal(0, 0.01, size)",
           "def initialize_parameters(n_x, n_h, n_y):\n"
           "    np.random.seed(1)\n"
           "    parameters = {}\n"
           "    parameters['W1'] = np.random.normal(0.0, 0.01, size=(n_h, n_x))\n"
           "    parameters['b1'] = np.zeros([n_h, 1])\n"
           "    parameters['W2'] = np.random.normal(0.0, 0.01, size=(n_y, n_h))\n"
           "    parameters['b2'] = np.zeros([n_y, 1])\n"
           "    return parameters\n"),
    _entry("initialize_parameters", "correct", "standard_normal, 0.01 * first, full((n, 1), 0.0)",
           "def initialize_parameters(n_x, n_h, n_y):\n"
           "    np.random.seed(1)\n"
           "    W1 = 0.01 * np.random.standard_normal((n_h, n_x))\n"
           "    W2 = 0.01 * np.random.standard_normal((n_y, n_h))\n"
           "    return dict(W1=W1, b1=np.full((n_h, 1), 0.0), W2=W2, b2=np.full((n_y, 1), 0.0))\n"),

    # ---------------------------------------------------------------- initialize_parameters_deep
    _entry("initialize_parameters_deep", "wrong", "off by one: the last layer is missing",
           "def initialize_parameters_deep(layer_dims):\n"
           "    np.random.seed(3)\n"
           "    parameters = {}\n"
           "    L = len(layer_dims) - 1\n"
           "    for l in range(1, L):\n"
           "        parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01\n"
           "        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))\n"
           "    return parameters\n"),
    _entry("initialize_parameters_deep", "wrong", "no seed inside",
           "def initialize_parameters_deep(layer_dims):\n"
           "    parameters = {}\n"
           "    for l in range(1, len(layer_dims)):\n"
           "        parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01\n"
           "        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))\n"
           "    return parameters\n"),
    _entry("initialize_parameters_deep", "wrong", "seed 1 (the 2-layer one) instead of 3",
           "def initialize_parameters_deep(layer_dims):\n"
           "    np.random.seed(1)\n"
           "    parameters = {}\n"
           "    for l in range(1, len(layer_dims)):\n"
           "        parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01\n"
           "        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))\n"
           "    return parameters\n"),
    _entry("initialize_parameters_deep", "wrong", "weights transposed: (n_{l-1}, n_l)",
           "def initialize_parameters_deep(layer_dims):\n"
           "    np.random.seed(3)\n"
           "    parameters = {}\n"
           "    for l in range(1, len(layer_dims)):\n"
           "        parameters['W' + str(l)] = np.random.randn(layer_dims[l - 1], layer_dims[l]) * 0.01\n"
           "        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))\n"
           "    return parameters\n"),
    _entry("initialize_parameters_deep", "wrong", "rank-1 biases",
           "def initialize_parameters_deep(layer_dims):\n"
           "    np.random.seed(3)\n"
           "    parameters = {}\n"
           "    for l in range(1, len(layer_dims)):\n"
           "        parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01\n"
           "        parameters['b' + str(l)] = np.zeros(layer_dims[l])\n"
           "    return parameters\n"),
    _entry("initialize_parameters_deep", "wrong", "He scaling sqrt(2 / n_{l-1}) instead of 0.01",
           "def initialize_parameters_deep(layer_dims):\n"
           "    np.random.seed(3)\n"
           "    parameters = {}\n"
           "    for l in range(1, len(layer_dims)):\n"
           "        scale = np.sqrt(2 / layer_dims[l - 1])\n"
           "        parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * scale\n"
           "        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))\n"
           "    return parameters\n"),
    _entry("initialize_parameters_deep", "wrong", "0-based layer numbers: keys W0, b0, ...",
           "def initialize_parameters_deep(layer_dims):\n"
           "    np.random.seed(3)\n"
           "    parameters = {}\n"
           "    for l in range(len(layer_dims) - 1):\n"
           "        parameters['W' + str(l)] = np.random.randn(layer_dims[l + 1], layer_dims[l]) * 0.01\n"
           "        parameters['b' + str(l)] = np.zeros((layer_dims[l + 1], 1))\n"
           "    return parameters\n"),
    _entry("initialize_parameters_deep", "correct", "zip over consecutive sizes, enumerate from 1",
           "def initialize_parameters_deep(layer_dims):\n"
           "    np.random.seed(3)\n"
           "    parameters = {}\n"
           "    for l, (n_prev, n) in enumerate(zip(layer_dims[:-1], layer_dims[1:]), start=1):\n"
           "        parameters[f'W{l}'] = np.random.normal(0, 0.01, (n, n_prev))\n"
           "        parameters[f'b{l}'] = np.zeros((n, 1))\n"
           "    return parameters\n"),
    _entry("initialize_parameters_deep", "correct", "works on a copy of the list, b keys added after all W",
           "def initialize_parameters_deep(layer_dims):\n"
           "    np.random.seed(3)\n"
           "    dims = list(layer_dims)\n"
           "    weights = {'W%d' % l: np.random.randn(dims[l], dims[l - 1]) * 0.01 for l in range(1, len(dims))}\n"
           "    biases = {'b%d' % l: np.zeros((dims[l], 1)) for l in range(1, len(dims))}\n"
           "    return {**weights, **biases}\n"),

    # ---------------------------------------------------------------- linear_forward
    _entry("linear_forward", "wrong", "cache is a list [A, W, b], not a tuple",
           "def linear_forward(A, W, b):\n"
           "    Z = np.dot(W, A) + b\n"
           "    return Z, [A, W, b]\n"),
    _entry("linear_forward", "wrong", "cache in the wrong order (W, A, b)",
           "def linear_forward(A, W, b):\n"
           "    Z = np.dot(W, A) + b\n"
           "    return Z, (W, A, b)\n"),
    _entry("linear_forward", "wrong", "forgot the bias",
           "def linear_forward(A, W, b):\n"
           "    Z = np.dot(W, A)\n"
           "    return Z, (A, W, b)\n"),
    _entry("linear_forward", "wrong", "adds b.T (only a (1, 1) b hides it)",
           "def linear_forward(A, W, b):\n"
           "    Z = np.dot(W, A) + b.T\n"
           "    return Z, (A, W, b)\n"),
    _entry("linear_forward", "wrong", "cache holds Z too: (A, W, b, Z)",
           "def linear_forward(A, W, b):\n"
           "    Z = W @ A + b\n"
           "    return Z, (A, W, b, Z)\n"),
    _entry("linear_forward", "correct", "einsum",
           "def linear_forward(A, W, b):\n"
           "    Z = np.einsum('ij,jk->ik', W, A) + b\n"
           "    cache = (A, W, b)\n"
           "    return Z, cache\n"),
    _entry("linear_forward", "correct", "transposed product, copies in the cache",
           "def linear_forward(A, W, b):\n"
           "    Z = (A.T @ W.T).T + b\n"
           "    return Z, (A.copy(), W.copy(), b.copy())\n"),
    _entry("linear_forward", "correct", "explicit loop over examples",
           "def linear_forward(A, W, b):\n"
           "    Z = np.zeros((W.shape[0], A.shape[1]))\n"
           "    for i in range(A.shape[1]):\n"
           "        Z[:, i] = W.dot(A[:, i]) + b[:, 0]\n"
           "    return Z, (A, W, b)\n"),

    # ---------------------------------------------------------------- linear_activation_forward
    _entry("linear_activation_forward", "wrong", "activations swapped",
           "def linear_activation_forward(A_prev, W, b, activation):\n"
           "    Z, linear_cache = linear_forward(A_prev, W, b)\n"
           "    if activation == 'sigmoid':\n"
           "        A, activation_cache = relu(Z)\n"
           "    else:\n"
           "        A, activation_cache = sigmoid(Z)\n"
           "    return A, (linear_cache, activation_cache)\n"),
    _entry("linear_activation_forward", "wrong", "cache order (activation_cache, linear_cache)",
           "def linear_activation_forward(A_prev, W, b, activation):\n"
           "    Z, linear_cache = linear_forward(A_prev, W, b)\n"
           "    if activation == 'sigmoid':\n"
           "        A, activation_cache = sigmoid(Z)\n"
           "    else:\n"
           "        A, activation_cache = relu(Z)\n"
           "    return A, (activation_cache, linear_cache)\n"),
    _entry("linear_activation_forward", "wrong", "activation cache holds A instead of Z",
           "def linear_activation_forward(A_prev, W, b, activation):\n"
           "    Z, linear_cache = linear_forward(A_prev, W, b)\n"
           "    A = sigmoid(Z)[0] if activation == 'sigmoid' else relu(Z)[0]\n"
           "    return A, (linear_cache, A)\n"),
    _entry("linear_activation_forward", "wrong", "returns the whole (A, cache) pair of the activation as A",
           "def linear_activation_forward(A_prev, W, b, activation):\n"
           "    Z, linear_cache = linear_forward(A_prev, W, b)\n"
           "    A = sigmoid(Z) if activation == 'sigmoid' else relu(Z)\n"
           "    return A, (linear_cache, Z)\n"),
    _entry("linear_activation_forward", "wrong", "the cache is a flat (A_prev, W, b, Z)",
           "def linear_activation_forward(A_prev, W, b, activation):\n"
           "    Z, (A0, W0, b0) = linear_forward(A_prev, W, b)\n"
           "    A, Zc = sigmoid(Z) if activation == 'sigmoid' else relu(Z)\n"
           "    return A, (A0, W0, b0, Zc)\n"),
    _entry("linear_activation_forward", "correct", "dispatch through a dict",
           "def linear_activation_forward(A_prev, W, b, activation):\n"
           "    Z, linear_cache = linear_forward(A_prev, W, b)\n"
           "    A, activation_cache = {'relu': relu, 'sigmoid': sigmoid}[activation](Z)\n"
           "    return A, (linear_cache, activation_cache)\n"),
    _entry("linear_activation_forward", "correct", "inline Z, np.maximum and np.where-based sigmoid",
           "def linear_activation_forward(A_prev, W, b, activation):\n"
           "    Z = W @ A_prev + b\n"
           "    if activation == 'relu':\n"
           "        A = np.maximum(Z, 0)\n"
           "    else:\n"
           "        E = np.exp(-np.abs(Z))\n"
           "        A = np.where(Z >= 0, 1 / (1 + E), E / (1 + E))\n"
           "    return A, ((A_prev, W, b), Z)\n"),

    # ---------------------------------------------------------------- L_model_forward
    _entry("L_model_forward", "wrong", "the last layer uses ReLU",
           "def L_model_forward(X, parameters):\n"
           "    caches = []\n"
           "    A = X\n"
           "    L = len(parameters) // 2\n"
           "    for l in range(1, L + 1):\n"
           "        A, cache = linear_activation_forward(A, parameters['W' + str(l)], parameters['b' + str(l)], 'relu')\n"
           "        caches.append(cache)\n"
           "    return A, caches\n"),
    _entry("L_model_forward", "wrong", "feeds X to every hidden layer (shows with 3+ layers)",
           "def L_model_forward(X, parameters):\n"
           "    caches = []\n"
           "    A = X\n"
           "    L = len(parameters) // 2\n"
           "    for l in range(1, L):\n"
           "        A_prev = X\n"
           "        A, cache = linear_activation_forward(A_prev, parameters['W' + str(l)], parameters['b' + str(l)], 'relu')\n"
           "        caches.append(cache)\n"
           "    AL, cache = linear_activation_forward(A, parameters['W' + str(L)], parameters['b' + str(L)], 'sigmoid')\n"
           "    caches.append(cache)\n"
           "    return AL, caches\n"),
    _entry("L_model_forward", "wrong", "loop stops one layer early: range(1, L - 1) (shows with 3+ layers)",
           "def L_model_forward(X, parameters):\n"
           "    caches = []\n"
           "    A = X\n"
           "    L = len(parameters) // 2\n"
           "    for l in range(1, L - 1):\n"
           "        A, cache = linear_activation_forward(A, parameters['W' + str(l)], parameters['b' + str(l)], 'relu')\n"
           "        caches.append(cache)\n"
           "    AL, cache = linear_activation_forward(A, parameters['W' + str(L)], parameters['b' + str(L)], 'sigmoid')\n"
           "    caches.append(cache)\n"
           "    return AL, caches\n"),
    _entry("L_model_forward", "wrong", "caches returned as a tuple",
           "def L_model_forward(X, parameters):\n"
           "    caches = []\n"
           "    A = X\n"
           "    L = len(parameters) // 2\n"
           "    for l in range(1, L):\n"
           "        A, cache = linear_activation_forward(A, parameters['W' + str(l)], parameters['b' + str(l)], 'relu')\n"
           "        caches.append(cache)\n"
           "    AL, cache = linear_activation_forward(A, parameters['W' + str(L)], parameters['b' + str(L)], 'sigmoid')\n"
           "    caches.append(cache)\n"
           "    return AL, tuple(caches)\n"),
    _entry("L_model_forward", "wrong", "keeps only the linear caches",
           "def L_model_forward(X, parameters):\n"
           "    caches = []\n"
           "    A = X\n"
           "    L = len(parameters) // 2\n"
           "    for l in range(1, L):\n"
           "        A, cache = linear_activation_forward(A, parameters['W' + str(l)], parameters['b' + str(l)], 'relu')\n"
           "        caches.append(cache[0])\n"
           "    AL, cache = linear_activation_forward(A, parameters['W' + str(L)], parameters['b' + str(L)], 'sigmoid')\n"
           "    caches.append(cache[0])\n"
           "    return AL, caches\n"),
    _entry("L_model_forward", "wrong", "L = len(parameters): KeyError on W{2L}",
           "def L_model_forward(X, parameters):\n"
           "    caches = []\n"
           "    A = X\n"
           "    L = len(parameters)\n"
           "    for l in range(1, L):\n"
           "        A, cache = linear_activation_forward(A, parameters['W' + str(l)], parameters['b' + str(l)], 'relu')\n"
           "        caches.append(cache)\n"
           "    AL, cache = linear_activation_forward(A, parameters['W' + str(L)], parameters['b' + str(L)], 'sigmoid')\n"
           "    caches.append(cache)\n"
           "    return AL, caches\n"),
    _entry("L_model_forward", "wrong", "depth hard-coded: three layers, W1 to W3",
           "def L_model_forward(X, parameters):\n"
           "    caches = []\n"
           "    A = X\n"
           "    for l in (1, 2):\n"
           "        A, cache = linear_activation_forward(A, parameters['W' + str(l)], parameters['b' + str(l)], 'relu')\n"
           "        caches.append(cache)\n"
           "    AL, cache = linear_activation_forward(A, parameters['W3'], parameters['b3'], 'sigmoid')\n"
           "    caches.append(cache)\n"
           "    return AL, caches\n"),
    _entry("L_model_forward", "correct", "0-based loop with l + 1 in the keys",
           "def L_model_forward(X, parameters):\n"
           "    caches = []\n"
           "    A = X\n"
           "    L = len(parameters) // 2\n"
           "    for l in range(L - 1):\n"
           "        A, cache = linear_activation_forward(A, parameters[f'W{l + 1}'], parameters[f'b{l + 1}'], activation='relu')\n"
           "        caches.append(cache)\n"
           "    AL, cache = linear_activation_forward(A, parameters[f'W{L}'], parameters[f'b{L}'], activation='sigmoid')\n"
           "    caches = caches + [cache]\n"
           "    return AL, caches\n"),
    _entry("L_model_forward", "correct", "one loop, the activation chosen per layer",
           "def L_model_forward(X, parameters):\n"
           "    L = len(parameters) // 2\n"
           "    A, caches = X, []\n"
           "    for l in range(1, L + 1):\n"
           "        act = 'sigmoid' if l == L else 'relu'\n"
           "        A, cache = linear_activation_forward(A, parameters['W%d' % l], parameters['b%d' % l], act)\n"
           "        caches.append(cache)\n"
           "    return A, caches\n"),
    _entry("L_model_forward", "correct", "a per-layer helper in the same cell calls linear_activation_forward",
           "def layer_forward(A, parameters, l, activation):\n"
           "    return linear_activation_forward(A, parameters[f'W{l}'], parameters[f'b{l}'], activation)\n"
           "\n"
           "\n"
           "def L_model_forward(X, parameters):\n"
           "    L = len(parameters) // 2\n"
           "    A, caches = X, []\n"
           "    for l in range(1, L):\n"
           "        A, cache = layer_forward(A, parameters, l, 'relu')\n"
           "        caches.append(cache)\n"
           "    AL, cache = layer_forward(A, parameters, L, 'sigmoid')\n"
           "    caches.append(cache)\n"
           "    return AL, caches\n"),
    _entry("L_model_forward", "correct", "inline layers without the helpers",
           "def L_model_forward(X, parameters):\n"
           "    L = len(parameters) // 2\n"
           "    A, caches = X, []\n"
           "    for l in range(1, L + 1):\n"
           "        W, b = parameters[f'W{l}'], parameters[f'b{l}']\n"
           "        Z = np.dot(W, A) + b\n"
           "        caches.append(((A, W, b), Z))\n"
           "        A = sigmoid(Z)[0] if l == L else relu(Z)[0]\n"
           "    return A, caches\n"),

    # ---------------------------------------------------------------- compute_cost
    _entry("compute_cost", "wrong", "dot products without np.squeeze: a (1, 1) array",
           "def compute_cost(AL, Y):\n"
           "    m = Y.shape[1]\n"
           "    return -(np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T)) / m\n"),
    _entry("compute_cost", "wrong", "mean along axis 1: shape (1,)",
           "def compute_cost(AL, Y):\n"
           "    return -np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL), axis=1)\n"),
    _entry("compute_cost", "wrong", "m from the wrong axis (sum, not mean)",
           "def compute_cost(AL, Y):\n"
           "    m = Y.shape[0]\n"
           "    return np.squeeze(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m)\n"),
    _entry("compute_cost", "wrong", "log(AL) in both terms",
           "def compute_cost(AL, Y):\n"
           "    m = Y.shape[1]\n"
           "    return np.squeeze(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(AL)) / m)\n"),
    _entry("compute_cost", "wrong", "no minus sign",
           "def compute_cost(AL, Y):\n"
           "    m = Y.shape[1]\n"
           "    return np.squeeze(np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m)\n"),
    _entry("compute_cost", "correct", "dot products, then np.squeeze",
           "def compute_cost(AL, Y):\n"
           "    m = Y.shape[1]\n"
           "    cost = -(1 / m) * (np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T))\n"
           "    return np.squeeze(cost)\n"),
    _entry("compute_cost", "correct", "np.mean, Python float",
           "def compute_cost(AL, Y):\n"
           "    return float(-np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))\n"),
    _entry("compute_cost", "correct", "loop over examples with math.log",
           "def compute_cost(AL, Y):\n"
           "    import math\n"
           "    m = AL.shape[1]\n"
           "    total = 0.0\n"
           "    for i in range(m):\n"
           "        a, y = AL[0, i], Y[0, i]\n"
           "        total += y * math.log(a) + (1 - y) * math.log(1 - a)\n"
           "    return -total / m\n"),

    # ---------------------------------------------------------------- linear_backward
    _entry("linear_backward", "wrong", "dW without 1/m",
           "def linear_backward(dZ, cache):\n"
           "    A_prev, W, b = cache\n"
           "    m = A_prev.shape[1]\n"
           "    dW = np.dot(dZ, A_prev.T)\n"
           "    db = np.sum(dZ, axis=1, keepdims=True) / m\n"
           "    dA_prev = np.dot(W.T, dZ)\n"
           "    return dA_prev, dW, db\n"),
    _entry("linear_backward", "wrong", "db summed over the wrong axis",
           "def linear_backward(dZ, cache):\n"
           "    A_prev, W, b = cache\n"
           "    m = A_prev.shape[1]\n"
           "    dW = np.dot(dZ, A_prev.T) / m\n"
           "    db = np.sum(dZ, axis=0, keepdims=True) / m\n"
           "    dA_prev = np.dot(W.T, dZ)\n"
           "    return dA_prev, dW, db\n"),
    _entry("linear_backward", "wrong", "db without keepdims: rank-1",
           "def linear_backward(dZ, cache):\n"
           "    A_prev, W, b = cache\n"
           "    m = A_prev.shape[1]\n"
           "    dW = np.dot(dZ, A_prev.T) / m\n"
           "    db = np.sum(dZ, axis=1) / m\n"
           "    dA_prev = np.dot(W.T, dZ)\n"
           "    return dA_prev, dW, db\n"),
    _entry("linear_backward", "wrong", "dA_prev also divided by m",
           "def linear_backward(dZ, cache):\n"
           "    A_prev, W, b = cache\n"
           "    m = A_prev.shape[1]\n"
           "    dW = np.dot(dZ, A_prev.T) / m\n"
           "    db = np.sum(dZ, axis=1, keepdims=True) / m\n"
           "    dA_prev = np.dot(W.T, dZ) / m\n"
           "    return dA_prev, dW, db\n"),
    _entry("linear_backward", "wrong", "m from the wrong axis (dZ.shape[0])",
           "def linear_backward(dZ, cache):\n"
           "    A_prev, W, b = cache\n"
           "    m = dZ.shape[0]\n"
           "    dW = dZ @ A_prev.T / m\n"
           "    db = dZ.sum(axis=1, keepdims=True) / m\n"
           "    dA_prev = W.T @ dZ\n"
           "    return dA_prev, dW, db\n"),
    _entry("linear_backward", "wrong", "dA_prev from W, not W^T (runs when W is square)",
           "def linear_backward(dZ, cache):\n"
           "    A_prev, W, b = cache\n"
           "    m = A_prev.shape[1]\n"
           "    dW = dZ @ A_prev.T / m\n"
           "    db = dZ.sum(axis=1, keepdims=True) / m\n"
           "    dA_prev = W @ dZ if W.shape[0] == W.shape[1] else W.T @ dZ\n"
           "    return dA_prev, dW, db\n"),
    _entry("linear_backward", "wrong", "returns (dW, db, dA_prev)",
           "def linear_backward(dZ, cache):\n"
           "    A_prev, W, b = cache\n"
           "    m = A_prev.shape[1]\n"
           "    return dZ @ A_prev.T / m, dZ.sum(axis=1, keepdims=True) / m, W.T @ dZ\n"),
    _entry("linear_backward", "correct", "einsum and np.mean",
           "def linear_backward(dZ, cache):\n"
           "    A_prev, W, b = cache\n"
           "    m = A_prev.shape[1]\n"
           "    dW = np.einsum('ik,jk->ij', dZ, A_prev) / m\n"
           "    db = np.mean(dZ, axis=1, keepdims=True)\n"
           "    dA_prev = np.einsum('ji,jk->ik', W, dZ)\n"
           "    return dA_prev, dW, db\n"),
    _entry("linear_backward", "correct", "loop over examples, reshape for db",
           "def linear_backward(dZ, cache):\n"
           "    A_prev, W, b = cache\n"
           "    m = A_prev.shape[1]\n"
           "    dW = np.zeros(W.shape)\n"
           "    for i in range(m):\n"
           "        dW += np.outer(dZ[:, i], A_prev[:, i])\n"
           "    dW /= m\n"
           "    db = dZ.sum(axis=1).reshape(-1, 1) / m\n"
           "    dA_prev = np.dot(dZ.T, W).T\n"
           "    return dA_prev, dW, db\n"),

    # ---------------------------------------------------------------- linear_activation_backward
    _entry("linear_activation_backward", "wrong", "activations swapped",
           "def linear_activation_backward(dA, cache, activation):\n"
           "    linear_cache, activation_cache = cache\n"
           "    if activation == 'relu':\n"
           "        dZ = sigmoid_backward(dA, activation_cache)\n"
           "    else:\n"
           "        dZ = relu_backward(dA, activation_cache)\n"
           "    return linear_backward(dZ, linear_cache)\n"),
    _entry("linear_activation_backward", "wrong", "ReLU derivative taken from the sign of dA",
           "def linear_activation_backward(dA, cache, activation):\n"
           "    linear_cache, Z = cache\n"
           "    if activation == 'relu':\n"
           "        dZ = np.where(dA > 0, dA, 0)\n"
           "    else:\n"
           "        dZ = sigmoid_backward(dA, Z)\n"
           "    return linear_backward(dZ, linear_cache)\n"),
    _entry("linear_activation_backward", "wrong", "sigmoid derivative s instead of s (1 - s)",
           "def linear_activation_backward(dA, cache, activation):\n"
           "    linear_cache, Z = cache\n"
           "    if activation == 'relu':\n"
           "        dZ = relu_backward(dA, Z)\n"
           "    else:\n"
           "        dZ = dA * sigmoid(Z)[0]\n"
           "    return linear_backward(dZ, linear_cache)\n"),
    _entry("linear_activation_backward", "wrong", "skips the activation: linear_backward(dA, ...)",
           "def linear_activation_backward(dA, cache, activation):\n"
           "    linear_cache, activation_cache = cache\n"
           "    return linear_backward(dA, linear_cache)\n"),
    _entry("linear_activation_backward", "wrong", "relu's derivative forgotten: dZ = dA",
           "def linear_activation_backward(dA, cache, activation):\n"
           "    linear_cache, activation_cache = cache\n"
           "    dZ = sigmoid_backward(dA, activation_cache) if activation == 'sigmoid' else dA\n"
           "    return linear_backward(dZ, linear_cache)\n"),
    _entry("linear_activation_backward", "correct", "inline derivatives: dA * (Z > 0) and s (1 - s)",
           "def linear_activation_backward(dA, cache, activation):\n"
           "    (A_prev, W, b), Z = cache\n"
           "    if activation == 'relu':\n"
           "        dZ = dA * (Z > 0)\n"
           "    else:\n"
           "        s = 1 / (1 + np.exp(-Z))\n"
           "        dZ = dA * s * (1 - s)\n"
           "    return linear_backward(dZ, (A_prev, W, b))\n"),
    _entry("linear_activation_backward", "correct", "dispatch through a dict, then its own linear step",
           "def linear_activation_backward(dA, cache, activation):\n"
           "    backward = {'relu': relu_backward, 'sigmoid': sigmoid_backward}[activation]\n"
           "    dZ = backward(dA, cache[1])\n"
           "    A_prev, W, b = cache[0]\n"
           "    m = A_prev.shape[1]\n"
           "    return W.T @ dZ, dZ @ A_prev.T / m, dZ.sum(axis=1, keepdims=True) / m\n"),

    # ---------------------------------------------------------------- L_model_backward
    _entry("L_model_backward", "wrong", "stale dA: every ReLU layer gets dA{L-1} (shows with 3+ layers)",
           "def L_model_backward(AL, Y, caches):\n"
           "    grads = {}\n"
           "    L = len(caches)\n"
           "    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))\n"
           "    dA_prev, dW, db = linear_activation_backward(dAL, caches[L - 1], 'sigmoid')\n"
           "    grads['dA' + str(L - 1)], grads['dW' + str(L)], grads['db' + str(L)] = dA_prev, dW, db\n"
           "    for l in reversed(range(L - 1)):\n"
           "        dA_temp, dW, db = linear_activation_backward(dA_prev, caches[l], 'relu')\n"
           "        grads['dA' + str(l)], grads['dW' + str(l + 1)], grads['db' + str(l + 1)] = dA_temp, dW, db\n"
           "    return grads\n"),
    _entry("L_model_backward", "wrong", "the last layer treated as ReLU",
           "def L_model_backward(AL, Y, caches):\n"
           "    grads = {}\n"
           "    L = len(caches)\n"
           "    dA = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))\n"
           "    for l in reversed(range(1, L + 1)):\n"
           "        dA, grads['dW' + str(l)], grads['db' + str(l)] = linear_activation_backward(dA, caches[l - 1], 'relu')\n"
           "        grads['dA' + str(l - 1)] = dA\n"
           "    return grads\n"),
    _entry("L_model_backward", "wrong", "dAL with the wrong sign",
           "def L_model_backward(AL, Y, caches):\n"
           "    grads = {}\n"
           "    L = len(caches)\n"
           "    dAL = np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)\n"
           "    dA_prev, dW, db = linear_activation_backward(dAL, caches[L - 1], 'sigmoid')\n"
           "    grads['dA' + str(L - 1)], grads['dW' + str(L)], grads['db' + str(L)] = dA_prev, dW, db\n"
           "    for l in reversed(range(L - 1)):\n"
           "        dA_prev, dW, db = linear_activation_backward(grads['dA' + str(l + 1)], caches[l], 'relu')\n"
           "        grads['dA' + str(l)], grads['dW' + str(l + 1)], grads['db' + str(l + 1)] = dA_prev, dW, db\n"
           "    return grads\n"),
    _entry("L_model_backward", "wrong", "dA keys shifted: dA{l} instead of dA{l-1}",
           "def L_model_backward(AL, Y, caches):\n"
           "    grads = {}\n"
           "    L = len(caches)\n"
           "    dA = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))\n"
           "    dA, grads['dW' + str(L)], grads['db' + str(L)] = linear_activation_backward(dA, caches[L - 1], 'sigmoid')\n"
           "    grads['dA' + str(L)] = dA\n"
           "    for l in reversed(range(1, L)):\n"
           "        dA, grads['dW' + str(l)], grads['db' + str(l)] = linear_activation_backward(dA, caches[l - 1], 'relu')\n"
           "        grads['dA' + str(l)] = dA\n"
           "    return grads\n"),
    _entry("L_model_backward", "wrong", "cache of the layer above: dA_prev from the wrong W",
           "def L_model_backward(AL, Y, caches):\n"
           "    grads = {}\n"
           "    L = len(caches)\n"
           "    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))\n"
           "    dA_prev, dW, db = linear_activation_backward(dAL, caches[L - 1], 'sigmoid')\n"
           "    grads['dA' + str(L - 1)], grads['dW' + str(L)], grads['db' + str(L)] = dA_prev, dW, db\n"
           "    for l in reversed(range(1, L)):\n"
           "        cache = caches[l] if l < L - 1 else caches[l - 1]\n"
           "        dA_prev, dW, db = linear_activation_backward(grads['dA' + str(l)], cache, 'relu')\n"
           "        grads['dA' + str(l - 1)], grads['dW' + str(l)], grads['db' + str(l)] = dA_prev, dW, db\n"
           "    return grads\n"),
    _entry("L_model_backward", "wrong", "loop stops before layer 1",
           "def L_model_backward(AL, Y, caches):\n"
           "    grads = {}\n"
           "    L = len(caches)\n"
           "    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))\n"
           "    dA_prev, dW, db = linear_activation_backward(dAL, caches[L - 1], 'sigmoid')\n"
           "    grads['dA' + str(L - 1)], grads['dW' + str(L)], grads['db' + str(L)] = dA_prev, dW, db\n"
           "    for l in reversed(range(2, L)):\n"
           "        dA_prev, dW, db = linear_activation_backward(grads['dA' + str(l)], caches[l - 1], 'relu')\n"
           "        grads['dA' + str(l - 1)], grads['dW' + str(l)], grads['db' + str(l)] = dA_prev, dW, db\n"
           "    return grads\n"),
    _entry("L_model_backward", "correct", "0-based reversed loop, as the course writes it",
           "def L_model_backward(AL, Y, caches):\n"
           "    grads = {}\n"
           "    L = len(caches)\n"
           "    Y = Y.reshape(AL.shape)\n"
           "    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))\n"
           "    current_cache = caches[L - 1]\n"
           "    dA_prev_temp, dW_temp, db_temp = linear_activation_backward(dAL, current_cache, 'sigmoid')\n"
           "    grads['dA' + str(L - 1)] = dA_prev_temp\n"
           "    grads['dW' + str(L)] = dW_temp\n"
           "    grads['db' + str(L)] = db_temp\n"
           "    for l in reversed(range(L - 1)):\n"
           "        current_cache = caches[l]\n"
           "        dA_prev_temp, dW_temp, db_temp = linear_activation_backward(grads['dA' + str(l + 1)], current_cache, 'relu')\n"
           "        grads['dA' + str(l)] = dA_prev_temp\n"
           "        grads['dW' + str(l + 1)] = dW_temp\n"
           "        grads['db' + str(l + 1)] = db_temp\n"
           "    return grads\n"),
    _entry("L_model_backward", "correct", "dZ[L] = AL - Y shortcut, then one running dA",
           "def L_model_backward(AL, Y, caches):\n"
           "    grads = {}\n"
           "    L = len(caches)\n"
           "    dA, dW, db = linear_backward(AL - Y, caches[-1][0])\n"
           "    grads.update({f'dA{L - 1}': dA, f'dW{L}': dW, f'db{L}': db})\n"
           "    for l in range(L - 1, 0, -1):\n"
           "        dA, dW, db = linear_activation_backward(dA, caches[l - 1], 'relu')\n"
           "        grads.update({f'dA{l - 1}': dA, f'dW{l}': dW, f'db{l}': db})\n"
           "    return grads\n"),
    _entry("L_model_backward", "correct", "a per-layer helper in the same cell calls linear_activation_backward",
           "def layer_backward(grads, dA, cache, l, activation):\n"
           "    dA_prev, dW, db = linear_activation_backward(dA, cache, activation)\n"
           "    grads[f'dA{l - 1}'], grads[f'dW{l}'], grads[f'db{l}'] = dA_prev, dW, db\n"
           "    return dA_prev\n"
           "\n"
           "\n"
           "def L_model_backward(AL, Y, caches):\n"
           "    grads, L = {}, len(caches)\n"
           "    dA = -(Y / AL - (1 - Y) / (1 - AL))\n"
           "    dA = layer_backward(grads, dA, caches[L - 1], L, 'sigmoid')\n"
           "    for l in reversed(range(1, L)):\n"
           "        dA = layer_backward(grads, dA, caches[l - 1], l, 'relu')\n"
           "    return grads\n"),

    # ---------------------------------------------------------------- update_parameters
    _entry("update_parameters", "wrong", "shallow copy then -=: mutates the caller's arrays",
           "def update_parameters(params, grads, learning_rate):\n"
           "    parameters = params.copy()\n"
           "    L = len(parameters) // 2\n"
           "    for l in range(L):\n"
           "        parameters['W' + str(l + 1)] -= learning_rate * grads['dW' + str(l + 1)]\n"
           "        parameters['b' + str(l + 1)] -= learning_rate * grads['db' + str(l + 1)]\n"
           "    return parameters\n"),
    _entry("update_parameters", "wrong", "no copy: rebinds the entries of the caller's dict",
           "def update_parameters(params, grads, learning_rate):\n"
           "    L = len(params) // 2\n"
           "    for l in range(1, L + 1):\n"
           "        params['W' + str(l)] = params['W' + str(l)] - learning_rate * grads['dW' + str(l)]\n"
           "        params['b' + str(l)] = params['b' + str(l)] - learning_rate * grads['db' + str(l)]\n"
           "    return params\n"),
    _entry("update_parameters", "wrong", "skips the last layer: range(1, L)",
           "def update_parameters(params, grads, learning_rate):\n"
           "    import copy\n"
           "    parameters = copy.deepcopy(params)\n"
           "    L = len(parameters) // 2\n"
           "    for l in range(1, L):\n"
           "        parameters['W' + str(l)] -= learning_rate * grads['dW' + str(l)]\n"
           "        parameters['b' + str(l)] -= learning_rate * grads['db' + str(l)]\n"
           "    return parameters\n"),
    _entry("update_parameters", "wrong", "gradient ascent (+ instead of -)",
           "def update_parameters(params, grads, learning_rate):\n"
           "    return {k: v + learning_rate * grads['d' + k] for k, v in params.items()}\n"),
    _entry("update_parameters", "wrong", "updates only the weights",
           "def update_parameters(params, grads, learning_rate):\n"
           "    parameters = {k: v.copy() for k, v in params.items()}\n"
           "    for l in range(1, len(params) // 2 + 1):\n"
           "        parameters[f'W{l}'] = parameters[f'W{l}'] - learning_rate * grads[f'dW{l}']\n"
           "    return parameters\n"),
    _entry("update_parameters", "correct", "copy.deepcopy, then -=",
           "def update_parameters(params, grads, learning_rate):\n"
           "    import copy\n"
           "    parameters = copy.deepcopy(params)\n"
           "    L = len(parameters) // 2\n"
           "    for l in range(L):\n"
           "        parameters['W' + str(l + 1)] -= learning_rate * grads['dW' + str(l + 1)]\n"
           "        parameters['b' + str(l + 1)] -= learning_rate * grads['db' + str(l + 1)]\n"
           "    return parameters\n"),
    _entry("update_parameters", "correct", "one dict comprehension",
           "def update_parameters(params, grads, learning_rate):\n"
           "    return {key: value - learning_rate * grads['d' + key] for key, value in params.items()}\n"),
]
