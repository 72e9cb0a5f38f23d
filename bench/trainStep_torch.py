"""
PyTorch peer of bench/trainStep.bench.ts, which spawns it: one fp32 train step = forward, SFT cross-entropy,
backward, clip_grad_norm_ and torch.optim.AdamW, the same work as the engine's fused train-step graph.
Usage: python trainStep_torch.py '{"threads": 2, "batch": 8, "seqLen": 128, "runs": [{"size": "tiny", "config": {...}, "steps": 10, "warmup": 2}]}'
Prints one JSON line: {"torch": "<version>", "results": {"tiny": [ms per step, ...], ...},
"phases": {"tiny": {"forward": ms, "backward": ms, "optimizer": ms}, ...}} (phases: medians within the step).
"""
import json
import sys
import time

import torch
import torch.nn.functional as F

from llama_torch import Llama, median


def step_times(config, batch, seq_len, steps, warmup):
    torch.manual_seed(0)
    model = Llama(config)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.1)
    tokens = torch.randint(0, config["vocabSize"], (batch, seq_len))
    targets = torch.roll(tokens, -1, 1)
    mask = torch.ones(batch, seq_len)
    times, phases = [], {"forward": [], "backward": [], "optimizer": []}
    for i in range(warmup + steps):
        started = time.perf_counter()
        logits = model(tokens)
        per_token = F.cross_entropy(logits.view(-1, logits.shape[-1]), targets.view(-1), reduction="none")
        loss = (per_token * mask.view(-1)).sum() / mask.sum()
        forward_done = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        backward_done = time.perf_counter()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        done = time.perf_counter()
        if i >= warmup:
            times.append((done - started) * 1000)
            phases["forward"].append((forward_done - started) * 1000)
            phases["backward"].append((backward_done - forward_done) * 1000)
            phases["optimizer"].append((done - backward_done) * 1000)
    return times, {k: median(v) for k, v in phases.items()}


def main():
    args = json.loads(sys.argv[1])
    torch.set_num_threads(args["threads"])
    measured = {r["size"]: step_times(r["config"], args["batch"], args["seqLen"], r["steps"], r["warmup"]) for r in args["runs"]}
    results = {size: times for size, (times, _) in measured.items()}
    phases = {size: p for size, (_, p) in measured.items()}
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "results": results, "phases": phases}))


if __name__ == "__main__":
    main()
