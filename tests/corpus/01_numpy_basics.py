"""Realistic submissions for 01_numpy_basics, right and wrong.

The entry format, and how entries are graded, are in nndl/corpus.py and
notebooks/README.md ("The defect corpus").

Expected outcome when one entry is swapped into the source notebook (everything
else left as the reference solution):

- "correct": every test cell passes;
- "wrong": ``test_<function>`` fails, and any other failing test cell is in
  ``DEPENDENTS[function]`` (cells whose code calls that function).

Check it with real nbgrader (tests/test_corpus.py asserts the same):

    nndl corpus 01_numpy_basics             # every entry
    nndl corpus 01_numpy_basics FUNCTION    # one function's entries

"""

AID = "01_numpy_basics"

# Test cells that may also fail when a function is wrong: sigmoid_derivative
# calls the learner's sigmoid (as the course asks), so a broken sigmoid can
# cost both cells.
DEPENDENTS = {
    "basic_sigmoid": set(),
    "sigmoid": {"test_sigmoid_derivative"},
    "sigmoid_derivative": set(),
    "image2vector": set(),
    "normalize_rows": set(),
    "softmax": set(),
    "L1": set(),
    "L2": set(),
}


def _entry(function, kind, why, code):
    return {"function": function, "kind": kind, "why": why, "code": code}


