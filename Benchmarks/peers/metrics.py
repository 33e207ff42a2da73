"""The `quality` metrics of WORKLOADS.md in numpy float64: energy distance and sliced W2.

Energy distance √(2A − B − C): A, B, C the mean Euclidean distances over all ordered pairs
(across the sets, within x including i = i′, within y). Sliced W2: the square root of the
mean over K = 256 directions tₖ = (cos πk/K, sin πk/K) of the exact 1-D W2² of the
projections, W2² = ∫₀¹ (F_a⁻¹(u) − F_b⁻¹(u))² du with the empirical quantile functions.
"""

import numpy


def mean_distance(x, y, chunk=512):
    """The mean of ‖xᵢ − yⱼ‖ over all ordered pairs (i, j)."""
    total = 0.0
    for start in range(0, x.shape[0], chunk):
        block = x[start:start + chunk]
        dx = block[:, 0:1] - y[None, :, 0]
        dy = block[:, 1:2] - y[None, :, 1]
        total += numpy.sqrt(dx * dx + dy * dy).sum()
    return total / (x.shape[0] * y.shape[0])


def energy_distance(x, y):
    """√(2A − B − C) for point sets of shape (n, 2) and (m, 2)."""
    x = numpy.asarray(x, dtype=numpy.float64)
    y = numpy.asarray(y, dtype=numpy.float64)
    value = 2 * mean_distance(x, y) - mean_distance(x, x) - mean_distance(y, y)
    return float(numpy.sqrt(max(value, 0.0)))


def squared_wasserstein_1d(a, b):
    """Exact W2² between two 1-D empirical distributions (any sizes)."""
    a = numpy.sort(a)
    b = numpy.sort(b)
    n, m = a.size, b.size
    if n == m:
        return float(numpy.mean((a - b) ** 2))
    breakpoints = numpy.union1d(numpy.arange(1, n + 1) / n, numpy.arange(1, m + 1) / m)
    widths = numpy.diff(numpy.concatenate(([0.0], breakpoints)))
    middles = breakpoints - widths / 2
    quantile_a = a[numpy.minimum((middles * n).astype(numpy.int64), n - 1)]
    quantile_b = b[numpy.minimum((middles * m).astype(numpy.int64), m - 1)]
    return float(numpy.sum(widths * (quantile_a - quantile_b) ** 2))


def sliced_wasserstein(x, y, directions=256):
    """√(mean over k of W2²(tₖ·x, tₖ·y)), tₖ = (cos πk/K, sin πk/K), k = 0 … K − 1."""
    x = numpy.asarray(x, dtype=numpy.float64)
    y = numpy.asarray(y, dtype=numpy.float64)
    total = 0.0
    for k in range(directions):
        angle = numpy.pi * k / directions
        t = numpy.array([numpy.cos(angle), numpy.sin(angle)])
        total += squared_wasserstein_1d(x @ t, y @ t)
    return float(numpy.sqrt(total / directions))
