"""Checks for the optimization notebook (mini-batches, momentum, Adam, learning-rate decay).

Each ``check_<exercise>`` calls the student's function on fixed inputs and raises ``CheckError``
naming the likely mistake. The updates are checked against known answers hard-coded below (with
the values the usual mistakes give on the same inputs); ``random_mini_batches`` is checked by the
partition it returns, never against fixed draws: every column once, X and Y columns still paired,
batch sizes, shuffled, and drawn from the ``rng`` argument. Inputs are copies, so a function that
changes its argument in place cannot spoil a check.
"""

import numpy as np

from ._core import describe, expect_array, expect_close, expect_scalar, explain_stubs, fail, is_close

# random_mini_batches: 3 features, 148 examples; column j is (j, 2 j, -j) and its label is j % 2.
M = 148
COLUMNS = np.arange(M, dtype=float)
MB_X = np.stack([COLUMNS, 2 * COLUMNS, -COLUMNS])
MB_Y = (np.arange(M) % 2).reshape(1, M).astype(float)

# The updates: a network of two layers, 2 -> 2 -> 1, with gradients and non-zero moments.
PARAMETERS = {"W1": [[1.0, -2.0], [0.5, 0.0]], "b1": [[0.1], [-0.2]], "W2": [[2.0, -1.0]], "b2": [[0.3]]}
GRADS = {"dW1": [[0.4, -0.6], [1.0, 0.2]], "db1": [[0.5], [-1.0]], "dW2": [[-0.3, 0.8]], "db2": [[0.25]]}
V = {"dW1": [[0.1, 0.0], [-0.2, 0.3]], "db1": [[0.0], [0.4]], "dW2": [[0.5, -0.5]], "db2": [[-0.1]]}
S = {"dW1": [[0.01, 0.04], [0.0, 0.09]], "db1": [[0.25], [0.01]], "dW2": [[0.0, 0.16]], "db2": [[0.04]]}
PARAMETER_KEYS, GRAD_KEYS = list(PARAMETERS), list(GRADS)

# update_parameters_with_momentum(PARAMETERS, GRADS, V, beta=0.8, learning_rate=0.5)
MOMENTUM_BETA, MOMENTUM_RATE = 0.8, 0.5
MOMENTUM_PARAMETERS = {"W1": [[0.92, -1.94], [0.48, -0.14]], "b1": [[0.05], [-0.26]], "W2": [[1.83, -0.88]],
                       "b2": [[0.315]]}
MOMENTUM_V = {"dW1": [[0.16, -0.12], [0.04, 0.28]], "db1": [[0.1], [0.12]], "dW2": [[0.34, -0.24]], "db2": [[-0.03]]}
MOMENTUM_WRONG = [  # (parameters, v, cause)
    ({"W1": [[0.76, -1.7], [0.08, -0.22]], "b1": [[-0.15], [0.14]], "W2": [[1.95, -1.2]], "b2": [[0.215]]},
     {"dW1": [[0.48, -0.6], [0.84, 0.44]], "db1": [[0.5], [-0.68]], "dW2": [[0.1, 0.4]], "db2": [[0.17]]},
     "the factor (1 - beta) is missing: v = beta * v + (1 - beta) * dW"),
    ({"W1": [[0.8, -1.7], [0.0, -0.1]], "b1": [[-0.15], [0.3]], "W2": [[2.15, -1.4]], "b2": [[0.175]]}, MOMENTUM_V,
     "the parameters were updated with the gradient dW instead of the velocity v: W = W - learning_rate * v"),
    ({"W1": [[0.83, -1.76], [0.12, -0.11]], "b1": [[-0.1], [0.16]], "W2": [[2.07, -1.27]], "b2": [[0.21]]},
     {"dW1": [[0.34, -0.48], [0.76, 0.22]], "db1": [[0.4], [-0.72]], "dW2": [[-0.14, 0.54]], "db2": [[0.18]]},
     "beta and 1 - beta swapped: the old velocity gets the weight beta, v = beta * v + (1 - beta) * dW"),
    ({"W1": [[1.08, -2.06], [0.52, 0.14]], "b1": [[0.15], [-0.14]], "W2": [[2.17, -1.12]], "b2": [[0.285]]},
     MOMENTUM_V, "a wrong sign: the step goes against the velocity, W = W - learning_rate * v"),
    ({"W1": [[0.95, -2.0], [0.6, -0.15]], "b1": [[0.1], [-0.4]], "W2": [[1.75, -0.75]], "b2": [[0.35]]}, MOMENTUM_V,
     "the parameters were updated with the old velocity: compute the new v first, then W = W - learning_rate * v"),
]

