import { Rng } from '../core/rng';

/**
 * The problems of step k: a pure function of the run's seed and k (drawn with replacement), so a resumed or
 * restarted run trains on exactly the batches the uninterrupted one did.
 */
export function selectBatch(seed: number | string, step: number, poolSize: number, count: number): number[] {
  const rng = Rng.derive(seed, 'batch', step);
  return Array.from({ length: count }, () => rng.int(poolSize));
}
