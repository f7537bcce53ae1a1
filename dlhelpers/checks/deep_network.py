"""Checks for the deep-network notebook (building blocks of an L-layer network, cat photos).

Each ``check_<exercise>`` calls the student's function on fixed inputs whose right answers are
known (computed once from the reference solution and written down here), and raises
``CheckError`` with a targeted message when something is off. Examples are columns: ``X`` and every
activation ``A[l]`` have shape ``(n[l], m)``, ``W[l]`` shape ``(n[l], n[l-1])``, ``b[l]`` shape
``(n[l], 1)``. Functions that draw random numbers are checked by statistics (shapes, zero biases,
the scale of the weights) and by their use of ``rng``, never against one particular sequence of
draws; the training loops are checked by properties of their results.
"""

import math

import numpy as np

from ._core import (
    describe,
    expect_array,
    expect_close,
    expect_keys,
    expect_labels,
    expect_scalar,
    explain_stubs,
    fail,
    is_close,
    is_real_zero,
)

# linear_forward and linear_activation_forward: 3 inputs, 2 units, 2 examples
LF_A = np.array([[1.03, 1.64], [1.15, -0.97], [-1.39, 0.07]])
LF_W = np.array([[0.86, 0.51, 1.81], [0.75, 0.64, -0.73]])
LF_B = np.array([[-1.11], [1.48]])
LF_Z = np.array([[-2.1536, -0.06760000000000033], [4.0032, 2.0381]])
LF_Z_NO_B = np.array([[-1.0435999999999999, 1.0423999999999998], [2.5231999999999997, 0.5580999999999999]])
LAF_SIGMOID = np.array([[0.10399529559112025, 0.48310643280571147], [0.9820702236040116, 0.8847396562897888]])
LAF_RELU = np.array([[0.0, 0.0], [4.0032, 2.0381]])

# L_model_forward: layer sizes [5, 4, 3, 1], 4 examples
LM_X = np.array([[0.05, 0.81, -1.38, -0.44], [-1.29, -0.78, 0.9, -1.48], [-0.53, 0.16, -0.67, -0.25], [-0.22, 0.42, -0.43, 0.27], [0.06, 0.42, 0.22, 1.66]])
LM_PARAMETERS = {
    'W1': np.array([[-0.66, 1.2, -0.4, -0.96, 1.21], [-0.44, -0.39, -1.39, -2.1, 0.63], [-1.17, 0.78, 1.85, -0.11, -1.13], [0.39, 0.76, -0.26, 0.02, 1.34]]),
    'b1': np.array([[1.27], [0.71], [-0.87], [-0.05]]),
    'W2': np.array([[0.6, -0.21, -0.61, -0.77], [-0.63, -0.67, -0.45, 1.15], [-0.8, 0.89, 0.42, 0.14]]),
    'b2': np.array([[-0.83], [-0.46], [1.97]]),
    'W3': np.array([[0.1, 0.54, 0.66]]),
    'b3': np.array([[1.06]]),
}
LM_AL = np.array([[0.9756030540907537, 0.9152063949281002, 0.8789447811498741, 0.9498066695577077]])
LM_AL_RELU_LAST = np.array([[3.6885978400000003, 2.37892948, 1.9824752799999998, 2.9403763]])
LM_AL_SIGMOID_ALL = np.array([[0.8617474221217741, 0.8680181876855099, 0.8590856542424768, 0.864204879117619]])
LM_AL_SWAPPED = np.array([[1.82987992722121, 1.8835485403987724, 1.8077164020236023, 1.8506625835238935]])

# compute_cost
COST_AL = np.array([[0.8, 0.9, 0.4, 0.3]])
COST_Y = np.array([[1.0, 1.0, 0.0, 1.0]])
COST = 0.5108256237659907
COST_ONLY_POSITIVE = 0.38311921782449304

# linear_backward: 5 inputs, 3 units, 4 examples
LB_DZ = np.array([[-0.24, -0.61, -0.06, -0.26], [0.79, 0.19, 0.24, 0.15], [1.23, -0.54, -0.48, 0.89]])
LB_A_PREV = np.array([[-0.11, 0.36, -0.73, 0.02], [0.43, -1.33, -0.69, 0.42], [2.25, 0.46, -0.06, -0.85], [0.39, -2.5, -0.05, -0.33], [-0.52, 2.32, -2.47, -0.02]])
LB_W = np.array([[0.07, 0.47, -1.6, -0.47, -1.5], [-0.13, 0.2, 0.16, -0.2, 0.19], [0.18, 0.41, 0.03, -1.78, -0.81]])
LB_B = np.array([[0.35], [-0.91], [-0.8]])
LB_DA_PREV = np.array([[0.10189999999999998, -0.1646, -0.12179999999999999, 0.1225], [0.5495, -0.47009999999999996, -0.17699999999999996, 0.2727], [0.5473, 0.9902, 0.12, 0.46670000000000006], [-2.2346, 1.2099, 0.8346, -1.492], [-0.4862000000000001, 1.3885, 0.5244, -0.3024]])
LB_DW = np.array([[-0.03865, 0.16007500000000002, -0.149, 0.38005, -0.2842499999999999], [-0.047674999999999995, -0.003900000000000002, 0.43075, -0.05709999999999999, -0.14145000000000002], [0.009624999999999996, 0.488025, 0.44784999999999997, 0.39, -0.18115]])
LB_DB = np.array([[-0.2925], [0.34249999999999997], [0.275]])

