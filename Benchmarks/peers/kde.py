"""`kde-grid` and `kde-score` peers: numpy brute force, scipy gaussian_kde, KDEpy FFTKDE.

WORKLOADS.md: isotropic kernel K_h(u) = exp(−‖u‖²/(2h²))/(2πh²), h = σ̂·N^(−1/6) with
σ̂ = √((s_x² + s_y²)/2) (sample variances, divisor N − 1); box = bounding box padded by 3h;
`grid` evaluates the density at the centres of a 240×160 tiling of the box, `score` the exact
score ∇log p_h = Σ wᵢ(xᵢ − x)/(h² Σ wᵢ) at the centres of a 60×20 tiling.

Methods: `numpy` (float64 brute force in chunks: the exact reference), `scipy`
(gaussian_kde with its covariance set to h²I), `kdepy` (FFTKDE evaluated directly on the
cell centres, which form an equidistant grid containing the data) for `grid`; `numpy`
(closed form with a per-arrow maximum subtracted before exp) for `score`. Prints one JSON
line: median milliseconds over --runs runs (after one untimed warm-up unless --no-warmup)
and, for `grid`, the largest relative error against the numpy brute force where
p > 1e-3·max p (the reference is cached in --cache).
"""

import argparse
import os
import time

import peercommon

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--task", choices=("grid", "score"), required=True)
parser.add_argument("--method", choices=("numpy", "scipy", "kdepy"), required=True)
parser.add_argument("--points", default="moons-10k.csv")
parser.add_argument("--runs", type=int, default=3)
parser.add_argument("--no-warmup", action="store_true")
parser.add_argument("--threads", type=int, default=1)
parser.add_argument("--cache", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "scoreviz-peers-cache"))
args = parser.parse_args()
peercommon.limit_threads(args.threads)

import numpy  # noqa: E402

if args.method == "scipy":
    from scipy import linalg
    from scipy.stats import gaussian_kde
elif args.method == "kdepy":
    from KDEpy import FFTKDE

GRID_COLUMNS, GRID_ROWS = 240, 160
ARROW_COLUMNS, ARROW_ROWS = 60, 20
points = peercommon.load_points(args.points)
count = points.shape[0]
spread = numpy.sqrt((numpy.var(points[:, 0], ddof=1) + numpy.var(points[:, 1], ddof=1)) / 2)
h = float(spread * count ** (-1.0 / 6.0))
low = points.min(axis=0) - 3 * h
high = points.max(axis=0) + 3 * h


def cell_centres(columns, rows):
    """Axis coordinates of the cell centres: x_j = x_lo + (j + ½)·(x_hi − x_lo)/columns."""
    xs = low[0] + (numpy.arange(columns) + 0.5) * (high[0] - low[0]) / columns
    ys = low[1] + (numpy.arange(rows) + 0.5) * (high[1] - low[1]) / rows
    return xs, ys


def as_points(xs, ys):
    """All (x, y) pairs, x varying slowest (the order KDEpy expects for a grid)."""
    return numpy.stack(numpy.meshgrid(xs, ys, indexing="ij"), axis=-1).reshape(-1, 2)


def brute_force_density(at):
    """Σᵢ K_h(x − xᵢ)/N in float64, in chunks of grid points."""
    chunk = max(1, 1_000_000 // count)
    out = numpy.empty(at.shape[0])
    scale = -0.5 / (h * h)
    px, py = points[:, 0], points[:, 1]
    for start in range(0, at.shape[0], chunk):
        block = at[start:start + chunk]
        dx = block[:, 0:1] - px
        dy = block[:, 1:2] - py
        dx *= dx
        dy *= dy
        dx += dy
        dx *= scale
        numpy.exp(dx, out=dx)
        out[start:start + chunk] = dx.sum(axis=1)
    return out / (count * 2 * numpy.pi * h * h)


def closed_form_score(at):
    """Σ wᵢ(xᵢ − x)/(h² Σ wᵢ), wᵢ = exp(−‖x − xᵢ‖²/2h² − max) in float64, in chunks of arrows."""
    chunk = max(1, 1_000_000 // count)
    out = numpy.empty_like(at)
    scale = -0.5 / (h * h)
    px, py = points[:, 0], points[:, 1]
    for start in range(0, at.shape[0], chunk):
        block = at[start:start + chunk]
        dx = px - block[:, 0:1]
        dy = py - block[:, 1:2]
        exponent = (dx * dx + dy * dy) * scale
        exponent -= exponent.max(axis=1, keepdims=True)
        weights = numpy.exp(exponent)
        total = weights.sum(axis=1)
        out[start:start + chunk, 0] = (weights * dx).sum(axis=1) / total
        out[start:start + chunk, 1] = (weights * dy).sum(axis=1) / total
    return out / (h * h)


def scipy_density(at):
    class IsotropicKDE(gaussian_kde):
        """gaussian_kde whose kernel covariance is h²I instead of factor²·(data covariance)."""

        def _compute_covariance(self):
            self.factor = h
            self.covariance = numpy.eye(2) * h * h
            self.cho_cov = linalg.cholesky(self.covariance, lower=True).astype(numpy.float64)
            self.log_det = 2 * numpy.log(numpy.diag(self.cho_cov * numpy.sqrt(2 * numpy.pi))).sum()

    return IsotropicKDE(points.T)(at.T)


def kdepy_density(xs, ys):
    return FFTKDE(kernel="gaussian", bw=h).fit(points).evaluate(as_points(xs, ys))


def reference_grid(at):
    os.makedirs(args.cache, exist_ok=True)
    path = os.path.join(args.cache, f"density-{args.points}-{count}.npy")
    if os.path.exists(path):
        return numpy.load(path)
    values = brute_force_density(at)
    numpy.save(path, values)
    return values


def timed(body):
    if not args.no_warmup:
        body()
    times, result = [], None
    for _ in range(args.runs):
        start = time.perf_counter()
        result = body()
        times.append(time.perf_counter() - start)
    return result, times


record = {"workload": f"kde-{args.task}", "peer": args.method, "points": count, "bandwidth": h}
if args.task == "grid":
    xs, ys = cell_centres(GRID_COLUMNS, GRID_ROWS)
    at = as_points(xs, ys)
    if args.method == "numpy":
        values, times = timed(lambda: brute_force_density(at))
        reference = reference_grid(at)
    elif args.method == "scipy":
        values, times = timed(lambda: scipy_density(at))
        reference = reference_grid(at)
    else:
        values, times = timed(lambda: kdepy_density(xs, ys))
        reference = reference_grid(at)
    checked = reference > 1e-3 * reference.max()
    record["max_relative_error"] = float(numpy.max(numpy.abs(values[checked] - reference[checked]) / reference[checked]))
    record["cells_checked"] = int(checked.sum())
else:
    if args.method != "numpy":
        parser.error("only --method numpy offers the score")
    xs, ys = cell_centres(ARROW_COLUMNS, ARROW_ROWS)
    at = as_points(xs, ys)
    values, times = timed(lambda: closed_form_score(at))
record["ms"] = 1e3 * peercommon.median(times)
record["runs_ms"] = [1e3 * t for t in times]
record["threads"] = args.threads
record["cpus"] = peercommon.affinity()
if args.method == "kdepy":
    import KDEpy

    record["version"] = KDEpy.__version__
elif args.method == "scipy":
    import scipy

    record["version"] = scipy.__version__
else:
    record["version"] = numpy.__version__
    from threadpoolctl import threadpool_info

    record["blas"] = [
        {key: info.get(key) for key in ("internal_api", "architecture", "num_threads")} for info in threadpool_info()
    ]
peercommon.emit(record)
