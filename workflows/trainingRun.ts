import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  executeChild,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { nonRetryableErrorTypes } from '../core/errors';
import { advanceClocks, hintFractions, initLangState, isProbeStep, observeAccuracy, type LangConfig, type LangState } from '../recipes/lang';
import { validateHyperparameter, type Hyperparameters } from '../training/hyperparameters';
import type { RunConfig } from '../training/runConfig';
import { taskQueues } from '../core/taskQueues';
import { buildDataset } from './buildDataset';
import {
  checkpointUpdate,
  pauseUpdate,
  resumeUpdate,
  runStatusQuery,
  setUpdate,
  stopUpdate,
  type ControlEvent,
  type ControlRequest,
  type RunPhase,
  type RunStatus,
  type StepRecord,
} from './runControl';
import { DrlConfigHash, DrlKind, DrlRecipe, DrlReward, DrlStatus, DrlStep } from './searchAttributes';

type Activities = ReturnType<typeof createActivities>;

export interface TrainingRunInput {
  /** The run config as the user wrote it; the planRun activity validates it. */
  config: Record<string, unknown>;
  /** Restart from this stored checkpoint (its step, hyperparameters and recipe state), e.g. after the workflow was terminated. */
  fromCheckpoint?: string;
  /** The GPU queue's name when it is not drl-gpu (tests keep deployments apart this way). */
  gpuTaskQueue?: string;
  /** Carried over by continue-as-new. */
  carried?: CarriedState;
}

interface CarriedState {
  config: RunConfig;
  configHash: string;
  datasetId: string;
  step: number;
  checkpoint: string;
  reference: string;
  hyperparameters: Hyperparameters;
  /** The recipe's schedule state; for LANG `{ lang: LangState }`. It is stored in every checkpoint. */
  recipe: Record<string, unknown>;
  /** LANG's resolved schedule config (recipe lang only). */
  lang?: LangConfig;
  controls: ControlEvent[];
  pinned: string[];
  paused: boolean;
  recent: StepRecord[];
  evaluations: RunStatus['evaluations'];
}

export interface TrainingRunResult {
  steps: number;
  checkpoint: string;
  datasetId: string;
  configHash: string;
  stopped: boolean;
  pinned: string[];
  evaluations: RunStatus['evaluations'];
}

/** The state while the run starts up: the carried fields fill in as planning, dataset and init complete. */
type RunState = Partial<CarriedState> & Pick<CarriedState, 'controls' | 'pinned' | 'recent' | 'evaluations' | 'paused'>;

const KEEP_RECENT = 20;

