"""
PyTorch peer of bench/prefill.bench.ts, which spawns it: one causal forward over a random prompt that writes every
layer's keys and values into a preallocated cache (the hand-written model of llama_torch.py, inference_mode).
Usage: python prefill_torch.py '{"threads": 2, "rounds": 3, "prompt": 2000, "runs": [{"size": "tiny", "config": {...}}]}'
Prints one JSON line: {"torch": "<version>", "results": [[prompt tokens/s per round, ...], ...]} in the order of runs.
"""
import json
import sys
import time

import torch

from llama_torch import Llama, new_cache


def prefill_rate(model, config, prompt):
    caches = new_cache(config, 1, config["maxSeqLen"])
    tokens = torch.randint(0, config["vocabSize"], (1, prompt))
    started = time.perf_counter()
    model(tokens, caches, 0)
    return prompt / (time.perf_counter() - started)


def main():
    args = json.loads(sys.argv[1])
    torch.set_num_threads(args["threads"])
    torch.manual_seed(0)
    results = []
    with torch.inference_mode():
        for run in args["runs"]:
            model = Llama(run["config"]).eval()
            prefill_rate(model, run["config"], 16)  # warm-up
            results.append([prefill_rate(model, run["config"], args["prompt"]) for _ in range(args["rounds"])])
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "results": results}))


if __name__ == "__main__":
    main()
