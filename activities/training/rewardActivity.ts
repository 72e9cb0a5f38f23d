import { canonicalJson } from '../../core/canonicalJson';
import { InputError } from '../../core/errors';
import { composeRewards } from '../../rewards/compose';
import type { RewardResult } from '../../rewards/rewardResult';
import type { Episode } from '../../training/tasks';
import { readChunks, runChunked, samplesIn, type ChunkedResult } from '../chunkedWork';
import { outputKey } from '../committedOutput';
import type { RolloutSample } from './rolloutActivity';
import { rewardTermNamed, type RewardSettings } from './rewardTerms';
import type { TrainingContext } from './trainingContext';

export interface RewardInput {
  datasetId: string;
  /** The rollout's manifest key. */
  rollout: string;
  reward: RewardSettings;
}

export interface ScoredSample extends RewardResult {
  slot: number;
  sampleIndex: number;
  language: string;
}

export interface LanguageRewards {
  samples: number;
  meanReward: number;
  /** Share of samples whose final answer is correct (0 without a `correct` term). */
  accuracy: number;
  /** Mean language consistency (0 without a `language` term). */
  consistency: number;
}

export interface RewardSummary {
  meanReward: number;
  byLanguage: Record<string, LanguageRewards>;
  /** Mean of every recorded component over the batch. */
  components: Record<string, number>;
}

export type RewardOutput = ChunkedResult<RewardSummary>;

/**
 * Scores every sample of a rollout with the configured composition, chunk by chunk as the rollout was made, and
 * records each term's score and components per sample so a composite can always be taken apart again.
 */
export async function reward(ctx: TrainingContext, input: RewardInput): Promise<RewardOutput> {
  const key = outputKey('reward', input);
  const episodes = new Map((await ctx.dataset(input.datasetId)).episodes.map((e) => [e.id, e]));
  const rolloutChunks = await readChunks(ctx.store, input.rollout);
  const names = [...new Set(input.reward.terms.map((t) => t.reward))];
  const scorers = Object.fromEntries(names.map((name) => [name, rewardTermNamed(name, 'reward.terms').scorer(input.reward, ctx.store)]));
  return runChunked<RewardSummary>(
    {
      store: ctx.store,
      manifestKey: `${key}.json`,
      chunkKey: (index) => `${key}/chunk-${String(index).padStart(5, '0')}.json`,
      chunkCount: rolloutChunks.length,
      computeChunk: async (index) => {
        const samples = samplesIn<RolloutSample>([rolloutChunks[index]]);
        const sampleEpisodes = samples.map((sample): Episode => {
          const episode = episodes.get(sample.problemId);
          if (!episode) throw new InputError(`rollout ${input.rollout}: record ${sample.problemId} is not in dataset ${input.datasetId}`);
          return episode;
        });
        const byName: Record<string, RewardResult[]> = {};
        for (const name of names) byName[name] = await scorers[name](samples, sampleEpisodes);
        const scored = samples.map((sample, i): ScoredSample => {
          const results = Object.fromEntries(names.map((name) => [name, byName[name][i]]));
          return { slot: sample.slot, sampleIndex: sample.sampleIndex, language: sample.language, ...composeRewards(results, input.reward) };
        });
        return Buffer.from(canonicalJson({ samples: scored }));
      },
      summarise: async (chunks) => summarise(samplesIn<ScoredSample>(await Promise.all(chunks.map((c) => ctx.store.getBlob(c))))),
    },
    { activity: 'reward', input },
  );
}

function summarise(samples: ScoredSample[]): RewardSummary {
  const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
  const byLanguage: Record<string, LanguageRewards> = {};
  for (const language of [...new Set(samples.map((s) => s.language))].sort()) {
    const of = samples.filter((s) => s.language === language);
    byLanguage[language] = {
      samples: of.length,
      meanReward: mean(of.map((s) => s.score)),
      accuracy: mean(of.map((s) => s.components['correct.correct'] ?? 0)),
      consistency: mean(of.map((s) => s.components['language.consistency'] ?? 0)),
    };
  }
  const componentNames = [...new Set(samples.flatMap((s) => Object.keys(s.components)))].sort();
  return {
    meanReward: mean(samples.map((s) => s.score)),
    byLanguage,
    components: Object.fromEntries(componentNames.map((name) => [name, mean(samples.map((s) => s.components[name] ?? 0))])),
  };
}
