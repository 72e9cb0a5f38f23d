/**
 * Contrastive context pairs (ContextRL; `kgPairs` and imported `contextPairs` records). One record gives two prompts:
 * the question over its supporting context (the gold documents), which a run samples and the `correct` term grades,
 * and the choice prompt -- both contexts labelled [A] and [B], the question and its answer, then "Supported by:" --
 * whose next token is the label: ContextRL's margin loss reads its logits, and the `choice` view grades a greedy
 * completion by the label it names. Evaluations also ask closed-book, and group by which hop's fact the other
 * context changed: a changed earlier hop leaves the answer's own document identical in both, the control against
 * the shortcut "the other context mentions the answer less".
 */
import { InputError } from '../../core/errors';
import { contextChoiceReward, type ContextLabel } from '../../rewards/contextChoice';
import { entityAnswerReward } from '../../rewards/entityAnswer';
import { documentLines, documentsField, multiHopEpisode, questionPrompt, type MultiHopFields, type PromptDocument } from './contextDocuments';
import type { Episode, Task } from './task';

export interface ContextPairEpisode extends Episode, MultiHopFields {
  contexts: Record<ContextLabel, PromptDocument[]>;
  supporting: ContextLabel;
  /** Index of the hop whose fact the other context changed. */
  changedHop: number;
}

/** The choice prompt's view; its completion starts with the label. */
export const CHOICE_VIEW = 'choice';

export const contextPairsTask: Task<ContextPairEpisode> = {
  kind: 'contextPairs',
  grades: ['answer', 'aliases', 'rubric'],
  promptFields: ['contexts', 'question'],
  views: [CHOICE_VIEW, 'closedBook'],
  episode(record, where) {
    const episode = multiHopEpisode(record, where);
    const contexts = (record.contexts ?? {}) as Record<string, unknown>;
    const supporting = record.supporting;
    if (supporting !== 'A' && supporting !== 'B') throw new InputError(`${where}: field "supporting" must be "A" or "B", got ${JSON.stringify(supporting)}`);
    const hop = (record.changed_fact as { hop?: unknown } | undefined)?.hop;
    if (!Number.isInteger(hop) || (hop as number) < 0 || (hop as number) >= episode.hops) {
      throw new InputError(`${where}: field "changed_fact.hop" must be a hop index below ${episode.hops}, got ${JSON.stringify(hop)}`);
    }
    return {
      ...episode,
      contexts: { A: documentsField(contexts.A, 'contexts.A', where), B: documentsField(contexts.B, 'contexts.B', where) },
      supporting,
      changedHop: hop as number,
    };
  },
  prompt(episode, options = {}) {
    if (options.view === CHOICE_VIEW) {
      const { A, B } = episode.contexts;
      return `[A]\n${documentLines(A)}[B]\n${documentLines(B)}Q: ${episode.question}\nA: ${episode.answer}\nSupported by:`;
    }
    return questionPrompt(options.view === 'closedBook' ? [] : episode.contexts[episode.supporting], episode.question);
  },
  demonstration: (episode) => ` ${episode.grading.reference}`,
  answerReward: (episode, completion) => entityAnswerReward(completion, episode.answer, episode.aliases),
  evaluate(episode, completion, view) {
    const correct = view === CHOICE_VIEW ? contextChoiceReward(completion, episode.supporting).score === 1 : entityAnswerReward(completion, episode.answer, episode.aliases).score === 1;
    return { correct, consistency: null };
  },
  breakdown: (episode) => ({ changedHop: episode.changedHop === episode.hops - 1 ? 'final' : 'earlier' }),
};

/** The completion that names a label, after the choice prompt. */
export function choiceCompletion(label: ContextLabel): string {
  return ` ${label}`;
}
