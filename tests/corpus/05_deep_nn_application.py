"""Realistic submissions for 05_deep_nn_application, right and wrong.

Each entry of ``CORPUS`` replaces one solution cell of the source notebook:

    {"function": grade_id of the solution cell (the graded function's name),
     "kind": "wrong" | "correct",
     "why": what the submission does, in a few words,
     "code": the whole new source of that cell}

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

Check it with nbgrader's Validator (a few minutes on two cores):

    python tests/corpus/05_deep_nn_application.py                 # every entry
    python tests/corpus/05_deep_nn_application.py L_layer_model   # one function's entries

For each wrong entry the report says whether the visible checks already catch
it ("visible") or only the hidden ones ("hidden"), and the message the learner
gets.
"""

AID = "05_deep_nn_application"

FUNCTIONS = ["two_layer_model", "L_layer_model"]

# Test cells that may also fail when a function is wrong: none, see above.
DEPENDENTS = {f: set() for f in FUNCTIONS}


def _entry(function, kind, why, code):
    return {"function": function, "kind": kind, "why": why, "code": code}


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
                       "            print('Cost after iteration', i, cost)\n")),
    _entry("two_layer_model", "wrong", "initialize_parameters_deep((n_x, n_h, n_y)): 1/sqrt(n) scaling instead of 0.01",
           _two(init="    parameters = initialize_parameters_deep((n_x, n_h, n_y))\n")),
    _entry("two_layer_model", "wrong", "update before the cost: records the cost of the updated parameters",
           _two(cost="", update=_UPDATE + "        A2_after, _ = linear_activation_forward(\n"
                "            linear_activation_forward(X, parameters['W1'], parameters['b1'], 'relu')[0],\n"
                "            parameters['W2'], parameters['b2'], 'sigmoid')\n"
                "        cost = compute_cost(A2_after, Y)\n")),
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
                       "            print('Cost after iteration {}: {}'.format(i, np.squeeze(cost)))\n")),
    _entry("two_layer_model", "wrong", "learning rate hard-coded to 0.0075",
           _two(update="        parameters = update_parameters(parameters, grads, 0.0075)\n")),
    _entry("two_layer_model", "wrong", "range(num_iterations - 1): one update short",
           _two(loop="    for i in range(num_iterations - 1):\n")),
    _entry("two_layer_model", "wrong", "range(1, num_iterations + 1): costs at 100, 200, ... but not at 0",
           _two(loop="    for i in range(1, num_iterations + 1):\n")),
    _entry("two_layer_model", "wrong", "own cost without the (1 - Y) term",
           _two(cost="        cost = np.squeeze(-np.sum(Y * np.log(A2)) / Y.shape[1])\n")),
    _entry("two_layer_model", "wrong", "parameters re-initialised inside the loop",
           _two(init="", loop="    for i in range(num_iterations):\n"
                               "        parameters = initialize_parameters(n_x, n_h, n_y)\n")),
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
                        "            print('Cost after iteration', i, cost)\n")),
    _entry("L_layer_model", "wrong", "update before the cost: records the cost of the updated parameters",
           _deep(body="        AL, caches = L_model_forward(X, parameters)\n"
                      "        grads = L_model_backward(AL, Y, caches)\n",
                 update=_UPDATE + "        cost = compute_cost(L_model_forward(X, parameters)[0], Y)\n")),
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
                        "            print('Cost after iteration {}: {}'.format(i, np.squeeze(cost)))\n")),
    _entry("L_layer_model", "wrong", "range(1, num_iterations): one update short, no cost at iteration 0",
           _deep(loop="    for i in range(1, num_iterations):\n")),
    _entry("L_layer_model", "wrong", "the cost as the (1, 1) array np.dot gives, not squeezed",
           _deep(body="        AL, caches = L_model_forward(X, parameters)\n"
                      "        m = Y.shape[1]\n"
                      "        cost = -(np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T)) / m\n"
                      "        grads = L_model_backward(AL, Y, caches)\n")),
    _entry("L_layer_model", "wrong", "learning_rate multiplied in twice (grads scaled, then update_parameters)",
           _deep(update="        grads = {k: learning_rate * g for k, g in grads.items()}\n" + _UPDATE)),
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


