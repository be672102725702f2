"""Realistic submissions for 05_deep_nn_application, right and wrong.

The entry format, and how entries are graded, are in nndl/corpus.py and
notebooks/README.md ("The defect corpus").

Expected outcome when one entry is swapped into the source notebook (everything
else left as the reference solution):

- "correct": every test cell passes;
- "wrong": ``test_<function>`` fails, and no other test cell does (the two
  models are tested separately and only call the provided blocks of nndl.dnn,
  so ``DEPENDENTS`` is empty).

A wrong model may also break the ungraded cells that train it on the images;
nbgrader carries on past them, and they carry no points.

One mistake is not in the list on purpose: leaving out ``np.random.seed(1)``.
The provided ``initialize_parameters`` and ``initialize_parameters_deep`` seed
themselves, so a model without the line computes exactly the same numbers; it
appears below as a *correct* entry, and the tests that call the models after
``np.random.seed(99)`` check that nothing else depends on the global state.

Check it with real nbgrader (tests/test_corpus.py asserts the same):

    nndl corpus 05_deep_nn_application                 # every entry
    nndl corpus 05_deep_nn_application L_layer_model   # one function's entries
"""

AID = "05_deep_nn_application"

FUNCTIONS = ["two_layer_model", "L_layer_model"]

# Each model is graded in three cells: test_<model> (the parameters after a few
# iterations), test_<model>_costs (the costs recorded) and test_<model>_print (print_cost).
# A wrong entry names the cell it must score 0 on ("test", default test_<model>); the
# other two may fail with it.
DEPENDENTS = {f: {f"test_{f}", f"test_{f}_costs", f"test_{f}_print"} for f in FUNCTIONS}


def _entry(function, kind, why, code, test=None):
    entry = {"function": function, "kind": kind, "why": why, "code": code}
    if test:
        entry["test"] = f"test_{function}_{test}"
    return entry


_HEAD_2 = ("def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):\n"
           "    np.random.seed(1)\n"
           "    costs = []\n"
           "    (n_x, n_h, n_y) = layers_dims\n")

_HEAD_L = ("def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):\n"
           "    np.random.seed(1)\n"
           "    costs = []\n")

# the body of a correct two-layer loop, pieces of which the wrong entries change
_FORWARD_2 = ("        A1, cache1 = linear_activation_forward(X, parameters['W1'], parameters['b1'], 'relu')\n"
              "        A2, cache2 = linear_activation_forward(A1, parameters['W2'], parameters['b2'], 'sigmoid')\n")
_BACKWARD_2 = ("        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))\n"
               "        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, 'sigmoid')\n"
               "        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, 'relu')\n"
               "        grads = {'dW1': dW1, 'db1': db1, 'dW2': dW2, 'db2': db2}\n")
_UPDATE = "        parameters = update_parameters(parameters, grads, learning_rate)\n"
_RECORD = ("        if i % 100 == 0:\n"
           "            costs.append(cost)\n"
           "            if print_cost:\n"
           "                print(f'Cost after iteration {i}: {float(cost)}')\n")
_TAIL = "    return parameters, costs\n"


def _two(init="    parameters = initialize_parameters(n_x, n_h, n_y)\n", loop="    for i in range(num_iterations):\n",
         forward=_FORWARD_2, cost="        cost = compute_cost(A2, Y)\n", backward=_BACKWARD_2, update=_UPDATE,
         record=_RECORD, head=_HEAD_2):
    return head + init + loop + forward + cost + backward + update + record + _TAIL


_L_BODY = ("        AL, caches = L_model_forward(X, parameters)\n"
           "        cost = compute_cost(AL, Y)\n"
           "        grads = L_model_backward(AL, Y, caches)\n")


def _deep(init="    parameters = initialize_parameters_deep(layers_dims)\n", loop="    for i in range(num_iterations):\n",
          body=_L_BODY, update=_UPDATE, record=_RECORD, head=_HEAD_L):
    return head + init + loop + body + update + record + _TAIL


