"""Checks for the regularization notebook: the L2 cost and its gradients, inverted dropout.

The L2 checks and ``check_backward_propagation_with_dropout`` call the student's function on fixed
inputs whose right answers are known (hard-coded below, with the values of the usual mistakes).
Dropout's forward pass draws its masks from ``rng``, so no fixed answer exists:
``dropout_structure`` judges what the student's own cache says (0/1 masks of the right shapes, a
kept fraction near ``keep_prob``, each layer's output masked and rescaled by its own mask), and the
hidden tests record the same findings.
"""

import numpy as np

from ._core import describe, expect_array, expect_close, expect_keys, explain_stubs, fail, is_close

# A 3-layer network 3 -> 2 -> 2 -> 1 on 5 examples (columns).
X = [[1.0, -0.5, 0.3, 2.0, -1.2], [0.4, 1.5, -0.8, 0.1, 0.9], [-1.1, 0.2, 0.6, -0.3, 1.4]]
Y = [[1, 0, 1, 1, 0]]
PARAMETERS = {"W1": [[0.5, -1.0, 0.3], [1.2, 0.4, -0.7]], "b1": [[0.1], [-0.2]],
              "W2": [[-0.6, 0.9], [0.8, 0.5]], "b2": [[0.05], [0.3]],
              "W3": [[1.1, -0.4]], "b3": [[-0.1]]}
A3 = [[0.7957109355293449, 0.45884333184977194, 0.3512384272687809, 0.706552756741416, 0.45884333184977194]]
CROSS_ENTROPY = 0.5700519244195731  # compute_cost(A3, Y)
COST_L2 = 0.6386519244195731  # with lambd = 0.1
COST_L2_WRONG = [
    (0.9130519244195732, "the 1/m is missing: the L2 term is lambd / (2 m) times the sum of the squared weights"),
    (0.7072519244195731, "the 1/2 is missing: the L2 term is lambd / (2 m), not lambd / m, times the sum"),
    (0.6401769244195731, "the biases are in the sum; only the weights W1, W2 and W3 are regularized"),
    (0.06860000000000001, "the cross-entropy is missing: the cost is compute_cost(A3, Y) plus the L2 term"),
    (0.6146295836021521, "the norms are not squared: np.sum(np.square(W)), not np.linalg.norm(W)"),
    (0.654051924419573, "absolute values (an L1 penalty); L2 sums the squares, np.square(W)"),
    (0.5837519244195731, "only W3 is in the sum; add the squares of W1, W2 and W3"),
]
KEYS = ("dW1", "db1", "dW2", "db2", "dW3", "db3")
L2_CAUSES = {
    "bias": "the biases are regularized too; only dW1, dW2, dW3 get the term lambd / m * W, the db stay as they were",
    "lambd": "the term is lambd * W; it is lambd / m * W (the derivative of lambd / (2 m) * W ** 2)",
    "half": "the term is lambd / (2 m) * W; the derivative of lambd / (2 m) * W ** 2 is lambd / m * W",
    "sign": "the term is subtracted; the gradient of the penalty is + lambd / m * W",
    "plain": "the term lambd / m * W is missing: dW is the plain gradient plus lambd / m * W",
}
KEEP_PROB = 0.8
# Masks of the fixed dropout cache below (1 keeps a unit); the cache's activations were made with them.
D1 = [[1.0, 0.0, 1.0, 1.0, 1.0], [1.0, 1.0, 0.0, 1.0, 1.0]]
D2 = [[0.0, 1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 0.0, 1.0]]
DROPOUT_KEYS = ("dA1", "dA2", "dW1", "db1", "dW2", "db2", "dW3", "db3")
DROPOUT_CAUSES = {
    "nodivide": "dA is masked but not divided by keep_prob: dA1 = dA1 * D1 / keep_prob, as in the forward pass",
    "nomask": "the masks are not applied to dA1 and dA2: dA1 = dA1 * D1 / keep_prob (and dA2 with D2)",
    "times": "dA is multiplied by keep_prob; divide by it, as in the forward pass: dA1 * D1 / keep_prob",
    "swap": "the masks of the wrong layers: D1 belongs to dA1 and D2 to dA2",
    "zmask": "the masks are not applied to dA1 and dA2: dA1 = dA1 * D1 / keep_prob (and dA2 with D2)",
}
BACKWARD_L2 = {"dW1": [[0.197487541553804, -0.16746502655597, 0.049657746489274],
                       [0.042992998943924, 0.038452464681969, -0.048585161264543]],
               "db1": [[0.09903640033348], [-0.07864233662122]],
               "dW2": [[-0.142748138100369, -0.118909200890617], [0.197201098065977, 0.159057891232952]],
               "db2": [[0.092389078313467], [0.018304897340873]],
               "dW3": [[-0.010136312750601, -0.351453233178798]],
               "db3": [[-0.045762243352183]]}
