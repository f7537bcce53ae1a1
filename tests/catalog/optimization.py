"""Mistakes and valid alternatives for the optimization notebook."""

from catalog import Entry


def fn(signature, body):
    """The source of an answer cell: ``def signature:`` with its body."""
    lines = "".join(f"    {line}\n" for line in body.strip("\n").split("\n"))
    return f"def {signature}:\n{lines}"


def batches(body):
    return fn("random_mini_batches(X, Y, mini_batch_size, rng)", body)


def shuffled(tail, order="permutation = rng.permutation(m)", y_order="permutation"):
    """random_mini_batches that shuffles with ``order``, then runs ``tail`` on shuffled_X and shuffled_Y."""
    return batches(f"""
m = X.shape[1]
{order}
shuffled_X = X[:, permutation]
shuffled_Y = Y[:, {y_order}]
mini_batches = []
{tail}
return mini_batches""")


SLICES = """
for k in range(m // mini_batch_size):
    mini_batches.append((shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size],
                         shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]))"""
LAST = """
if m % mini_batch_size != 0:
    mini_batches.append((shuffled_X[:, mini_batch_size * (m // mini_batch_size):],
                         shuffled_Y[:, mini_batch_size * (m // mini_batch_size):]))"""


def velocity(body):
    return fn("initialize_velocity(parameters)", body)


def momentum(v_line="v[d] = beta * v[d] + (1 - beta) * grads[d]", step="parameters[k] = parameters[k] - learning_rate * v[d]",
             layers="range(1, L + 1)"):
    return fn("update_parameters_with_momentum(parameters, grads, v, beta, learning_rate)", f"""
L = len(parameters) // 2
for l in {layers}:
    for k in ("W" + str(l), "b" + str(l)):
        d = "d" + k
        {v_line}
        {step}
return parameters, v""")


def init_adam(body):
    return fn("initialize_adam(parameters)", body)


def adam(v_corrected="v[d] / (1 - beta1 ** t)", s_corrected="s[d] / (1 - beta2 ** t)", s_line="grads[d] ** 2",
         root="np.sqrt(s_c) + epsilon", store=""):
    return fn("update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, "
              "epsilon=1e-8)", f"""
L = len(parameters) // 2
for l in range(1, L + 1):
    for k in ("W" + str(l), "b" + str(l)):
        d = "d" + k
        v[d] = beta1 * v[d] + (1 - beta1) * grads[d]
        s[d] = beta2 * s[d] + (1 - beta2) * {s_line}
        v_c = {v_corrected}
        s_c = {s_corrected}
        parameters[k] = parameters[k] - learning_rate * v_c / ({root})
        {store or "pass"}
return parameters, v, s""")


def lr(body):
    return fn("update_lr(learning_rate0, epoch_num, decay_rate)", body)


def schedule(body, default="1000"):
    return fn(f"schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval={default})", body)


