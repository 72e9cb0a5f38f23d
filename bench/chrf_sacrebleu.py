"""The sacrebleu side of bench/chrf.bench.ts: times sentence- and corpus-level chrF on the given pairs, in-process.

Usage: python chrf_sacrebleu.py INPUT.json  (written by the bench: {hyps, refs, wordOrder, rounds})
Prints one JSON line: seconds per round for each level, and the scores of the last round.
"""
import json
import sys
import time

import sacrebleu
from sacrebleu.metrics import CHRF


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as f:
        job = json.load(f)
    hyps, refs = job["hyps"], job["refs"]
    metric = CHRF(word_order=job["wordOrder"])
    sentence_seconds, corpus_seconds = [], []
    for _ in range(job["rounds"]):
        start = time.perf_counter()
        sentence_scores = [metric.sentence_score(h, [r]).score for h, r in zip(hyps, refs)]
        sentence_seconds.append(time.perf_counter() - start)
        start = time.perf_counter()
        corpus_score = metric.corpus_score(hyps, [refs]).score
        corpus_seconds.append(time.perf_counter() - start)
    print(json.dumps({
        "version": sacrebleu.__version__,
        "sentenceSeconds": sentence_seconds,
        "corpusSeconds": corpus_seconds,
        "sentenceScores": sentence_scores,
        "corpusScore": corpus_score,
    }))


if __name__ == "__main__":
    main()