# linear_activation_backward: 4 inputs, 2 units, 3 examples
LAB_DA = np.array([[0.11, -0.05, 0.89], [0.51, -0.44, 0.11]])
LAB_A_PREV = np.array([[-2.86, -0.8, -0.15], [-2.39, -0.32, 0.25], [1.03, 0.4, 1.88], [1.53, -1.63, -0.23]])
LAB_W = np.array([[-0.16, 0.09, -0.57, 0.61], [0.75, -1.52, 0.95, -0.65]])
LAB_B = np.array([[1.06], [0.56]])
LAB_Z = np.array([[-0.13, 1.99, 0.89], [0.03, 0.25, 2.42]])
LAB_SIGMOID = (np.array([[0.09122202536518653, -0.08037788610743016, -0.023199532866162057], [-0.19129182903174663, 0.16413839636216856, 0.00399118947307289], [0.10548879174404081, -0.09986888482364696, -0.09685226246644489], [-0.06615203114408146, 0.06716759560328965, 0.10667358407571834]]), np.array([[-0.03387884836398366, -0.005946393484252212, 0.12379316794017664, 0.0027590477171852957], [-0.0930553781970121, -0.0893128307366221, 0.03449472466936453, 0.12322039494547234]]), np.array([[0.06858637959050562], [0.009140474931127567]]))
LAB_RELU = (np.array([[0.3825, -0.322, -0.059899999999999995], [-0.7752, 0.6643, -0.0871], [0.4845, -0.38949999999999996, -0.4028], [-0.3315, 0.2555, 0.47140000000000004]]), np.array([[-0.031166666666666662, 0.0795, 0.5510666666666667, -0.04106666666666667], [-0.37436666666666657, -0.3502, 0.18536666666666668, 0.4907333333333333]]), np.array([[0.27999999999999997], [0.06]]))

# L_model_backward: layer sizes [4, 3, 2, 1], 3 examples; caches of a forward pass
LMB_Y = np.array([[1.0, 0.0, 1.0]])
LMB_AL = np.array([[0.20964933915300782, 0.3104775458269602, 0.0018649612520973036]])
LMB_CACHES = [
    ((np.array([[1.42, 0.95, 0.22], [0.56, 0.15, -1.53], [0.89, 0.41, -1.35], [-0.64, -0.25, 0.33]]), np.array([[1.73, 0.02, -1.94, 0.65], [-0.17, -1.74, -2.28, -1.06], [0.38, -0.76, 0.6, -0.28]]), np.array([[0.18], [0.7], [0.58]])), np.array([[0.5051999999999999, 0.8686, 3.3635], [-1.8665999999999998, -0.39229999999999987, 6.053], [1.4072, 1.1429999999999998, 0.9239999999999999]])),
    ((np.array([[0.5051999999999999, 0.8686, 3.3635], [0.0, 0.0, 6.053], [1.4072, 1.1429999999999998, 0.9239999999999999]]), np.array([[-1.05, 1.93, -1.98], [-0.19, -1.02, 1.19]]), np.array([[-1.31], [-1.03]])), np.array([[-4.626716, -4.48517, 5.011094999999999], [0.5485799999999998, 0.16513599999999973, -6.743565000000001]])),
    ((np.array([[0.0, 0.0, 5.011094999999999], [0.5485799999999998, 0.16513599999999973, 0.0]]), np.array([[-1.14, -1.38]]), np.array([[-0.57]])), np.array([[-1.3270403999999996, -0.7978876799999995, -6.282648299999999]])),
]
LMB_GRADS = {
    'dA0': np.array([[0.1346994631281528, -0.052914688135288775, -3.296420816268048], [-0.9905591288501086, 0.38912647582566234, -2.132830920957138], [1.1807744030974758, -0.4638497277349285, -4.041045525334602], [-0.49811534259617335, 0.1956772313472583, -2.4736241672368346]]),
    'dA1': np.array([[-0.2072299432740813, 0.08140721251582896, -1.1947676413812394], [-1.112497590208226, 0.4370281935060291, 2.196096712253135], [1.2979138552429301, -0.5098662257570339, -2.2529904094617654]]),
    'dA2': np.array([[0.9009997533655709, -0.3539444022427346, 1.137873944172609], [1.090683911968849, -0.428459013241205, 1.3774263534721056]]),
    'dW1': np.array([[-0.15992618288767688, 0.5747189349857283, 0.48729287449407693, -0.09399932036311807], [0.16104709223189656, -1.1200093232490989, -0.9882435205139108, 0.24157063834784487], [0.28766895663139663, 1.3658090505163292, 1.329211743793069, -0.4822283820128665]]),
    'dW2': np.array([[1.2757463370748567, 2.2958503280256006, 0.3504651748051635], [0.059618004475117246, 0.0, 0.348360582929289]]),
    'dW3': np.array([[-1.66724983399814, -0.12743318183992067]]),
    'db1': np.array([[-0.4401967907131639], [0.7320322374177116], [-0.4883142599919564]]),
    'db2': np.array([[0.37929131472420297], [0.22074163290921467]]),
    'db3': np.array([[-0.49266938458931153]]),
}
LMB_DW3_RELU_LAST = np.array([[0.0, 0.0]])
LMB_DW1_RELU_LAST = np.array([[0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]])

