/**
 * Is a response's final answer a named entity, by its name or an alias? Long-context and context-choice answers
 * are names ("denar", "Eastern Europe"), compared after the rubric's normalisation; only the final answer counts
 * (METHODS.md, LongTraceRL), not a name mentioned anywhere on the way to it.
 */
import { InputError } from '../core/errors';
import { normaliseForRubric } from './longtraceRubric';
import type { RewardResult } from './rewardResult';

/** Separates the entities of a reasoning chain ("North Macedonia => denar"); the last one is the final answer. */
export const CHAIN_SEPARATOR = '=>';

/** The response's final answer: its first line's last chain segment, trimmed; '' when there is none. */
export function finalAnswer(response: string): string {
  const line = response.trimStart().split('\n', 1)[0];
  const segments = line.split(CHAIN_SEPARATOR);
  return segments[segments.length - 1].trim();
}

export function entityAnswerReward(response: string, answer: string, aliases: readonly string[] = []): RewardResult {
  const names = [answer, ...aliases].map(normaliseForRubric);
  if (names[0] === '') throw new InputError(`the answer '${answer}' has no letters or digits to compare`);
  const given = finalAnswer(response);
  const correct = names.includes(normaliseForRubric(given)) ? 1 : 0;
  return {
    score: correct,
    components: { correct, answered: given === '' ? 0 : 1 },
    reason: given === '' ? 'no final answer' : `final answer '${given}' ${correct ? 'is' : 'is not'} '${answer}'${aliases.length > 0 ? ` or an alias` : ''}`,
  };
}
