/**
 * ContextRL evaluation reward (arXiv 2606.17053): did the sampled answer name the context (A or B) that supports
 * the answer? Training uses the engine's logit-margin loss instead; this is only for measuring.
 */
import { InputError } from '../core/errors';
import { RewardResult } from './rewardResult';

export type ContextLabel = 'A' | 'B';

/**
 * The label a response chooses, or null when it names none or both without saying which is the answer.
 * Accepted: a bare label ("B", "(B)", "B."), a leading "B)"/"B:", "answer/context/option is B", or a single
 * standalone capital label in the text. A sentence-initial "A" before a lowercase word is the English article.
 */
export function chosenLabel(response: string): ContextLabel | null {
  const text = response.trim();
  const leading = /^[\s*_"'`]*\(?([AB])(?:\)|[.:](?!\w)|\s*$)/.exec(text);
  if (leading) return leading[1] as ContextLabel;
  const stated = [...text.matchAll(/\b(?:[Aa]nswer|[Cc]ontext|[Oo]ption|[Cc]hoice)\b[^A-Za-z\n]{0,12}?(?:is\s+)?\(?([AB])\b/g)];
  const lastStated = stated[stated.length - 1];
  if (lastStated) return lastStated[1].toUpperCase() as ContextLabel;
  const withoutArticles = text.replace(/(?<=^|[.!?]\s+|\n\s*)A(?=\s+[a-z])/g, '');
  const standalone = new Set([...withoutArticles.matchAll(/\b[AB]\b/g)].map((m) => m[0]));
  return standalone.size === 1 ? ([...standalone][0] as ContextLabel) : null;
}

export function contextChoiceReward(response: string, correctLabel: ContextLabel): RewardResult {
  if (correctLabel !== 'A' && correctLabel !== 'B') throw new InputError(`context label must be A or B, got '${correctLabel}'`);
  const chosen = chosenLabel(response);
  const correct = chosen === correctLabel ? 1 : 0;
  return {
    score: correct,
    components: { correct, parsed: chosen === null ? 0 : 1 },
    reason: chosen === null ? 'no label chosen' : `chose ${chosen}, supporting context is ${correctLabel}`,
  };
}

export function contextChoiceRewardBatch(
  samples: readonly { response: string; correctLabel: ContextLabel }[],
): RewardResult[] {
  return samples.map((s) => contextChoiceReward(s.response, s.correctLabel));
}