CORPUS = [
    # ------------------------------------------------------------ basic_sigmoid
    _entry("basic_sigmoid", "wrong", "sign error: e^(+x)",
           "def basic_sigmoid(x):\n    return 1 / (1 + math.exp(x))\n"),
    _entry("basic_sigmoid", "wrong", "precedence: 1 / 1 + e^(-x)",
           "def basic_sigmoid(x):\n    return 1 / 1 + math.exp(-x)\n"),
    _entry("basic_sigmoid", "wrong", "trailing comma returns a tuple",
           "def basic_sigmoid(x):\n    s = 1 / (1 + math.exp(-x)),\n    return s\n"),
    _entry("basic_sigmoid", "wrong", "returns a one-element numpy array",
           "def basic_sigmoid(x):\n    return np.array([1 / (1 + math.exp(-x))])\n"),
    _entry("basic_sigmoid", "wrong", "uses |x|: right for x >= 0 only",
           "def basic_sigmoid(x):\n    return 1 / (1 + math.exp(-abs(x)))\n"),
    _entry("basic_sigmoid", "wrong", "rounded to 3 decimals",
           "def basic_sigmoid(x):\n    return round(1 / (1 + math.exp(-x)), 3)\n"),
    _entry("basic_sigmoid", "correct", "e^x / (1 + e^x)",
           "def basic_sigmoid(x):\n    e = math.exp(x)\n    return e / (1 + e)\n"),
    _entry("basic_sigmoid", "correct", "tanh identity",
           "def basic_sigmoid(x):\n    return 0.5 * (1 + math.tanh(x / 2))\n"),
    _entry("basic_sigmoid", "correct", "math.e ** -x",
           "def basic_sigmoid(x):\n    return 1.0 / (1.0 + math.e ** -x)\n"),
    _entry("basic_sigmoid", "wrong", "np.exp, not math.exp: a numpy float64, not a Python float",
           "def basic_sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n"),
    _entry("basic_sigmoid", "correct", "np.exp, converted with float()",
           "def basic_sigmoid(x):\n    return float(1 / (1 + np.exp(-x)))\n"),
    _entry("basic_sigmoid", "correct", "piecewise, overflow-safe",
           "def basic_sigmoid(x):\n    if x >= 0:\n        return 1 / (1 + math.exp(-x))\n"
           "    e = math.exp(x)\n    return e / (1 + e)\n"),
    # ------------------------------------------------------------------ sigmoid
    _entry("sigmoid", "wrong", "math.exp: TypeError on arrays",
           "def sigmoid(x):\n    return 1 / (1 + math.exp(-x))\n"),
    _entry("sigmoid", "wrong", "sign error: e^(+x)",
           "def sigmoid(x):\n    return 1 / (1 + np.exp(x))\n"),
    _entry("sigmoid", "wrong", "e^x / (1 + e^x): nan for x = 1000",
           "def sigmoid(x):\n    e = np.exp(x)\n    return e / (1 + e)\n"),
    _entry("sigmoid", "wrong", "loop into np.empty_like: integer input gives integers",
           "def sigmoid(x):\n    s = np.empty_like(x)\n    for i in np.ndindex(x.shape):\n"
           "        s[i] = 1 / (1 + np.exp(-x[i]))\n    return s\n"),
    _entry("sigmoid", "wrong", "flattens: a rank-1 result for 2-D input",
           "def sigmoid(x):\n    return np.array([1 / (1 + np.exp(-v)) for v in x.flat])\n"),
    _entry("sigmoid", "wrong", "negates x in place",
           "def sigmoid(x):\n    x *= -1\n    return 1 / (1 + np.exp(x))\n"),
    _entry("sigmoid", "wrong", "returns a list",
           "def sigmoid(x):\n    return [1 / (1 + math.exp(-v)) for v in x]\n"),
    _entry("sigmoid", "wrong", "loop with math.exp: OverflowError for x = -1000",
           "def sigmoid(x):\n    s = np.zeros(x.shape)\n    for i in np.ndindex(x.shape):\n"
           "        s[i] = 1 / (1 + math.exp(-x[i]))\n    return s\n"),
    _entry("sigmoid", "correct", "tanh identity",
           "def sigmoid(x):\n    return 0.5 * (1 + np.tanh(x / 2))\n"),
    _entry("sigmoid", "correct", "np.where, overflow-safe branches",
           "def sigmoid(x):\n    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))\n"),
    _entry("sigmoid", "correct", "loop over np.ndindex into a float array",
           "def sigmoid(x):\n    s = np.zeros(x.shape)\n    for i in np.ndindex(x.shape):\n"
           "        s[i] = 1 / (1 + np.exp(-x[i]))\n    return s\n"),
    _entry("sigmoid", "correct", "scipy.special.expit",
           "from scipy.special import expit\n\ndef sigmoid(x):\n    return expit(x)\n"),
    _entry("sigmoid", "correct", "log-sum-exp form",
           "def sigmoid(x):\n    return np.exp(-np.logaddexp(0, -x))\n"),
    # ------------------------------------------------------- sigmoid_derivative
    _entry("sigmoid_derivative", "wrong", "x(1 - x): the formula in terms of the output, fed the input",
           "def sigmoid_derivative(x):\n    return x * (1 - x)\n"),
    _entry("sigmoid_derivative", "wrong", "s(s - 1): sign error",
           "def sigmoid_derivative(x):\n    s = sigmoid(x)\n    return s * (s - 1)\n"),
    _entry("sigmoid_derivative", "wrong", "s(1 - x)",
           "def sigmoid_derivative(x):\n    return sigmoid(x) * (1 - x)\n"),
    _entry("sigmoid_derivative", "wrong", "e^-x / (1 + e^-x): that is 1 - s",
           "def sigmoid_derivative(x):\n    return np.exp(-x) / (1 + np.exp(-x))\n"),
    _entry("sigmoid_derivative", "wrong", "loop into np.zeros_like: integer input gives integers",
           "def sigmoid_derivative(x):\n    ds = np.zeros_like(x)\n    for i in np.ndindex(x.shape):\n"
           "        s = 1 / (1 + np.exp(-x[i]))\n        ds[i] = s * (1 - s)\n    return ds\n"),
    _entry("sigmoid_derivative", "correct", "e^-x / (1 + e^-x)^2, without sigmoid",
           "def sigmoid_derivative(x):\n    e = np.exp(-x)\n    return e / (1 + e) ** 2\n"),
    _entry("sigmoid_derivative", "correct", "sigmoid(x) * sigmoid(-x)",
           "def sigmoid_derivative(x):\n    return sigmoid(x) * sigmoid(-x)\n"),
    _entry("sigmoid_derivative", "correct", "s - s**2",
           "def sigmoid_derivative(x):\n    s = sigmoid(x)\n    return s - s ** 2\n"),
    _entry("sigmoid_derivative", "correct", "loop into a float array",
           "def sigmoid_derivative(x):\n    ds = np.zeros(x.shape)\n    for i in np.ndindex(x.shape):\n"
           "        s = 1 / (1 + math.exp(-x[i]))\n        ds[i] = s * (1 - s)\n    return ds\n"),
    # -------------------------------------------------------------- image2vector
    _entry("image2vector", "wrong", "reshape(-1): rank-1 result",
           "def image2vector(image):\n    return image.reshape(-1)\n"),
    _entry("image2vector", "wrong", "Fortran order",
           "def image2vector(image):\n    return image.reshape(-1, 1, order='F')\n"),
    _entry("image2vector", "wrong", "transposes first (reverses the axes)",
           "def image2vector(image):\n    return image.T.reshape(-1, 1)\n"),
    _entry("image2vector", "wrong", "a row (1, abc) instead of a column",
           "def image2vector(image):\n    return image.reshape(1, -1)\n"),
    _entry("image2vector", "wrong", "shape[0] * shape[0] * shape[2]: right for square images only",
           "def image2vector(image):\n"
           "    return image.reshape(image.shape[0] * image.shape[0] * image.shape[2], 1)\n"),
    _entry("image2vector", "wrong", "sets image.shape in place",
           "def image2vector(image):\n    image.shape = (-1, 1)\n    return image\n"),
    _entry("image2vector", "correct", "ravel then a column with [:, None]",
           "def image2vector(image):\n    return image.ravel()[:, None]\n"),
    _entry("image2vector", "correct", "a row, transposed",
           "def image2vector(image):\n    return image.reshape(1, -1).T\n"),
    _entry("image2vector", "correct", "np.reshape with image.size",
           "def image2vector(image):\n    return np.reshape(image, (image.size, 1))\n"),
    _entry("image2vector", "correct", "triple loop, C order",
           "def image2vector(image):\n    a, b, c = image.shape\n    v = np.zeros((a * b * c, 1), dtype=image.dtype)\n"
           "    k = 0\n    for i in range(a):\n        for j in range(b):\n            for l in range(c):\n"
           "                v[k, 0] = image[i, j, l]\n                k += 1\n    return v\n"),
    # ------------------------------------------------------------ normalize_rows
    _entry("normalize_rows", "wrong", "divides in place (x /= ...)",
           "def normalize_rows(x):\n    x /= np.linalg.norm(x, axis=1, keepdims=True)\n    return x\n"),
    _entry("normalize_rows", "wrong", "column norms (axis=0)",
           "def normalize_rows(x):\n    return x / np.linalg.norm(x, axis=0, keepdims=True)\n"),
    _entry("normalize_rows", "wrong", "no keepdims: (n,) broadcasts as a row",
           "def normalize_rows(x):\n    return x / np.linalg.norm(x, axis=1)\n"),
    _entry("normalize_rows", "wrong", "keepdims, then transposed",
           "def normalize_rows(x):\n    return x / np.linalg.norm(x, axis=1, keepdims=True).T\n"),
    _entry("normalize_rows", "wrong", "one norm for the whole matrix",
           "def normalize_rows(x):\n    return x / np.linalg.norm(x)\n"),
    _entry("normalize_rows", "wrong", "forgets the square root",
           "def normalize_rows(x):\n    return x / np.sum(x ** 2, axis=1, keepdims=True)\n"),
    _entry("normalize_rows", "wrong", "reshape(2, 1) copied from the example's shape",
           "def normalize_rows(x):\n    return x / np.linalg.norm(x, axis=1).reshape(2, 1)\n"),
    _entry("normalize_rows", "wrong", "loop into np.empty_like: integer input gives integers",
           "def normalize_rows(x):\n    out = np.empty_like(x)\n    for i in range(x.shape[0]):\n"
           "        out[i] = x[i] / np.sqrt(np.sum(x[i] ** 2))\n    return out\n"),
    _entry("normalize_rows", "correct", "sqrt of row sums of squares, [:, None]",
           "def normalize_rows(x):\n    return x / np.sqrt(np.sum(x * x, axis=1))[:, None]\n"),
    _entry("normalize_rows", "correct", "einsum row dot products",
           "def normalize_rows(x):\n    norms = np.sqrt(np.einsum('ij,ij->i', x, x))\n"
           "    return x / norms.reshape(-1, 1)\n"),
    _entry("normalize_rows", "correct", "loop over rows into a float array",
           "def normalize_rows(x):\n    out = np.zeros(x.shape)\n    for i in range(x.shape[0]):\n"
           "        out[i] = x[i] / np.sqrt(np.dot(x[i], x[i]))\n    return out\n"),
    _entry("normalize_rows", "correct", "transpose, divide by (n,), transpose back",
           "def normalize_rows(x):\n    return (x.T / np.linalg.norm(x, axis=1)).T\n"),
    _entry("normalize_rows", "correct", "float copy, then in place on the copy",
           "def normalize_rows(x):\n    x = x.astype(float)\n    x /= np.linalg.norm(x, ord=2, axis=1, keepdims=True)\n"
           "    return x\n"),
    # ------------------------------------------------------------------- softmax
    _entry("softmax", "wrong", "column-wise (axis=0)",
           "def softmax(x):\n    e = np.exp(x)\n    return e / np.sum(e, axis=0, keepdims=True)\n"),
    _entry("softmax", "wrong", "one sum over the whole matrix",
           "def softmax(x):\n    e = np.exp(x)\n    return e / np.sum(e)\n"),
    _entry("softmax", "wrong", "no keepdims: (m,) broadcasts as a row",
           "def softmax(x):\n    e = np.exp(x)\n    return e / np.sum(e, axis=1)\n"),
    _entry("softmax", "wrong", "stable, but shifts x in place",
           "def softmax(x):\n    x -= np.max(x, axis=1, keepdims=True)\n    e = np.exp(x)\n"
           "    return e / np.sum(e, axis=1, keepdims=True)\n"),
    _entry("softmax", "wrong", "shifts by the column maxima",
           "def softmax(x):\n    e = np.exp(x - np.max(x, axis=0, keepdims=True))\n"
           "    return e / np.sum(e, axis=1, keepdims=True)\n"),
    _entry("softmax", "wrong", "forgets exp in the numerator",
           "def softmax(x):\n    return x / np.sum(np.exp(x), axis=1, keepdims=True)\n"),
    _entry("softmax", "wrong", "reshape(2, 1) copied from the example's shape",
           "def softmax(x):\n    e = np.exp(x)\n    return e / np.sum(e, axis=1).reshape(2, 1)\n"),
    _entry("softmax", "correct", "stable: subtract each row's maximum (not in place)",
           "def softmax(x):\n    z = x - np.max(x, axis=1, keepdims=True)\n    e = np.exp(z)\n"
           "    return e / e.sum(axis=1, keepdims=True)\n"),
    _entry("softmax", "correct", "loop over rows",
           "def softmax(x):\n    s = np.zeros(x.shape)\n    for i in range(x.shape[0]):\n"
           "        e = np.exp(x[i])\n        s[i] = e / np.sum(e)\n    return s\n"),
    _entry("softmax", "correct", "scipy.special.softmax along axis 1",
           "import scipy.special\n\ndef softmax(x):\n    return scipy.special.softmax(x, axis=1)\n"),
    _entry("softmax", "correct", "einsum row sums, transpose trick",
           "def softmax(x):\n    e = np.exp(x)\n    return (e.T / np.einsum('ij->i', e)).T\n"),
    _entry("softmax", "correct", "log-sum-exp",
           "def softmax(x):\n    m = np.max(x, axis=1, keepdims=True)\n"
           "    lse = m + np.log(np.sum(np.exp(x - m), axis=1, keepdims=True))\n    return np.exp(x - lse)\n"),
    # ------------------------------------------------------------------------ L1
    _entry("L1", "wrong", "no absolute value",
           "def L1(yhat, y):\n    return np.sum(yhat - y)\n"),
    _entry("L1", "wrong", "absolute value of the sum",
           "def L1(yhat, y):\n    return np.abs(np.sum(yhat - y))\n"),
    _entry("L1", "wrong", "mean instead of sum",
           "def L1(yhat, y):\n    return np.mean(np.abs(yhat - y))\n"),
    _entry("L1", "wrong", "no sum: returns the (m,) array",
           "def L1(yhat, y):\n    return np.abs(yhat - y)\n"),
    _entry("L1", "wrong", "keepdims=True: an array of shape (1,)",
           "def L1(yhat, y):\n    return np.sum(np.abs(yhat - y), keepdims=True)\n"),
    _entry("L1", "wrong", "subtracts in place (yhat -= y)",
           "def L1(yhat, y):\n    yhat -= y\n    return np.sum(np.abs(yhat))\n"),
    _entry("L1", "correct", "Python loop with zip",
           "def L1(yhat, y):\n    total = 0.0\n    for a, b in zip(yhat, y):\n        total += abs(a - b)\n    return total\n"),
    _entry("L1", "correct", "np.linalg.norm with ord=1",
           "def L1(yhat, y):\n    return np.linalg.norm(yhat - y, ord=1)\n"),
    _entry("L1", "correct", "dot of sign and difference, as a Python float",
           "def L1(yhat, y):\n    d = yhat - y\n    return float(np.dot(np.sign(d), d))\n"),
    _entry("L1", "correct", "np.where for the absolute value",
           "def L1(yhat, y):\n    d = yhat - y\n    return np.sum(np.where(d < 0, -d, d))\n"),
    # ------------------------------------------------------------------------ L2
    _entry("L2", "wrong", "square root: the Euclidean norm",
           "def L2(yhat, y):\n    return np.linalg.norm(yhat - y)\n"),
    _entry("L2", "wrong", "mean instead of sum",
           "def L2(yhat, y):\n    return np.mean((yhat - y) ** 2)\n"),
    _entry("L2", "wrong", "square of the L1 loss",
           "def L2(yhat, y):\n    return np.sum(np.abs(yhat - y)) ** 2\n"),
    _entry("L2", "wrong", "square of the sum",
           "def L2(yhat, y):\n    return np.sum(yhat - y) ** 2\n"),
    _entry("L2", "wrong", "no sum: returns the (m,) array of squares",
           "def L2(yhat, y):\n    return (yhat - y) ** 2\n"),
    _entry("L2", "wrong", "dot with a column: an array of shape (1,)",
           "def L2(yhat, y):\n    d = yhat - y\n    return np.dot(d, d.reshape(-1, 1))\n"),
    _entry("L2", "wrong", "copy of L1",
           "def L2(yhat, y):\n    return np.sum(np.abs(yhat - y))\n"),
    _entry("L2", "wrong", "squares in place on the caller's array",
           "def L2(yhat, y):\n    yhat -= y\n    yhat **= 2\n    return np.sum(yhat)\n"),
    _entry("L2", "correct", "sum of squares",
           "def L2(yhat, y):\n    return np.sum((yhat - y) ** 2)\n"),
    _entry("L2", "correct", "the @ operator",
           "def L2(yhat, y):\n    d = yhat - y\n    return d @ d\n"),
    _entry("L2", "correct", "einsum",
           "def L2(yhat, y):\n    d = yhat - y\n    return np.einsum('i,i->', d, d)\n"),
    _entry("L2", "correct", "squared norm",
           "def L2(yhat, y):\n    return np.linalg.norm(yhat - y) ** 2\n"),
    _entry("L2", "correct", "Python loop, squares of absolute values",
           "def L2(yhat, y):\n    total = 0\n    for a, b in zip(yhat, y):\n        total += abs(a - b) ** 2\n"
           "    return float(total)\n"),
]