# update_parameters_with_adam(PARAMETERS, GRADS, V, S, t=3, learning_rate=0.1, beta1=0.8, beta2=0.9,
# epsilon=0.01): an epsilon this large shows where it is added.
ADAM_ARGS = dict(t=3, learning_rate=0.1, beta1=0.8, beta2=0.9, epsilon=0.01)
ADAM_CALL = "t=3, learning_rate=0.1, beta1=0.8, beta2=0.9, epsilon=0.01"
ADAM_PARAMETERS = {"W1": [[0.8954927624616932, -1.953201183012939], [0.4867250273732753, -0.10065311239229544]],
                   "b1": [[0.07888473555644848], [-0.23817142511329117]],
                   "W2": [[1.6375717304277821, -0.9444971522823421]], "b2": [[0.315184854520835]]}
ADAM_V = MOMENTUM_V  # the same first moment: beta1 = 0.8 as beta above
ADAM_S = {"dW1": [[0.025, 0.072], [0.1, 0.085]], "db1": [[0.25], [0.109]], "dW2": [[0.009, 0.208]],
          "db2": [[0.04225]]}
ADAM_V_WRONG = [
    ({"dW1": [[0.3278688524590165, -0.2459016393442623], [0.08196721311475397, 0.5737704918032788]],
      "db1": [[0.20491803278688525], [0.24590163934426257]], "dW2": [[0.69672131147541, -0.4918032786885248]],
      "db2": [[-0.06147540983606564]]},
     "the bias-corrected v_corrected was stored in v; keep v uncorrected (the next step builds on it) and use "
     "v_corrected only in the update"),
    ({"dW1": [[0.48, -0.6], [0.84, 0.44]], "db1": [[0.5], [-0.68]], "dW2": [[0.1, 0.4]], "db2": [[0.17]]},
     "the factor (1 - beta1) is missing: v = beta1 * v + (1 - beta1) * dW"),
]
ADAM_S_WRONG = [
    ({"dW1": [[0.049, -0.024], [0.1, 0.101]], "db1": [[0.275], [-0.091]], "dW2": [[-0.03, 0.224]],
      "db2": [[0.061]]},
     "s was built from dW instead of its square: s = beta2 * s + (1 - beta2) * dW ** 2"),
    ({"dW1": [[0.09225092250922513, 0.26568265682656833], [0.3690036900369004, 0.31365313653136545]],
      "db1": [[0.9225092250922512], [0.4022140221402215]], "dW2": [[0.033210332103321034, 0.7675276752767531]],
      "db2": [[0.15590405904059046]]},
     "the bias-corrected s_corrected was stored in s; keep s uncorrected and use s_corrected only in the update"),
]
ADAM_WRONG = [
    ({"W1": [[0.9048264205568393, -1.9568854257635648], [0.4877386279873138, -0.09285433042147725]],
      "b1": [[0.0803921568627451], [-0.23527840004235637]], "W2": [[1.675783908609916, -0.9485056080762303]],
      "b2": [[0.31391801052746937]]},
     "no bias correction: v_corrected = v / (1 - beta1 ** t) and s_corrected = s / (1 - beta2 ** t)"),
    ({"W1": [[0.8431372549019608, -1.930112948679773], [0.48019801980198024, -0.15022193481833207]],
      "b1": [[0.0685759664369737], [-0.2569243408142613]], "W2": [[1.4516129032258063, -0.9173679209470303]],
      "b2": [[0.32272727272727275]]},
     "the bias correction divides by 1 - beta1 instead of 1 - beta1 ** t (and 1 - beta2 ** t for s)"),
    ({"W1": [[0.9030821759077601, -1.9565294151301384], [0.48766470031881654, -0.09351245062911297]],
      "b1": [[0.08036478283942476], [-0.23547246043688247]], "W2": [[1.664742509913308, -0.948393950930382]],
      "b2": [[0.3140948561182238]]},
     "beta1 ** (t + 1) in the bias correction: t counts the steps from 1 and is passed in as it is; use beta1 ** t"),
    ({"W1": [[0.8807622793136987, -1.9467167112906147], [0.48489263098645385, -0.11457182610749836]],
      "b1": [[0.07599318135100117], [-0.24343561229498356]], "W2": [[1.585120138590975, -0.936886421279948]],
      "b2": [[0.31730488600171014]]},
     "beta1 ** (t - 1) in the bias correction: t counts the steps from 1 and is passed in as it is; use beta1 ** t"),
    ({"W1": [[0.8974663203692023, -1.9531664907014528], [0.48668569657152944, -0.10085520100513339]],
      "b1": [[0.07877959787159647], [-0.2383001119655741]], "W2": [[1.6648298814891624, -0.9442257817740766]],
      "b2": [[0.3150929080728459]]},
     "epsilon inside the square root: the update divides by np.sqrt(s_corrected) + epsilon"),
    ({"W1": [[0.8612720092941124, -1.9376059373911172], [0.4822842054837724, -0.1342626907987703]],
      "b1": [[0.07176457172870804], [-0.25095240467457613]], "W2": [[1.5221508794163412, -0.9258061449912434]],
      "b2": [[0.32020614399388064]]},
     "s corrected with beta1: s_corrected = s / (1 - beta2 ** t)"),
]

