"""The optimization notebook's checks: realistic wrong answers are caught and named, right ones pass."""

import functools
import math

import numpy as np
import pytest

from dlhelpers.checks import optimization as checks
from helpers import check_fails

_fails = check_fails


# random_mini_batches


def _mini_batches(X, Y, size, rng, *, draw="permutation", same_order=True, last=True, empty=False, stride=None,
                  shuffle=True):
    """Shuffle-then-slice, with switches for the mistakes the check names."""
    m = X.shape[1]
    if draw == "permutation":
        order = rng.permutation(m)
    elif draw == "shuffle":
        order = np.arange(m)
        rng.shuffle(order)
    elif draw == "choice":
        order = rng.choice(m, m, replace=False)
    elif draw == "global":
        order = np.random.permutation(m)
    else:
        order = np.random.default_rng(0).permutation(m)
    if not shuffle:
        order = np.arange(m)
    X_shuffled = X[:, order]
    Y_shuffled = Y[:, order if same_order else rng.permutation(m)]
    batches = []
    for k in range(m // size):
        start = k * (stride or size)
        batches.append((X_shuffled[:, start:start + size], Y_shuffled[:, start:start + size]))
    if last and (m % size or empty):
        start = size * (m // size)
        batches.append((X_shuffled[:, start:], Y_shuffled[:, start:]))
    return batches


def _in_place(X, Y, size, rng):
    order = rng.permutation(X.shape[1])
    X[:] = X[:, order]
    Y[:] = Y[:, order]
    return [(X[:, k:k + size], Y[:, k:k + size]) for k in range(0, X.shape[1], size)]


@pytest.mark.parametrize("draw", ["permutation", "shuffle", "choice"])
def test_check_random_mini_batches_accepts_any_way_of_drawing_the_order(draw):
    checks.check_random_mini_batches(functools.partial(_mini_batches, draw=draw))


@pytest.mark.parametrize("mistake, phrases", [
    ({"same_order": False}, ("labels no longer match", "different permutations")),
    ({"last": False}, ("sizes [64, 64], expected [64, 64, 20]", "last, smaller batch is missing")),
    ({"empty": True}, ("an empty last batch",)),
    ({"stride": 1}, ("appear in two batches", "X[:, k:k + size]")),
    ({"shuffle": False}, ("nothing was shuffled",)),
    ({"draw": "global"}, ("np.random.permutation",)),
    ({"draw": "fixed"}, ("generator or seed made inside",)),
])
def test_check_random_mini_batches_names_the_usual_mistakes(mistake, phrases):
    _fails(checks.check_random_mini_batches, functools.partial(_mini_batches, **mistake), *phrases)


def test_check_random_mini_batches_names_in_place_shuffles_and_rank_one_batches():
    _fails(checks.check_random_mini_batches, _in_place, "in place")
    _fails(checks.check_random_mini_batches,
           lambda X, Y, size, rng: [(b[0], b[1].ravel()) for b in _mini_batches(X, Y, size, rng)], "rank 1")
    _fails(checks.check_random_mini_batches,
           lambda X, Y, size, rng: [b[0] for b in _mini_batches(X, Y, size, rng)], "pair (mini_batch_X, mini_batch_Y)")


# initialize_velocity and initialize_adam


def _zeros(parameters, *, keys="d", last=True):
    L = len(parameters) // 2
    return {f"{keys}{name}{l}": np.zeros_like(parameters[f"{name}{l}"]) for l in range(1, L + 1 if last else L)
            for name in ("W", "b")}


def test_check_initialize_velocity_accepts_zeros_and_names_the_usual_mistakes():
    checks.check_initialize_velocity(_zeros)
    _fails(checks.check_initialize_velocity, functools.partial(_zeros, keys=""), "named like the gradients")
    _fails(checks.check_initialize_velocity, functools.partial(_zeros, last=False), "range(1, L + 1)")
    _fails(checks.check_initialize_velocity, lambda p: {"d" + k: x.copy() for k, x in p.items()}, "starts at zeros")
    _fails(checks.check_initialize_velocity, lambda p: {"d" + k: np.zeros(x.shape[0]) for k, x in p.items()},
           "rank-1")


def test_check_initialize_adam_accepts_two_dicts_and_names_shared_arrays():
    checks.check_initialize_adam(lambda p: (_zeros(p), _zeros(p)))

    def shared(parameters):
        v = _zeros(parameters)
        return v, v

    _fails(checks.check_initialize_adam, shared, "share their arrays")
    _fails(checks.check_initialize_adam, _zeros, "tuple (v, s)")
    _fails(checks.check_initialize_adam, lambda p: (_zeros(p), _zeros(p, keys="")), "named like the gradients")


# the updates


def _momentum(parameters, grads, v, beta, learning_rate, *, one_minus=True, use_v=True, new_dicts=False,
              layers=None):
    parameters, v = (dict(parameters), dict(v)) if new_dicts else (parameters, v)
    L = layers or len(parameters) // 2
    for l in range(1, L + 1):
        for name in ("W", "b"):
            key = f"{name}{l}"
            v["d" + key] = beta * v["d" + key] + ((1 - beta) if one_minus else 1) * grads["d" + key]
            parameters[key] = parameters[key] - learning_rate * (v["d" + key] if use_v else grads["d" + key])
    return parameters, v


def test_check_momentum_accepts_in_place_and_new_dicts():
    checks.check_update_parameters_with_momentum(_momentum)
    checks.check_update_parameters_with_momentum(functools.partial(_momentum, new_dicts=True))


@pytest.mark.parametrize("mistake, phrase", [
    ({"one_minus": False}, "(1 - beta) is missing"), ({"use_v": False}, "instead of the velocity v"),
    ({"layers": 1}, "the last layer is not updated"),
])
def test_check_momentum_names_the_usual_mistakes(mistake, phrase):
    _fails(checks.check_update_parameters_with_momentum, functools.partial(_momentum, **mistake), phrase)


def test_check_momentum_names_a_missing_return_value():
    _fails(checks.check_update_parameters_with_momentum, lambda *args: _momentum(*args)[0], "tuple (parameters, v)")


def _adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8, *, correct=True,
          power=True, shift=0, inside=False, square=True, store=False, five=False):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for name in ("W", "b"):
            key = "d" + name + str(l)
            v[key] = beta1 * v[key] + (1 - beta1) * grads[key]
            s[key] = beta2 * s[key] + (1 - beta2) * (grads[key] ** 2 if square else grads[key])
            t_used = t + shift
            v_corrected[key] = v[key] / (1 - (beta1 ** t_used if power else beta1)) if correct else v[key]
            s_corrected[key] = s[key] / (1 - (beta2 ** t_used if power else beta2)) if correct else s[key]
            root = np.sqrt(s_corrected[key] + epsilon) if inside else np.sqrt(s_corrected[key]) + epsilon
            parameters[name + str(l)] = parameters[name + str(l)] - learning_rate * v_corrected[key] / root
            if store:
                v[key], s[key] = v_corrected[key], s_corrected[key]
    return (parameters, v, s, v_corrected, s_corrected) if five else (parameters, v, s)


def test_check_adam_accepts_the_update():
    checks.check_update_parameters_with_adam(_adam)


@pytest.mark.parametrize("mistake, phrase", [
    ({"correct": False}, "no bias correction"), ({"power": False}, "1 - beta1 ** t"), ({"shift": 1}, "(t + 1)"),
    ({"inside": True}, "epsilon inside the square root"), ({"square": False}, "instead of its square"),
    ({"store": True}, "v_corrected was stored in v"), ({"five": True}, "returned 5 values"),
])
def test_check_adam_names_the_usual_mistakes(mistake, phrase):
    _fails(checks.check_update_parameters_with_adam, functools.partial(_adam, **mistake), phrase)


# learning-rate decay


def test_check_update_lr_accepts_the_formula_and_names_the_usual_mistakes():
    checks.check_update_lr(lambda rate0, epoch, decay: rate0 / (1 + decay * epoch))
    checks.check_update_lr(lambda rate0, epoch, decay: np.float64(rate0) * 1 / (1 + decay * epoch))
    _fails(checks.check_update_lr, lambda rate0, epoch, decay: rate0 / (1 + decay) * epoch, "whole 1 + decay_rate")
    _fails(checks.check_update_lr, lambda rate0, epoch, decay: rate0 / 1 + decay * epoch, "brackets are missing")
    _fails(checks.check_update_lr, lambda rate0, epoch, decay: rate0 * decay ** epoch, "exponential decay")


def test_check_schedule_lr_decay_accepts_floor_and_integer_division():
    checks.check_schedule_lr_decay(lambda r, e, d, time_interval=1000: r / (1 + d * np.floor(e / time_interval)))
    checks.check_schedule_lr_decay(lambda r, e, d, time_interval=1000: r / (1 + d * (e // time_interval)))
    checks.check_schedule_lr_decay(lambda r, e, d, time_interval=1000: r / (1 + d * math.floor(e / time_interval)))


@pytest.mark.parametrize("wrong, phrase", [
    (lambda r, e, d, time_interval=1000: r / (1 + d * e / time_interval), "not rounded down"),
    (lambda r, e, d, time_interval=1000: r / (1 + d * round(e / time_interval)), "np.round or np.ceil"),
    (lambda r, e, d, time_interval=1000: r / (1 + d * e), "time_interval left out"),
    (lambda r, e, d, time_interval=1000: r / (1 + d) * np.floor(e / time_interval), "brackets are missing"),
    (lambda r, e, d, time_interval=100: r / (1 + d * np.floor(e / time_interval)),
     "default of time_interval is not 1000"),
])
def test_check_schedule_lr_decay_names_the_usual_mistakes(wrong, phrase):
    _fails(checks.check_schedule_lr_decay, wrong, phrase)
