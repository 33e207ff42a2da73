"""`sample` peer: annealed Langevin in PyTorch eager under torch.inference_mode.

5,000 particles, L = 10 levels × T = 100 steps, αᵢ = ε·σᵢ²/σ_L² with ε = 2e-5, from
N(0, σ₁²I), with a freshly initialised network (the cost does not depend on the weights).
Prints one JSON line: the median seconds over --runs runs at --threads threads, after a
short untimed warm-up (one step per level).
"""

import argparse
import time

import peercommon

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--threads", type=int, default=1)
parser.add_argument("--omp-wait-policy", choices=("ACTIVE", "PASSIVE"), help="OMP_WAIT_POLICY (default: unset)")
parser.add_argument("--runs", type=int, default=3)
parser.add_argument("--particles", type=int, default=5_000)
parser.add_argument("--quick", action="store_true", help="500 particles, 5 steps per level, 1 run")
args = parser.parse_args()
steps_per_level = peercommon.LANGEVIN_STEPS_PER_LEVEL
if args.quick:
    args.runs, args.particles, steps_per_level = 1, 500, 5
peercommon.limit_threads(args.threads, args.omp_wait_policy)

import torch  # noqa: E402

import torchncsn  # noqa: E402

torch.set_num_threads(args.threads)
torch.set_num_interop_threads(1)
torch.manual_seed(0)
network = torchncsn.ScoreNetwork()
torchncsn.sample_annealed(network, args.particles, (0.0, 0.0), seed=1, steps_per_level=1)
times = []
for _ in range(args.runs):
    start = time.perf_counter()
    torchncsn.sample_annealed(network, args.particles, (0.0, 0.0), seed=1, steps_per_level=steps_per_level)
    times.append(time.perf_counter() - start)
steps = steps_per_level * peercommon.NOISE_LEVEL_COUNT
seconds = peercommon.median(times)
peercommon.emit({
    "workload": "sample", "peer": "pytorch-eager", "version": torch.__version__,
    "threads": args.threads, "omp_wait_policy": args.omp_wait_policy, "torch_threads": torch.get_num_threads(), "cpus": peercommon.affinity(),
    "particles": args.particles, "steps": steps, "seconds": seconds,
    "particle_steps_per_second": args.particles * steps / seconds, "runs": times,
})
