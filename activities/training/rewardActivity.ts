import { canonicalJson } from '../../core/canonicalJson';
import { InputError } from '../../core/errors';
import { composeRewards } from '../../rewards/compose';
import type { RewardResult } from '../../rewards/rewardResult';
import { chunkedKeys, readChunks, readSamples, runChunked, samplesIn, type ChunkedResult } from '../chunkedWork';
import { outputKey } from '../committedOutput';
import { engineFor } from '../sharedEngine';
import type { GradedSample } from './gradeActivity';
import { episodesOf } from './rewardEpisodes';
import type { RolloutSample } from './rolloutActivity';
import { rewardTermNamed, type RewardSettings, type TermScorer } from './rewardTerms';
import type { TrainingContext } from './trainingContext';

export interface RewardInput {
  datasetId: string;
  /** The rollout's manifest key. */
  rollout: string;
  reward: RewardSettings;
  /** The `grade` activity's manifest key: the results of the model-graded terms, computed on the GPU queue. */
  grades?: string;
}

export interface ScoredSample extends RewardResult {
  slot: number;
  sampleIndex: number;
  language: string;
}

export interface LanguageRewards {
  samples: number;
  meanReward: number;
  /** Share of samples whose final answer is correct (0 without a term that judges it: `correct`, `longtraceRubric`). */
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
  const episodes = await episodesOf(ctx, input.datasetId, input.rollout);
  const rolloutChunks = await readChunks(ctx.store, input.rollout);
  const grades = input.grades ? new Map((await readSamples<GradedSample>(ctx.store, input.grades)).map((g) => [`${g.slot}/${g.sampleIndex}`, g])) : undefined;
  const names = [...new Set(input.reward.terms.map((t) => t.reward))];
  // Runs recorded before model-graded terms had their GPU activity pass no grades: such a term is scored here,
  // on one thread, as it was then.
  const environment = { store: ctx.store, runner: engineFor(1), task: (await ctx.dataset(input.datasetId)).task };
  const scorers: Record<string, TermScorer> = {};
  for (const name of names) {
    const term = rewardTermNamed(name, 'reward.terms');
    scorers[name] = term.modelGraded && grades ? gradedBy(grades, name) : term.scorer(input.reward, environment);
  }
  return runChunked<RewardSummary>(
    {
      store: ctx.store,
      ...chunkedKeys(key),
      chunkCount: rolloutChunks.length,
      computeChunk: async (index) => {
        const samples = samplesIn<RolloutSample>([rolloutChunks[index]]);
        const sampleEpisodes = episodes(samples);
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

/** A term's results as the grade activity committed them, found by each sample's place in the rollout. */
function gradedBy(grades: ReadonlyMap<string, GradedSample>, name: string): TermScorer {
  return async (samples) =>
    samples.map((sample) => {
      const result = grades.get(`${sample.slot}/${sample.sampleIndex}`)?.results[name];
      if (!result) throw new InputError(`the grades have no ${name} result for slot ${sample.slot} sample ${sample.sampleIndex} of the rollout`);
      return result;
    });
}

/** Whether a sample's final answer is right: the `correct` term's judgement, else another term's (`<term>.correct`). */
function correctOf(sample: ScoredSample): number {
  return sample.components['correct.correct'] ?? Object.entries(sample.components).find(([name]) => name.endsWith('.correct'))?.[1] ?? 0;
}

function summarise(samples: ScoredSample[]): RewardSummary {
  const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
  const byLanguage: Record<string, LanguageRewards> = {};
  for (const language of [...new Set(samples.map((s) => s.language))].sort()) {
    const of = samples.filter((s) => s.language === language);
    byLanguage[language] = {
      samples: of.length,
      meanReward: mean(of.map((s) => s.score)),
      accuracy: mean(of.map(correctOf)),
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
