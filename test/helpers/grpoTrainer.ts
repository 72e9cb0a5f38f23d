import { InputError } from '../../core/errors';
import { Rng } from '../../core/rng';
import { Completion, GraphRunner, TextTokenizer, generate, scoreCompletions } from '../../engine/infer';
import { AdamwSettings, DEFAULT_ADAMW, POLICY_LOSS_PRESETS, PolicyLossName, PolicyLossPreset, PolicyState, groupAdvantages, policyUpdate, type PolicyRow } from '../../engine/train';

/** Scores one sampled completion of a prompt (e.g. 1 for an exact answer, 0 otherwise). */
export type Verifier = (prompt: string, completion: Completion) => number;

export interface GrpoOptions {
  runner: GraphRunner;
  /** Trained in place; with a KL term its weights at the start are the reference model. */
  state: PolicyState;
  tokenizer: TextTokenizer & { encode(text: string, options: { bos: boolean }): number[] };
  /** Each step draws promptsPerStep of these (with replacement). */
  prompts: readonly string[];
  verifier: Verifier;
  steps: number;
  promptsPerStep: number;
  /** Completions sampled per prompt: one group. */
  groupSize: number;
  maxTokens: number;
  loss: PolicyLossName;
  seed: number | string;
  /** Sampling temperature (default 1, so the sampler's log-probs are the policy's own). */
  temperature?: number;
  adamw?: Partial<AdamwSettings>;
  /** Override the preset's clip range and KL weight. */
  epsLow?: number;
  epsHigh?: number;
  klBeta?: number;
}

export interface GrpoStep {
  /** Mean verifier reward of this step's samples (before its update). */
  meanReward: number;
  loss: number;
  /** Share of response tokens whose ratio was clipped; 0 when old log-probs line up with the policy's own. */
  clipFraction: number;
}

/**
 * GRPO-family training, one update per batch of rollouts: sample a group per prompt, reward each completion with the
 * verifier, centre (and for GRPO/DAPO scale) rewards within each group, and take one fused step of the clipped
 * objective. Old log-probs are the sampler's own, so each step starts at ratio 1.
 */
export async function trainGrpo(o: GrpoOptions): Promise<GrpoStep[]> {
  if (o.prompts.length === 0) throw new InputError('grpo: no prompts');
  for (const [name, v] of Object.entries({ steps: o.steps, promptsPerStep: o.promptsPerStep, groupSize: o.groupSize, maxTokens: o.maxTokens })) {
    if (!Number.isInteger(v) || v < 1) throw new InputError(`grpo: ${name} must be a positive integer, got ${v}`);
  }
  const preset: PolicyLossPreset = POLICY_LOSS_PRESETS[o.loss];
  const { config } = o.state;
  const encoded = o.prompts.map((p) => o.tokenizer.encode(p, { bos: true }));
  const length = Math.max(...encoded.map((p) => p.length)) + o.maxTokens;
  const klBeta = o.klBeta ?? preset.defaults.klBeta;
  const reference = klBeta > 0 ? { runner: o.runner, config, weights: o.state.snapshot() } : undefined;
  const settings = {
    loss: o.loss,
    length,
    microBatches: 1,
    epsLow: o.epsLow ?? preset.defaults.epsLow,
    epsHigh: o.epsHigh ?? preset.defaults.epsHigh,
    klBeta,
    maxResponseLength: o.maxTokens,
    adamw: { ...DEFAULT_ADAMW, ...o.adamw },
    padId: o.tokenizer.pad,
  };
  const history: GrpoStep[] = [];
  for (let step = 0; step < o.steps; step++) {
    const rng = Rng.derive(o.seed, 'grpo-prompts', step);
    const chosen = Array.from({ length: o.promptsPerStep }, () => rng.int(o.prompts.length));
    const completions = await generate({ runner: o.runner, config, weights: o.state.weights }, o.tokenizer, {
      prompts: chosen.map((i) => encoded[i]),
      samplesPerPrompt: o.groupSize,
      seed: `${o.seed}/grpo-step-${step}`,
      maxTokens: o.maxTokens,
      temperature: o.temperature ?? 1,
    });
    // The sampler returns each prompt's samples together, which is the group layout groupAdvantages expects.
    const rewards = completions.map((c) => o.verifier(o.prompts[chosen[c.promptIndex]], c));
    const advantages = groupAdvantages(rewards, o.groupSize, { normalise: preset.normaliseAdvantages });
    const rows: PolicyRow[] = completions.map((c, i) => ({ prompt: encoded[chosen[c.promptIndex]], completion: c.tokens, logProbs: c.logProbs, advantages: advantages[i] }));
    if (reference) {
      const refLogProbs = await scoreCompletions(reference, rows, { padId: o.tokenizer.pad, temperature: o.temperature ?? 1 });
      rows.forEach((row, i) => (row.refLogProbs = refLogProbs[i]));
    }
    const out = await policyUpdate(o.runner, o.state, rows, settings);
    history.push({ meanReward: rewards.reduce((a, b) => a + b, 0) / rewards.length, loss: out.loss, clipFraction: out.clipFraction });
  }
  return history;
}
