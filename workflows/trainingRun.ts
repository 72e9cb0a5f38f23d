import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  executeChild,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Duration } from '@temporalio/common';
import type { createActivities } from '../activities';
import { nonRetryableErrorTypes } from '../core/errors';
import { taskQueues } from '../core/taskQueues';
import { scheduleOf, type MethodSchedule } from '../recipes/methodSchedules';
import type { RunConfig } from '../training/runConfig';
import { buildDataset } from './buildDataset';
import { PATCHES } from './patches';
import { checkpointUpdate, pauseUpdate, resumeUpdate, runStatusQuery, setUpdate, stopUpdate } from './runControl';
import { DrlConfigHash, DrlKind, DrlMethod, DrlRecipe, DrlReward, DrlStatus, DrlStep } from './searchAttributes';
import { requireSender, TrainingRunState, type CarriedState, type Evaluation } from './trainingRunState';
import { DEFAULT_EXECUTION, upgradeConfig, upgradeMethodConfig, upgradeSchedule } from './v1Payloads';

type Activities = ReturnType<typeof createActivities>;
type Cpu = Activities['cpu'];
type Gpu = Activities['gpu'];

export interface TrainingRunInput {
  /** The run config as the user wrote it; the planRun activity validates it. */
  config: Record<string, unknown>;
  /** Restart from this stored checkpoint (its step, hyperparameters and schedule state), e.g. after the workflow was terminated. */
  fromCheckpoint?: string;
  /** The GPU queue's name when it is not drl-gpu (tests keep deployments apart this way). */
  gpuTaskQueue?: string;
  /** Carried over by continue-as-new. */
  carried?: CarriedState;
}

export interface TrainingRunResult {
  steps: number;
  checkpoint: string;
  datasetId: string;
  configHash: string;
  stopped: boolean;
  pinned: string[];
  evaluations: Evaluation[];
}

/**
 * A durable RL training run: plan -> dataset (child buildDataset, reused by id) -> policy -> prompt check -> per
 * step: rollout (GPU queue) -> reward (CPU queue) -> update (GPU queue, checkpoint k+1) -> evaluate every E steps;
 * continue-as-new every N steps. The run's method shapes it through its schedule's hooks (recipes/). Only
 * references and small metrics cross Temporal; every activity output is committed under a hash of its input, so a
 * retried or replayed step never applies twice.
 */
export async function trainingRun(input: TrainingRunInput): Promise<TrainingRunResult> {
  const run = new TrainingRunState(input.carried);
  setHandler(runStatusQuery, () => run.status());
  // Updates rather than signals: the sender learns at once whether the change was accepted, and with what effect.
  setHandler(pauseUpdate, (request) => run.pause(request), { validator: requireSender });
  setHandler(resumeUpdate, (request) => run.resume(request), { validator: requireSender });
  setHandler(stopUpdate, (request) => run.stop(request), { validator: requireSender });
  setHandler(checkpointUpdate, (request) => run.pinCheckpoint(request), { validator: requireSender });
  setHandler(setUpdate, (request) => run.set(request), { validator: (request) => run.validateSet(request) });

  try {
    if (!input.carried) await start(input, run);
    const { config } = run.run;
    const activities = activitiesFor(config.execution, input.gpuTaskQueue);
    const schedule = scheduleOf(config.method);
    const stepsAtStart = run.run.step;
    upsertSearchAttributes([
      { key: DrlKind, value: 'trainingRun' },
      // Runs recorded before methods had their own attribute set DrlRecipe; replay compares commands, not values.
      patched(PATCHES.methodsAsPlugins) ? { key: DrlMethod, value: config.method } : { key: DrlRecipe, value: config.method },
      { key: DrlConfigHash, value: run.run.configHash },
      { key: DrlStatus, value: run.paused ? 'paused' : 'running' },
      { key: DrlStep, value: run.run.step },
    ]);
    if (run.run.step === 0 && config.evaluation.every > 0) await evaluateAt(run, activities.gpu);
    if (schedule && !run.run.schedule[config.method]) {
      // A schedule starts from the base's hint-free evaluation (or, after a restart from a checkpoint written
      // before the schedule existed, from that checkpoint's).
      const base = await evaluateAt(run, activities.gpu);
      run.update({ schedule: { [config.method]: schedule.init(run.run.methodConfig, base) } });
    }

    while (run.run.step < config.steps) {
      if (run.paused) {
        run.phase = 'paused';
        await condition(() => !run.paused || run.stopping);
      }
      if (run.stopping) break;
      if (run.run.step - stepsAtStart >= config.continueAsNewEvery || workflowInfo().continueAsNewSuggested) {
        await condition(allHandlersFinished);
        return await continueAsNew<typeof trainingRun>({ ...input, carried: run.carried() });
      }
      await trainStep(run, activities, schedule);
    }
  } catch (err) {
    upsertSearchAttributes([{ key: DrlStatus, value: 'failed' }]);
    throw err;
  }
  run.phase = 'done';
  upsertSearchAttributes([{ key: DrlStatus, value: 'done' }]);
  await condition(allHandlersFinished);
  const { step, checkpoint, datasetId, configHash } = run.run;
  return { steps: step, checkpoint, datasetId, configHash, stopped: run.stopping, pinned: run.pinned, evaluations: run.evaluations };
}

