import { Rng } from '../../core/rng';

/**
 * The i-th example index of an endless sequence of shuffled epochs over n examples: every example is seen once per
 * epoch, and the order is a pure function of the seed, so a trainer restarted from scratch draws the same batches.
 */
export function epochOrder(n: number, seed: number | string): (i: number) => number {
  const epochs: number[][] = [];
  return (i) => {
    const epoch = Math.floor(i / n);
    while (epochs.length <= epoch) epochs.push(shuffled(n, Rng.derive(seed, 'sft-epoch', epochs.length)));
    return epochs[epoch][i % n];
  };
}

function shuffled(n: number, rng: Rng): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The examples of each step: `batch` at a time through the shuffled epochs. */
export function batchesOf<T>(examples: readonly T[], batch: number, seed: number | string): (step: number) => T[] {
  const order = epochOrder(examples.length, seed);
  return (step) => Array.from({ length: batch }, (_, i) => examples[order(step * batch + i)]);
}