# Learning-rate decay: (learning_rate0, epoch_num, decay_rate[, time_interval]) -> the rate.
LR_CASES = [((0.5, 3, 0.25), 0.2857142857142857), ((0.1, 0, 1.0), 0.1), ((0.2, 10, 0.5), 0.2 / 6)]
LR_WRONG = {  # (learning_rate0, epoch_num, decay_rate) = (0.5, 3, 0.25)
    0.5 / (1 + 0.25) * 3: "learning_rate0 / (1 + decay_rate) * epoch_num: the whole 1 + decay_rate * epoch_num is "
                          "the denominator, learning_rate0 / (1 + decay_rate * epoch_num)",
    0.5 / 1 + 0.25 * 3: "learning_rate0 / 1 + decay_rate * epoch_num: brackets are missing around "
                        "1 + decay_rate * epoch_num",
    0.5 * (1 + 0.25 * 3): "learning_rate0 * (1 + decay_rate * epoch_num): the rate must shrink, so divide by it",
    0.5 / (1 + 0.25 ** 3): "decay_rate ** epoch_num: the decay is 1 / (1 + decay_rate * epoch_num), a product",
    0.5 * 0.25 ** 3: "an exponential decay learning_rate0 * decay_rate ** epoch_num; this one is "
                     "learning_rate0 / (1 + decay_rate * epoch_num)",
    0.5 / (0.25 * 3): "the 1 is missing in 1 + decay_rate * epoch_num (epoch 0 would divide by 0)",
}
SCHEDULE_CASES = [((0.5, 2700, 0.25, 1000), 1 / 3), ((0.5, 999, 0.25, 1000), 0.5), ((0.3, 120, 1.0, 50), 0.1),
                  ((0.3, 100, 1.0, 50), 0.1), ((0.2, 1500, 0.5), 0.2 / 1.5)]
