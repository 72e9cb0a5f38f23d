import '../helpers/shareTypedArraysWithOrt';
import { Completion, generate, sessionCacheRunner } from '../../engine/infer';
import { namedSizes } from '../../engine/model';
import { SessionCache } from '../../engine/runtime';
import { ByteTokenizer } from '../../engine/tokenizer';
import { PolicyState, runSft, trainSft } from '../../engine/train';
import { Verifier, trainGrpo } from '../helpers/grpoTrainer';

/*
 * Learning checks on the named tiny model (byte vocabulary, float32, one ORT thread), three seeds each.
 * (a) SFT of "digit -> next digit mod 10" (prompt "3:", completion "4" + eos) through runSft, the core of
 *     `drl engine sft`: the loss falls below SFT_FINAL_LOSS within SFT_STEPS steps.
 * (b) GRPO on "parity of a digit" (prompt "3:", answer "o" for odd or "e" for even, then eos; reward 1 for exactly
 *     that, else 0). A random model never emits the format, so an SFT warm-up first teaches it with random labels
 *     (each digit paired with both answers): the warm policy is right half the time. GRPO then reaches
 *     GRPO_TARGET_REWARD within GRPO_STEPS steps, and the same run with every advantage's sign flipped ends below
 *     where it started. Each step: 10 prompts drawn with replacement, groups of 8, the 'grpo' preset (k3 KL, beta 0.04,
 *     against the warm weights), AdamW lr 1e-3. Rewards are measured on 8 samples per digit at temperature 1.
 * An easier-sounding task, "emit the digit that was given", did not learn within 60 GRPO steps (5 prompts x 8, lr 1e-3
 * to 1e-2): with ten answers the warm policy is right 10% of the time, too sparse a signal, so parity is what is checked.
 * With lr 3e-3 and 5 prompts per step two of three seeds collapsed to one answer (reward 0.5); hence the settings above.
 */
const SEEDS = [1, 2, 3];
const SFT_STEPS = 40;
const SFT_FINAL_LOSS = 0.01;
const GRPO_STEPS = 80;
const GRPO_TARGET_REWARD = 0.9;

const tokenizer = new ByteTokenizer();
const config = namedSizes.tiny;
const cache = new SessionCache({ executionProvider: 'cpu', threads: 1, graphOptimization: 'all' });
const runner = sessionCacheRunner(cache);
afterAll(() => cache.release());

const DIGITS = Array.from({ length: 10 }, (_, d) => d);
const promptOf = (d: number) => `${d}:`;
const parityOf = (d: number) => (d % 2 === 0 ? 'e' : 'o');
const parityReward: Verifier = (prompt: string, c: Completion) => (c.finishReason === 'eos' && c.text === parityOf(Number(prompt[0])) ? 1 : 0);

/** Mean parity reward of 8 samples per digit at temperature 1, with a fixed sampling seed. */
async function meanParityReward(state: PolicyState): Promise<number> {
  const completions = await generate({ runner, config, weights: state.weights }, tokenizer, {
    prompts: DIGITS.map((d) => tokenizer.encode(promptOf(d), { bos: true })), samplesPerPrompt: 8, seed: 'eval', maxTokens: 2, temperature: 1,
  });
  return completions.reduce((sum, c) => sum + parityReward(promptOf(c.promptIndex), c), 0) / completions.length;
}

/** The warm-up: format only, since every digit is paired with both answers. */
async function formatWarmup(seed: number): Promise<PolicyState> {
  const state = PolicyState.init(config, seed);
  const examples = DIGITS.flatMap((d) => ['e', 'o'].map((answer) => ({ prompt: tokenizer.encode(promptOf(d), { bos: true }), completion: tokenizer.encode(answer, { eos: true }) })));
  await trainSft({ runner, state, examples, steps: 30, batch: 20, seed, padId: tokenizer.pad, adamw: { lr: 3e-3 } });
  return state;
}

/**
 * GRPO from a copy of the warm weights. Flipping is done by negating the reward: group advantages are odd in the
 * rewards ((-r - mean(-r)) / std(-r) = -A), so this flips exactly the advantage's sign and nothing else.
 */
async function grpoRun(warm: PolicyState, seed: number, sign: 1 | -1): Promise<{ rewards: number[]; final: number }> {
  const state = PolicyState.init(config, seed);
  for (const [name, w] of warm.weights) state.weights.set(name, Float32Array.from(w));
  const history = await trainGrpo({
    runner, state, tokenizer, prompts: DIGITS.map(promptOf), verifier: (p, c) => sign * parityReward(p, c),
    steps: GRPO_STEPS, promptsPerStep: 10, groupSize: 8, maxTokens: 2, loss: 'grpo', seed, adamw: { lr: 1e-3 },
  });
  expect(Math.max(...history.map((h) => h.clipFraction))).toBe(0); // one update per batch: the sampler's log-probs are the policy's
  return { rewards: history.map((h) => sign * h.meanReward), final: await meanParityReward(state) };
}

/** Every tenth step's mean reward. */
const fmt = (xs: number[]) => xs.filter((_, i) => i % 10 === 9).map((x) => x.toFixed(2)).join(' ');

describe.each(SEEDS)('learning, seed %i', (seed) => {
  test(`SFT (runSft) on digit -> next digit drives the loss below ${SFT_FINAL_LOSS} in ${SFT_STEPS} steps`, async () => {
    const data = DIGITS.map((d) => ({ prompt: promptOf(d), completion: `${(d + 1) % 10}` }));
    const { losses } = await runSft({ data, size: 'tiny', steps: SFT_STEPS, lr: 3e-3, batch: 10, seed, threads: 1 });
    process.stdout.write(`seed ${seed} SFT loss: first ${losses[0].toFixed(3)}, last ${losses[SFT_STEPS - 1].toFixed(4)}\n`);
    expect(losses[SFT_STEPS - 1]).toBeLessThan(SFT_FINAL_LOSS);
  });

  test(`GRPO on digit parity reaches mean reward ${GRPO_TARGET_REWARD} in ${GRPO_STEPS} steps; flipped advantages lower it`, async () => {
    const warm = await formatWarmup(seed);
    const start = await meanParityReward(warm);
    const learned = await grpoRun(warm, seed, 1);
    const flipped = await grpoRun(warm, seed, -1);
    process.stdout.write(`seed ${seed} GRPO parity reward: warm ${start.toFixed(3)}, after ${GRPO_STEPS} steps ${learned.final.toFixed(3)}, flipped ${flipped.final.toFixed(3)}\n  steps 10,20,..: ${fmt(learned.rewards)}\n  flipped: ${fmt(flipped.rewards)}\n`);
    expect(learned.final).toBeGreaterThanOrEqual(GRPO_TARGET_REWARD);
    expect(flipped.final).toBeLessThan(start);
  });
});