const cpu = proxyActivities<Activities['cpu']>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '10 seconds',
  retry: { nonRetryableErrorTypes, initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/**
 * A durable RL training run: dataset (child buildDataset, reused by id) -> policy init -> per step: rollout (GPU
 * queue) -> reward (CPU queue) -> update (GPU queue, checkpoint k+1) -> evaluate every E steps; continue-as-new every
 * N steps. Only references and small metrics cross Temporal; every activity output is committed under a hash of its
 * input, so a retried or replayed step never applies twice.
 */
export async function trainingRun(input: TrainingRunInput): Promise<TrainingRunResult> {
  const gpu = proxyActivities<Activities['gpu']>({
    taskQueue: input.gpuTaskQueue ?? taskQueues.gpu,
    startToCloseTimeout: '4 hours',
    heartbeatTimeout: '10 seconds',
    retry: { nonRetryableErrorTypes, initialInterval: '1 second', maximumInterval: '30 seconds' },
  });
  const carried = input.carried;
  let phase: RunPhase = carried ? 'rollout' : 'planning';
  let stopping = false;
  let stepInProgress = false;
  const state: RunState = carried ?? {
    controls: [],
    pinned: [],
    recent: [],
    evaluations: [],
    paused: false,
  };

  const status = (): RunStatus => ({
    status: stopping ? 'stopping' : state.paused ? 'paused' : phase === 'done' ? 'done' : 'running',
    phase,
    step: state.step ?? 0,
    steps: state.config?.steps ?? 0,
    configHash: state.configHash ?? '',
    datasetId: state.datasetId,
    checkpoint: state.checkpoint,
    hyperparameters: state.hyperparameters,
    recent: state.recent,
    controls: state.controls.slice(-KEEP_RECENT),
    pinned: state.pinned,
    evaluations: state.evaluations.slice(-KEEP_RECENT),
    recipe: state.recipe,
  });
  const record = (kind: ControlEvent['kind'], request: ControlRequest, detail?: Record<string, unknown>): ControlEvent => {
    const event: ControlEvent = { kind, sender: request.sender, at: new Date().toISOString(), effectiveStep: (state.step ?? 0) + (stepInProgress ? 1 : 0), detail };
    state.controls.push(event);
    return event;
  };
  const requireSender = (request: ControlRequest) => {
    if (typeof request?.sender !== 'string' || request.sender === '') throw new Error('a control request needs a sender');
  };
  setHandler(runStatusQuery, status);
  setHandler(pauseUpdate, (request) => {
    state.paused = true;
    upsertSearchAttributes([{ key: DrlStatus, value: 'paused' }]);
    return record('pause', request);
  }, { validator: requireSender });
  setHandler(resumeUpdate, (request) => {
    state.paused = false;
    upsertSearchAttributes([{ key: DrlStatus, value: 'running' }]);
    return record('resume', request);
  }, { validator: requireSender });
  setHandler(stopUpdate, (request) => {
    stopping = true;
    upsertSearchAttributes([{ key: DrlStatus, value: 'stopping' }]);
    return record('stop', request);
  }, { validator: requireSender });
  setHandler(checkpointUpdate, (request) => {
    // Every step already writes a checkpoint; checkpoint-now pins the newest one so retention never deletes it.
    if (state.checkpoint && !state.pinned.includes(state.checkpoint)) state.pinned.push(state.checkpoint);
    return record('checkpoint', request, { checkpoint: state.checkpoint ?? null });
  }, { validator: requireSender });
  setHandler(setUpdate, (request) => {
    const { key, value } = validateHyperparameter(request.key, request.value);
    const from = state.hyperparameters![key];
    state.hyperparameters = { ...state.hyperparameters!, [key]: value };
    return record('set', request, { key, from, to: value });
  }, {
    validator: (request) => {
      requireSender(request);
      if (!state.hyperparameters) throw new Error('the run has not started its steps yet; set hyperparameters in the config');
      validateHyperparameter(request.key, request.value);
    },
  });

  try {
    if (!carried) await start(input, state, gpu, (p) => (phase = p));
    const config = state.config!;
    const stepsAtStart = state.step!;
    upsertSearchAttributes([
      { key: DrlKind, value: 'trainingRun' },
      { key: DrlRecipe, value: config.recipe },
      { key: DrlConfigHash, value: state.configHash! },
      { key: DrlStatus, value: state.paused ? 'paused' : 'running' },
      { key: DrlStep, value: state.step! },
    ]);
    if (state.step === 0 && config.evaluation.every > 0) {
      phase = 'evaluate';
      await evaluateAt(state, config, gpu);
    }
    if (state.lang && !state.recipe!.lang) {
      // LANG's horizons need each language's hint-free accuracy before RL (or, after a restart from a checkpoint
      // written before the schedule existed, at that checkpoint).
      phase = 'evaluate';
      const base = await evaluateAt(state, config, gpu);
      state.recipe = { lang: initLangState(state.lang, Object.keys(base.byLanguage), accuracies(base.byLanguage)) };
    }

    while (state.step! < config.steps) {
      if (state.paused) {
        phase = 'paused';
        await condition(() => !state.paused || stopping);
      }
      if (stopping) break;
      if (state.step! - stepsAtStart >= config.continueAsNewEvery || workflowInfo().continueAsNewSuggested) {
        await condition(allHandlersFinished);
        // The full record of evaluations and controls is in the histories (drl audit reads them); the next execution
        // carries only the newest, so its input stays small however long the run.
        const carried: CarriedState = { ...(state as CarriedState), evaluations: state.evaluations.slice(-KEEP_RECENT), controls: state.controls.slice(-KEEP_RECENT) };
        return await continueAsNew<typeof trainingRun>({ ...input, carried });
      }
      stepInProgress = true;
      const stepStarted = Date.now();
      const step = state.step!;
      const hyperparameters = state.hyperparameters!;
      // What the step's GPU activities share: their place in the run and the shapes they compute at.
      const stepShape = { checkpoint: state.checkpoint!, step, seed: config.seed, groupSize: config.groupSize, maxTokens: config.maxTokens, maxPromptTokens: config.maxPromptTokens, threads: config.threads };
      phase = 'rollout';
      const rolled = await gpu.rollout({
        ...stepShape,
        datasetId: state.datasetId!,
        promptsPerStep: config.promptsPerStep,
        chunkPrompts: config.rolloutChunkPrompts,
        temperature: hyperparameters.temperature,
        hintFractions: state.lang ? hintFractions(langState(state)) : {},
        ...(state.lang ? { hintUnit: state.lang.hintUnit ?? 'step' } : {}),
      });
      phase = 'reward';
      const scored = await cpu.reward({ datasetId: state.datasetId!, rollout: rolled.key, reward: config.reward });
      if (state.lang) state.recipe = { lang: advanceClocks(langState(state), step + 1) };
      phase = 'update';
      const updated = await gpu.update({
        ...stepShape,
        reference: state.reference!,
        rollout: rolled.key,
        reward: scored.key,
        loss: config.loss,
        microBatches: config.microBatches,
        hyperparameters,
        recipe: state.recipe!,
      });
      state.step = updated.step;
      state.checkpoint = updated.checkpoint;
      const { metrics } = updated;
      state.recent = [
        ...state.recent,
        {
          step: updated.step,
          checkpoint: updated.checkpoint,
          meanReward: scored.summary.meanReward,
          byLanguage: scored.summary.byLanguage,
          loss: metrics.loss,
          kl: metrics.kl,
          clipFraction: metrics.clipFraction,
          gradNorm: metrics.gradNorm,
          entropy: metrics.entropy,
          seconds: (Date.now() - stepStarted) / 1000,
          tokensPerSecond: metrics.tokens / Math.max((Date.now() - stepStarted) / 1000, 1e-3),
          hyperparameters,
        },
      ].slice(-KEEP_RECENT);
      stepInProgress = false;
      upsertSearchAttributes([
        { key: DrlStep, value: updated.step },
        { key: DrlReward, value: scored.summary.meanReward },
      ]);
      if (config.evaluation.every > 0 && (updated.step % config.evaluation.every === 0 || updated.step === config.steps)) {
        phase = 'evaluate';
        await evaluateAt(state, config, gpu);
      }
      if (state.lang && isProbeStep(langState(state), updated.step)) await probeLang(state, config, gpu, (p) => (phase = p));
    }
  } catch (err) {
    upsertSearchAttributes([{ key: DrlStatus, value: 'failed' }]);
    throw err;
  }
  phase = 'done';
  upsertSearchAttributes([{ key: DrlStatus, value: 'done' }]);
  await condition(allHandlersFinished);
  return {
    steps: state.step!,
    checkpoint: state.checkpoint!,
    datasetId: state.datasetId!,
    configHash: state.configHash!,
    stopped: stopping,
    pinned: state.pinned,
    evaluations: state.evaluations,
  };
}

type GpuActivities = Activities['gpu'];

/** Plan, dataset and policy: everything before the first step. */
async function start(input: TrainingRunInput, state: RunState, gpu: GpuActivities, setPhase: (phase: RunPhase) => void): Promise<void> {
  const plan = await cpu.planRun(input.config);
  state.config = plan.config;
  state.configHash = plan.configHash;
  setPhase('dataset');
  const dataset = await executeChild(buildDataset, {
    args: [plan.config.dataset],
    workflowId: `${workflowInfo().workflowId}-dataset`,
    taskQueue: workflowInfo().taskQueue,
  });
  state.datasetId = dataset.datasetId;
  setPhase('init');
  const begin = input.fromCheckpoint
    ? await cpu.resumePolicy({ checkpoint: input.fromCheckpoint })
    : await gpu.initPolicy({
        policy: plan.config.policy,
        seed: plan.config.seed,
        hyperparameters: plan.config.hyperparameters,
        maxPromptTokens: plan.config.maxPromptTokens,
        maxTokens: plan.config.maxTokens,
        threads: plan.config.threads,
        sft: plan.config.sft,
        datasetId: dataset.datasetId,
      });
  if (begin.step > plan.config.steps) {
    throw ApplicationFailure.nonRetryable(`checkpoint ${begin.checkpoint} is at step ${begin.step}, beyond the run's ${plan.config.steps} steps`, 'InputError');
  }
  Object.assign(state, { step: begin.step, checkpoint: begin.checkpoint, reference: begin.reference, hyperparameters: begin.hyperparameters, recipe: begin.recipe, lang: plan.lang });
  // A checkpoint holds the schedule as it was before the probe that followed its step; redo that probe (its
  // evaluation is committed, so this costs nothing) to continue exactly as the original run did.
  if (plan.lang && begin.recipe.lang && begin.step > 0 && isProbeStep(begin.recipe.lang as LangState, begin.step)) {
    await probeLang(state, plan.config, gpu, setPhase);
  }
}

function langState(state: RunState): LangState {
  return state.recipe!.lang as LangState;
}

function accuracies(byLanguage: Record<string, { accuracy: number }>): Record<string, number> {
  return Object.fromEntries(Object.entries(byLanguage).map(([language, e]) => [language, e.accuracy]));
}

/** LANG's probe: hint-free accuracy of the newest checkpoint folded into the schedule (which may switch hints). */
async function probeLang(state: RunState, config: RunConfig, gpu: GpuActivities, setPhase: (phase: RunPhase) => void): Promise<void> {
  setPhase('evaluate');
  const probe = await evaluateAt(state, config, gpu, config.lang?.probeProblems);
  state.recipe = { lang: observeAccuracy(langState(state), state.step!, accuracies(probe.byLanguage)) };
}

/**
 * Hint-free accuracy of the current checkpoint on the eval split (`problems` per language), once per step however
 * many users ask: an evaluation of at least that many problems at this step is reused.
 */
async function evaluateAt(state: RunState, config: RunConfig, gpu: GpuActivities, problems = config.evaluation.problems): Promise<RunStatus['evaluations'][number]> {
  const done = state.evaluations.find((e) => e.step === state.step && e.problemsPerLanguage >= problems);
  if (done) return done;
  const result = await gpu.evaluate({
    checkpoint: state.checkpoint!,
    datasetId: state.datasetId!,
    problems,
    maxTokens: config.evaluation.maxTokens ?? config.maxTokens,
    maxPromptTokens: config.maxPromptTokens,
    chunkPrompts: config.evaluation.batch,
    threads: config.threads,
  });
  const evaluation = { step: state.step!, problemsPerLanguage: problems, accuracy: result.accuracy, byLanguage: result.byLanguage };
  state.evaluations.push(evaluation);
  return evaluation;
}
