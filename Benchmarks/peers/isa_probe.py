"""Reports the instruction sets the peers actually use under the current environment.

Prints one JSON line: PyTorch's ATen CPU capability (what ATEN_CPU_CAPABILITY limits), the
OpenBLAS core type numpy's and scipy's OpenBLAS chose (OPENBLAS_CORETYPE), the vector
registers in the code XLA compiles for a layer of the network (XLA_FLAGS
--xla_cpu_max_isa; zmm registers mean AVX-512), and the limits that were set. oneMKL does
not report the instruction set it picked on this processor, so MKL_ENABLE_INSTRUCTIONS is
recorded as set, not as observed.
"""

import glob
import os
import shutil
import subprocess
import tempfile

import peercommon

LIMIT_VARIABLES = ("ATEN_CPU_CAPABILITY", "ONEDNN_MAX_CPU_ISA", "MKL_ENABLE_INSTRUCTIONS", "OPENBLAS_CORETYPE",
                   "XLA_FLAGS")
dump = tempfile.mkdtemp(prefix="scoreviz-xla-dump-")
limits = {name: os.environ[name] for name in LIMIT_VARIABLES if name in os.environ}
os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") + f" --xla_dump_to={dump}").strip()

import numpy  # noqa: E402
import threadpoolctl  # noqa: E402
import torch  # noqa: E402
import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402

jax.config.update("jax_platforms", "cpu")
blas = [info for info in threadpoolctl.threadpool_info() if info.get("internal_api") == "openblas"]
numpy.ones((64, 64)) @ numpy.ones((64, 64))

layer = jax.jit(lambda h, weight, bias: jax.nn.silu(h @ weight + bias))
layer(jnp.ones((256, 128)), jnp.ones((128, 128)), jnp.ones((128,))).block_until_ready()
registers = {"zmm": 0, "ymm": 0, "xmm": 0}
objects = glob.glob(os.path.join(dump, "*.o"))
for path in objects:
    text = subprocess.run(["objdump", "-d", path], capture_output=True, text=True).stdout
    for name in registers:
        registers[name] += text.count("%" + name)
shutil.rmtree(dump, ignore_errors=True)

peercommon.emit({
    "torch_version": torch.__version__,
    "torch_cpu_capability": torch.backends.cpu.get_cpu_capability(),
    "openblas": [{"architecture": info.get("architecture"), "version": info.get("version"),
                  "prefix": info.get("prefix")} for info in blas],
    "jax_version": jax.__version__,
    "xla_compiled_objects": len(objects),
    "xla_vector_registers": registers,
    "limits": limits,
})
