import { Rng } from '../../core/rng';

/** A synthetic preference: the string with more a's is preferred, something a tiny model can learn in seconds. */
export const countA = (s: string) => [...s].filter((c) => c === 'a').length;

/** Two strings of a's and b's with different numbers of a's, the preferred one first. */
export function preferencePair(rng: Rng): [string, string] {
  const draw = () => Array.from({ length: 3 + rng.int(6) }, () => (rng.next() < 0.5 ? 'a' : 'b')).join('');
  for (;;) {
    const [x, y] = [draw(), draw()];
    if (countA(x) !== countA(y)) return countA(x) > countA(y) ? [x, y] : [y, x];
  }
}
