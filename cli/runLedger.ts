/**
 * A training run's ledger, read from the workflow histories of its whole continue-as-new chain: the history is the
 * authoritative record of which inputs produced each step, which worker ran it, how often it was retried and why,
 * and who changed what while it ran. `drl audit`, `drl samples`, `drl report` and the metric exports read it.
 */
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { PromptCheck } from '../activities/training/checkPromptsActivity';
import type { RewardOutput } from '../activities/training/rewardActivity';
import type { RolloutResult } from '../activities/training/rolloutActivity';
import type { UpdateInput, UpdateResult } from '../activities/training/updateActivity';
import type { EvaluationResult } from '../activities/training/evaluateActivity';
import type { ControlEvent } from '../workflows/runControl';

const EventType = temporal.api.enums.v1.EventType;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type Payloads = temporal.api.common.v1.IPayloads | null | undefined;

export interface LedgerActivity {
  type: string;
  input: unknown;
  result?: unknown;
  /** The attempt that closed it (1 when it never failed). */
  attempt: number;
  /** Why the previous attempt failed, when there was one. */
  lastFailure?: string;
  /** Why it failed for good. */
  failure?: string;
  worker?: string;
  scheduledAt: string;
  startedAt?: string;
  closedAt?: string;
  /** From scheduling to completion, retries included. */
  seconds?: number;
  runId: string;
}

export interface LedgerStep {
  step: number;
  checkpointIn: string;
  checkpointOut?: string;
  hyperparameters: UpdateInput['hyperparameters'];
  /** The hint fraction per language the step's rollout used (LANG; empty for plain GRPO). */
  hintFractions: Record<string, number>;
  rollout?: LedgerActivity;
  reward?: LedgerActivity;
  update?: LedgerActivity;
  meanReward?: number;
  metrics?: UpdateResult['metrics'];
}

export interface LedgerExecution {
  runId: string;
  startedAt: string;
  closedAt?: string;
  /** How the execution ended: completed, continuedAsNew, failed, terminated, timedOut, canceled, or running. */
  outcome: string;
  events: number;
  steps: number[];
}

export interface RunLedger {
  workflowId: string;
  executions: LedgerExecution[];
  config?: Record<string, unknown>;
  configHash?: string;
  datasetId?: string;
  initialCheckpoint?: string;
  /** The records skipped before the first step for a prompt over maxPromptTokens (runs since issue 14). */
  promptCheck?: PromptCheck;
  steps: LedgerStep[];
  controls: Array<ControlEvent & { clientIdentity?: string; runId: string }>;
  evaluations: Array<{ checkpoint: string; result: EvaluationResult; runId: string }>;
  /** Every activity in history order (the steps' and the others: plan, init, evaluate). */
  activities: LedgerActivity[];
}

function decode(payloads: Payloads): unknown {
  const first = payloads?.payloads?.[0];
  return first ? defaultPayloadConverter.fromPayload(first) : undefined;
}

function timeOf(event: HistoryEvent): string {
  const t = event.eventTime;
  const ms = Number(t?.seconds ?? 0) * 1000 + Math.floor((t?.nanos ?? 0) / 1e6);
  return new Date(ms).toISOString();
}

const OUTCOMES: Partial<Record<number, string>> = {
  [EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED]: 'completed',
  [EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW]: 'continuedAsNew',
  [EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED]: 'failed',
  [EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED]: 'terminated',
  [EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT]: 'timedOut',
  [EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED]: 'canceled',
};

