import { Rng } from '../../core/rng';
import { chooseToken, logSoftmax } from '../../engine/infer';
import { sortDescending } from '../../engine/infer/descendingSort';

/** Probabilities 0.5, 0.3, 0.15, 0.05 for tokens 2, 0, 3, 1. */
const logProbs = logSoftmax([Math.log(0.3), Math.log(0.05), Math.log(0.5), Math.log(0.15)]);

function histogram(options: { temperature: number; topK: number; topP: number }, draws = 4000): number[] {
  const counts = [0, 0, 0, 0];
  const rng = new Rng('token-choice');
  for (let i = 0; i < draws; i++) counts[chooseToken(logProbs, options, rng)] += 1;
  return counts.map((c) => c / draws);
}

describe('token choice', () => {
  test('log softmax normalizes in float64', () => {
    expect(Array.from(logProbs, Math.exp).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    expect(Math.exp(logProbs[2])).toBeCloseTo(0.5, 14);
  });

  test('top-k keeps the k most likely tokens, renormalized', () => {
    const freq = histogram({ temperature: 1, topK: 2, topP: 1 });
    expect(freq[1] + freq[3]).toBe(0);
    expect(freq[2]).toBeCloseTo(0.5 / 0.8, 1);
  });

  test('top-p keeps the smallest most likely set reaching p', () => {
    const freq = histogram({ temperature: 1, topK: 0, topP: 0.85 });
    expect(freq[1]).toBe(0);
    expect(freq[3]).toBeGreaterThan(0);
    expect(histogram({ temperature: 1, topK: 0, topP: 0.5 })).toEqual([0, 0, 1, 0]);
  });

  test('temperature 0 is argmax and draws nothing from the stream', () => {
    const rng = new Rng('x');
    expect(chooseToken(logProbs, { temperature: 0, topK: 0, topP: 1 }, rng)).toBe(2);
    expect(rng.next()).toBe(new Rng('x').next());
    // Ties go to the lowest token id, as top-k 1 (the sorted order's head) picks.
    const tied = Float64Array.from([-3, -0.5, -2, -0.5]);
    expect(chooseToken(tied, { temperature: 0, topK: 0, topP: 1 }, rng)).toBe(1);
    expect(chooseToken(tied, { temperature: 1, topK: 1, topP: 1 }, rng)).toBe(1);
  });

  test('draws what walking the ids sorted by (log-prob desc, id asc) draws, ties and top-k/top-p included', () => {
    // The definition, as the sampler computed it before it sorted values instead of ids.
    const byIds = (lp: Float64Array, o: { topK: number; topP: number }, rng: Rng): number => {
      const order = Array.from(lp.keys()).sort((a, b) => lp[b] - lp[a] || a - b);
      let kept = o.topK > 0 ? Math.min(o.topK, order.length) : order.length;
      let mass = 0;
      for (let i = 0; i < kept; i++) if ((mass += Math.exp(lp[order[i]])) >= o.topP) { kept = i + 1; break; }
      let total = 0;
      for (let i = 0; i < kept; i++) total += Math.exp(lp[order[i]]);
      let u = rng.next() * total;
      for (let i = 0; i < kept; i++) if ((u -= Math.exp(lp[order[i]])) < 0) return order[i];
      return order[kept - 1];
    };
    const shapes = new Rng('shapes');
    for (let trial = 0; trial < 300; trial++) {
      const n = 2 + Math.floor(shapes.next() * 60);
      // Coarse logits make many ties; some tokens are impossible (-Infinity).
      const logits = Array.from({ length: n }, () => (shapes.next() < 0.1 ? -Infinity : Math.round(shapes.next() * 6) / 2));
      const lp = logSoftmax(logits, 0.5 + shapes.next());
      const o = { temperature: 1, topK: shapes.next() < 0.3 ? 1 + Math.floor(shapes.next() * n) : 0, topP: shapes.next() < 0.3 ? 0.2 + shapes.next() * 0.8 : 1 };
      const ours = new Rng(`draw-${trial}`);
      const theirs = new Rng(`draw-${trial}`);
      for (let d = 0; d < 20; d++) expect(chooseToken(lp, o, ours)).toBe(byIds(lp, o, theirs));
    }
  });

  test("the radix sort of log-probs is the native sort's order reversed, bit for bit", () => {
    const rng = new Rng('radix');
    const specials = [0, -0, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE, -1e-300, -745.2, 1e-320, 3.5];
    for (const n of [0, 1, 2, 7, 1000, 151_936]) {
      const values = Float64Array.from({ length: n }, () => (rng.next() < 0.05 ? specials[Math.floor(rng.next() * specials.length)] : rng.next() < 0.3 ? -Math.round(rng.next() * 8) : -40 * rng.next()));
      const expected = Float64Array.from(values).sort().reverse();
      const sorted = sortDescending(values);
      expect(sorted.length).toBe(n);
      // Object.is tells +0 from -0, which toEqual on typed arrays may not.
      expect(sorted.every((v, i) => Object.is(v, expected[i]))).toBe(true);
    }
    expect(() => sortDescending(Float64Array.from([-1, NaN]))).toThrow(/NaN/);
  });
});