BACKWARD_L2_WRONG = {"bias": {"dW1": [[0.197487541553804, -0.16746502655597, 0.049657746489274],
                                      [0.042992998943924, 0.038452464681969, -0.048585161264543]],
                              "db1": [[0.11303640033348], [-0.10664233662122]],
                              "dW2": [[-0.142748138100369, -0.118909200890617],
                                      [0.197201098065977, 0.159057891232952]],
                              "db2": [[0.099389078313467], [0.060304897340873]],
                              "dW3": [[-0.010136312750601, -0.351453233178798]],
                              "db3": [[-0.059762243352183]]},
                     "lambd": {"dW1": [[0.477487541553804, -0.72746502655597, 0.217657746489274],
                                       [0.714992998943924, 0.262452464681969, -0.440585161264543]],
                               "db1": [[0.09903640033348], [-0.07864233662122]],
                               "dW2": [[-0.478748138100368, 0.385090799109383],
                                       [0.645201098065977, 0.439057891232952]],
                               "db2": [[0.092389078313467], [0.018304897340873]],
                               "dW3": [[0.605863687249399, -0.575453233178798]],
                               "db3": [[-0.045762243352183]]},
                     "half": {"dW1": [[0.162487541553804, -0.09746502655597, 0.028657746489274],
                                      [-0.041007001056076, 0.010452464681969, 0.000414838735457]],
                              "db1": [[0.09903640033348], [-0.07864233662122]],
                              "dW2": [[-0.100748138100368, -0.181909200890617],
                                      [0.141201098065977, 0.124057891232952]],
                              "db2": [[0.092389078313467], [0.018304897340873]],
                              "dW3": [[-0.087136312750601, -0.323453233178798]],
                              "db3": [[-0.045762243352183]]},
                     "sign": {"dW1": [[0.057487541553804, 0.11253497344403, -0.034342253510726],
                                      [-0.293007001056076, -0.073547535318031, 0.147414838735457]],
                              "db1": [[0.09903640033348], [-0.07864233662122]],
                              "dW2": [[0.025251861899631, -0.370909200890617],
                                      [-0.026798901934023, 0.019057891232952]],
                              "db2": [[0.092389078313467], [0.018304897340873]],
                              "dW3": [[-0.318136312750601, -0.239453233178798]],
                              "db3": [[-0.045762243352183]]},
                     "plain": {"dW1": [[0.127487541553804, -0.02746502655597, 0.007657746489274],
                                       [-0.125007001056076, -0.017547535318031, 0.049414838735457]],
                               "db1": [[0.09903640033348], [-0.07864233662122]],
                               "dW2": [[-0.058748138100369, -0.244909200890617],
                                       [0.085201098065977, 0.089057891232952]],
                               "db2": [[0.092389078313467], [0.018304897340873]],
                               "dW3": [[-0.164136312750601, -0.295453233178798]],
                               "db3": [[-0.045762243352183]]}}