# update_parameters and predict: layer sizes [3, 2, 1]
UP_PARAMETERS = {'W1': np.array([[0.18, -0.97, -1.69], [-0.28, -0.05, 0.7]]), 'b1': np.array([[-0.82], [-0.2]]), 'W2': np.array([[0.89, -1.01]]), 'b2': np.array([[-0.11]])}
UP_GRADS = {'dW1': np.array([[-0.37, -1.46, -0.13], [1.11, 2.23, -1.46]]), 'db1': np.array([[0.92], [1.1]]), 'dW2': np.array([[1.21, -0.45]]), 'db2': np.array([[0.31]])}
UP_EXPECTED = {'W1': np.array([[0.217, -0.824, -1.677], [-0.391, -0.273, 0.846]]), 'b1': np.array([[-0.9119999999999999], [-0.31000000000000005]]), 'W2': np.array([[0.769, -0.965]]), 'b2': np.array([[-0.14100000000000001]])}
PREDICT_X = np.array([[-0.62, 0.55, 1.19, -0.26, 0.21, 0.85, 0.71, -0.67], [1.36, 0.48, 0.15, 0.03, 0.69, 1.02, -1.27, -0.87], [-1.73, 0.44, 0.38, -0.35, -1.1, 1.31, 1.6, 1.58]])
PREDICT_EXPECTED = np.array([[1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0]])


# ---------------------------------------------------------------------------------------------
# Helpers


def _expect_tuple(func, result, names):
    """``result`` as a tuple of ``len(names)`` values, or a CheckError naming what to return."""
    if not isinstance(result, (tuple, list)) or len(result) != len(names):
        fail(func, f"should return the tuple ({', '.join(names)}), got {describe(result)}.")
    return tuple(result)


def _expect_parameters(func, what, parameters, layer_dims):
    """Check the keys W1, b1, ..., WL, bL, the shapes, and that every bias is zero.

    A zero bias may be an array of zeros of shape (n[l], 1) or the number 0: broadcasting makes
    both work in ``W A + b``.
    """
    keys = [f"{p}{l}" for l in range(1, len(layer_dims)) for p in ("W", "b")]
    expect_keys(func, what, parameters, keys)
    extra = [key for key in parameters if key not in keys]
    if extra:
        fail(func, f"{what} has the unexpected key(s) {extra}; expected exactly {keys}. The layers are "
                   "numbered 1 to L: the input layer 0 has no parameters.")
    for l in range(1, len(layer_dims)):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        for name, value, shape in ((f"W{l}", W, (layer_dims[l], layer_dims[l - 1])), (f"b{l}", b, (layer_dims[l], 1))):
            if name.startswith("b") and is_real_zero(value):
                continue
            if isinstance(value, np.ndarray) and value.shape != shape and value.shape == shape[::-1]:
                fail(func, f"{what}['{name}'] has shape {value.shape}, expected {shape}. W[l] has shape "
                           "(n[l], n[l-1]): one row per unit of layer l, one column per unit of layer l-1.")
            expect_array(func, f"{what}['{name}']", value, shape)
        if np.any(np.asarray(b) != 0):
            fail(func, f"{what}['b{l}'] should be zeros, got values such as {np.ravel(b)[:3].tolist()}. "
                       "Only the weights are random; the biases start at np.zeros((n, 1)).")