MISTAKES = [
    # random_mini_batches
    Entry("random_mini_batches", "X and Y shuffled with different permutations",
          shuffled(SLICES + LAST, y_order="rng.permutation(m)"), "different permutations"),
    Entry("random_mini_batches", "the last partial batch dropped", shuffled(SLICES), "last, smaller batch is missing"),
    Entry("random_mini_batches", "slices with a stride of 1", shuffled("""
for k in range(math.ceil(m / mini_batch_size)):
    mini_batches.append((shuffled_X[:, k:k + mini_batch_size], shuffled_Y[:, k:k + mini_batch_size]))""",
                                                                      order="import math\npermutation = rng.permutation(m)"),
          "X[:, k:k + size]"),
    Entry("random_mini_batches", "an empty last batch when m divides", shuffled(SLICES + """
mini_batches.append((shuffled_X[:, mini_batch_size * (m // mini_batch_size):],
                     shuffled_Y[:, mini_batch_size * (m // mini_batch_size):]))"""), "an empty last batch"),
    Entry("random_mini_batches", "numpy's global generator",
          shuffled(SLICES + LAST, order="permutation = np.random.permutation(m)"), "np.random.permutation"),
    # initialize_velocity
    Entry("initialize_velocity", "keys named like the parameters", velocity("""
return {key: np.zeros_like(value) for key, value in parameters.items()}"""), "named like the gradients"),
    Entry("initialize_velocity", "the last layer left out", velocity("""
L = len(parameters) // 2
v = {}
for l in range(1, L):
    v["dW" + str(l)] = np.zeros_like(parameters["W" + str(l)])
    v["db" + str(l)] = np.zeros_like(parameters["b" + str(l)])
return v"""), "range(1, L + 1)"),
    Entry("initialize_velocity", "a copy of the parameters", velocity("""
return {"d" + key: value.copy() for key, value in parameters.items()}"""), "starts at zeros"),
    Entry("initialize_velocity", "rank-1 zeros", velocity("""
return {"d" + key: np.zeros(value.shape[0]) for key, value in parameters.items()}"""), "rank-1"),
    # update_parameters_with_momentum
    Entry("update_parameters_with_momentum", "(1 - beta) missing", momentum(v_line="v[d] = beta * v[d] + grads[d]"),
          "(1 - beta) is missing"),
    Entry("update_parameters_with_momentum", "the step with dW instead of v",
          momentum(step="parameters[k] = parameters[k] - learning_rate * grads[d]"), "instead of the velocity v"),
    Entry("update_parameters_with_momentum", "beta and 1 - beta swapped",
          momentum(v_line="v[d] = (1 - beta) * v[d] + beta * grads[d]"), "swapped"),
    Entry("update_parameters_with_momentum", "the last layer not updated", momentum(layers="range(1, L)"),
          "the last layer is not updated"),
    # initialize_adam
    Entry("initialize_adam", "v and s the same dict", init_adam("""
v = {"d" + key: np.zeros_like(value) for key, value in parameters.items()}
return v, v"""), "share their arrays"),
    Entry("initialize_adam", "keys named like the parameters", init_adam("""
v = {key: np.zeros_like(value) for key, value in parameters.items()}
s = {key: np.zeros_like(value) for key, value in parameters.items()}
return v, s"""), "named like the gradients"),
    Entry("initialize_adam", "only v returned", init_adam("""
return {"d" + key: np.zeros_like(value) for key, value in parameters.items()}"""), "tuple (v, s)"),
    # update_parameters_with_adam
    Entry("update_parameters_with_adam", "no bias correction", adam(v_corrected="v[d]", s_corrected="s[d]"),
          "no bias correction"),
    Entry("update_parameters_with_adam", "beta instead of beta ** t",
          adam(v_corrected="v[d] / (1 - beta1)", s_corrected="s[d] / (1 - beta2)"), "1 - beta1 ** t"),
    Entry("update_parameters_with_adam", "t counted from 0",
          adam(v_corrected="v[d] / (1 - beta1 ** (t + 1))", s_corrected="s[d] / (1 - beta2 ** (t + 1))"), "(t + 1)"),
    Entry("update_parameters_with_adam", "epsilon inside the square root", adam(root="np.sqrt(s_c + epsilon)"),
          "epsilon inside the square root"),
    Entry("update_parameters_with_adam", "s from dW, not dW ** 2", adam(s_line="grads[d]"), "instead of its square"),
    Entry("update_parameters_with_adam", "the corrected moments stored",
          adam(store="v[d], s[d] = v_c, s_c"), "v_corrected was stored in v"),
    # update_lr
    Entry("update_lr", "(1 + decay_rate) * epoch_num", lr("return learning_rate0 / (1 + decay_rate) * epoch_num"),
          "whole 1 + decay_rate"),
    Entry("update_lr", "brackets missing", lr("return learning_rate0 / 1 + decay_rate * epoch_num"),
          "brackets are missing"),
    Entry("update_lr", "an exponential decay", lr("return learning_rate0 * decay_rate ** epoch_num"),
          "exponential decay"),
    # schedule_lr_decay
    Entry("schedule_lr_decay", "not floored",
          schedule("return learning_rate0 / (1 + decay_rate * epoch_num / time_interval)"), "not rounded down"),
    Entry("schedule_lr_decay", "epoch_num in the wrong place",
          schedule("return learning_rate0 / (1 + decay_rate * epoch_num)"), "time_interval left out"),
    Entry("schedule_lr_decay", "rounded instead of floored",
          schedule("return learning_rate0 / (1 + decay_rate * np.round(epoch_num / time_interval))"), "np.round"),
    Entry("schedule_lr_decay", "a default interval of 100",
          schedule("return learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))", default="100"),
          "default of time_interval"),
]