DROPOUT_CACHE_ARRAYS = {"Z1": [[-0.13, -1.59, 1.23, 0.91, -0.98], [1.93, -0.34, -0.58, 2.45, -2.26]],
                        "A1": [[0.0, 0.0, 1.5375, 1.1375, 0.0], [2.4125, 0.0, 0.0, 3.0625, 0.0]],
                        "Z2": [[2.22125, 0.05, -0.8725, 2.123749999999999, 0.05],
                               [1.50625, 0.3, 1.53, 2.74125, 0.3]],
                        "A2": [[0.0, 0.0625, 0.0, 2.654687499999999, 0.0625],
                               [1.8828125, 0.375, 1.9125, 0.0, 0.375]],
                        "Z3": [[-0.853125, -0.18125, -0.865, 2.82015625, -0.18125]],
                        "A3": [[0.298777728609094, 0.454811142699109, 0.296295762000229, 0.943755360936249,
                                0.454811142699109]]}
DROPOUT_BACKWARD = {"": {"dA1": [[0.350611135695453, -0.0, 0.351852118999885, 0.058002284034493,
                                  -0.696429562258011],
                                 [0.219131959809658, 0.561407504269213, 0.0, -0.08700342605174, 0.561407504269213]],
                         "dA2": [[-0.0, 0.625365321211275, -0.967593327249685, -0.077336378712658,
                                  0.625365321211275],
                                 [0.350611135695453, -0.227405571349555, 0.351852118999885, 0.0,
                                  -0.227405571349555]],
                         "dW1": [[0.04431204075379, -0.055136293359292, 0.038742117237917],
                                 [0.009025021541236, 0.015790488263738, -0.04298882559502]],
                         "db1": [[0.081970880606876], [0.026425706751584]],
                         "dW2": [[-0.01759402615713, -0.047368531961503], [0.108194526592465, 0.169169872973056]],
                         "db2": [[0.234678852741978], [0.049530422399246]],
                         "dW3": [[-0.018492109485433, -0.464999211200684]],
                         "db3": [[-0.110309772611242]]},
                    "nomask": {"dA1": [[0.22439112684509, -0.445714919845127, 0.225185356159927, 0.037121461782076,
                                        -0.445714919845127],
                                       [0.140244454278181, 0.359300802732296, 0.140740847599954, -0.055682192673113,
                                        0.359300802732296]],
                               "dA2": [[-0.771344498529996, 0.50029225696902, -0.774074661799748,
                                        -0.061869102970126, 0.50029225696902],
                                       [0.280488908556362, -0.181924457079644, 0.281481695199908, 0.0224978556255,
                                        -0.181924457079644]],
                               "dW1": [[0.028359706082426, -0.035287227749947, 0.024794955032267],
                                       [0.005776013786391, 0.010105912488792, -0.027512848380813]],
                               "db1": [[0.0524613635884], [0.016912452321014]],
                               "dW2": [[-0.014075220925704, -0.037894825569202],
                                       [0.086555621273972, 0.135335898378445]],
                               "db2": [[0.187743082193583], [0.039624337919397]],
                               "dW3": [[-0.018492109485433, -0.464999211200684]],
                               "db3": [[-0.110309772611242]]},
                    "nodivide": {"dA1": [[0.22439112684509, -0.0, 0.225185356159927, 0.037121461782076,
                                          -0.445714919845127],
                                         [0.140244454278181, 0.359300802732296, 0.0, -0.055682192673113,
                                          0.359300802732296]],
                                 "dA2": [[-0.0, 0.50029225696902, -0.774074661799748, -0.061869102970126,
                                          0.50029225696902],
                                         [0.280488908556362, -0.181924457079644, 0.281481695199908, 0.0,
                                          -0.181924457079644]],
                                 "dW1": [[0.028359706082426, -0.035287227749947, 0.024794955032267],
                                         [0.005776013786391, 0.010105912488792, -0.027512848380813]],
                                 "db1": [[0.0524613635884], [0.016912452321014]],
                                 "dW2": [[-0.014075220925704, -0.037894825569202],
                                         [0.086555621273972, 0.135335898378445]],
                                 "db2": [[0.187743082193583], [0.039624337919397]],
                                 "dW3": [[-0.018492109485433, -0.464999211200684]],
                                 "db3": [[-0.110309772611242]]},
                    "times": {"dA1": [[0.143610321180858, -0.0, 0.144118627942353, 0.023757735540528,
                                       -0.285257548700881],
                                      [0.089756450738036, 0.22995251374867, 0.0, -0.035636603310793,
                                       0.22995251374867]],
                              "dA2": [[-0.0, 0.400233805575216, -0.619259729439798, -0.049495282376101,
                                       0.400233805575216],
                                      [0.22439112684509, -0.145539565663715, 0.225185356159927, 0.0,
                                       -0.145539565663715]],
                              "dW1": [[0.018150211892753, -0.022583825759966, 0.015868771220651],
                                      [0.00369664882329, 0.006467783992827, -0.01760822296372]],
                              "db1": [[0.033575272696576], [0.010823969485449]],
                              "dW2": [[-0.011260176740563, -0.030315860455362],
                                      [0.069244497019177, 0.108268718702756]],
                              "db2": [[0.150194465754866], [0.031699470335517]],
                              "dW3": [[-0.018492109485433, -0.464999211200684]],
                              "db3": [[-0.110309772611242]]},
                    "swap": {"dA1": [[0.0, -0.227405571349555, 0.0, 0.058002284034493, -0.696429562258011],
                                     [0.219131959809658, -0.142128482093472, 0.0, -0.0, 0.561407504269213]],
                             "dA2": [[-0.964180623162496, 0.0, -0.967593327249685, -0.077336378712658,
                                      0.625365321211275],
                                     [0.350611135695453, -0.227405571349555, 0.0, 0.028122319531876,
                                      -0.227405571349555]],
                             "dW1": [[0.023200913613797, 0.00116004568069, -0.00348013704207],
                                     [0.043826391961932, 0.017530556784773, -0.048209031158125]],
                             "db1": [[0.011600456806899], [0.043826391961932]],
                             "dW2": [[-0.01759402615713, -0.047368531961503], [0.0, 0.169169872973056]],
                             "db2": [[0.109605788499723], [-0.020840001400731]],
                             "dW3": [[-0.018492109485433, -0.464999211200684]],
                             "db3": [[-0.110309772611242]]},
                    "zmask": {"dA1": [[0.687197825963088, -0.445714919845127, 0.225185356159927, 0.055119746282476,
                                       -0.445714919845127],
                                      [-0.553965594398816, 0.359300802732296, 0.140740847599954, -0.044433264860363,
                                       0.359300802732296]],
                              "dA2": [[-0.771344498529996, 0.50029225696902, -0.774074661799748, -0.061869102970126,
                                       0.50029225696902],
                                      [0.280488908556362, -0.181924457079644, 0.281481695199908, 0.0224978556255,
                                       -0.181924457079644]],
                              "dW1": [[0.035559019882586, -0.034927262059939, 0.023715057962243],
                                      [-0.128566424823908, -0.045205912849113, 0.124538426659361]],
                              "db1": [[0.056061020488481], [-0.119679771851836]],
                              "dW2": [[-0.014075220925704, -0.410068546109926],
                                      [0.091673883428773, 0.149115834949064]],
                              "db2": [[0.033474182487583], [0.044123909044497]],
                              "dW3": [[-0.018492109485433, -0.464999211200684]],
                              "db3": [[-0.110309772611242]]}}