SCHEDULE_WRONG = {  # (0.5, 2700, 0.25, 1000)
    0.5 / (1 + 0.25 * 2.7): "epoch_num / time_interval not rounded down: the rate drops in steps, every "
                            "time_interval epochs, 1 + decay_rate * np.floor(epoch_num / time_interval)",
    0.5 / (1 + 0.25 * 3): "np.round or np.ceil of epoch_num / time_interval; the rate changes only when a full "
                          "time_interval has passed: np.floor",
    0.5 / (1 + 0.25 * 2700): "time_interval left out: the decay counts whole intervals, "
                             "np.floor(epoch_num / time_interval)",
    0.5 / (1 + 0.25) * 2: "learning_rate0 / (1 + decay_rate) * np.floor(...): brackets are missing around the "
                          "denominator 1 + decay_rate * np.floor(epoch_num / time_interval)",
    0.5 * (1 + 0.25 * 2): "multiplied by 1 + decay_rate * np.floor(...) instead of divided: the rate must shrink",
}


def _copy(value):
    """A deep copy of lists, dicts and arrays as float arrays (the student never sees the check's own)."""
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    return np.array(value, dtype=float)


def _call(func, what, function, *args, **kwargs):
    """``function(*args, **kwargs)``; array and dict arguments are copies, and in-place changes are named."""
    originals = [_copy(a) if isinstance(a, (dict, list, np.ndarray)) else None for a in args]
    args = [_copy(a) if original is not None else a for a, original in zip(args, originals)]
    result = function(*args, **kwargs)
    changed = [position + 1 for position, (arg, original) in enumerate(zip(args, originals))
               if original is not None and not _same(arg, original)]
    if changed and func != "update_parameters_with_momentum" and func != "update_parameters_with_adam":
        fail(func, f"{what} changed its argument {changed[0]} in place. Likely cause: an in-place operation "
                   "such as rng.shuffle(X.T) or X[:, ...] = ...; the caller's arrays must stay as they were: "
                   "index a copy (X[:, permutation]).")
    return result


def _same(a, b):
    if isinstance(a, dict) or isinstance(b, dict):
        return isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys() and all(
            _same(a[k], b[k]) for k in a)
    return isinstance(a, np.ndarray) and a.shape == b.shape and bool(np.array_equal(a, b))


# random_mini_batches


def _batches(func, what, result, n_x, m):
    """The list of (X batch, Y batch) as float arrays, after checking the structure."""
    if not isinstance(result, (list, tuple)):
        fail(func, f"{what} should return a list of (mini_batch_X, mini_batch_Y) pairs, got {describe(result)}.")
    pairs = []
    for k, pair in enumerate(result):
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            fail(func, f"batch {k} of {what} should be a pair (mini_batch_X, mini_batch_Y), got {describe(pair)}. "
                       "Likely cause: append the tuple (mini_batch_X, mini_batch_Y) to the list.")
        batch_X, batch_Y = pair
        for name, batch, rows in (("mini_batch_X", batch_X, n_x), ("mini_batch_Y", batch_Y, 1)):
            if not isinstance(batch, np.ndarray):
                fail(func, f"{name} of batch {k} should be a numpy array, got {describe(batch)}.")
            if batch.ndim != 2 or batch.shape[0] != rows:
                hint = (" Likely cause: a column taken as X[:, j] (rank 1); slices X[:, a:b] keep two dimensions."
                        if batch.ndim == 1 else " Likely cause: rows and columns swapped; the examples are columns.")
                fail(func, f"{name} of batch {k} has shape {batch.shape}, expected ({rows}, size of the batch).{hint}")
        if batch_X.shape[1] != batch_Y.shape[1]:
            fail(func, f"batch {k} has {batch_X.shape[1]} examples in mini_batch_X but {batch_Y.shape[1]} in "
                       "mini_batch_Y: slice X and Y with the same columns.")
        pairs.append((np.array(batch_X, dtype=float), np.array(batch_Y, dtype=float)))
    return pairs