interface RunActivities {
  cpu: Cpu;
  gpu: Gpu;
}

/** The activity stubs of a run, with its execution settings (timeouts are not part of what a run computes). */
function activitiesFor(execution: RunConfig['execution'], gpuTaskQueue: string = taskQueues.gpu): RunActivities {
  // The config validated each duration's form; Temporal's Duration is that form as a type.
  const [cpuTimeout, gpuTimeout, heartbeatTimeout, maximumInterval] = [execution.cpuActivityTimeout, execution.gpuActivityTimeout, execution.heartbeatTimeout, execution.retryMaximumInterval] as Duration[];
  const retry = { nonRetryableErrorTypes, initialInterval: '1 second', maximumInterval } as const;
  return {
    cpu: proxyActivities<Cpu>({ startToCloseTimeout: cpuTimeout, heartbeatTimeout, retry }),
    gpu: proxyActivities<Gpu>({ taskQueue: gpuTaskQueue, startToCloseTimeout: gpuTimeout, heartbeatTimeout, retry }),
  };
}

/** The run's `prompts` section for an activity's input; none where the config has none, so those inputs stay as they were. */
function prompts(config: RunConfig): { prompts?: NonNullable<RunConfig['prompts']> } {
  return config.prompts ? { prompts: config.prompts } : {};
}

/** Plan, dataset, policy and prompt check: everything before the first step. */
async function start(input: TrainingRunInput, run: TrainingRunState): Promise<void> {
  // The plan decides the execution settings, so planning itself runs with the defaults.
  const plan = await activitiesFor(DEFAULT_EXECUTION, input.gpuTaskQueue).cpu.planRun(input.config);
  const config = upgradeConfig(plan.config);
  const { cpu, gpu } = activitiesFor(config.execution, input.gpuTaskQueue);
  run.phase = 'dataset';
  // A build request, or {id} of a stored dataset, which the child finds and returns as it is.
  const { datasetId } = await executeChild(buildDataset, { args: [config.dataset], workflowId: `${workflowInfo().workflowId}-dataset`, taskQueue: workflowInfo().taskQueue });
  run.phase = 'init';
  const begin = input.fromCheckpoint
    ? await cpu.resumePolicy({ checkpoint: input.fromCheckpoint })
    : await gpu.initPolicy({
        policy: config.policy,
        seed: config.seed,
        hyperparameters: config.hyperparameters,
        maxPromptTokens: config.maxPromptTokens,
        maxTokens: config.maxTokens,
        threads: config.threads,
        sft: config.sft,
        datasetId,
        ...prompts(config),
        ...(config.ppo ? { valueHead: config.ppo.valueHead === 'zero' ? { source: 'zero' as const } : { source: 'rewardModel' as const, checkpoint: config.reward.rewardModel!.checkpoint } } : {}),
      });
  if (begin.step > config.steps) {
    throw ApplicationFailure.nonRetryable(`checkpoint ${begin.checkpoint} is at step ${begin.step}, beyond the run's ${config.steps} steps`, 'InputError');
  }
  const pluggable = patched(PATCHES.methodsAsPlugins);
  const promptCheck = pluggable ? await cpu.checkPrompts({ datasetId, checkpoint: begin.checkpoint, ...prompts(config), method: config.method, maxPromptTokens: config.maxPromptTokens, maxSkippedShare: config.maxSkippedShare }) : undefined;
  run.begin({
    config,
    configHash: plan.configHash,
    datasetId,
    step: begin.step,
    checkpoint: begin.checkpoint,
    reference: begin.reference,
    hyperparameters: begin.hyperparameters,
    methodConfig: upgradeMethodConfig(plan),
    schedule: upgradeSchedule(begin),
    ...(promptCheck ? { promptCheck } : {}),
    ...(pluggable ? { modelTerms: plan.modelTerms } : {}),
    ...(plan.auxiliary ? { auxiliary: plan.auxiliary } : {}),
  });
  // A checkpoint holds the schedule as it was before the probe that followed its step; redo that probe (its
  // evaluation is committed, so this costs nothing) to continue exactly as the original run did.
  const schedule = scheduleOf(config.method);
  const state = run.run.schedule[config.method];
  if (schedule?.probe && state !== undefined && begin.step > 0 && schedule.probe.due(state, begin.step)) await probe(run, gpu, schedule.probe);
}