VALID = [
    Entry("random_mini_batches", "rng.shuffle of indices and a while loop", batches("""
m = X.shape[1]
indices = np.arange(m)
rng.shuffle(indices)
mini_batches, start = [], 0
while start < m:
    chosen = indices[start:start + mini_batch_size]
    mini_batches.append((X[:, chosen], Y[:, chosen]))
    start += mini_batch_size
return mini_batches""")),
    Entry("random_mini_batches", "rng.choice without replacement, np.array_split", batches("""
m = X.shape[1]
order = rng.choice(m, size=m, replace=False)
cuts = list(range(mini_batch_size, m, mini_batch_size))
return list(zip(np.split(X[:, order], cuts, axis=1), np.split(Y[:, order], cuts, axis=1)))""")),
    Entry("initialize_velocity", "a dict comprehension", velocity("""
return {"d" + key: np.zeros(value.shape) for key, value in parameters.items()}""")),
    Entry("update_parameters_with_momentum", "new dicts, in-place-free", fn(
        "update_parameters_with_momentum(parameters, grads, v, beta, learning_rate)", """
new_v = {d: beta * v[d] + (1 - beta) * grads[d] for d in v}
return {k: p - learning_rate * new_v["d" + k] for k, p in parameters.items()}, new_v""")),
    Entry("initialize_adam", "two calls of a helper", init_adam("""
zeros = lambda: {"d" + key: np.zeros_like(value) for key, value in parameters.items()}
return zeros(), zeros()""")),
    Entry("update_parameters_with_adam", "in-place operators on copies", fn(
        "update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, "
        "epsilon=1e-8)", """
parameters = {k: p.copy() for k, p in parameters.items()}
v = {d: x.copy() for d, x in v.items()}
s = {d: x.copy() for d, x in s.items()}
for k in parameters:
    d = "d" + k
    v[d] *= beta1
    v[d] += (1 - beta1) * grads[d]
    s[d] *= beta2
    s[d] += (1 - beta2) * np.square(grads[d])
    parameters[k] -= learning_rate * (v[d] / (1 - beta1 ** t)) / (np.sqrt(s[d] / (1 - beta2 ** t)) + epsilon)
return parameters, v, s""")),
    Entry("schedule_lr_decay", "integer division", schedule(
        "return learning_rate0 / (1 + decay_rate * (epoch_num // time_interval))")),
    Entry("update_lr", "as a product", lr("return learning_rate0 * (1.0 / (1.0 + decay_rate * epoch_num))")),
]

# A wrong momentum must not cost Adam's points, nor the decay's.
INDEPENDENT = [
    Entry("update_parameters_with_momentum", "(1 - beta) missing", momentum(v_line="v[d] = beta * v[d] + grads[d]"),
          keeps=("initialize_adam_tests", "update_parameters_with_adam_tests", "update_lr_tests")),
    Entry("initialize_velocity", "keys named like the parameters", velocity("""
return {key: np.zeros_like(value) for key, value in parameters.items()}"""), keeps=("initialize_adam_tests",)),
]
