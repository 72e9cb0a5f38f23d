import { InputError } from '../../core/errors';
import type { PreferenceExample } from '../../engine/train';
import { preferencePairsOf, type Episode, type PreferenceEpisode, type PromptRendering, type Task } from '../../training/tasks';
import { promptTokens } from '../../training/tasks';

/**
 * A split's ranked pairs in token ids. A reward model reads bos, the prompt's text and the response without eos, as
 * rewardModelGrader.ts scores rollouts; a policy (DPO) reads the prompt as it is rendered for sampling and the
 * response with eos, as it generates.
 */
export function preferenceExamples(task: Task, episodes: readonly Episode[], split: Episode['split'], rendering: PromptRendering, reader: 'rewardModel' | 'policy', stage: string): PreferenceExample[] {
  if (task.kind !== 'preference') throw new InputError(`stage ${stage}: trains on preference pairs, and this dataset is ${task.kind}`);
  const pairs = preferencePairsOf(episodes, split);
  if (pairs.length === 0) throw new InputError(`stage ${stage}: the dataset has no ${split === 'train' ? 'training' : 'held-out'} pairs`);
  const { tokenizer } = rendering;
  return pairs.map((episode: PreferenceEpisode) =>
    reader === 'rewardModel'
      ? { prompt: tokenizer.encode(task.prompt(episode), { bos: true }), chosen: tokenizer.encode(episode.chosen), rejected: tokenizer.encode(episode.rejected) }
      : { prompt: promptTokens(task, episode, rendering), chosen: tokenizer.encode(episode.chosen, { eos: true }), rejected: tokenizer.encode(episode.rejected, { eos: true }) },
  );
}