def _check_scale(func, name, W, expected_std, mistakes):
    """Check that the entries of ``W`` look like N(0, expected_std²); ``mistakes`` = [(std, cause)]."""
    W = np.asarray(W, dtype=np.float64)
    if not np.isfinite(W).all():
        fail(func, f"{name} holds NaN or inf: draw the weights with rng.standard_normal and scale them by a number.")
    std, mean = float(np.std(W)), float(np.mean(W))
    if std == 0:
        fail(func, f"every entry of {name} is {W.flat[0]:g}. The weights must be random "
                   "(rng.standard_normal), or every unit of a layer computes the same thing.")
    if abs(mean) > 6 * std / math.sqrt(W.size):
        cause = (" Likely cause: rng.random draws uniformly from [0, 1), so every weight is positive; "
                 "use rng.standard_normal, which draws from a normal distribution around 0."
                 if bool(np.all(W >= 0)) else "")
        fail(func, f"the entries of {name} should average about 0 (normal draws), their mean is {mean:.4g} "
                   f"with a standard deviation of {std:.4g}.{cause}")
    if abs(std / expected_std - 1) < 0.15:
        return
    for wrong_std, cause in mistakes:
        if abs(std / wrong_std - 1) < 0.15:
            fail(func, f"the entries of {name} have a standard deviation of {std:.4g}, expected about "
                       f"{expected_std:.4g}. Likely cause: {cause}.")
    fail(func, f"the entries of {name} have a standard deviation of {std:.4g}, expected about {expected_std:.4g}.")


def _check_uses_rng(func, draw):
    """``draw(rng)`` returns weights; they must depend on the generator passed, and only on it."""
    first, again, other = draw(np.random.default_rng(5)), draw(np.random.default_rng(5)), draw(np.random.default_rng(6))
    if not is_close(first, again, rtol=0, atol=0):
        fail(func, "two generators with the same seed gave different weights. Draw with the rng argument "
                   "(rng.standard_normal(...)), not with np.random.randn or a generator made inside the function.")
    if is_close(first, other, rtol=0, atol=0):
        fail(func, "generators with different seeds gave the same weights: draw from the rng argument, "
                   "not from a generator with a fixed seed.")


def _copy(value):
    """A deep copy of nested tuples, lists and dicts of arrays."""
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, (tuple, list)):
        return type(value)(_copy(item) for item in value)
    return np.array(value, copy=True) if isinstance(value, np.ndarray) else value


# ---------------------------------------------------------------------------------------------
# Initialisation


def check_initialize_parameters(initialize_parameters):
    """Keys, shapes, zero biases, weights N(0, 0.01²) drawn from ``rng``."""
    func = "initialize_parameters"
    parameters = initialize_parameters(3, 2, 1, np.random.default_rng(1))
    _expect_parameters(func, "initialize_parameters(3, 2, 1, rng)", parameters, [3, 2, 1])
    big = initialize_parameters(1000, 40, 30, np.random.default_rng(2))
    _expect_parameters(func, "initialize_parameters(1000, 40, 30, rng)", big, [1000, 40, 30])
    for name, n_prev in (("W1", 1000), ("W2", 40)):
        _check_scale(func, f"{name} of initialize_parameters(1000, 40, 30, rng)", big[name], 0.01, [
            (1.0, "a missing factor 0.01: rng.standard_normal(shape) * 0.01"),
            (1 / math.sqrt(n_prev), "scaling by 1/sqrt(n_x), which is the deep version's rule; "
                                    "the 2-layer network uses the factor 0.01"),
            (0.1, "a factor 0.1 instead of 0.01"),
        ])
    _check_uses_rng(func, lambda rng: initialize_parameters(20, 5, 1, rng)["W1"])


def check_initialize_parameters_deep(initialize_parameters_deep):
    """Keys, shapes, zero biases, weights N(0, 1/n[l-1]) drawn from ``rng``."""
    func = "initialize_parameters_deep"
    parameters = initialize_parameters_deep([5, 4, 3], np.random.default_rng(1))
    _expect_parameters(func, "initialize_parameters_deep([5, 4, 3], rng)", parameters, [5, 4, 3])
    dims = [300, 20, 80, 30]
    big = initialize_parameters_deep(dims, np.random.default_rng(2))
    _expect_parameters(func, f"initialize_parameters_deep({dims}, rng)", big, dims)
    for l in range(1, len(dims)):
        n_prev, n = dims[l - 1], dims[l]
        _check_scale(func, f"W{l} of initialize_parameters_deep({dims}, rng)", big[f"W{l}"], 1 / math.sqrt(n_prev), [
            (0.01, "the factor 0.01 of the 2-layer version; the deep version divides by "
                   "np.sqrt(layer_dims[l - 1])"),
            (1 / math.sqrt(n), f"dividing by the square root of layer_dims[l] ({n}); divide by the size of "
                               f"the previous layer, np.sqrt(layer_dims[l - 1]) ({n_prev})"),
            (math.sqrt(2 / n_prev), "He initialisation sqrt(2 / n[l-1]); this notebook uses 1 / sqrt(n[l-1])"),
            (1 / n_prev, "dividing by layer_dims[l - 1] instead of its square root"),
            (1.0, "no scaling: divide rng.standard_normal(shape) by np.sqrt(layer_dims[l - 1])"),
        ])
    _check_uses_rng(func, lambda rng: initialize_parameters_deep([20, 5, 1], rng)["W1"])


