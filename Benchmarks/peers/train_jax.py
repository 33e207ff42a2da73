"""`train` peer: NCSN training steps in JAX, one jit-compiled step with optax.adam; samples/s.

The whole step (batch and noise draws, forward, gradient, Adam update) is one jitted
function with the parameters and optimiser state donated. Parameters start from PyTorch's
default initialisation (weights and biases U(±1/√fan_in)). Prints one JSON line: the median
samples/s over --runs timed runs of --steps steps each, after --warmup untimed steps
(which include the compilation), at --threads threads (XLA_FLAGS
--xla_cpu_multi_thread_eigen and intra_op_parallelism_threads, plus the OpenMP/MKL/OpenBLAS
variables; pin the process with taskset as well).
"""

import argparse
import math
import time

import peercommon

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--threads", type=int, default=1)
parser.add_argument("--runs", type=int, default=5)
parser.add_argument("--steps", type=int, default=300, help="timed steps per run")
parser.add_argument("--warmup", type=int, default=50, help="untimed steps first (compiles)")
parser.add_argument("--quick", action="store_true", help="10 steps per run, 1 run, 2 warm-up steps")
args = parser.parse_args()
if args.quick:
    args.runs, args.steps, args.warmup = 1, 10, 2
peercommon.limit_threads(args.threads)

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import optax  # noqa: E402

jax.config.update("jax_platforms", "cpu")
WIDTHS = [(3, 128), (128, 128), (128, 128), (128, 2)]


def initial_parameters(key):
    """PyTorch nn.Linear default: weight and bias U(−1/√fan_in, 1/√fan_in)."""
    parameters = []
    for fan_in, fan_out in WIDTHS:
        key, weight_key, bias_key = jax.random.split(key, 3)
        bound = 1.0 / math.sqrt(fan_in)
        weight = jax.random.uniform(weight_key, (fan_in, fan_out), jnp.float32, -bound, bound)
        bias = jax.random.uniform(bias_key, (fan_out,), jnp.float32, -bound, bound)
        parameters.append((weight, bias))
    return parameters


def network(parameters, x, log_sigma):
    """f(x, log σ) for x of shape (B, 2) and log σ of shape (B, 1)."""
    h = jnp.concatenate((x, log_sigma), axis=1)
    for weight, bias in parameters[:-1]:
        h = jax.nn.silu(h @ weight + bias)
    weight, bias = parameters[-1]
    return h @ weight + bias


def loss_function(parameters, perturbed, sigma, z):
    """½·mean‖σ·s(x̃, σ) + z‖², s = f(x̃, log σ)/σ."""
    score = network(parameters, perturbed, jnp.log(sigma)) / sigma
    return 0.5 * jnp.mean(jnp.sum((sigma * score + z) ** 2, axis=1))


data = jnp.asarray(peercommon.load_points("moons-10k.csv"), dtype=jnp.float32)
levels = jnp.asarray(peercommon.noise_levels(), dtype=jnp.float32)
optimizer = optax.adam(peercommon.LEARNING_RATE, b1=0.9, b2=0.999)


def step(parameters, state, key):
    key, index_key, level_key, noise_key = jax.random.split(key, 4)
    batch = peercommon.BATCH_SIZE
    indices = jax.random.randint(index_key, (batch,), 0, data.shape[0])
    sigma = levels[jax.random.randint(level_key, (batch,), 0, levels.shape[0])][:, None]
    z = jax.random.normal(noise_key, (batch, 2), jnp.float32)
    loss, gradients = jax.value_and_grad(loss_function)(parameters, data[indices] + sigma * z, sigma, z)
    updates, state = optimizer.update(gradients, state, parameters)
    return optax.apply_updates(parameters, updates), state, key, loss


jitted_step = jax.jit(step, donate_argnums=(0, 1))
key = jax.random.PRNGKey(0)
key, init_key = jax.random.split(key)
parameters = initial_parameters(init_key)
state = optimizer.init(parameters)
for _ in range(args.warmup):
    parameters, state, key, loss = jitted_step(parameters, state, key)
loss.block_until_ready()
rates = []
for _ in range(args.runs):
    start = time.perf_counter()
    for _ in range(args.steps):
        parameters, state, key, loss = jitted_step(parameters, state, key)
    loss.block_until_ready()
    seconds = time.perf_counter() - start
    rates.append(peercommon.BATCH_SIZE * args.steps / seconds)
peercommon.emit({
    "workload": "train", "peer": "jax-jit", "optimizer": "optax.adam", "version": jax.__version__,
    "threads": args.threads, "cpus": peercommon.affinity(),
    "batch": peercommon.BATCH_SIZE, "steps_per_run": args.steps,
    "samples_per_second": peercommon.median(rates), "runs": rates,
})