# ---------------------------------------------------------------- verification
def _swap(nb, grade_id, code):
    """A copy of notebook ``nb`` whose solution cell ``grade_id`` holds ``code``."""
    import copy

    new = copy.deepcopy(nb)
    cells = [c for c in new.cells if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id]
    if len(cells) != 1 or not cells[0].metadata.nbgrader.get("solution"):
        raise KeyError(f"{AID}: no single solution cell {grade_id!r}")
    cells[0].source = code
    return new


def _last_line(text):
    import re

    lines = [line for line in re.sub(r"\x1b\[[0-9;]*m", "", text).splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""


def validate(nb):
    """Validate ``nb`` with nbgrader: {test grade_id: (caught_by, message)} of the failing test cells.

    caught_by is "hidden" when the cell printed its visible-checks success line
    before failing, else "visible".
    """
    import tempfile
    from pathlib import Path

    import nbformat
    from nbgrader.validator import Validator
    from traitlets.config import Config

    class _KeepExecuted(Validator):
        def _preprocess(self, nb):
            self.executed = super()._preprocess(nb)
            return self.executed

    cfg = Config()
    cfg.Execute.timeout = 300
    validator = _KeepExecuted(config=cfg)
    with tempfile.TemporaryDirectory(prefix="nndl-corpus-") as tmp:
        path = Path(tmp) / f"{AID}.ipynb"
        nbformat.write(nb, str(path))
        result = validator.validate(str(path))
    if set(result) - {"failed"}:
        raise RuntimeError(f"validation did not run as expected: {sorted(result)}")
    executed = {c.metadata.nbgrader["grade_id"]: c for c in validator.executed.cells
                if c.get("metadata", {}).get("nbgrader", {}).get("grade")}
    by_source = {c.source.strip(): gid for gid, c in executed.items()}
    out = {}
    for f in result.get("failed", []):
        gid = by_source[f["source"]]
        printed = "".join(o.get("text", "") for o in executed[gid].outputs if o.output_type == "stream")
        out[gid] = ("hidden" if "all visible checks passed" in printed else "visible", _last_line(f["raw_error"]))
    return out


def verdict(entry, failed):
    """None if ``failed`` (test grade_ids) is what ``entry`` should give, else why not."""
    own = f"test_{entry['function']}"
    failed = set(failed)
    if entry["kind"] == "correct":
        return None if not failed else f"a correct submission fails {sorted(failed)}"
    if own not in failed:
        return f"a wrong submission passes {own}"
    extra = failed - {own} - DEPENDENTS[entry["function"]]
    return f"a wrong submission also fails unrelated {sorted(extra)}" if extra else None


def _run(entry):
    """(entry, failing test cells, seconds) for one entry, in a worker process."""
    import time

    from nndl import course

    start = time.time()
    failed = validate(_swap(course.read_notebook(course.source_path(AID)), entry["function"], entry["code"]))
    return entry, failed, time.time() - start


def main(argv=None):
    import os
    import sys
    from concurrent.futures import ProcessPoolExecutor

    os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
    os.environ.setdefault("MPLBACKEND", "Agg")
    argv = sys.argv[1:] if argv is None else argv
    entries = [e for e in CORPUS if not argv or e["function"] in argv]
    problems = 0
    # processes, not threads: the Validator changes the working directory and the environment
    with ProcessPoolExecutor(max_workers=int(os.environ.get("CORPUS_JOBS", "2"))) as pool:
        for entry, failed, seconds in pool.map(_run, entries):
            bad = verdict(entry, failed)
            problems += bad is not None
            own = failed.get(f"test_{entry['function']}")
            others = sorted(set(failed) - {f"test_{entry['function']}"})
            print(f"{'ok ' if bad is None else 'BAD'} {entry['function']:26} {entry['kind']:7} "
                  f"{entry['why'][:60]:60} ({seconds:.1f} s)"
                  + (f"\n      [{own[0]}] {own[1][:160]}" if own else "")
                  + (f"\n      also fails {others}" if others else "")
                  + (f"\n    -> {bad}" if bad else ""), flush=True)
    print(f"{len(entries) - problems} of {len(entries)} entries as expected")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