# What dropout_structure finds when all is right; any other finding is a mistake, named below.
RIGHT = {"cache": "a tuple of 14 entries", "masks": "0/1 masks of the shapes of A1 and A2",
         "A1": "relu(Z1) * D1 / keep_prob", "A2": "relu(Z2) * D2 / keep_prob", "A3": "sigmoid(Z3), not dropped"}
NOT_JUDGED = "not judged: the cache or the masks are not as the exercise says"
STRUCTURE_CAUSES = {}
for _l in (1, 2):
    STRUCTURE_CAUSES.update({
        f"relu(Z{_l}) * D{_l}": f"A{_l} is masked but not divided by keep_prob; inverted dropout divides, so that "
                                f"each unit keeps its expected value: A{_l} = A{_l} * D{_l} / keep_prob",
        f"relu(Z{_l}) * D{_l} * keep_prob": f"A{_l} is multiplied by keep_prob; divide by it: "
                                            f"A{_l} = A{_l} * D{_l} / keep_prob",
        f"relu(Z{_l}) without the mask": f"the mask D{_l} is not applied to A{_l}: A{_l} = A{_l} * D{_l} / keep_prob",
        f"relu(Z{_l}) / keep_prob without the mask": f"the mask D{_l} is not applied to A{_l}: "
                                                     f"A{_l} = A{_l} * D{_l} / keep_prob",
    })
