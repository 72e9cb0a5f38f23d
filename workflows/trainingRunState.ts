/**
 * The state of one training run and what its messages do to it, in the shape of Temporal's safe-message-handlers
 * sample: the workflow function wires each message to a method here; validators reject bad input before it
 * touches state. Everything a run knows only once it has started (its config, dataset, checkpoint, ...) is one
 * `StartedRun`, so nothing is read half-initialised.
 */
import { upsertSearchAttributes } from '@temporalio/workflow';
import { validateHyperparameter, type Hyperparameters } from '../training/hyperparameters';
import type { RunConfig } from '../training/runConfig';
import type { PromptCheck } from '../activities/training/checkPromptsActivity';
import type { ControlEvent, ControlRequest, RunPhase, RunStatus, StepRecord } from './runControl';
import { DrlStatus } from './searchAttributes';
import { upgradeConfig, upgradeMethodConfig, upgradeSchedule } from './v1Payloads';

export const KEEP_RECENT = 20;

/** What a run knows once planning, its dataset and its policy are in place. */
export interface StartedRun {
  config: RunConfig;
  configHash: string;
  datasetId: string;
  step: number;
  checkpoint: string;
  /** The KL reference policy. */
  reference: string;
  hyperparameters: Hyperparameters;
  /** The method's resolved config (what its schedule runs with). */
  methodConfig?: unknown;
  /** The method's schedule state, by method (`{lang: ...}`); stored in every checkpoint. */
  schedule: Record<string, unknown>;
  /** The reward terms a model grades on the GPU queue (absent in runs recorded before they had their activity). */
  modelTerms?: string[];
  /** The records skipped for prompts over maxPromptTokens (absent in runs recorded before the check). */
  promptCheck?: PromptCheck;
  /** The method adds a loss on rows of its own to every update (the plan's `auxiliary`). */
  auxiliary?: true;
}

/** What continue-as-new carries to the next execution. */
export interface CarriedState extends StartedRun {
  controls: ControlEvent[];
  pinned: string[];
  paused: boolean;
  recent: StepRecord[];
  evaluations: RunStatus['evaluations'];
}

export type Evaluation = RunStatus['evaluations'][number];

export class TrainingRunState {
  phase: RunPhase;
  stopping = false;
  paused = false;
  private stepInProgress = false;
  private controls: ControlEvent[] = [];
  readonly pinned: string[] = [];
  recent: StepRecord[] = [];
  readonly evaluations: Evaluation[] = [];
  private started?: StartedRun;

  constructor(carried?: CarriedState) {
    this.phase = carried ? 'rollout' : 'planning';
    if (!carried) return;
    const { controls, pinned, paused, recent, evaluations, ...started } = upgradeCarried(carried);
    Object.assign(this, { controls, paused, recent });
    this.pinned.push(...pinned);
    this.evaluations.push(...evaluations);
    this.started = started;
  }

  /** The started run; asking before it has started is a bug in the workflow, not bad input. */
  get run(): StartedRun {
    if (!this.started) throw new Error('the run has not started yet');
    return this.started;
  }

  begin(started: StartedRun): void {
    this.started = started;
  }

  update(changes: Partial<StartedRun>): void {
    this.started = { ...this.run, ...changes };
  }

  startStep(): void {
    this.stepInProgress = true;
  }

  finishStep(record: StepRecord): void {
    this.recent = [...this.recent, record].slice(-KEEP_RECENT);
    this.stepInProgress = false;
  }

  carried(): CarriedState {
    // The full record of evaluations and controls is in the histories (drl audit reads them); the next execution
    // carries only the newest, so its input stays small however long the run.
    return { ...this.run, controls: this.controls.slice(-KEEP_RECENT), pinned: this.pinned, paused: this.paused, recent: this.recent, evaluations: this.evaluations.slice(-KEEP_RECENT) };
  }

  status(): RunStatus {
    const run = this.started;
    return {
      status: this.stopping ? 'stopping' : this.paused ? 'paused' : this.phase === 'done' ? 'done' : 'running',
      phase: this.phase,
      method: run?.config.method,
      step: run?.step ?? 0,
      steps: run?.config.steps ?? 0,
      configHash: run?.configHash ?? '',
      datasetId: run?.datasetId,
      checkpoint: run?.checkpoint,
      hyperparameters: run?.hyperparameters,
      recent: this.recent,
      controls: this.controls.slice(-KEEP_RECENT),
      pinned: this.pinned,
      evaluations: this.evaluations.slice(-KEEP_RECENT),
      schedule: run?.schedule,
      promptCheck: run?.promptCheck,
    };
  }

  pause(request: ControlRequest): ControlEvent {
    this.paused = true;
    upsertSearchAttributes([{ key: DrlStatus, value: 'paused' }]);
    return this.record('pause', request);
  }

  resume(request: ControlRequest): ControlEvent {
    this.paused = false;
    upsertSearchAttributes([{ key: DrlStatus, value: 'running' }]);
    return this.record('resume', request);
  }

  stop(request: ControlRequest): ControlEvent {
    this.stopping = true;
    upsertSearchAttributes([{ key: DrlStatus, value: 'stopping' }]);
    return this.record('stop', request);
  }

  /** Every step already writes a checkpoint; checkpoint-now pins the newest one so retention never deletes it. */
  pinCheckpoint(request: ControlRequest): ControlEvent {
    const checkpoint = this.started?.checkpoint;
    if (checkpoint && !this.pinned.includes(checkpoint)) this.pinned.push(checkpoint);
    return this.record('checkpoint', request, { checkpoint: checkpoint ?? null });
  }

  validateSet(request: ControlRequest & { key: string; value: number }): void {
    requireSender(request);
    if (!this.started) throw new Error('the run has not started its steps yet; set hyperparameters in the config');
    if (this.started.config.loss === 'ppo' && request.key === 'epsHigh') throw new Error("PPO's clip range is symmetric: set epsLow");
    validateHyperparameter(request.key, request.value);
  }

  set(request: ControlRequest & { key: string; value: number }): ControlEvent {
    const { key, value } = validateHyperparameter(request.key, request.value);
    const from = this.run.hyperparameters[key];
    // PPO's one clip range is epsLow; epsHigh mirrors it, so the hyperparameters in force say what the loss reads.
    const mirrored = this.run.config.loss === 'ppo' && key === 'epsLow' ? { epsHigh: value } : {};
    this.update({ hyperparameters: { ...this.run.hyperparameters, [key]: value, ...mirrored } });
    return this.record('set', request, { key, from, to: value });
  }

  private record(kind: ControlEvent['kind'], request: ControlRequest, detail?: Record<string, unknown>): ControlEvent {
    const event: ControlEvent = { kind, sender: request.sender, at: new Date().toISOString(), effectiveStep: (this.started?.step ?? 0) + (this.stepInProgress ? 1 : 0), detail };
    this.controls.push(event);
    return event;
  }
}

export function requireSender(request: ControlRequest): void {
  if (typeof request?.sender !== 'string' || request.sender === '') throw new Error('a control request needs a sender');
}

/** A continue-as-new input recorded by a milestone-1 run (config with `recipe`, schedule as `recipe`, LANG's as `lang`). */
function upgradeCarried(carried: CarriedState & { recipe?: Record<string, unknown>; lang?: unknown }): CarriedState {
  const { recipe, lang, ...rest } = carried;
  return { ...rest, config: upgradeConfig(carried.config), methodConfig: upgradeMethodConfig(carried), schedule: upgradeSchedule(carried) };
}
