"""
PyTorch peer of bench/decode.bench.ts, which spawns it: greedy decoding with a preallocated KV cache (the
hand-written Llama-layout model of llama_torch.py, inference_mode). The cache starts filled with `past` random steps,
as on the engine side, so prefill is not timed; then `steps` tokens are decoded per row.
Usage: python decode_torch.py '{"threads": 2, "rounds": 3, "runs": [{"size": "tiny", "config": {...}, "batch": 1, "past": 48, "steps": 16}]}'
Prints one JSON line: {"torch": "<version>", "results": [[tokens/s per round, ...], ...]} in the order of runs.
"""
import json
import sys
import time

import torch

from llama_torch import Llama, new_cache


def decode_rate(model, config, batch, past, steps):
    """Tokens per second (all rows) over `steps` greedy decode steps starting at context past + 1."""
    caches = new_cache(config, batch, past + steps)
    token = torch.randint(0, config["vocabSize"], (batch, 1))
    started = time.perf_counter()
    for pos in range(past, past + steps):
        logits = model(token, caches, pos)
        token = logits[:, -1].argmax(-1, keepdim=True)
    return batch * steps / (time.perf_counter() - started)


def main():
    args = json.loads(sys.argv[1])
    torch.set_num_threads(args["threads"])
    torch.manual_seed(0)
    models = {}
    results = []
    with torch.inference_mode():
        for run in args["runs"]:
            model = models.setdefault(run["size"], Llama(run["config"]).eval())
            decode_rate(model, run["config"], run["batch"], run["past"], 2)  # warm-up
            results.append([decode_rate(model, run["config"], run["batch"], run["past"], run["steps"]) for _ in range(args["rounds"])])
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "results": results}))


if __name__ == "__main__":
    main()
