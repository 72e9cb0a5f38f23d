"""The math-verify side of bench/mathReward.bench.ts: grades every response against its gold answer, in-process.

Usage: python mathReward_mathverify.py INPUT.json  (written by the bench: {golds, responses, rounds})
Gold answers are canonical decimals, parsed as $answer$; responses are parsed with math-verify's default
extraction (LaTeX and plain expressions). Prints one JSON line: seconds per round and the verdicts of the last one.
"""
import json
import sys
import time
from importlib.metadata import version

from math_verify import parse, verify


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as f:
        job = json.load(f)
    golds = [parse(f"${gold}$") for gold in job["golds"]]
    seconds = []
    for _ in range(job["rounds"]):
        start = time.perf_counter()
        verdicts = [bool(verify(gold, parse(response))) for gold, response in zip(golds, job["responses"])]
        seconds.append(time.perf_counter() - start)
    print(json.dumps({"version": version("math-verify"), "seconds": seconds, "verdicts": verdicts}))


if __name__ == "__main__":
    main()