# ---------------------------------------------------------------------------------------------
# Forward propagation


def _expect_linear_cache(func, what, cache, A, W, b):
    items = _expect_tuple(func + f" ({what})", cache, ["A", "W", "b"])
    for name, got, expected in zip(("A", "W", "b"), items, (A, W, b)):
        if not (isinstance(got, np.ndarray) and is_close(got, expected)):
            fail(func, f"{what} should be the tuple (A, W, b) of the inputs, in this order; its entry "
                       f"'{name}' is {describe(got)} and does not match the input {name}.")


def check_linear_forward(linear_forward):
    """Z = W A + b on a (3, 2) input with 2 units, and the cache (A, W, b)."""
    func = "linear_forward"
    Z, cache = _expect_tuple(func, linear_forward(LF_A.copy(), LF_W.copy(), LF_B.copy()), ["Z", "cache"])
    expect_close(func, "Z", Z, LF_Z, mistakes=[(LF_Z_NO_B, "b was not added: Z = np.dot(W, A) + b")])
    _expect_linear_cache(func, "cache", cache, LF_A, LF_W, LF_B)


def check_linear_activation_forward(linear_activation_forward):
    """Both activations on the same input, and the cache ((A_prev, W, b), Z)."""
    func = "linear_activation_forward"
    cases = (("sigmoid", LAF_SIGMOID, LAF_RELU, "relu"), ("relu", LAF_RELU, LAF_SIGMOID, "sigmoid"))
    for activation, expected, other, other_name in cases:
        result = linear_activation_forward(LF_A.copy(), LF_W.copy(), LF_B.copy(), activation)
        A, cache = _expect_tuple(func, result, ["A", "cache"])
        expect_close(func, f"A for activation='{activation}'", A, expected, mistakes=[
            (other, f"{other_name} was applied: for activation == '{activation}' call {activation}(Z)"),
            (LF_Z, "A is Z itself: the activation function was not applied"),
        ])
        linear_cache, activation_cache = _expect_tuple(func, cache, ["linear_cache", "activation_cache"])
        _expect_linear_cache(func, "the linear cache (cache[0])", linear_cache, LF_A, LF_W, LF_B)
        if not (isinstance(activation_cache, np.ndarray) and is_close(activation_cache, LF_Z)):
            fail(func, f"the activation cache (cache[1]) should be Z, the cache that {activation}(Z) returns; "
                       f"got {describe(activation_cache)}.")


def check_L_model_forward(L_model_forward):
    """A 3-layer network [5, 4, 3, 1] on 4 examples: AL and one cache per layer."""
    func = "L_model_forward"
    AL, caches = _expect_tuple(func, L_model_forward(LM_X.copy(), _copy(LM_PARAMETERS)), ["AL", "caches"])
    expect_close(func, "AL", AL, LM_AL, mistakes=[
        (LM_AL_RELU_LAST, "the last layer used relu; the output layer uses sigmoid"),
        (LM_AL_SIGMOID_ALL, "the hidden layers used sigmoid; they use relu, only the last layer sigmoid"),
        (LM_AL_SWAPPED, "the activations are swapped: relu in layers 1 to L-1, sigmoid in layer L"),
    ])
    if not isinstance(caches, (list, tuple)) or len(caches) != 3:
        got = len(caches) if isinstance(caches, (list, tuple)) else describe(caches)
        fail(func, f"caches should be a list of 3 caches (one per layer, L = len(parameters) // 2 = 3), "
                   f"got {got}. Likely cause: the cache of the last layer was not appended, or L was "
                   "taken as len(parameters).")
    for l, cache in enumerate(caches, start=1):
        linear_cache, _ = _expect_tuple(func + f" (caches[{l - 1}])", cache, ["linear_cache", "activation_cache"])
        A_prev = linear_cache[0] if isinstance(linear_cache, (tuple, list)) and linear_cache else None
        W = linear_cache[1] if isinstance(linear_cache, (tuple, list)) and len(linear_cache) > 1 else None
        if not (isinstance(W, np.ndarray) and is_close(W, LM_PARAMETERS[f"W{l}"])):
            fail(func, f"caches[{l - 1}] should be the cache of layer {l}, whose linear cache holds W{l}; "
                       "append the caches in the order of the layers.")
        if l == 1 and not (isinstance(A_prev, np.ndarray) and is_close(A_prev, LM_X)):
            fail(func, "the cache of layer 1 should hold X as A_prev: start the loop with A = X.")