/** One step: rollout, reward, the schedule's clock, update (checkpoint k+1), then the evaluations that fall due. */
async function trainStep(run: TrainingRunState, { cpu, gpu }: RunActivities, schedule: MethodSchedule | undefined): Promise<void> {
  run.startStep();
  const stepStarted = Date.now();
  const { config, step, hyperparameters, datasetId } = run.run;
  const method = config.method;
  // What the step's GPU activities share: their place in the run and the shapes they compute at.
  const stepShape = { checkpoint: run.run.checkpoint, step, seed: config.seed, groupSize: config.groupSize, maxTokens: config.maxTokens, maxPromptTokens: config.maxPromptTokens, threads: config.threads };
  run.phase = 'rollout';
  const rolled = await gpu.rollout({
    ...stepShape,
    datasetId,
    promptsPerStep: config.promptsPerStep,
    chunkPrompts: config.rolloutChunkPrompts,
    temperature: hyperparameters.temperature,
    method,
    methodParameters: schedule ? (schedule.rolloutParameters(run.run.schedule[method]) as Record<string, unknown>) : {},
    ...prompts(config),
  });
  run.phase = 'reward';
  const grades = run.run.modelTerms?.length ? await gpu.grade({ datasetId, rollout: rolled.key, reward: config.reward, threads: config.threads }) : undefined;
  const scored = await cpu.reward({ datasetId, rollout: rolled.key, reward: config.reward, ...(grades ? { grades: grades.key } : {}) });
  if (schedule) run.update({ schedule: { [method]: schedule.afterStep(run.run.schedule[method], step + 1) } });
  run.phase = 'update';
  const updated = await gpu.update({
    ...stepShape,
    reference: run.run.reference,
    rollout: rolled.key,
    reward: scored.key,
    loss: config.loss,
    ...(config.klEstimator ? { klEstimator: config.klEstimator } : {}),
    ...(config.ppo ? { ppo: config.ppo } : {}),
    microBatches: config.microBatches,
    hyperparameters,
    schedule: run.run.schedule,
    // The method's rows come from the step's records: the update reads them with the run's prompts and method config.
    ...(run.run.auxiliary ? { auxiliary: { datasetId, method, methodConfig: run.run.methodConfig, ...prompts(config) } } : {}),
  });
  run.update({ step: updated.step, checkpoint: updated.checkpoint });
  const { metrics } = updated;
  const seconds = (Date.now() - stepStarted) / 1000;
  run.finishStep({
    step: updated.step,
    checkpoint: updated.checkpoint,
    meanReward: scored.summary.meanReward,
    byLanguage: scored.summary.byLanguage,
    loss: metrics.loss,
    kl: metrics.kl,
    clipFraction: metrics.clipFraction,
    gradNorm: metrics.gradNorm,
    entropy: metrics.entropy,
    seconds,
    tokensPerSecond: metrics.tokens / Math.max(seconds, 1e-3),
    hyperparameters,
  });
  upsertSearchAttributes([
    { key: DrlStep, value: updated.step },
    { key: DrlReward, value: scored.summary.meanReward },
  ]);
  if (config.evaluation.every > 0 && (updated.step % config.evaluation.every === 0 || updated.step === config.steps)) await evaluateAt(run, gpu);
  if (schedule?.probe?.due(run.run.schedule[method], updated.step)) await probe(run, gpu, schedule.probe);
}

/** The schedule's probe: an evaluation of the newest checkpoint folded into its state (LANG may switch hints). */
async function probe(run: TrainingRunState, gpu: Gpu, probe: NonNullable<MethodSchedule['probe']>): Promise<void> {
  const { config } = run.run;
  const evaluation = await evaluateAt(run, gpu, probe.problems(run.run.methodConfig));
  run.update({ schedule: { [config.method]: probe.observe(run.run.schedule[config.method], run.run.step, evaluation) } });
}

/**
 * Hint-free accuracy of the current checkpoint on the eval split (`problems` per language), once per step however
 * many ask: an evaluation of at least that many problems at this step is reused.
 */
async function evaluateAt(run: TrainingRunState, gpu: Gpu, problems?: number): Promise<Evaluation> {
  const { config, step, checkpoint, datasetId } = run.run;
  const wanted = problems ?? config.evaluation.problems;
  const done = run.evaluations.find((e) => e.step === step && e.problemsPerLanguage >= wanted);
  if (done) return done;
  run.phase = 'evaluate';
  const result = await gpu.evaluate({
    checkpoint,
    datasetId,
    problems: wanted,
    maxTokens: config.evaluation.maxTokens ?? config.maxTokens,
    maxPromptTokens: config.maxPromptTokens,
    chunkPrompts: config.evaluation.batch,
    threads: config.threads,
    method: config.method,
    ...prompts(config),
  });
  const evaluation = { step, problemsPerLanguage: wanted, accuracy: result.accuracy, byLanguage: result.byLanguage };
  run.evaluations.push(evaluation);
  return evaluation;
}
