"""Shared pieces of the peer programs: thread settings, data files, the noise ladder, output.

Import this module before numpy, torch or jax, and call `limit_threads` before importing
them: the thread-count environment variables are read when those libraries load.
"""

import json
import os
import statistics
import sys

DATA_FOLDER = os.environ.get(
    "SCOREVIZ_BENCH_DATA",
    os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "bench", "data")),
)

NOISE_LEVEL_COUNT = 10
LARGEST_NOISE_LEVEL = 1.0
SMALLEST_NOISE_LEVEL = 0.01
LANGEVIN_EPSILON = 2e-5
LANGEVIN_STEPS_PER_LEVEL = 100
BATCH_SIZE = 256
LEARNING_RATE = 1e-3


def limit_threads(threads, omp_wait_policy=None):
    """Sets the OpenMP, MKL, OpenBLAS and XLA thread counts to `threads` for this process.

    `omp_wait_policy` (ACTIVE or PASSIVE), when given, sets OMP_WAIT_POLICY: with PASSIVE an
    idle OpenMP thread sleeps instead of spinning, which matters when another process
    competes for the same cores.
    """
    if omp_wait_policy:
        os.environ["OMP_WAIT_POLICY"] = omp_wait_policy
    count = str(threads)
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
        os.environ[name] = count
    multi = "true" if threads > 1 else "false"
    os.environ["XLA_FLAGS"] = (
        f"--xla_cpu_multi_thread_eigen={multi} intra_op_parallelism_threads={threads}"
    )


def data_path(name):
    """The path of a WORKLOADS.md data file such as `moons-10k.csv`."""
    return os.path.join(DATA_FOLDER, name)


def load_points(name):
    """The points of a data file as a float64 array of shape (N, 2)."""
    import numpy

    return numpy.loadtxt(data_path(name), delimiter=",", skiprows=1, dtype=numpy.float64)


def noise_levels():
    """The geometric ladder σ₁ = 1.0 … σ_L = 0.01, L = 10, as Python floats."""
    ratio = (SMALLEST_NOISE_LEVEL / LARGEST_NOISE_LEVEL) ** (1.0 / (NOISE_LEVEL_COUNT - 1))
    return [LARGEST_NOISE_LEVEL * ratio**i for i in range(NOISE_LEVEL_COUNT)]


def median(values):
    """The median of a non-empty list of numbers."""
    return statistics.median(values)


def emit(record):
    """Prints `record` as one JSON line on stdout."""
    sys.stdout.write(json.dumps(record) + "\n")
    sys.stdout.flush()


def affinity():
    """The CPUs this process may run on, as a sorted list."""
    return sorted(os.sched_getaffinity(0))