def _expected_sizes(m, size):
    return [size] * (m // size) + ([m % size] if m % size else [])


def _check_partition(func, what, pairs, m, size):
    """Sizes, every column once, X and Y still paired, shuffled; returns the order of the columns."""
    sizes, expected = [batch_X.shape[1] for batch_X, _ in pairs], _expected_sizes(m, size)
    if sizes != expected:
        if sizes == expected[:-1] and m % size:
            cause = (f"the last, smaller batch is missing: when m is not a multiple of mini_batch_size, the "
                     f"remaining {m % size} examples make one more batch")
        elif sizes == expected + [0]:
            cause = ("an empty last batch: when m is a multiple of mini_batch_size there is no smaller batch "
                     "(add it only if m % mini_batch_size != 0)")
        elif sum(sizes) > m:
            cause = (f"the batches overlap (they hold {sum(sizes)} examples of {m}): a slice with the wrong start, "
                     "such as X[:, k:k + size] for batch k; batch k starts at column k * mini_batch_size")
        elif sizes[:1] == [m % size] and sorted(sizes) == sorted(expected):
            cause = "the smaller batch comes first; it is the last one"
        else:
            cause = "slice mini_batch_size columns at a time: batch k is columns k * size to (k + 1) * size"
        fail(func, f"{what} gave batches of sizes {sizes}, expected {expected}. Likely cause: {cause}.")
    all_X = np.concatenate([batch_X for batch_X, _ in pairs], axis=1)
    all_Y = np.concatenate([batch_Y for _, batch_Y in pairs], axis=1)
    order = all_X[0]
    if not np.array_equal(np.sort(order), COLUMNS[:m]):
        fail(func, f"{what}: some examples appear in two batches and others in none (the first row of X counts "
                   "the columns 0, 1, 2, ...). Likely cause: a slice with the wrong start, such as X[:, k:k + size] "
                   "for batch k; batch k starts at column k * mini_batch_size of the shuffled data.")
    if not np.array_equal(all_X, MB_X[:, order.astype(int)]):
        fail(func, f"{what}: the rows of a column no longer belong together. Likely cause: the rows were shuffled "
                   "too (X[permutation] or X.ravel()); permute the columns only, X[:, permutation].")
    if not np.array_equal(all_Y, MB_Y[:, order.astype(int)]):
        fail(func, f"{what}: the labels no longer match their examples. Likely cause: X and Y shuffled with "
                   "different permutations (two calls of rng.permutation or rng.shuffle); draw one permutation "
                   "and index both: X[:, permutation], Y[:, permutation].")
    return order


def check_random_mini_batches(random_mini_batches):
    """random_mini_batches: the partition (sizes, every column once, X and Y paired), shuffled, from rng."""
    func = "random_mini_batches"
    cases = ((M, 64), (128, 64), (M, 200), (M, 1))
    orders = {}
    for m, size in cases:
        what = f"random_mini_batches(X, Y, mini_batch_size={size}, rng) on {m} examples of 3 features"
        result = _call(func, what, random_mini_batches, MB_X[:, :m], MB_Y[:, :m], size, np.random.default_rng(0))
        orders[m, size] = _check_partition(func, what, _batches(func, what, result, 3, m), m, size)
    if np.array_equal(orders[M, 64], COLUMNS):
        fail(func, "the examples come out in their original order: nothing was shuffled. Likely cause: the "
                   "permutation is not used; shuffle the columns first, X[:, rng.permutation(m)].")
    what = f"random_mini_batches(X, Y, 64, rng) on {M} examples"
    again = _check_partition(func, what, _batches(func, what, _call(
        func, what, random_mini_batches, MB_X, MB_Y, 64, np.random.default_rng(0)), 3, M), M, 64)
    other = _check_partition(func, what, _batches(func, what, _call(
        func, what, random_mini_batches, MB_X, MB_Y, 64, np.random.default_rng(1)), 3, M), M, 64)
    if not np.array_equal(again, orders[M, 64]):
        fail(func, "two calls with generators of the same seed shuffled differently. Likely cause: the permutation "
                   "comes from np.random.permutation or np.random.shuffle (numpy's global state); draw it from the "
                   "generator passed in: rng.permutation(m).")
    if np.array_equal(other, orders[M, 64]):
        fail(func, "generators with different seeds gave the same order. Likely cause: a generator or seed made "
                   "inside the function (np.random.default_rng(...) or np.random.seed); use the rng argument.")


# initialize_velocity and initialize_adam


def _check_zeros(func, what, moments, parameters):
    """``moments`` is a dict with "dW1", "db1", ... of zeros shaped like the parameters."""
    if not isinstance(moments, dict):
        fail(func, f"{what} should be a dict with keys {['d' + k for k in parameters]}, got {describe(moments)}.")
    keys = ["d" + key for key in parameters]
    if sorted(moments) == sorted(parameters):
        fail(func, f"{what} has the keys {list(moments)}. Likely cause: the keys named like the parameters; they are "
                   "named like the gradients, 'dW1', 'db1', ..., so that v['dW1'] follows grads['dW1'].")
    missing = [key for key in keys if key not in moments]
    if missing:
        L = len(parameters) // 2
        hint = (f" Likely cause: the loop stops one layer early; with L = len(parameters) // 2 = {L}, "
                f"use range(1, L + 1)." if missing == [f"dW{L}", f"db{L}"] else "")
        fail(func, f"{what} is missing the key(s) {missing}; it has {list(moments)}.{hint}")
    extra = [key for key in moments if key not in keys]
    if extra:
        fail(func, f"{what} has keys the parameters do not have: {extra}. Likely cause: the layers counted from 0; "
                   "they are 1 to L = len(parameters) // 2.")
    for key in keys:
        value = moments[key]
        shape = np.shape(parameters[key[1:]])
        label = f"{key!r} of {what}"
        if isinstance(value, np.ndarray) and value.ndim == 1:
            fail(func, f"{label} has shape {value.shape}, expected {shape}. Likely cause: np.zeros(n), a rank-1 array; "
                       "use np.zeros_like(parameters[...]), which has the parameter's shape.")
        got = expect_array(func, label, value, shape)
        if not (got == 0).all():
            fail(func, f"{label} holds non-zero values such as {got.ravel()[:3].tolist()}. Likely cause: a copy of "
                       "the parameter itself; every moment starts at zeros, np.zeros_like(parameters[...]).")


def check_initialize_velocity(initialize_velocity):
    """initialize_velocity: v["dW1"], v["db1"], ... zeros of the parameters' shapes."""
    func = "initialize_velocity"
    dims = [3, 4, 2, 1]
    parameters = {}
    for l in range(1, len(dims)):
        parameters[f"W{l}"] = np.ones((dims[l], dims[l - 1]))
        parameters[f"b{l}"] = np.full((dims[l], 1), 0.5)
    what = "initialize_velocity(parameters) for layers 3 -> 4 -> 2 -> 1"
    v = _call(func, what, initialize_velocity, parameters)
    _check_zeros(func, what, v, parameters)


def check_initialize_adam(initialize_adam):
    """initialize_adam: (v, s), two distinct dicts of zeros keyed like the gradients."""
    func = "initialize_adam"
    parameters = {"W1": np.ones((4, 3)), "b1": np.ones((4, 1)), "W2": np.ones((1, 4)), "b2": np.ones((1, 1))}
    what = "initialize_adam(parameters) for layers 3 -> 4 -> 1"
    result = _call(func, what, initialize_adam, parameters)
    if not isinstance(result, tuple) or len(result) != 2:
        fail(func, f"{what} should return a tuple (v, s), got {describe(result)}.")
    v, s = result
    _check_zeros(func, f"v of {what}", v, parameters)
    _check_zeros(func, f"s of {what}", s, parameters)
    if v is s or any(v[key] is s[key] or np.shares_memory(v[key], s[key]) for key in v):
        fail(func, f"{what}: v and s share their arrays, so updating one in place changes the other. Likely cause: "
                   "v = s = {...} or one np.zeros_like used for both; make separate arrays for v and for s.")


# the updates


def _dict_result(func, what, value, keys, shapes):
    if not isinstance(value, dict):
        fail(func, f"{what} should be a dict with keys {keys}, got {describe(value)}.")
    missing = [key for key in keys if key not in value]
    if missing:
        fail(func, f"{what} is missing the key(s) {missing}; it has {list(value)}.")
    return {key: expect_array(func, f"{what}[{key!r}]", value[key], shapes[key]) for key in keys}


def _dict_close(got, expected):
    return all(is_close(got[key], expected[key]) for key in expected)


def _first_gap(what, got, expected):
    for key in expected:
        if not is_close(got[key], expected[key]):
            have, want = np.asarray(got[key]), np.asarray(expected[key])
            if not np.isfinite(have).all():
                return f"{what}[{key!r}] holds NaN or inf (np.sqrt of a negative number?)"
            where = np.unravel_index(int(np.argmax(np.abs(have - want))), want.shape)
            entry = tuple(int(i) for i in where)
            return f"{what}[{key!r}] entry {entry} is {have[where]:.6g}, expected {want[where]:.6g}"
    return ""


def _expect_dict(func, call, what, got, expected, mistakes):
    """``got`` (a checked dict) against ``expected``; a match with a mistake's dict names its cause."""
    if _dict_close(got, expected):
        return
    for wrong, cause in mistakes:
        if _dict_close(got, wrong):
            fail(func, f"{call}: {_first_gap(what, got, expected)}. Likely cause: {cause}.")
    fail(func, f"{call}: {_first_gap(what, got, expected)}.")


def _shapes(mapping):
    return {key: np.shape(value) for key, value in mapping.items()}


def _tuple(func, what, result, names):
    if not isinstance(result, tuple) or len(result) != len(names):
        fail(func, f"{what} should return a tuple ({', '.join(names)}), got {describe(result)}.")
    return result


def check_update_parameters_with_momentum(update_parameters_with_momentum):
    """update_parameters_with_momentum: v = beta v + (1 - beta) dW, then W = W - learning_rate v, every layer."""
    func = "update_parameters_with_momentum"
    call = f"update_parameters_with_momentum(parameters, grads, v, beta={MOMENTUM_BETA}, learning_rate={MOMENTUM_RATE})"
    result = _call(func, call, update_parameters_with_momentum, PARAMETERS, GRADS, V, MOMENTUM_BETA, MOMENTUM_RATE)
    parameters, v = _tuple(func, call, result, ("parameters", "v"))
    parameters = _dict_result(func, "the parameters returned", parameters, PARAMETER_KEYS, _shapes(PARAMETERS))
    v = _dict_result(func, "the v returned", v, GRAD_KEYS, _shapes(GRADS))
    for wrong_parameters, wrong_v, cause in MOMENTUM_WRONG:
        if _dict_close(parameters, wrong_parameters) and _dict_close(v, wrong_v):
            gap = _first_gap("parameters", parameters, MOMENTUM_PARAMETERS) or _first_gap("v", v, MOMENTUM_V)
            fail(func, f"{call}: {gap}. Likely cause: {cause}.")
    if _dict_close(v, V):
        fail(func, f"{call} returned v unchanged: {_first_gap('v', v, MOMENTUM_V)}. Likely cause: the new velocity is "
                   "computed but not stored; v['dW' + str(l)] = beta * v['dW' + str(l)] + (1 - beta) * ...")
    first = {key: MOMENTUM_PARAMETERS[key] for key in ("W1", "b1")}
    if _dict_close(parameters, {**PARAMETERS, **first}):
        fail(func, f"{call}: {_first_gap('parameters', parameters, MOMENTUM_PARAMETERS)}. Likely cause: the last "
                   "layer is not updated; loop over l = 1, ..., L with L = len(parameters) // 2: range(1, L + 1).")
    _expect_dict(func, call, "v", v, MOMENTUM_V, [])
    _expect_dict(func, call, "parameters", parameters, MOMENTUM_PARAMETERS, [])
    what = "update_parameters_with_momentum with beta=0 (plain gradient descent)"
    parameters, _ = _tuple(func, what, _call(func, what, update_parameters_with_momentum, PARAMETERS, GRADS, V, 0.0,
                                             0.1), ("parameters", "v"))
    parameters = _dict_result(func, "the parameters returned", parameters, PARAMETER_KEYS, _shapes(PARAMETERS))
    plain = {"W1": [[0.96, -1.94], [0.4, -0.02]], "b1": [[0.05], [-0.1]], "W2": [[2.03, -1.08]], "b2": [[0.275]]}
    _expect_dict(func, what, "parameters", parameters, plain, [])


def check_update_parameters_with_adam(update_parameters_with_adam):
    """update_parameters_with_adam: the moments v and s, their bias correction, and the step, every layer."""
    func = "update_parameters_with_adam"
    call = f"update_parameters_with_adam(parameters, grads, v, s, {ADAM_CALL})"
    with np.errstate(invalid="ignore", divide="ignore"):
        result = _call(func, call, update_parameters_with_adam, PARAMETERS, GRADS, V, S, **ADAM_ARGS)
    if isinstance(result, tuple) and len(result) == 5:
        fail(func, f"{call} returned 5 values; this notebook's update returns (parameters, v, s), without the "
                   "corrected moments.")
    parameters, v, s = _tuple(func, call, result, ("parameters", "v", "s"))
    parameters = _dict_result(func, "the parameters returned", parameters, PARAMETER_KEYS, _shapes(PARAMETERS))
    v = _dict_result(func, "the v returned", v, GRAD_KEYS, _shapes(GRADS))
    s = _dict_result(func, "the s returned", s, GRAD_KEYS, _shapes(GRADS))
    _expect_dict(func, call, "v", v, ADAM_V, ADAM_V_WRONG + [
        (V, "v is not updated: v['dW' + str(l)] = beta1 * v['dW' + str(l)] + (1 - beta1) * grads['dW' + str(l)]")])
    _expect_dict(func, call, "s", s, ADAM_S, ADAM_S_WRONG + [
        (S, "s is not updated: s['dW' + str(l)] = beta2 * s['dW' + str(l)] + (1 - beta2) * grads['dW' + str(l)] ** 2")])
    _expect_dict(func, call, "parameters", parameters, ADAM_PARAMETERS, ADAM_WRONG)


def _rate(func, what, function, args):
    with np.errstate(divide="ignore", invalid="ignore"):
        got = _call(func, what, function, *args)
    if isinstance(got, np.ndarray) and got.size == 1:
        got = got.reshape(())
    return expect_scalar(func, what, got)


def check_update_lr(update_lr):
    """update_lr: learning_rate0 / (1 + decay_rate * epoch_num) for three cases."""
    func = "update_lr"
    for args, expected in LR_CASES:
        what = f"update_lr{args}"
        got = _rate(func, what, update_lr, args)
        if args == LR_CASES[0][0]:
            for wrong, cause in LR_WRONG.items():
                if np.isclose(got, wrong, rtol=1e-6) and not np.isclose(got, expected, rtol=1e-6):
                    fail(func, f"{what} gave {got:.6g}, expected {expected:.6g}. Likely cause: {cause}.")
        expect_close(func, what, got, expected)


def check_schedule_lr_decay(schedule_lr_decay):
    """schedule_lr_decay: learning_rate0 / (1 + decay_rate * floor(epoch_num / time_interval)), default 1000."""
    func = "schedule_lr_decay"
    for args, expected in SCHEDULE_CASES:
        what = f"schedule_lr_decay{args}" + ("" if len(args) == 4 else " (the default time_interval, 1000)")
        got = _rate(func, what, schedule_lr_decay, args)
        if args == SCHEDULE_CASES[0][0]:
            for wrong, cause in SCHEDULE_WRONG.items():
                if np.isclose(got, wrong, rtol=1e-6) and not np.isclose(got, expected, rtol=1e-6):
                    fail(func, f"{what} gave {got:.6g}, expected {expected:.6g}. Likely cause: {cause}.")
        if args[1:3] == (120, 1.0) and np.isclose(got, 0.3 / 3.4):
            fail(func, f"{what} gave {got:.6g}, expected {expected:.6g}. Likely cause: epoch_num / time_interval not "
                       "rounded down; use np.floor(epoch_num / time_interval).")
        if len(args) == 3 and not np.isclose(got, expected, rtol=1e-6):
            fail(func, f"{what} gave {got:.6g}, expected {expected:.6g}, though the cases with time_interval given "
                       "are right. Likely cause: the default of time_interval is not 1000; the signature is "
                       "schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000).")
        expect_close(func, what, got, expected)


explain_stubs(globals())