def check_compute_cost(compute_cost):
    """Cross-entropy of four predictions, a single number."""
    func = "compute_cost"
    cost = compute_cost(COST_AL.copy(), COST_Y.copy())
    expect_close(func, "compute_cost(AL, Y)", cost, COST, mistakes=[
        (-COST, "a missing minus sign: J = -(1/m) Σ [y log(a) + (1 - y) log(1 - a)]"),
        (COST * 4, "a missing 1/m: average over the m examples (m = Y.shape[1])"),
        (COST_ONLY_POSITIVE, "only the term y log(a); add (1 - y) log(1 - a)"),
    ])


# ---------------------------------------------------------------------------------------------
# Backward propagation


def _expect_backward(func, what, result, expected, m):
    """Compare (dA_prev, dW, db) with the expected triple, with the usual mistakes of 1/m."""
    dA_prev, dW, db = _expect_tuple(func, result, ["dA_prev", "dW", "db"])
    shapes = [np.shape(e) for e in expected]
    got_shapes = [np.shape(g) for g in (dA_prev, dW, db)]
    if got_shapes != shapes and sorted(map(str, got_shapes)) == sorted(map(str, shapes)):
        fail(func, f"{what}: the three results have shapes {got_shapes}, expected {shapes}: "
                   "return (dA_prev, dW, db) in this order.")
    e_dA, e_dW, e_db = expected
    if isinstance(db, np.ndarray) and db.shape in ((1, m), (m,), (e_db.shape[0],)) and db.shape != e_db.shape:
        fail(func, f"db {what} has shape {db.shape}, expected {e_db.shape}. Likely cause: "
                   + ("a sum over the units (axis=0); " if db.shape != (e_db.shape[0],) else "a rank-1 result; ")
                   + "sum over the examples with np.sum(dZ, axis=1, keepdims=True).")
    expect_close(func, f"dW {what}", dW, e_dW, mistakes=[
        (e_dW * m, "a missing 1/m: dW = (1/m) dZ A_prev^T"),
        (e_dW / m, "dividing by m twice"),
    ])
    expect_close(func, f"db {what}", db, e_db, mistakes=[
        (e_db * m, "a missing 1/m: db = (1/m) Σ dZ over the examples (axis=1, keepdims=True)"),
    ])
    expect_close(func, f"dA_prev {what}", dA_prev, e_dA, mistakes=[
        (e_dA / m, "dA_prev = W^T dZ has no 1/m: only dW and db average over the examples"),
    ])


def check_linear_backward(linear_backward):
    """dA_prev, dW, db of a layer with 5 inputs, 3 units and 4 examples."""
    func = "linear_backward"
    result = linear_backward(LB_DZ.copy(), (LB_A_PREV.copy(), LB_W.copy(), LB_B.copy()))
    _expect_backward(func, "for dZ of shape (3, 4)", result, (LB_DA_PREV, LB_DW, LB_DB), m=4)


def check_linear_activation_backward(linear_activation_backward):
    """Both activations on the same cache ((A_prev, W, b), Z)."""
    func = "linear_activation_backward"
    cache = ((LAB_A_PREV, LAB_W, LAB_B), LAB_Z)
    cases = (("sigmoid", LAB_SIGMOID, LAB_RELU, "relu"), ("relu", LAB_RELU, LAB_SIGMOID, "sigmoid"))
    for activation, expected, other, other_name in cases:
        result = linear_activation_backward(LAB_DA.copy(), _copy(cache), activation)
        triple = _expect_tuple(func, result, ["dA_prev", "dW", "db"])
        if all(is_close(g, o) for g, o in zip(triple, other)):
            fail(func, f"for activation='{activation}' the result is that of {other_name}: call "
                       f"{activation}_backward(dA, activation_cache) when activation == '{activation}'.")
        _expect_backward(func, f"for activation='{activation}'", triple, expected, m=3)


