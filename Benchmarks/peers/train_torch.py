"""`train` peer: NCSN training steps in PyTorch eager with torch.optim.Adam; samples/s.

Prints one JSON line: the median samples/s over --runs timed runs of --steps steps each,
after --warmup untimed steps, at --threads threads (torch.set_num_threads and the
OpenMP/MKL/OpenBLAS variables; pin the process with taskset as well).
"""

import argparse
import time

import peercommon

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--threads", type=int, default=1)
parser.add_argument("--omp-wait-policy", choices=("ACTIVE", "PASSIVE"), help="OMP_WAIT_POLICY (default: unset)")
parser.add_argument("--runs", type=int, default=5)
parser.add_argument("--steps", type=int, default=300, help="timed steps per run")
parser.add_argument("--warmup", type=int, default=50, help="untimed steps first")
parser.add_argument("--quick", action="store_true", help="10 steps per run, 1 run, 2 warm-up steps")
args = parser.parse_args()
if args.quick:
    args.runs, args.steps, args.warmup = 1, 10, 2
peercommon.limit_threads(args.threads, args.omp_wait_policy)

import torch  # noqa: E402

import torchncsn  # noqa: E402

torch.set_num_threads(args.threads)
torch.set_num_interop_threads(1)
trainer = torchncsn.Trainer(peercommon.load_points("moons-10k.csv"), seed=0)
for _ in range(args.warmup):
    trainer.step()
rates = []
for _ in range(args.runs):
    start = time.perf_counter()
    for _ in range(args.steps):
        loss = trainer.step()
    loss.item()
    seconds = time.perf_counter() - start
    rates.append(peercommon.BATCH_SIZE * args.steps / seconds)
peercommon.emit({
    "workload": "train", "peer": "pytorch-eager", "version": torch.__version__,
    "threads": args.threads, "omp_wait_policy": args.omp_wait_policy, "torch_threads": torch.get_num_threads(), "cpus": peercommon.affinity(),
    "batch": peercommon.BATCH_SIZE, "steps_per_run": args.steps,
    "samples_per_second": peercommon.median(rates), "runs": rates,
})
