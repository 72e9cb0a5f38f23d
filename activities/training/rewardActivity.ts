import { canonicalJson } from '../../core/canonicalJson';
import { InputError } from '../../core/errors';
import { composeRewards } from '../../rewards/compose';
import { HttpJudgeBackend } from '../../rewards/judge/httpJudgeBackend';
import { judgeScore } from '../../rewards/judge/judgeScore';
import { languageConsistencyReward } from '../../rewards/languageConsistency';
import { mathAnswerReward } from '../../rewards/mathAnswer';
import { loadRewardModel, rewardModelRewards, type RewardModel } from '../../rewards/rewardModelReward';
import type { RewardResult } from '../../rewards/rewardResult';
import type { ArtifactStore } from '../../store/artifactStore';
import type { RunConfig } from '../../training/runConfig';
import type { TrainingProblem } from '../../training/trainingProblems';
import { readChunks, runChunked, samplesIn, type ChunkedResult } from '../chunkedWork';
import { outputKey } from '../committedOutput';
import { engineFor } from '../sharedEngine';
import type { RolloutSample } from './rolloutActivity';
import type { TrainingContext } from './trainingContext';

export interface RewardInput {
  datasetId: string;
  /** The rollout's manifest key. */
  rollout: string;
  reward: RunConfig['reward'];
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

type RewardName = RunConfig['reward']['terms'][number]['reward'];
/** Scores a chunk's samples (with each sample's problem), one result per sample in order. */
type RewardFunction = (samples: readonly RolloutSample[], problems: readonly TrainingProblem[]) => Promise<RewardResult[]>;

/** A reward of one sample at a time, in order. */
function eachSample(score: (sample: RolloutSample, problem: TrainingProblem) => RewardResult | Promise<RewardResult>): RewardFunction {
  return async (samples, problems) => {
    const results: RewardResult[] = [];
    for (const [i, sample] of samples.entries()) results.push(await score(sample, problems[i]));
    return results;
  };
}

/** The reward functions a run config can name; each returns a score with its components and a reason. */
function rewardFunctions(config: RunConfig['reward'], store: ArtifactStore): Record<RewardName, RewardFunction> {
  const judge = config.judge && new HttpJudgeBackend(config.judge);
  let rewardModel: Promise<RewardModel> | undefined;
  return {
    correct: eachSample((sample, problem) => mathAnswerReward(sample.text, problem.answer, { language: problem.language })),
    language: eachSample((sample, problem) => languageConsistencyReward(sample.text, problem.language)),
    judge: eachSample((sample, problem) => {
      if (!judge || !config.judge) throw new InputError('a judge term needs reward.judge');
      return judgeScore(
        judge,
        { instruction: sample.prompt, response: sample.text, reference: problem.steps.join('\n') || problem.answer },
        { seed: `${sample.problemId}/${sample.slot}/${sample.sampleIndex}`, instructionsLanguage: config.judge.instructionsLanguage, maxAttempts: config.judge.maxAttempts },
      );
    }),
    rewardModel: async (samples) => {
      if (!config.rewardModel) throw new InputError('a rewardModel term needs reward.rewardModel');
      // One thread whatever the run's count (the reward input does not carry it), so a score is the same on any worker.
      rewardModel ??= loadRewardModel(store, config.rewardModel.checkpoint, engineFor(1));
      return rewardModelRewards(await rewardModel, samples.map((s) => ({ prompt: s.prompt, response: s.text })), { normalise: config.rewardModel.normalise });
    },
  };
}

/**
 * Scores every sample of a rollout with the configured composition, chunk by chunk as the rollout was made, and
 * records each term's score and components per sample so a composite can always be taken apart again.
 */
export async function reward(ctx: TrainingContext, input: RewardInput): Promise<RewardOutput> {
  const key = outputKey('reward', input);
  const problems = new Map((await ctx.problems(input.datasetId)).map((p) => [p.id, p]));
  const rolloutChunks = await readChunks(ctx.store, input.rollout);
  const names = [...new Set(input.reward.terms.map((t) => t.reward))];
  const rewards = rewardFunctions(input.reward, ctx.store);
  return runChunked<RewardSummary>(
    {
      store: ctx.store,
      manifestKey: `${key}.json`,
      chunkKey: (index) => `${key}/chunk-${String(index).padStart(5, '0')}.json`,
      chunkCount: rolloutChunks.length,
      computeChunk: async (index) => {
        const samples = samplesIn<RolloutSample>([rolloutChunks[index]]);
        const sampleProblems = samples.map((sample) => {
          const problem = problems.get(sample.problemId);
          if (!problem) throw new InputError(`rollout ${input.rollout}: problem ${sample.problemId} is not in dataset ${input.datasetId}`);
          return problem;
        });
        const byName: Record<string, RewardResult[]> = {};
        for (const name of names) byName[name] = await rewards[name](samples, sampleProblems);
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