def check_L_model_backward(L_model_backward):
    """Gradients of a 3-layer network [4, 3, 2, 1] on 3 examples, from the last layer down."""
    func = "L_model_backward"
    grads = L_model_backward(LMB_AL.copy(), LMB_Y.copy(), _copy(LMB_CACHES))
    expect_keys(func, "grads", grads, list(LMB_GRADS))
    order = ["dW3", "db3", "dA2", "dW2", "db2", "dA1", "dW1", "db1", "dA0"]
    for key in order:
        expected = LMB_GRADS[key]
        mistakes = [(-expected, "a wrong sign of dAL: dAL = -(Y / AL - (1 - Y) / (1 - AL))")]
        if key == "dW3":
            mistakes.append((LMB_DW3_RELU_LAST, "relu_backward in the last layer; layer L uses sigmoid"))
        if key == "dW1":
            mistakes.append((LMB_DW1_RELU_LAST, "relu_backward in the last layer; layer L uses sigmoid"))
        expect_close(func, f"grads['{key}']", grads[key], expected, mistakes=mistakes)


def check_update_parameters(update_parameters):
    """One gradient step with learning rate 0.1; only the returned parameters are checked.

    Whether the function changes the dictionary and arrays passed in (in place) or builds new
    ones is up to the student: it gets copies, and its result is what counts.
    """
    func = "update_parameters"
    new = update_parameters(_copy(UP_PARAMETERS), _copy(UP_GRADS), 0.1)
    expect_keys(func, "the result", new, list(UP_EXPECTED))
    for key, expected in UP_EXPECTED.items():
        old, step = UP_PARAMETERS[key], UP_GRADS["d" + key]
        expect_close(func, f"the new {key}", new[key], expected, mistakes=[
            (old + 0.1 * step, f"gradient ascent: {key} = {key} - learning_rate * d{key}"),
            (old - step, "learning_rate was not used"),
            (old, f"{key} did not change"),
        ])


# ---------------------------------------------------------------------------------------------
# Models and prediction


def check_predict(predict):
    """Labels 0/1 of shape (1, m) for a [3, 2, 1] network, 1 when the probability is above 0.5."""
    func = "predict"
    p = predict(PREDICT_X.copy(), PREDICT_EXPECTED.copy(), _copy(UP_PARAMETERS))
    got = expect_labels(func, "predict(X, y, parameters)", p, PREDICT_EXPECTED.shape)
    expect_close(func, "predict(X, y, parameters)", got, PREDICT_EXPECTED, mistakes=[
        (1 - PREDICT_EXPECTED, "the labels are flipped: 1 when the probability AL is above 0.5"),
    ])


def _toy_problem():
    """A small learnable problem: 4 features, 12 examples, 5 of them labelled 1.

    The labels are not half 1 and half 0, so even a network whose weights start very small (and
    barely learn at first) lowers its cost by moving the output bias towards the share of 1s.
    """
    X = np.round(np.random.default_rng(0).standard_normal((4, 12)), 2)
    Y = (X[0:1] + X[1:2] > 0).astype(float)
    return X, Y


def _nonfinite_keys(parameters):
    """The keys of ``parameters`` whose value holds a NaN or inf (or is not numbers at all)."""
    bad = []
    for key, value in parameters.items():
        try:
            finite = bool(np.isfinite(np.asarray(value, dtype=np.float64)).all())
        except (TypeError, ValueError):
            finite = False
        if not finite:
            bad.append(key)
    return bad


def _explain_nonfinite(func, run, learning_rate, bad, shown):
    """Fail for a run whose parameters or costs hold NaN or inf, naming the likely cause.

    A run with a learning rate 100 times smaller tells the two usual causes apart: if its cost
    rises, the steps go uphill (and the big steps blew up); if it falls, some computation gives
    NaN or inf.
    """
    where = f"the parameters {bad}" if bad else "the costs"
    gentle = learning_rate / 100
    _, costs = run(3, rate=gentle, iterations=101)
    try:
        first, later = (float(c) for c in costs[:2])
    except (TypeError, ValueError):
        first = later = math.nan
    if math.isfinite(first) and math.isfinite(later) and later > first:
        fail(func, f"the cost did not go down on a small learnable problem: with learning_rate={gentle:g} it rose "
                   f"from {first:.6g} to {later:.6g} in 100 iterations, and with learning_rate={learning_rate} "
                   f"{where} became NaN or inf (costs {shown}). Likely cause: the steps go uphill: a gradient of "
                   "the wrong sign, for example dAL = -(Y / AL - (1 - Y) / (1 - AL)) without its minus sign.")
    fail(func, f"after 250 iterations with learning_rate={learning_rate} {where} hold NaN or inf (costs {shown}). "
               "Likely cause: a computation gave NaN or inf (log of 0, a division by 0, an overflow in exp) or "
               "the training diverged; compare each step of the loop with the formulas of the exercises above.")


