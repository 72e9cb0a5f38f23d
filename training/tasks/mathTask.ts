/**
 * Math word problems (the `math` builder's records and imported math datasets): the question after "Q:", an
 * optional hint after "H:", the answer after "A:". The markers are ASCII and language-neutral so that a hint-free
 * prompt in Swahili carries no English words that would pull the answer to English.
 */
import { InputError } from '../../core/errors';
import { IDENTIFIABLE_LANGUAGES } from '../../rewards/languageId';
import { languageConsistencyReward } from '../../rewards/languageConsistency';
import { mathAnswerReward } from '../../rewards/mathAnswer';
import type { Episode, Task } from './task';

export const mathTask: Task<MathEpisode> = {
  kind: 'math',
  grades: ['answer', 'reference'],
  promptFields: ['question'],
  episode(record, where) {
    for (const field of ['id', 'language', 'question', 'answer'] as const) {
      if (typeof record[field] !== 'string' || record[field] === '') throw new InputError(`${where}: field "${field}" must be a non-empty string to train on`);
    }
    const steps = Array.isArray(record.steps) ? record.steps.map(String) : [];
    return {
      id: record.id as string,
      language: record.language as string,
      split: record.split === 'eval' ? 'eval' : 'train',
      grading: { answer: record.answer as string, reference: steps.join('\n') || (record.answer as string) },
      solution: steps,
      question: record.question as string,
    };
  },
  prompt(episode, options = {}) {
    const hint = options.hint ? `H: ${options.hint}\n` : '';
    return `Q: ${episode.question}\n${hint}A:`;
  },
  demonstration: (episode) => ` ${episode.solution.join(' ')}`,
  answerReward: (episode, completion) => mathAnswerReward(completion, episode.grading.answer!, { language: episode.language }),
  evaluate(episode, completion) {
    const { language } = episode;
    return {
      correct: mathAnswerReward(completion, episode.grading.answer!, { language }).score === 1,
      consistency: (IDENTIFIABLE_LANGUAGES as readonly string[]).includes(language) ? languageConsistencyReward(completion, language).score : null,
    };
  },
};

interface MathEpisode extends Episode {
  question: string;
}