STRUCTURE_CAUSES["the output dropped"] = ("the output layer is dropped too; dropout applies to the hidden layers "
                                          "only, A3 = sigmoid(Z3) is left whole")


def _relu(Z):
    return np.maximum(0, Z)


def _sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def _parameters(parameters=None):
    return {k: np.array(v, dtype=float) for k, v in (parameters or PARAMETERS).items()}


def _forward(X, parameters):
    """The notebook's given forward pass (no dropout): A3 and its cache of 12 entries."""
    p = parameters
    Z1 = p["W1"] @ X + p["b1"]
    A1 = _relu(Z1)
    Z2 = p["W2"] @ A1 + p["b2"]
    A2 = _relu(Z2)
    Z3 = p["W3"] @ A2 + p["b3"]
    A3 = _sigmoid(Z3)
    return A3, (Z1, A1, p["W1"], p["b1"], Z2, A2, p["W2"], p["b2"], Z3, A3, p["W3"], p["b3"])


def _is_mask(D, like):
    if not isinstance(D, np.ndarray) or not isinstance(like, np.ndarray) or D.shape != like.shape:
        return False
    if D.dtype.kind not in "biuf":
        return False
    return bool(((D == 0) | (D == 1)).all())


def _layer(l, A, R, D, keep_prob):
    """What A is, given R = relu(Z) recomputed from the layer's input and the layer's own mask D."""
    if not isinstance(A, np.ndarray) or A.shape != R.shape:
        return f"A{l} of another shape than relu(Z{l})"
    D = D.astype(float)
    for value, found in ((R * D / keep_prob, RIGHT[f"A{l}"]), (R * D, f"relu(Z{l}) * D{l}"),
                         (R * D * keep_prob, f"relu(Z{l}) * D{l} * keep_prob"), (R, f"relu(Z{l}) without the mask"),
                         (R / keep_prob, f"relu(Z{l}) / keep_prob without the mask")):
        if is_close(A, value):
            return found
    return f"A{l} is none of relu(Z{l}) * D{l} / keep_prob and the usual mistakes"


