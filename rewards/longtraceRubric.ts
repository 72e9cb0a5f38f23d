/**
 * LongTraceRL reward (arXiv 2605.31584): answer correctness plus a rubric bonus for naming the gold entities of the
 * multi-hop chain, paid only when the answer is right so that listing entities cannot replace answering.
 */
import { InputError } from '../core/errors';
import { RewardResult } from './rewardResult';

export const LONGTRACE_ETA = 0.3;

// Marks (\p{M}) are kept as well: without them Devanagari, Bengali, Telugu and Thai words fall apart (ours).
const NOT_KEPT = /[^\p{L}\p{M}\p{Nd}_\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;

/** Lowercase; letters, digits, underscore and CJK kept; everything else a single space. */
export function normaliseForRubric(text: string): string {
  return text.toLowerCase().replace(NOT_KEPT, ' ').trim();
}

export interface RubricHits {
  hits: number;
  total: number;
  /** hits / total */
  rate: number;
}

/** Rubric entities whose normalised form is a substring of the normalised response. */
export function rubricHits(response: string, rubric: readonly string[]): RubricHits {
  if (rubric.length === 0) throw new InputError('LongTraceRL rubric is empty');
  const normalisedResponse = normaliseForRubric(response);
  let hits = 0;
  for (const entity of rubric) {
    const normalisedEntity = normaliseForRubric(entity);
    if (normalisedEntity === '') throw new InputError(`rubric entity '${entity}' has no letters or digits`);
    if (normalisedResponse.includes(normalisedEntity)) hits++;
  }
  return { hits, total: rubric.length, rate: hits / rubric.length };
}

export interface LongTraceSample {
  response: string;
  /** r_ans: whether the final answer is the end entity of the walk. */
  correct: boolean;
}

export interface LongTraceOptions {
  eta?: number;
  /** Divide each r_rub by the group's largest r_rub when that is positive (default true). */
  groupScaling?: boolean;
}

/**
 * Rewards of one group (the G responses to one question, sharing its rubric):
 * r = 0 if wrong, else (1 - eta) + eta * r_rub, with r_rub scaled by the group maximum.
 */
export function longTraceRubricRewardGroup(
  group: readonly LongTraceSample[],
  rubric: readonly string[],
  options: LongTraceOptions = {},
): RewardResult[] {
  const eta = options.eta ?? LONGTRACE_ETA;
  if (!(eta >= 0 && eta <= 1)) throw new InputError(`LongTraceRL eta must be in [0, 1], got ${eta}`);
  const hits = group.map((sample) => rubricHits(sample.response, rubric));
  const groupMax = Math.max(0, ...hits.map((h) => h.rate));
  const scale = (options.groupScaling ?? true) && groupMax > 0 ? groupMax : 1;
  return group.map((sample, i) => {
    const rubricScore = hits[i].rate / scale;
    const answer = sample.correct ? 1 : 0;
    const score = answer === 0 ? 0 : (1 - eta) * answer + eta * rubricScore;
    return {
      score,
      components: { answer, rubricHits: hits[i].hits, rubricRate: hits[i].rate, rubric: rubricScore, groupMax },
      reason:
        `${sample.correct ? 'correct' : 'wrong'} answer, rubric ${hits[i].hits}/${hits[i].total}` +
        (scale === 1 ? '' : ` scaled by group max ${groupMax.toFixed(3)}`) +
        (sample.correct ? '' : ' (not paid: answer wrong)'),
    };
  });
}

export interface LongTraceGroup {
  samples: LongTraceSample[];
  rubric: string[];
}

export function longTraceRubricRewardBatch(groups: readonly LongTraceGroup[], options: LongTraceOptions = {}): RewardResult[][] {
  return groups.map((group) => longTraceRubricRewardGroup(group.samples, group.rubric, options));
}
