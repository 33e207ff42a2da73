# Writes a 24-wide, 2-hidden-layer nn.Sequential with PyTorch and prints its outputs in float64.
import math, torch
from safetensors.torch import save_file
torch.manual_seed(7)
net = torch.nn.Sequential(torch.nn.Linear(3, 24), torch.nn.SiLU(), torch.nn.Linear(24, 24), torch.nn.SiLU(), torch.nn.Linear(24, 2))
with torch.no_grad():
    for p in net.parameters():
        p.mul_(2.0)
save_file({k: v.contiguous() for k, v in net.state_dict().items()}, "torch-mlp-24x2.safetensors")
double = net.double()
for (x, y, sigma) in [(0.5, -1.25, 0.1), (-2.0, 0.75, 1.0), (1.5, 1.5, 3.0), (0.0, 0.0, 0.02)]:
    inp = torch.tensor([[x, y, math.log(sigma)]], dtype=torch.float64, requires_grad=True)
    f = double(inp)[0]
    d0 = torch.autograd.grad(f[0], inp, retain_graph=True)[0][0, 0].item()
    d1 = torch.autograd.grad(f[1], inp)[0][0, 1].item()
    print(f"({x}, {y}, {sigma}, {f[0].item()!r} / {sigma}, {f[1].item()!r} / {sigma}, {(d0 + d1)!r} / {sigma}),")
