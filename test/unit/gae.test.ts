import { InputError } from '../../core/errors';
import { generalizedAdvantages, ppoTokenRewards } from '../../engine/train';

const close = (ours: ArrayLike<number>, expected: number[]) => expected.forEach((x, i) => expect(ours[i]).toBeCloseTo(x, 12));

describe('PPO rewards and GAE on the host', () => {
  // One row of four columns; the response is columns 1..3.
  const mask = [0, 1, 1, 1];
  const values = [9, 0.5, 0.4, 0.3];
  const rewards = [0, 0.1, 0.2, 1.0];

  test('GAE by hand: gamma 1, lambda 0.5', () => {
    // delta_3 = 1 - 0.3 = 0.7; delta_2 = 0.2 + 0.3 - 0.4 = 0.1; delta_1 = 0.1 + 0.4 - 0.5 = 0.
    const { advantages, returns } = generalizedAdvantages({ seqLen: 4, mask, rewards, values, gamma: 1, lambda: 0.5 });
    close(advantages, [0, 0.225, 0.45, 0.7]);
    close(returns, [0, 0.725, 0.85, 1.0]);
  });

  test('with gamma = lambda = 1 the advantage is the reward still to come minus the value', () => {
    const { advantages } = generalizedAdvantages({ seqLen: 4, mask, rewards, values, gamma: 1, lambda: 1 });
    close(advantages, [0, 1.3 - 0.5, 1.2 - 0.4, 1.0 - 0.3]);
  });

  test('token rewards: -beta (logp - ref) per response token, the score added on each row\'s last one', () => {
    const r = ppoTokenRewards({ seqLen: 3, mask: [1, 1, 0, 0, 1, 0], logProbs: [-1, -2, 5, 5, -0.5, 5], refLogProbs: [-1.5, -1, 5, 5, -0.5, 5], scores: [2, -1], klBeta: 0.1 });
    close(r, [-0.05, 0.1 + 2, 0, 0, -1, 0]);
  });

  test('bad input is refused with the row, column or field', () => {
    const base = { seqLen: 4, mask, rewards, values, gamma: 1, lambda: 0.95 };
    expect(() => generalizedAdvantages({ ...base, mask: [0, 0.5, 1, 1] })).toThrow(new InputError('ppo: mask[0, 1] is 0.5, expected 0 or 1'));
    expect(() => generalizedAdvantages({ ...base, mask: [0, 0, 0, 0] })).toThrow(/row 0 has no response tokens/);
    expect(() => generalizedAdvantages({ ...base, values: [1, 2, 3] })).toThrow(/values has 3 values, the mask 4/);
    expect(() => generalizedAdvantages({ ...base, seqLen: 3 })).toThrow(/4 values does not split into rows of seqLen 3/);
    expect(() => generalizedAdvantages({ ...base, lambda: 1.5 })).toThrow(/lambda must be in \[0, 1\], got 1.5/);
    expect(() => ppoTokenRewards({ seqLen: 4, mask, logProbs: rewards, refLogProbs: rewards, scores: [1, 2], klBeta: 0.1 })).toThrow(/2 scores for 1 rows/);
  });
});
