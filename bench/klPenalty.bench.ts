/**
 * What the `grpo` preset's KL penalty (klBeta 0.04, k3) costs an update: the reference policy's log-probs of every
 * sampled token (one more forward pass) and the KL term in the loss, against the same update with klBeta 0, as the
 * update activity runs them. The LANG demo's shape: 64 samples (8 prompts x 8), rows of 352 tokens, tiny, one
 * micro-batch. Rounds alternate the two, after a warm-up of each; the ratio is of medians from one run.
 * Run: npx tsc -p . && node dist/bench/klPenalty.bench.js [rounds]
 */
import { cpus, loadavg } from 'node:os';
import { scoreCompletions, sessionCacheRunner } from '../engine/infer';
import { modelOfSize } from '../engine/model';
import { SessionCache, resolveRuntimeOptions } from '../engine/runtime';
import { DEFAULT_ADAMW, POLICY_LOSS_PRESETS, PolicyState, policyUpdate, type PolicyRow } from '../engine/train';
import { fmt, median, threads } from './benchSupport';

const SAMPLES = 64;
const PROMPT_TOKENS = 240;
const COMPLETION_TOKENS = 112;
const PAD = 258;

function rows(): PolicyRow[] {
  return Array.from({ length: SAMPLES }, (_, r) => ({
    prompt: [256, ...Array.from({ length: PROMPT_TOKENS - 1 }, (_, i) => (i * 31 + r) % 256)],
    completion: Array.from({ length: COMPLETION_TOKENS }, (_, i) => (i * 17 + r * 5) % 256),
    logProbs: new Array(COMPLETION_TOKENS).fill(-5.5),
    advantages: r % 2 ? 1 : -1,
  }));
}

async function main(rounds: number): Promise<void> {
  const config = modelOfSize('tiny');
  const reference = PolicyState.init(config, 1);
  const runner = sessionCacheRunner(new SessionCache(resolveRuntimeOptions({ threads })));
  const settings = { loss: 'grpo' as const, length: PROMPT_TOKENS + COMPLETION_TOKENS, microBatches: 1, ...POLICY_LOSS_PRESETS.grpo.defaults, maxResponseLength: COMPLETION_TOKENS, adamw: DEFAULT_ADAMW, padId: PAD };
  const update = async (klBeta: number) => {
    const state = PolicyState.init(config, 1);
    const batch = rows();
    const started = performance.now();
    if (klBeta > 0) {
      const refLogProbs = await scoreCompletions({ runner, config, weights: reference.weights }, batch, { padId: PAD, temperature: 1 });
      batch.forEach((row, i) => (row.refLogProbs = refLogProbs[i]));
    }
    await policyUpdate(runner, state, batch, { ...settings, klBeta });
    return (performance.now() - started) / 1000;
  };
  await update(0);
  await update(0.04);
  const without: number[] = [];
  const withKl: number[] = [];
  for (let i = 0; i < rounds; i++) {
    without.push(await update(0));
    withKl.push(await update(0.04));
  }
  console.log(`${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}, ${threads} threads`);
  console.log(`update of ${SAMPLES} x ${PROMPT_TOKENS + COMPLETION_TOKENS} tokens, tiny: klBeta 0 ${fmt(median(without), 2)} s, klBeta 0.04 ${fmt(median(withKl), 2)} s, ratio ${fmt(median(withKl) / median(without), 2)} (medians of ${rounds})`);
}

main(Number(process.argv[2] ?? 5)).catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
