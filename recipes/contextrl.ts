/**
 * ContextRL (METHODS.md; arXiv 2606.17053): GRPO plus a contrastive-attribution loss, both from the same
 * `contextPairs` record (question, answer, contexts A and B, the supporting label).
 * - The GRPO part samples the question over its supporting context (the gold documents) and is rewarded by the
 *   run's terms (`correct`: the final answer).
 * - The choice rows: for each of the step's records, the task's choice prompt -- both contexts labelled [A] and
 *   [B], the question and its answer, "Supported by:" -- teacher-forced, no sampling; Delta is the logit of the
 *   supporting label's token minus the other's at the label position, and L_CA = -log sigmoid(clip(Delta, -c, c)).
 * L = L_GRPO + lambda L_CA, with lambda and c in the `contextrl:` section (defaults 0.1 and 5, ours).
 */
import { z } from 'zod';
import { InputError } from '../core/errors';
import { CONTEXT_MARGIN_DEFAULTS, type ContextMarginRow } from '../engine/train';
import { promptTokens, type PromptRendering, type Task } from '../training/tasks';
import { CHOICE_VIEW, choiceCompletion, type ContextPairEpisode } from '../training/tasks/contextPairsTask';
import type { Method } from './method';

const contextrlSection = z
  .object({
    lambda: z.number().min(0).optional().describe("the margin loss's weight in L = L_GRPO + lambda L_CA; default 0.1"),
    clip: z.number().positive().optional().describe('the margin Delta is clipped to [-clip, clip]; default 5'),
  })
  .strict();

interface ContextRLConfig {
  lambda: number;
  clip: number;
}

/**
 * The label tokens after a choice prompt: the tokens both labels' completions share (a byte model's space) join
 * the prompt, and the first token where they differ is each label's.
 */
function labelTokens(rendering: PromptRendering): { shared: number[]; A: number; B: number } {
  const [a, b] = (['A', 'B'] as const).map((label) => rendering.tokenizer.encode(choiceCompletion(label)));
  let shared = 0;
  while (shared < a.length && shared < b.length && a[shared] === b[shared]) shared++;
  if (shared === a.length || shared === b.length) throw new InputError(`the tokenizer gives the labels A and B the same tokens (${a.join(' ')}): no margin to read`);
  return { shared: a.slice(0, shared), A: a[shared], B: b[shared] };
}

export const contextrlMethod: Method = {
  summary: 'ContextRL: GRPO on the question over its supporting context plus a margin loss on which of two contexts supports the answer (contextPairs datasets)',
  section: contextrlSection,
  kinds: ['contextPairs'],
  resolve(section): ContextRLConfig {
    const { lambda = CONTEXT_MARGIN_DEFAULTS.weight, clip = CONTEXT_MARGIN_DEFAULTS.clip } = contextrlSection.parse(section ?? {});
    return { lambda, clip };
  },
  // The choice prompt holds both contexts: it is the one that must fit.
  largestPromptOptions: () => ({ view: CHOICE_VIEW }),
  auxiliary({ episodes, task, rendering, config }) {
    const { lambda, clip } = config as ContextRLConfig;
    const labels = labelTokens(rendering);
    const rows = episodes.map((episode): ContextMarginRow => {
      const { supporting } = episode as ContextPairEpisode;
      const prompt = [...promptTokens(task as Task<ContextPairEpisode>, episode as ContextPairEpisode, rendering, { view: CHOICE_VIEW }), ...labels.shared];
      return { prompt, correctLabel: labels[supporting], otherLabel: labels[supporting === 'A' ? 'B' : 'A'] };
    });
    return { loss: 'contextMargin', weight: lambda, clip, rows };
  },
};
