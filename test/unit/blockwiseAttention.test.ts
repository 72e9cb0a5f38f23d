import '../helpers/shareTypedArraysWithOrt';
import { gradcheck } from '../../engine/autodiff';
import { constant } from '../../engine/graph';
import { causalBias, selfAttention } from '../../engine/model/attention';
import { Rng } from '../../core/rng';

/** 520 tokens: past the 512 where causal attention goes in query blocks (training at long rows takes this path). */
const T = 520;
const Dh = 4;

describe('blockwise causal attention (from 512 tokens on)', () => {
  test('its gradients for queries, keys and values match float64 finite differences', async () => {
    const rng = new Rng('blockwise-attention');
    const random = (n: number) => Array.from({ length: n }, () => rng.next() - 0.5);
    const inputs = [
      { name: 'q', shape: [1, 1, 2, T, Dh], values: random(2 * T * Dh) },
      { name: 'keys', shape: [1, 1, 1, T, Dh], values: random(T * Dh) },
      { name: 'values', shape: [1, 1, 1, T, Dh], values: random(T * Dh) },
    ];
    // No padding: a padding query's row is all masked, and its scores (about -1e9) carry too few digits for finite
    // differences (the model's outputs there never reach a loss).
    const result = await gradcheck(
      ([q, keys, values]) => {
        const real = constant(q.graph, { dtype: 'bool', shape: [1, T], values: Array.from({ length: T }, () => true) });
        return selfAttention(q, keys, values, causalBias(real, 'float64'));
      },
      inputs,
      { seed: 3, samplesPerInput: 40 },
    );
    process.stdout.write(`blockwise attention gradcheck: max rel error ${result.maxRelError.toExponential(2)} (${result.worst.input}[${result.worst.index}])\n`);
    expect(result.maxRelError).toBeLessThan(1e-6);
  });
});