def dropout_structure(X, parameters, keep_prob, A3, cache):
    """What a forward pass with dropout did, judged from its own cache (its masks are its own draws).

    Returns ``{"cache", "masks", "A1", "A2", "A3": a finding in words, "kept": the fraction of
    ones in D1 and D2 together (None if the masks are not 0/1 arrays)}``; ``RIGHT`` holds the
    findings of a right forward pass, ``STRUCTURE_CAUSES`` the causes of the usual wrong ones.
    ``X`` has shape (n_x, m), ``parameters`` the keys W1, b1, ..., W3, b3.
    """
    found = dict.fromkeys(RIGHT, NOT_JUDGED)
    found["kept"] = None
    if not isinstance(cache, tuple) or len(cache) != 14:
        found["cache"] = f"not a tuple of 14 entries but {describe(cache)[:60]}"
        return found
    found["cache"] = RIGHT["cache"]
    Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3_cached, W3, b3 = cache
    if not (_is_mask(D1, A1) and _is_mask(D2, A2)):
        found["masks"] = "D1 and D2 are not 0/1 arrays of the shapes of A1 and A2"
        return found
    found["masks"] = RIGHT["masks"]
    found["kept"] = float(np.concatenate([D1.ravel(), D2.ravel()]).astype(float).mean())
    p = _parameters(parameters)
    X = np.asarray(X, dtype=float)
    found["A1"] = _layer(1, A1, _relu(p["W1"] @ X + p["b1"]), D1, keep_prob)
    found["A2"] = _layer(2, A2, _relu(p["W2"] @ np.asarray(A1, dtype=float) + p["b2"]), D2, keep_prob)
    expected = _sigmoid(p["W3"] @ np.asarray(A2, dtype=float) + p["b3"])
    if is_close(A3, expected):
        found["A3"] = RIGHT["A3"]
    elif isinstance(A3, np.ndarray) and A3.shape == expected.shape and ((A3 == 0) | (A3 > 1)).any():
        found["A3"] = "the output dropped"
    else:
        found["A3"] = "A3 is not sigmoid(W3 A2 + b3) of the cache's A2"
    return found


def check_compute_cost_with_regularization(compute_cost_with_regularization):
    """The cost with the L2 term, lambd = 0.1 and lambd = 0, on a 3-layer network and 5 examples."""
    func = "compute_cost_with_regularization"
    what = "compute_cost_with_regularization(A3, Y, parameters, lambd=0.1) for 5 examples"
    got = compute_cost_with_regularization(np.array(A3), np.array(Y), _parameters(), 0.1)
    expect_close(func, what, got, COST_L2, mistakes=[(value, cause) for value, cause in COST_L2_WRONG])
    what = "compute_cost_with_regularization(A3, Y, parameters, lambd=0)"
    got = compute_cost_with_regularization(np.array(A3), np.array(Y), _parameters(), 0.0)
    expect_close(func, what, got, CROSS_ENTROPY, mistakes=[
        (COST_L2, "lambd = 0.1 written into the function; use the argument lambd")])


def check_backward_propagation_with_regularization(backward_propagation_with_regularization):
    """dW1 ... db3 with the L2 term (lambd = 0.7), from the given forward pass's cache on 5 examples."""
    func = "backward_propagation_with_regularization"
    p = _parameters()
    _, cache = _forward(np.array(X), p)
    got = backward_propagation_with_regularization(np.array(X), np.array(Y, dtype=float),
                                                   tuple(np.copy(a) for a in cache), 0.7)
    expect_keys(func, "the gradients it returns", got, KEYS)
    for key in KEYS:
        expect_close(func, f"{key} for lambd = 0.7", got[key], BACKWARD_L2[key],
                     mistakes=[(BACKWARD_L2_WRONG[name][key], cause) for name, cause in L2_CAUSES.items()])


def _dropout_network():
    """A 3 -> 20 -> 5 -> 1 network and 1000 examples, the same on every call (25,000 hidden units to drop)."""
    rng = np.random.default_rng(2024)
    p = {}
    for l, (n_in, n_out) in enumerate([(3, 20), (20, 5), (5, 1)], start=1):
        p[f"W{l}"] = rng.standard_normal((n_out, n_in)) * np.sqrt(2 / n_in)
        p[f"b{l}"] = rng.standard_normal((n_out, 1)) * 0.1
    return rng.standard_normal((3, 1000)), p


