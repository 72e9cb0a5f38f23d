/**
 * Long-context QA (LongTraceRL; `kgQuestions` and imported `longContext` records): a multi-hop question over its
 * shuffled gold, Tier-1 and Tier-2 documents. A completion names the chain's entities up to the answer
 * ("North Macedonia => denar"); its final answer is the last one. Evaluations also ask every question closed-book
 * (no documents) and over its gold documents only, so a table shows how much of the accuracy is read from the
 * context and how much the distractors cost.
 */
import { entityAnswerReward } from '../../rewards/entityAnswer';
import { rubricHits } from '../../rewards/longtraceRubric';
import { documentsField, multiHopEpisode, questionPrompt, type MultiHopFields, type PromptDocument } from './contextDocuments';
import type { Episode, Task } from './task';

export interface LongContextEpisode extends Episode, MultiHopFields {
  documents: PromptDocument[];
}

const VIEWS = ['closedBook', 'goldOnly'] as const;

export const longContextTask: Task<LongContextEpisode> = {
  kind: 'longContext',
  grades: ['answer', 'aliases', 'rubric'],
  promptFields: ['documents', 'question'],
  views: VIEWS,
  episode(record, where) {
    return {
      ...multiHopEpisode(record, where),
      // An import gives one `context` string or a list of `documents`.
      documents: typeof record.context === 'string' ? [{ title: '', text: record.context, tier: 'gold' }] : documentsField(record.documents, 'documents', where),
    };
  },
  prompt(episode, options = {}) {
    const documents = options.view === 'closedBook' ? [] : options.view === 'goldOnly' ? episode.documents.filter((d) => d.tier === 'gold') : episode.documents;
    return questionPrompt(documents, episode.question);
  },
  demonstration: (episode) => ` ${episode.grading.reference}`,
  answerReward: (episode, completion) => entityAnswerReward(completion, episode.answer, episode.aliases),
  evaluate(episode, completion) {
    return {
      correct: entityAnswerReward(completion, episode.answer, episode.aliases).score === 1,
      // Entity names are often the graph's English ones whatever the question's language: no consistency measure.
      consistency: null,
      metrics: { rubric: rubricHits(completion, episode.rubric).rate },
    };
  },
};
