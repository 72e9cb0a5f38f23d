/**
 * The reward terms a run config can name (`reward.terms[].reward`), each with the grading fields it needs from a
 * task's episodes, so a run whose task cannot grade a term fails before any work. A term scores a chunk's samples
 * in order and returns each score with its components and a reason.
 */
import { InputError } from '../../core/errors';
import type { ArtifactStore } from '../../store/artifactStore';
import { HttpJudgeBackend } from '../../rewards/judge/httpJudgeBackend';
import { judgeScore } from '../../rewards/judge/judgeScore';
import { languageConsistencyReward } from '../../rewards/languageConsistency';
import { LONGTRACE_ETA, longTraceRubricRewardGroup } from '../../rewards/longtraceRubric';
import type { RewardResult } from '../../rewards/rewardResult';
import type { RunConfig } from '../../training/runConfig';
import type { Episode, GradingField, Task } from '../../training/tasks';
import type { GraphRunner } from '../../engine/infer';
import { loadRewardModel, rewardModelRewards, type RewardModel } from './rewardModelGrader';
import type { RolloutSample } from './rolloutActivity';

export type RewardSettings = RunConfig['reward'];

/** Scores a chunk's samples with each sample's episode, one result per sample in order. */
export type TermScorer = (samples: readonly RolloutSample[], episodes: readonly Episode[]) => Promise<RewardResult[]>;

/** Where a scorer runs: the store it reads models from, the engine a model-graded term computes on, the run's task. */
export interface GradingEnvironment {
  store: ArtifactStore;
  runner: GraphRunner;
  task: Task;
}

export interface RewardTerm {
  /** Grading fields the term reads from every episode. */
  needs: readonly GradingField[];
  /** The term reads the task's judgement of a final answer (Task.answerReward). */
  judgesAnswers?: boolean;
  /** A term graded by a model checkpoint runs in the GPU queue's `grade` activity, with the run's threads. */
  modelGraded?: boolean;
  /** The term's scorer for one activity (it may hold a client or a model between chunks). */
  scorer(settings: RewardSettings, environment: GradingEnvironment): TermScorer;
}

/** A term that scores one sample at a time, in order. */
function eachSample(score: (sample: RolloutSample, episode: Episode) => RewardResult | Promise<RewardResult>): TermScorer {
  return async (samples, episodes) => {
    const results: RewardResult[] = [];
    for (const [i, sample] of samples.entries()) results.push(await score(sample, episodes[i]));
    return results;
  };
}

/** The task's own judgement of a final answer (a number for math, a name for knowledge-graph questions). */
function answerRewardOf(task: Task): NonNullable<Task['answerReward']> {
  if (!task.answerReward) throw new InputError(`a correct term needs a task that judges final answers; ${task.kind} records have none`);
  return task.answerReward.bind(task);
}

/**
 * LongTraceRL's reward over each group (the samples of one prompt slot, all in one chunk): 0 unless the final
 * answer is right, else (1 - eta) + eta r_rub with r_rub scaled by the group's largest.
 */
function rubricScorer(settings: RewardSettings, { task }: GradingEnvironment): TermScorer {
  const answerReward = answerRewardOf(task);
  const { eta = LONGTRACE_ETA, groupScaling = true } = settings.rubric ?? {};
  return async (samples, episodes) => {
    const results: RewardResult[] = new Array(samples.length);
    const slots = new Map<number, number[]>();
    samples.forEach((sample, i) => slots.set(sample.slot, [...(slots.get(sample.slot) ?? []), i]));
    for (const members of slots.values()) {
      const episode = episodes[members[0]];
      const group = members.map((i) => ({ response: samples[i].text, correct: answerReward(episode, samples[i].text).score === 1 }));
      const scored = longTraceRubricRewardGroup(group, episode.grading.rubric!, { eta, groupScaling });
      members.forEach((sampleIndex, j) => (results[sampleIndex] = { ...scored[j], components: { correct: scored[j].components.answer, ...scored[j].components } }));
    }
    return results;
  };
}

const TERMS = new Map<string, RewardTerm>([
  [
    'correct',
    {
      needs: ['answer'],
      judgesAnswers: true,
      scorer(_settings, { task }) {
        const answerReward = answerRewardOf(task);
        return eachSample((sample, episode) => answerReward(episode, sample.text));
      },
    },
  ],
  ['longtraceRubric', { needs: ['answer', 'rubric'], judgesAnswers: true, scorer: rubricScorer }],
  ['language', { needs: [], scorer: () => eachSample((sample, episode) => languageConsistencyReward(sample.text, episode.language)) }],
  [
    'judge',
    {
      needs: ['reference'],
      scorer(settings) {
        const judge = settings.judge;
        if (!judge) throw new InputError('a judge term needs reward.judge');
        const backend = new HttpJudgeBackend(judge);
        return eachSample((sample, episode) =>
          judgeScore(
            backend,
            { instruction: sample.prompt, response: sample.text, reference: episode.grading.reference! },
            { seed: `${sample.problemId}/${sample.slot}/${sample.sampleIndex}`, instructionsLanguage: judge.instructionsLanguage, maxAttempts: judge.maxAttempts },
          ),
        );
      },
    },
  ],
  [
    'rewardModel',
    {
      needs: [],
      modelGraded: true,
      scorer(settings, { store, runner }) {
        const rm = settings.rewardModel;
        if (!rm) throw new InputError('a rewardModel term needs reward.rewardModel');
        let model: Promise<RewardModel> | undefined;
        return async (samples) => {
          model ??= loadRewardModel(store, rm.checkpoint, runner);
          return rewardModelRewards(await model, samples.map((s) => ({ prompt: s.prompt, response: s.text })), { normalise: rm.normalise });
        };
      },
    },
  ],
]);

export function rewardTermNamed(name: string, where: string): RewardTerm {
  const term = TERMS.get(name);
  if (!term) throw new InputError(`${where}: unknown reward "${name}" (known: ${[...TERMS.keys()].join(', ')})`);
  return term;
}

/** The terms of a composition that a model grades, in the order they are first named. */
export function modelGradedTerms(settings: RewardSettings): string[] {
  return [...new Set(settings.terms.map((t) => t.reward))].filter((name) => rewardTermNamed(name, 'reward.terms').modelGraded);
}

/** Adds a reward term (a method's own, or a test's). */
export function registerRewardTerm(name: string, term: RewardTerm): void {
  if (TERMS.has(name)) throw new Error(`reward term ${name} is registered already`);
  TERMS.set(name, term);
}
