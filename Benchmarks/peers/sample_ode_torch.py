"""`sample-ode` peer: the SDE and ODE samplers of MATH.md §6 in PyTorch eager (torchdiffusion).

Particles start from N(0, (1+σ_max²)I) in the network's standardised coordinates and walk
Karras' σ steps (ρ = 7, --steps + 1 values) down to σ_min. The network is a scoreviz model
file (--model; σ range and standardisation from its metadata) or a fresh one from --seed (the
cost does not depend on the weights). Prints one JSON line: the median seconds over --runs
runs after an untimed two-step warm-up, the NFE (one batched network call is one), and with
--reference the energy distance of the samples (data units) to that CSV file's points.
"""

import argparse
import time

import peercommon

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.error = peercommon.usage_error
parser.add_argument("--model", help="scoreviz model file (.safetensors); default: a fresh network")
parser.add_argument("--seed", type=int, default=0, help="initialisation seed without --model (default 0)")
parser.add_argument("--sample-seed", type=int, default=1, help="seed of the start and the noise (default 1)")
parser.add_argument("--process", choices=("ve", "vp"), default="ve")
parser.add_argument("--sampler", choices=("sde", "pc", "ode", "heun"), default="heun")
parser.add_argument("--steps", type=int, default=50, help="σ steps, 1…10,000 (default 50: heun is 99 NFE)")
parser.add_argument("--particles", type=int, default=5_000, help="1…1,000,000 (default 5,000)")
parser.add_argument("--corrector-steps", type=int, default=1, help="pc: Langevin steps per step, 1…100")
parser.add_argument("--snr", type=float, default=0.16, help="pc: signal-to-noise ratio r, (0, 1]")
parser.add_argument("--sigma-max", type=float, help="default: the model's largest σ (5 without --model)")
parser.add_argument("--sigma-min", type=float, help="default: the model's smallest σ (0.01 without --model)")
parser.add_argument("--threads", type=int, default=1, choices=(1, 2))
parser.add_argument("--omp-wait-policy", choices=("ACTIVE", "PASSIVE"), help="OMP_WAIT_POLICY (default: unset)")
parser.add_argument("--runs", type=int, default=3, help="timed runs, 1…100 (default 3)")
parser.add_argument("--reference", help="CSV x,y (data units): report the energy distance to it")
parser.add_argument("--output", help="write the samples of the last run here (CSV x,y, data units)")
args = parser.parse_args()
for name, value, low, high in (("--steps", args.steps, 1, 10_000), ("--particles", args.particles, 1, 1_000_000),
                               ("--corrector-steps", args.corrector_steps, 1, 100), ("--runs", args.runs, 1, 100)):
    if not low <= value <= high:
        peercommon.usage_error(f"{name} must be in {low}…{high}, got {value}")
if not 0 < args.snr <= 1:
    peercommon.usage_error(f"--snr must be in (0, 1], got {args.snr}")
peercommon.limit_threads(args.threads, args.omp_wait_policy)
reference = peercommon.read_points_csv(args.reference) if args.reference else None

import torch  # noqa: E402

import metrics  # noqa: E402
import torchdiffusion  # noqa: E402

torch.set_num_threads(args.threads)
torch.set_num_interop_threads(1)
setup = torchdiffusion.ModelSetup(args.model, args.seed, args.sigma_max, args.sigma_min)
sigmas = torchdiffusion.karras_sigmas(setup.sigma_max, setup.sigma_min, args.steps + 1)


def run(levels):
    """One sampling run over `levels`; returns (samples in state coordinates, NFE, seconds)."""
    generator = torch.Generator().manual_seed(args.sample_seed)
    field = setup.field(args.process)
    start = torchdiffusion.start_state(field, levels[0], args.particles, generator)
    began = time.perf_counter()
    samples = torchdiffusion.sample(field, levels, start, args.sampler, generator, snr=args.snr,
                                    corrector_steps=args.corrector_steps)
    return field.to_data_state(samples, levels[-1]), field.evaluations, time.perf_counter() - began


run(torchdiffusion.karras_sigmas(setup.sigma_max, setup.sigma_min, 3))
times = []
for _ in range(args.runs):
    samples, evaluations, seconds = run(sigmas)
    times.append(seconds)
points = setup.to_data_units(samples)
record = {
    "workload": "sample-ode", "peer": "pytorch-eager", "version": torch.__version__,
    "threads": args.threads, "omp_wait_policy": args.omp_wait_policy, "torch_threads": torch.get_num_threads(),
    "cpus": peercommon.affinity(), "model": args.model, "process": args.process, "sampler": args.sampler,
    "steps": args.steps, "nfe": evaluations, "particles": args.particles,
    "sigma_max": setup.sigma_max, "sigma_min": setup.sigma_min,
    "seconds": peercommon.median(times), "runs": times,
}
if args.sampler == "pc":
    record.update(corrector_steps=args.corrector_steps, snr=args.snr)
if reference is not None:
    record["reference"] = args.reference
    record["energy_distance"] = metrics.energy_distance(points, reference)
if args.output:
    peercommon.write_csv_atomically(args.output, "x,y", points)
peercommon.emit(record)
