import { Rng } from '../../core/rng';
import { chooseToken, logSoftmax } from '../../engine/infer';

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
});
