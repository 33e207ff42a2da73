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

    Flags already in XLA_FLAGS (such as --xla_cpu_max_isa) are kept.

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
    earlier = os.environ.get("XLA_FLAGS", "")
    os.environ["XLA_FLAGS"] = (
        f"{earlier} --xla_cpu_multi_thread_eigen={multi} intra_op_parallelism_threads={threads}"
    ).strip()


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


def usage_error(message):
    """Prints `message` on stderr and exits 64 (EX_USAGE)."""
    sys.stderr.write(f"error: {message}\n")
    sys.exit(64)


def read_points_csv(path):
    """The x,y rows of a CSV file with a header line, as float64 (N, 2); exits 66/65 on failure."""
    import numpy

    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except OSError as error:
        sys.stderr.write(f"error: cannot read {path}: {error.strerror}\n")
        sys.exit(66)
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.split(",")
        try:
            if len(fields) < 2:
                raise ValueError
            x, y = float(fields[0]), float(fields[1])
        except ValueError:
            sys.stderr.write(f"error: {path}:{number}: expected two numbers x,y, got {line[:60]!r}\n")
            sys.exit(65)
        if not (numpy.isfinite(x) and numpy.isfinite(y)):
            sys.stderr.write(f"error: {path}:{number}: values must be finite\n")
            sys.exit(65)
        rows.append((x, y))
    if not rows:
        sys.stderr.write(f"error: {path}: no points after the header line\n")
        sys.exit(65)
    return numpy.array(rows, dtype=numpy.float64)


def write_csv_atomically(path, header, rows):
    """Writes `rows` under `header` through a temporary file and a rename; exits 73 on failure."""
    folder = os.path.dirname(os.path.abspath(path))
    temporary = os.path.join(folder, f".{os.path.basename(path)}.{os.getpid()}.tmp")
    try:
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(header + "\n")
            for row in rows:
                handle.write(",".join(repr(float(value)) for value in row) + "\n")
        os.replace(temporary, path)
    except OSError as error:
        if os.path.exists(temporary):
            os.remove(temporary)
        sys.stderr.write(f"error: cannot write {path}: {error.strerror}\n")
        sys.exit(73)