def _check_model(func, model, layers_dims, learning_rate):
    """Properties of a training run that the model itself controls.

    How far the cost falls depends on the initialisation, which comes from another function
    (initialize_parameters or initialize_parameters_deep) and is checked there; here the cost
    only has to fall, the results must be finite, and the arguments must be used.
    """
    X, Y = _toy_problem()
    init = "initialize_parameters" if func == "two_layer_model" else "initialize_parameters_deep"

    def run(seed, rate=learning_rate, iterations=250):
        with np.errstate(all="ignore"):  # a diverging run is reported below, not as warnings
            result = model(X.copy(), Y.copy(), layers_dims, learning_rate=rate, num_iterations=iterations,
                           print_cost=False, rng=np.random.default_rng(seed))
        return _expect_tuple(func, result, ["parameters", "costs"])

    parameters, costs = run(3)
    _expect_parameters_shapes(func, parameters, layers_dims)
    if not isinstance(costs, (list, np.ndarray)) or len(costs) != 3:
        got = len(costs) if isinstance(costs, (list, tuple, np.ndarray)) else describe(costs)
        fail(func, f"after 250 iterations costs should hold 3 numbers (iterations 0, 100 and 200), got {got}: "
                   "append the cost when i % 100 == 0.")
    values = [expect_scalar(func, f"costs[{k}]", c) for k, c in enumerate(costs)]
    shown = [round(v, 4) for v in values]
    bad = _nonfinite_keys(parameters)
    if bad or not all(map(math.isfinite, values)):
        _explain_nonfinite(func, run, learning_rate, bad, shown)
    if values[-1] == values[0] and values[1] == values[0]:
        fail(func, f"the cost did not go down on a small learnable problem: it stayed at {values[0]:.6g} "
                   "(costs at iterations 0, 100 and 200). Likely cause: the parameters are not replaced by the "
                   "result of update_parameters (parameters = update_parameters(parameters, grads, learning_rate)).")
    if not values[-1] < values[0]:
        fail(func, f"the cost did not go down on a small learnable problem: it went from {values[0]:.6g} to "
                   f"{values[-1]:.6g} (costs {shown}). Likely cause: the steps go uphill: a gradient of the "
                   "wrong sign, for example dAL = -(Y / AL - (1 - Y) / (1 - AL)) without its minus sign.")
    again, _ = run(3)
    if _nonfinite_keys(again) or not all(is_close(again[k], parameters[k], rtol=0, atol=0) for k in parameters):
        fail(func, "two runs with generators seeded alike gave different parameters: pass the rng argument "
                   f"on to {init} (rng = np.random.default_rng(rng) keeps a generator as it is), and draw there "
                   "only from it (its own check above says whether it does).")
    other, _ = run(4)
    if all(is_close(other[k], parameters[k], rtol=0, atol=0) for k in parameters):
        fail(func, "two runs with generators seeded differently gave the same parameters: initialise with "
                   "the rng argument, not with a generator of a fixed seed (such as the notebook's SEED).")
    slower, _ = run(3, rate=learning_rate / 2)
    if all(is_close(slower[k], parameters[k]) for k in parameters):
        fail(func, "the same parameters for two learning rates: pass learning_rate on to update_parameters.")
    longer, longer_costs = run(3, iterations=120)
    if len(longer_costs) != 2 or all(is_close(longer[k], parameters[k]) for k in parameters):
        fail(func, "num_iterations=120 should run 120 steps and record 2 costs: loop over "
                   "range(num_iterations).")


def _expect_parameters_shapes(func, parameters, layers_dims):
    """The trained parameters: keys W1, b1, ..., WL, bL and their shapes."""
    keys = [f"{p}{l}" for l in range(1, len(layers_dims)) for p in ("W", "b")]
    expect_keys(func, "the returned parameters", parameters, keys)
    for l in range(1, len(layers_dims)):
        expect_array(func, f"parameters['W{l}']", parameters[f"W{l}"], (layers_dims[l], layers_dims[l - 1]))
        expect_array(func, f"parameters['b{l}']", parameters[f"b{l}"], (layers_dims[l], 1))


def check_two_layer_model(two_layer_model):
    """Training a (4, 3, 1) network on a small problem: results, cost record, use of the arguments."""
    _check_model("two_layer_model", two_layer_model, (4, 3, 1), 0.3)


def check_L_layer_model(L_layer_model):
    """Training a [4, 5, 3, 1] network on a small problem: results, cost record, use of the arguments."""
    _check_model("L_layer_model", L_layer_model, [4, 5, 3, 1], 0.1)


explain_stubs(globals())
