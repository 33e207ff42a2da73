"""`likelihood` peer: log p by the probability-flow ODE (MATH.md §6) in PyTorch eager.

Each point of --at (CSV x,y in data units; default WORKLOADS.md's moons-heldout-5k.csv, the
first --points rows) is standardised with the model's own mean and scale and carried from
σ_min up to σ_max by Heun's method over Karras' σ steps (ρ = 7, --steps steps, every one
second order: 2·steps NFE), the divergence by the exact 2-D trace from two
torch.autograd.grad passes per evaluation; the end density is N(0, (1+σ_max²)I). The
log-density in data units adds −log(scale_x·scale_y). Prints one JSON line: the median
seconds over --runs runs after an untimed two-step warm-up, the NFE and the mean
log-density; --output writes x,y,log_density per point (data units).
"""

import argparse
import time

import peercommon

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.error = peercommon.usage_error
parser.add_argument("--model", help="scoreviz model file (.safetensors); default: a fresh network")
parser.add_argument("--seed", type=int, default=0, help="initialisation seed without --model (default 0)")
parser.add_argument("--at", help="CSV x,y of the points (data units); default moons-heldout-5k.csv")
parser.add_argument("--points", type=int, help="use the first N points only, 1…1,000,000 (default all)")
parser.add_argument("--process", choices=("ve", "vp"), default="ve")
parser.add_argument("--steps", type=int, default=160, help="Heun steps, 1…10,000 (default 160)")
parser.add_argument("--sigma-max", type=float, help="default: the model's largest σ (5 without --model)")
parser.add_argument("--sigma-min", type=float, help="default: the model's smallest σ (0.01 without --model)")
parser.add_argument("--threads", type=int, default=1, choices=(1, 2))
parser.add_argument("--omp-wait-policy", choices=("ACTIVE", "PASSIVE"), help="OMP_WAIT_POLICY (default: unset)")
parser.add_argument("--runs", type=int, default=1, help="timed runs, 1…100 (default 1)")
parser.add_argument("--output", help="write x,y,log_density per point here (CSV, data units)")
args = parser.parse_args()
for name, value, low, high in (("--steps", args.steps, 1, 10_000), ("--runs", args.runs, 1, 100)):
    if not low <= value <= high:
        peercommon.usage_error(f"{name} must be in {low}…{high}, got {value}")
if args.points is not None and not 1 <= args.points <= 1_000_000:
    peercommon.usage_error(f"--points must be in 1…1,000,000, got {args.points}")
peercommon.limit_threads(args.threads, args.omp_wait_policy)
at = args.at or peercommon.data_path("moons-heldout-5k.csv")
points = peercommon.read_points_csv(at)
if args.points is not None:
    if args.points > points.shape[0]:
        peercommon.usage_error(f"--points {args.points}: {at} has only {points.shape[0]} points")
    points = points[:args.points]

import torch  # noqa: E402

import torchdiffusion  # noqa: E402

torch.set_num_threads(args.threads)
torch.set_num_interop_threads(1)
setup = torchdiffusion.ModelSetup(args.model, args.seed, args.sigma_max, args.sigma_min)
standardised = setup.standardise(points)


def run(steps):
    """Log-densities (standardised units), NFE and seconds of one run with `steps` steps."""
    levels = list(reversed(torchdiffusion.karras_sigmas(setup.sigma_max, setup.sigma_min, steps + 1)))
    field = setup.field(args.process)
    began = time.perf_counter()
    values, evaluations = torchdiffusion.log_likelihood(field, levels, standardised)
    return values, evaluations, time.perf_counter() - began


run(2)
times = []
for _ in range(args.runs):
    values, evaluations, seconds = run(args.steps)
    times.append(seconds)
in_data_units = values.double() + setup.log_jacobian()
record = {
    "workload": "likelihood", "peer": "pytorch-eager", "version": torch.__version__,
    "threads": args.threads, "omp_wait_policy": args.omp_wait_policy, "torch_threads": torch.get_num_threads(),
    "cpus": peercommon.affinity(), "model": args.model, "at": at, "points": int(points.shape[0]),
    "process": args.process, "steps": args.steps, "nfe": evaluations,
    "sigma_max": setup.sigma_max, "sigma_min": setup.sigma_min,
    "seconds": peercommon.median(times), "runs": times,
    "mean_log_density": float(in_data_units.mean()),
    "mean_log_density_standardised": float(values.double().mean()),
    "finite": bool(torch.isfinite(in_data_units).all()),
}
if args.output:
    rows = [(x, y, value) for (x, y), value in zip(points.tolist(), in_data_units.tolist())]
    peercommon.write_csv_atomically(args.output, "x,y,log_density", rows)
peercommon.emit(record)
