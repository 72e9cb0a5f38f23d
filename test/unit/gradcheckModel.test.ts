import '../helpers/shareTypedArraysWithOrt';
import { gradcheckModel } from '../../engine/selfcheck';
import { TRAIN_LOSS_NAMES } from '../../engine/train';

describe('whole-model gradients under every train loss (core of drl engine gradcheck)', () => {
  test.each(TRAIN_LOSS_NAMES.map((loss) => [loss]))('%s: every parameter element within 1e-5 of float64 finite differences', async (loss) => {
    const result = await gradcheckModel({ seed: 1, loss });
    process.stdout.write(`gradcheck ${loss}: ${result.checked}/${result.parameters} elements, max rel error ${result.maxRelativeError.toExponential(2)} (${result.worst.parameter}[${result.worst.index}])\n`);
    expect(result.checked).toBe(result.parameters);
    expect(result.maxRelativeError).toBeLessThan(1e-5);
    expect(result.ok).toBe(true);
  });

  test.each([['sft'], ['grpo']] as const)('Qwen3 shape (q/k norms, wide heads), %s: every parameter element within 1e-5', async (loss) => {
    const result = await gradcheckModel({ seed: 2, loss, shape: 'qwen3' });
    process.stdout.write(`gradcheck qwen3 ${loss}: ${result.checked}/${result.parameters} elements, max rel error ${result.maxRelativeError.toExponential(2)}\n`);
    expect(result.checked).toBe(result.parameters);
    expect(result.ok).toBe(true);
  });

  test('an unknown loss is refused by name', async () => {
    await expect(gradcheckModel({ seed: 1, loss: 'kto' as never })).rejects.toThrow(/unknown loss kto; expected one of sft, grpo, drgrpo, dapo, dpo, rewardModel, ppo, grpoContextMargin/);
  });
});