CORPUS = [
    # ---------------------------------------------------------- two_layer_model
    _entry("two_layer_model", "wrong", "activations swapped: sigmoid hidden layer, relu output",
           _two(forward="        A1, cache1 = linear_activation_forward(X, parameters['W1'], parameters['b1'], 'sigmoid')\n"
                        "        A2, cache2 = linear_activation_forward(A1, parameters['W2'], parameters['b2'], 'relu')\n",
                backward="        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))\n"
                         "        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, 'relu')\n"
                         "        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, 'sigmoid')\n"
                         "        grads = {'dW1': dW1, 'db1': db1, 'dW2': dW2, 'db2': db2}\n")),
    _entry("two_layer_model", "wrong", "backward steps use the wrong activations (relu for layer 2, sigmoid for layer 1)",
           _two(backward="        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))\n"
                         "        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, 'relu')\n"
                         "        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, 'sigmoid')\n"
                         "        grads = {'dW1': dW1, 'db1': db1, 'dW2': dW2, 'db2': db2}\n")),
    _entry("two_layer_model", "wrong", "cost appended at every iteration",
           _two(record="        costs.append(cost)\n"
                       "        if print_cost and i % 100 == 0:\n"
                       "            print('Cost after iteration', i, cost)\n"), test="costs"),
    _entry("two_layer_model", "wrong", "initialize_parameters_deep((n_x, n_h, n_y)): 1/sqrt(n) scaling instead of 0.01",
           _two(init="    parameters = initialize_parameters_deep((n_x, n_h, n_y))\n")),
    _entry("two_layer_model", "wrong", "update before the cost: records the cost of the updated parameters",
           _two(cost="", update=_UPDATE + "        A2_after, _ = linear_activation_forward(\n"
                "            linear_activation_forward(X, parameters['W1'], parameters['b1'], 'relu')[0],\n"
                "            parameters['W2'], parameters['b2'], 'sigmoid')\n"
                "        cost = compute_cost(A2_after, Y)\n"), test="costs"),
    _entry("two_layer_model", "wrong", "update_parameters' result discarded: the parameters never change",
           _two(update="        update_parameters(parameters, grads, learning_rate)\n")),
    _entry("two_layer_model", "wrong", "dA2 = A2 - Y (that is dZ2) fed to the sigmoid backward step",
           _two(backward="        dA2 = A2 - Y\n"
                         "        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, 'sigmoid')\n"
                         "        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, 'relu')\n"
                         "        grads = {'dW1': dW1, 'db1': db1, 'dW2': dW2, 'db2': db2}\n")),
    _entry("two_layer_model", "wrong", "sign of dA2 dropped: gradient ascent",
           _two(backward=_BACKWARD_2.replace("dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))",
                                             "dA2 = np.divide(Y, A2) - np.divide(1 - Y, 1 - A2)"))),
    _entry("two_layer_model", "wrong", "prints at the last iteration even with print_cost=False (and/or precedence)",
           _two(record="        if i % 100 == 0:\n"
                       "            costs.append(cost)\n"
                       "        if print_cost and i % 100 == 0 or i == num_iterations - 1:\n"
                       "            print('Cost after iteration {}: {}'.format(i, np.squeeze(cost)))\n"), test="print"),
    _entry("two_layer_model", "wrong", "learning rate hard-coded to 0.0075",
           _two(update="        parameters = update_parameters(parameters, grads, 0.0075)\n")),
    _entry("two_layer_model", "wrong", "range(num_iterations - 1): one update short",
           _two(loop="    for i in range(num_iterations - 1):\n")),
    _entry("two_layer_model", "wrong", "range(1, num_iterations + 1): costs at 100, 200, ... but not at 0",
           _two(loop="    for i in range(1, num_iterations + 1):\n"), test="costs"),
    _entry("two_layer_model", "wrong", "own cost without the (1 - Y) term",
           _two(cost="        cost = np.squeeze(-np.sum(Y * np.log(A2)) / Y.shape[1])\n"), test="costs"),
    _entry("two_layer_model", "wrong", "parameters re-initialised inside the loop",
           _two(init="", loop="    for i in range(num_iterations):\n"
                               "        parameters = initialize_parameters(n_x, n_h, n_y)\n")),
    _entry("two_layer_model", "wrong", "print_cost ignored: never prints",
           _two(record="        if i % 100 == 0:\n            costs.append(cost)\n"), test="print"),
    _entry("two_layer_model", "wrong", "a stray debugging print of the shapes in every iteration",
           _two(update=_UPDATE + "        print(A1.shape, A2.shape)\n"), test="print"),
    _entry("two_layer_model", "correct", "while loop, costs stored as Python floats",
           _two(loop="    i = -1\n    while i + 1 < num_iterations:\n        i += 1\n",
                record="        if not i % 100:\n"
                       "            costs.append(float(cost))\n"
                       "            if print_cost:\n"
                       "                print('iteration', i, 'cost', float(cost))\n")),
    _entry("two_layer_model", "correct", "backward with L_model_backward on the two caches (no dA0)",
           _two(backward="        grads = L_model_backward(A2, Y, [cache1, cache2])\n")),
    _entry("two_layer_model", "correct", "no np.random.seed(1): the provided initialiser seeds itself",
           _two(head=_HEAD_2.replace("    np.random.seed(1)\n", ""))),
    _entry("two_layer_model", "correct", "own cost formula and a hand-written update",
           _two(cost="        m = Y.shape[1]\n"
                     "        cost = -(np.sum(Y * np.log(A2)) + np.sum((1 - Y) * np.log(1 - A2))) / m\n",
                update="        parameters = {k: parameters[k] - learning_rate * grads['d' + k] for k in parameters}\n")),
    _entry("two_layer_model", "correct", "cost recorded right after the forward pass, printed with %-formatting",
           _two(cost="        cost = compute_cost(A2, Y)\n"
                     "        if i % 100 == 0:\n"
                     "            costs.append(cost)\n"
                     "            if print_cost:\n"
                     "                print('Cost after iteration %i: %f' % (i, cost))\n",
                record="")),
    # ------------------------------------------------------------ L_layer_model
    _entry("L_layer_model", "wrong", "the 2-layer initialiser: 0.01 scaling, and only 2 layers",
           _deep(init="    parameters = initialize_parameters(layers_dims[0], layers_dims[1], layers_dims[-1])\n")),
    _entry("L_layer_model", "wrong", "off by one layer: initialize_parameters_deep(layers_dims[1:])",
           _deep(init="    parameters = initialize_parameters_deep(layers_dims[1:])\n")),
    _entry("L_layer_model", "wrong", "cost appended at every iteration",
           _deep(record="        costs.append(cost)\n"
                        "        if print_cost and i % 100 == 0:\n"
                        "            print('Cost after iteration', i, cost)\n"), test="costs"),
    _entry("L_layer_model", "wrong", "update before the cost: records the cost of the updated parameters",
           _deep(body="        AL, caches = L_model_forward(X, parameters)\n"
                      "        grads = L_model_backward(AL, Y, caches)\n",
                 update=_UPDATE + "        cost = compute_cost(L_model_forward(X, parameters)[0], Y)\n"), test="costs"),
    _entry("L_layer_model", "wrong", "update_parameters' result discarded: the parameters never change",
           _deep(update="        update_parameters(parameters, grads, learning_rate)\n")),
    _entry("L_layer_model", "wrong", "learning rate hard-coded to 0.0075",
           _deep(update="        parameters = update_parameters(parameters, grads, 0.0075)\n")),
    _entry("L_layer_model", "wrong", "parameters re-initialised inside the loop",
           _deep(init="", loop="    for i in range(num_iterations):\n"
                                "        parameters = initialize_parameters_deep(layers_dims)\n")),
    _entry("L_layer_model", "wrong", "prints at the last iteration even with print_cost=False (and/or precedence)",
           _deep(record="        if i % 100 == 0:\n"
                        "            costs.append(cost)\n"
                        "        if print_cost and i % 100 == 0 or i == num_iterations - 1:\n"
                        "            print('Cost after iteration {}: {}'.format(i, np.squeeze(cost)))\n"), test="print"),
    _entry("L_layer_model", "wrong", "range(1, num_iterations): one update short, no cost at iteration 0",
           _deep(loop="    for i in range(1, num_iterations):\n")),
    _entry("L_layer_model", "wrong", "the cost as the (1, 1) array np.dot gives, not squeezed",
           _deep(body="        AL, caches = L_model_forward(X, parameters)\n"
                      "        m = Y.shape[1]\n"
                      "        cost = -(np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T)) / m\n"
                      "        grads = L_model_backward(AL, Y, caches)\n"), test="costs"),
    _entry("L_layer_model", "wrong", "learning_rate multiplied in twice (grads scaled, then update_parameters)",
           _deep(update="        grads = {k: learning_rate * g for k, g in grads.items()}\n" + _UPDATE)),
    _entry("L_layer_model", "wrong", "print_cost ignored: never prints",
           _deep(record="        if i % 100 == 0:\n            costs.append(cost)\n"), test="print"),
    _entry("L_layer_model", "correct", "while loop, costs stored as Python floats",
           _deep(loop="    i = 0\n    while i < num_iterations:\n",
                 record="        if i % 100 == 0:\n"
                        "            costs.append(float(cost))\n"
                        "            if print_cost:\n"
                        "                print(f'{i:5d}  {float(cost):.4f}')\n"
                        "        i += 1\n")),
    _entry("L_layer_model", "correct", "no np.random.seed(1): the provided initialiser seeds itself",
           _deep(head=_HEAD_L.replace("    np.random.seed(1)\n", ""))),
    _entry("L_layer_model", "correct", "own cost with np.mean, cost recorded before the backward pass",
           _deep(body="        AL, caches = L_model_forward(X, parameters)\n"
                      "        cost = -np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))\n"
                      "        if i % 100 == 0:\n"
                      "            costs.append(cost)\n"
                      "            if print_cost:\n"
                      "                print('Cost after iteration', i, ':', cost)\n"
                      "        grads = L_model_backward(AL, Y, caches)\n",
                 record="")),
    _entry("L_layer_model", "correct", "hand-written update loop over the layers",
           _deep(update="        L = len(parameters) // 2\n"
                        "        new = {}\n"
                        "        for l in range(1, L + 1):\n"
                        "            new['W' + str(l)] = parameters['W' + str(l)] - learning_rate * grads['dW' + str(l)]\n"
                        "            new['b' + str(l)] = parameters['b' + str(l)] - learning_rate * grads['db' + str(l)]\n"
                        "        parameters = new\n")),
]