/** The run ids of a workflow's continue-as-new chain, oldest first, with their histories. */
async function historiesOf(client: Client, workflowId: string): Promise<Array<{ runId: string; events: HistoryEvent[] }>> {
  const chain: Array<{ runId: string; events: HistoryEvent[] }> = [];
  let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
  while (runId) {
    const history: temporal.api.history.v1.IHistory = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const events: HistoryEvent[] = history.events ?? [];
    chain.unshift({ runId, events });
    runId = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  return chain;
}

/** Reads the ledger of a training run (any of its executions' workflow id). */
export async function readRunLedger(client: Client, workflowId: string): Promise<RunLedger> {
  const ledger: RunLedger = { workflowId, executions: [], steps: [], controls: [], evaluations: [], activities: [] };
  for (const { runId, events } of await historiesOf(client, workflowId)) {
    const scheduled = new Map<string, LedgerActivity>();
    const pendingUpdates = new Map<string, string | undefined>();
    const execution: LedgerExecution = { runId, startedAt: events[0] ? timeOf(events[0]) : '', outcome: 'running', events: events.length, steps: [] };
    ledger.executions.push(execution);
    for (const event of events) {
      const id = String(event.eventId);
      const type = event.eventType ?? 0;
      if (OUTCOMES[type]) {
        execution.outcome = OUTCOMES[type]!;
        execution.closedAt = timeOf(event);
      }
      if (type === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED) {
        const input = decode(event.workflowExecutionStartedEventAttributes?.input) as { config?: Record<string, unknown> } | undefined;
        ledger.config ??= input?.config;
      } else if (type === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
        const a = event.activityTaskScheduledEventAttributes!;
        const activity: LedgerActivity = { type: a.activityType?.name ?? '', input: decode(a.input), attempt: 1, scheduledAt: timeOf(event), runId };
        scheduled.set(id, activity);
        ledger.activities.push(activity);
      } else if (type === EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
        const a = event.activityTaskStartedEventAttributes!;
        const activity = scheduled.get(String(a.scheduledEventId));
        if (activity) Object.assign(activity, { attempt: a.attempt ?? 1, lastFailure: a.lastFailure?.message ?? undefined, worker: a.identity ?? undefined, startedAt: timeOf(event) });
      } else if (type === EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
        const a = event.activityTaskCompletedEventAttributes!;
        const activity = scheduled.get(String(a.scheduledEventId));
        if (activity) close(activity, event, { result: decode(a.result) });
      } else if (type === EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED) {
        const a = event.activityTaskFailedEventAttributes!;
        const activity = scheduled.get(String(a.scheduledEventId));
        if (activity) close(activity, event, { failure: failureText(a.failure) });
      } else if (type === EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT) {
        const a = event.activityTaskTimedOutEventAttributes!;
        const activity = scheduled.get(String(a.scheduledEventId));
        if (activity) close(activity, event, { failure: failureText(a.failure) });
      } else if (type === EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED) {
        const result = decode(event.childWorkflowExecutionCompletedEventAttributes?.result) as { datasetId?: string } | undefined;
        ledger.datasetId ??= result?.datasetId;
      } else if (type === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) {
        const a = event.workflowExecutionUpdateAcceptedEventAttributes!;
        pendingUpdates.set(a.acceptedRequest?.meta?.updateId ?? '', a.acceptedRequest?.meta?.identity ?? undefined);
      } else if (type === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED) {
        const a = event.workflowExecutionUpdateCompletedEventAttributes!;
        const control = decode(a.outcome?.success) as ControlEvent | undefined;
        const updateId = a.meta?.updateId ?? '';
        if (control) ledger.controls.push({ ...control, clientIdentity: pendingUpdates.get(updateId), runId });
      }
    }
  }
  assembleSteps(ledger);
  return ledger;
}

function close(activity: LedgerActivity, event: HistoryEvent, outcome: { result?: unknown; failure?: string }): void {
  Object.assign(activity, outcome, { closedAt: timeOf(event) });
  activity.seconds = (Date.parse(activity.closedAt!) - Date.parse(activity.scheduledAt)) / 1000;
}

function failureText(failure: temporal.api.failure.v1.IFailure | null | undefined): string | undefined {
  if (!failure) return undefined;
  const cause = failure.cause ? `: ${failureText(failure.cause)}` : '';
  const type = failure.applicationFailureInfo?.type;
  return `${type ? `${type}: ` : ''}${failure.message ?? ''}${cause}`;
}

/** Groups the activities into steps: rollout k, the reward of that rollout, and update k. */
function assembleSteps(ledger: RunLedger): void {
  const steps = new Map<number, LedgerStep>();
  const rewardsByRollout = new Map<string, LedgerActivity>();
  for (const activity of ledger.activities) {
    const input = activity.input as Record<string, unknown>;
    if (activity.type === 'planRun') ledger.configHash ??= (activity.result as { configHash?: string } | undefined)?.configHash;
    if (activity.type === 'checkPrompts') ledger.promptCheck ??= activity.result as PromptCheck | undefined;
    if (activity.type === 'initPolicy' || activity.type === 'resumePolicy') ledger.initialCheckpoint ??= (activity.result as { checkpoint?: string } | undefined)?.checkpoint;
    if (activity.type === 'reward') rewardsByRollout.set(input.rollout as string, activity);
    if (activity.type === 'evaluate' && activity.result) ledger.evaluations.push({ checkpoint: input.checkpoint as string, result: activity.result as EvaluationResult, runId: activity.runId });
    if (activity.type === 'rollout' || activity.type === 'update') {
      const step = input.step as number;
      // A step whose workflow was restarted appears again; the newest attempt at it is the one that counts.
      const entry: LedgerStep = steps.get(step) ?? { step, checkpointIn: input.checkpoint as string, hyperparameters: input.hyperparameters as LedgerStep['hyperparameters'], hintFractions: {} };
      if (activity.type === 'rollout') {
        entry.rollout = activity;
        entry.checkpointIn = input.checkpoint as string;
        // LANG's hints, in the method's rollout parameters (in the input itself in runs of milestone 1).
        const parameters = (input.methodParameters ?? input) as { hintFractions?: Record<string, number> };
        entry.hintFractions = parameters.hintFractions ?? {};
      } else {
        entry.update = activity;
        entry.hyperparameters = (input as unknown as UpdateInput).hyperparameters;
        const result = activity.result as UpdateResult | undefined;
        entry.checkpointOut = result?.checkpoint;
        entry.metrics = result?.metrics;
      }
      steps.set(step, entry);
    }
  }
  for (const entry of steps.values()) {
    const rolloutKey = (entry.rollout?.result as RolloutResult | undefined)?.key;
    entry.reward = rolloutKey ? rewardsByRollout.get(rolloutKey) : undefined;
    entry.meanReward = (entry.reward?.result as RewardOutput | undefined)?.summary.meanReward;
  }
  ledger.steps = [...steps.values()].sort((a, b) => a.step - b.step);
  for (const execution of ledger.executions) {
    execution.steps = ledger.steps.filter((s) => s.update?.runId === execution.runId && s.checkpointOut).map((s) => s.step + 1);
  }
}
