/**
 * Preference records (the `preference` builder's, or pairs from `drl data import --kind preference`): the prompt as
 * it is, SFT's demonstration (the record's own, else the chosen response), and, where the record carries the hidden
 * truth, its true score of any completion. Reward models and DPO read the pairs through `preferencePairsOf`.
 */
import { InputError } from '../../core/errors';
import { hasSpuriousFeature, trueEchoScore } from '../../datasets/preference/echoPreference';
import type { Episode, EpisodeGrade, Task } from './task';

export interface PreferenceEpisode extends Episode {
  prompt: string;
  chosen: string;
  rejected: string;
  demonstration: string;
  /** The word the hidden preference asks for (synthetic records only). */
  target?: string;
}

const text = (record: Record<string, unknown>, field: string, where: string): string => {
  const value = record[field];
  if (typeof value !== 'string' || value === '') throw new InputError(`${where}: field "${field}" must be a non-empty string`);
  return value;
};

export const preferenceTask: Task<PreferenceEpisode> = {
  kind: 'preference',
  grades: ['reference'],
  promptFields: ['prompt'],
  episode(record, where) {
    const chosen = text(record, 'chosen', where);
    const truth = record.truth as { target?: unknown } | undefined;
    if (truth !== undefined && typeof truth?.target !== 'string') throw new InputError(`${where}: field "truth.target" must be a string`);
    return {
      id: text(record, 'id', where),
      language: typeof record.language === 'string' ? record.language : 'en',
      split: record.split === 'eval' ? 'eval' : 'train',
      grading: { reference: chosen },
      solution: [],
      prompt: text(record, 'prompt', where),
      chosen,
      rejected: text(record, 'rejected', where),
      demonstration: record.demonstration === undefined ? chosen : text(record, 'demonstration', where),
      ...(truth ? { target: truth.target as string } : {}),
    };
  },
  prompt: (episode) => episode.prompt,
  demonstration: (episode) => episode.demonstration,
  evaluate(episode, completion): EpisodeGrade {
    if (episode.target === undefined) return { correct: completion.trim() === episode.chosen.trim(), consistency: null, metrics: { spurious: hasSpuriousFeature(completion) ? 1 : 0 } };
    const trueScore = trueEchoScore(episode.target, completion);
    return { correct: trueScore === 1, consistency: null, metrics: { trueScore, spurious: hasSpuriousFeature(completion) ? 1 : 0 } };
  },
};

/** The training or held-out pairs of a preference dataset. */
export function preferencePairsOf(episodes: readonly Episode[], split: Episode['split']): PreferenceEpisode[] {
  return (episodes as PreferenceEpisode[]).filter((e) => e.split === split && typeof e.chosen === 'string');
}
