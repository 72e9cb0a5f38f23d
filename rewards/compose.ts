/**
 * Reward composition from config: a weighted sum of named rewards, each optionally gated on another reward's score
 * or component ("rubric only if correct"). Every input component is copied into the result under its reward's name,
 * with each term's gate and weighted contribution, so a logged composite can always be taken apart again.
 */
import { z } from 'zod';
import { InputError } from '../core/errors';
import { RewardResult } from './rewardResult';

const termSchema = z.object({
  /** Key of the reward in the per-sample results. */
  reward: z.string().min(1),
  weight: z.number().finite().default(1),
  /**
   * Pay this term only when the gate passes: "math" (that reward's score) or "math.correct" (one of its
   * components) must be at least `gateMin`.
   */
  gate: z.string().min(1).optional(),
  gateMin: z.number().finite().default(1),
});

export const compositionSchema = z.object({ terms: z.array(termSchema).min(1) });

export type CompositionConfig = z.input<typeof compositionSchema>;
type ResolvedComposition = z.output<typeof compositionSchema>;

export function parseComposition(config: unknown): ResolvedComposition {
  const parsed = compositionSchema.safeParse(config);
  if (!parsed.success) throw new InputError(`reward composition: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

function lookup(results: Readonly<Record<string, RewardResult>>, path: string): number {
  const dot = path.indexOf('.');
  const name = dot < 0 ? path : path.slice(0, dot);
  const result = results[name];
  if (result === undefined) throw new InputError(`reward composition refers to '${name}', which was not computed`);
  if (dot < 0) return result.score;
  const value = result.components[path.slice(dot + 1)];
  if (value === undefined) throw new InputError(`reward '${name}' has no component '${path.slice(dot + 1)}'`);
  return value;
}

/** One sample's composite reward from its named reward results. */
export function composeRewards(results: Readonly<Record<string, RewardResult>>, config: CompositionConfig): RewardResult {
  const { terms } = parseComposition(config);
  const components: Record<string, number> = {};
  for (const [name, result] of Object.entries(results)) {
    components[`${name}.score`] = result.score;
    for (const [key, value] of Object.entries(result.components)) components[`${name}.${key}`] = value;
  }
  let score = 0;
  const reasons: string[] = [];
  for (const term of terms) {
    const value = lookup(results, term.reward);
    const open = term.gate === undefined || lookup(results, term.gate) >= term.gateMin;
    const contribution = open ? term.weight * value : 0;
    components[`${term.reward}.gate`] = open ? 1 : 0;
    components[`${term.reward}.weighted`] = contribution;
    score += contribution;
    reasons.push(open ? `${term.weight}*${term.reward}=${contribution.toFixed(3)}` : `${term.reward} gated off by ${term.gate}`);
  }
  return { score, components, reason: reasons.join(' + ') };
}

export function composeRewardsBatch(
  samples: readonly Readonly<Record<string, RewardResult>>[],
  config: CompositionConfig,
): RewardResult[] {
  parseComposition(config);
  return samples.map((results) => composeRewards(results, config));
}
