import { InputError } from '../../core/errors';
import type { Episode } from '../../training/tasks';
import type { RolloutSample } from './rolloutActivity';
import type { TrainingContext } from './trainingContext';

/** Each rollout sample's episode, found by its record id; a sample of another dataset is an error naming both. */
export async function episodesOf(ctx: TrainingContext, datasetId: string, rollout: string): Promise<(samples: readonly RolloutSample[]) => Episode[]> {
  const episodes = new Map((await ctx.dataset(datasetId)).episodes.map((e) => [e.id, e]));
  return (samples) =>
    samples.map((sample) => {
      const episode = episodes.get(sample.problemId);
      if (!episode) throw new InputError(`rollout ${rollout}: record ${sample.problemId} is not in dataset ${datasetId}`);
      return episode;
    });
}