def _call_forward(func, what, forward, X, p, keep_prob, seed):
    result = forward(X.copy(), {k: v.copy() for k, v in p.items()}, keep_prob, np.random.default_rng(seed))
    if not isinstance(result, tuple) or len(result) != 2:
        fail(func, f"{what} should return the tuple (A3, cache), got {describe(result)}.")
    return result


def check_forward_propagation_with_dropout(forward_propagation_with_dropout):
    """Masks 0/1 from rng, about keep_prob of them ones, each hidden layer masked and rescaled, A3 whole."""
    func = "forward_propagation_with_dropout"
    X_, p = _dropout_network()
    what = "forward_propagation_with_dropout(X, parameters, keep_prob=0.8, rng) on 1000 examples"
    A3_, cache = _call_forward(func, what, forward_propagation_with_dropout, X_, p, 0.8, 1)
    expect_array(func, "A3", A3_, (1, 1000))
    found = dropout_structure(X_, p, 0.8, A3_, cache)
    for key in ("cache", "masks", "A1", "A2", "A3"):
        if found[key] != RIGHT[key]:
            cause = STRUCTURE_CAUSES.get(found[key])
            fail(func, f"{what}: {key} is {found[key]}, expected {RIGHT[key]}."
                       + (f" Likely cause: {cause}." if cause else ""))
    kept = found["kept"]
    if not abs(kept - 0.8) <= 0.02:
        if abs(kept - 0.2) <= 0.02:
            cause = ("the mask is drawn with > keep_prob; a unit is kept where the draw is below keep_prob: "
                     "D1 = rng.random(A1.shape) < keep_prob")
        elif kept >= 0.98:
            cause = "no unit is dropped: draw D1 = rng.random(A1.shape) < keep_prob and multiply A1 by it"
        else:
            cause = "draw each entry of the mask uniformly in [0, 1) and keep it where it is below keep_prob"
        fail(func, f"{what}: {100 * kept:.1f} % of the entries of D1 and D2 are ones, expected about 80 % "
                   f"(keep_prob). Likely cause: {cause}.")
    again, _ = _call_forward(func, what, forward_propagation_with_dropout, X_, p, 0.8, 1)
    if not is_close(again, A3_):
        fail(func, "two calls with generators seeded alike (np.random.default_rng(1)) gave different A3. Likely "
                   "cause: the masks are drawn from np.random (np.random.rand) instead of the rng argument: "
                   "rng.random(A1.shape).")
    what = "forward_propagation_with_dropout(X, parameters, keep_prob=1, rng)"
    whole, _ = _call_forward(func, what, forward_propagation_with_dropout, X_, p, 1.0, 1)
    expect_close(func, what + ", which drops nothing", whole, _forward(X_, p)[0])


def check_backward_propagation_with_dropout(backward_propagation_with_dropout):
    """dA1, dA2 and dW1 ... db3 from a fixed cache with known masks (keep_prob = 0.8) on 5 examples."""
    func = "backward_propagation_with_dropout"
    p = _parameters()
    c = {k: np.array(v) for k, v in DROPOUT_CACHE_ARRAYS.items()}
    cache = (c["Z1"], np.array(D1), c["A1"], p["W1"], p["b1"], c["Z2"], np.array(D2), c["A2"], p["W2"], p["b2"],
             c["Z3"], c["A3"], p["W3"], p["b3"])
    got = backward_propagation_with_dropout(np.array(X), np.array(Y, dtype=float), cache, KEEP_PROB)
    expect_keys(func, "the gradients it returns", got, DROPOUT_KEYS)
    for key in DROPOUT_KEYS:
        expect_close(func, f"{key} for keep_prob = 0.8 and the cache's masks", got[key], DROPOUT_BACKWARD[""][key],
                     mistakes=[(DROPOUT_BACKWARD[name][key], cause) for name, cause in DROPOUT_CAUSES.items()])


explain_stubs(globals())
