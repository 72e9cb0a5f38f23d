import { Option, type Command } from 'commander';
import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleDescription } from '@temporalio/client';
import { readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { InputError } from '../../core/errors';
import { openStore } from '../../store/openStore';
import { parseRunConfigYaml, runConfigHash } from '../../training/runConfig';
import { importPolicyFile } from '../policyFile';
import { taskQueues } from '../../core/taskQueues';
import { trainingRun } from '../../workflows/trainingRun';
import { logLine, logWarning, printResult } from '../output';
import { openTemporalSession } from '../temporalSession';

/** The overlap policies by their command-line names (what a due run does while the previous one still runs). */
const OVERLAP: Record<string, ScheduleOverlapPolicy> = {
  skip: ScheduleOverlapPolicy.SKIP,
  'buffer-one': ScheduleOverlapPolicy.BUFFER_ONE,
  'buffer-all': ScheduleOverlapPolicy.BUFFER_ALL,
  'cancel-other': ScheduleOverlapPolicy.CANCEL_OTHER,
  'terminate-other': ScheduleOverlapPolicy.TERMINATE_OTHER,
  'allow-all': ScheduleOverlapPolicy.ALLOW_ALL,
};
const overlapName = (policy: ScheduleOverlapPolicy) => Object.entries(OVERLAP).find(([, p]) => p === policy)?.[0] ?? String(policy);

interface CreateOptions {
  cron: string;
  id?: string;
  overlap: string;
  taskQueue: string;
  gpuTaskQueue?: string;
  json?: boolean;
}

/** What `drl schedule list` shows for one schedule. */
interface ScheduleView {
  scheduleId: string;
  cron?: string;
  config?: string;
  configHash?: string;
  paused: boolean;
  note?: string;
  nextRuns: string[];
  recentRuns: Array<{ workflowId: string; startedAt: string }>;
}

function overlapOf(name: string): ScheduleOverlapPolicy {
  const policy = OVERLAP[name];
  if (!policy) throw new InputError(`--overlap must be one of ${Object.keys(OVERLAP).join(', ')}, got "${name}"`);
  return policy;
}

/** The config, with a policy file imported into the store (schedules start runs on workers that may not have it). */
async function readConfig(file: string) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`${file}: cannot read (${(err as Error).message})`);
  }
  return importPolicyFile(parseRunConfigYaml(text, file, logWarning), openStore(), file);
}

/** Runs `work` with a client of the server the schedule lives on (never an embedded one: it would stop with the command). */
async function withClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const session = await openTemporalSession({ embedWorkers: false, log: logLine });
  try {
    return await work(session.client);
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) throw new InputError(`no schedule ${err.scheduleId} on ${session.target.address}`);
    throw err;
  } finally {
    await session.close();
  }
}

function viewOf(scheduleId: string, memo: Record<string, unknown> | undefined, state: { paused: boolean; note?: string }, info: Pick<ScheduleDescription['info'], 'nextActionTimes' | 'recentActions'>): ScheduleView {
  return {
    scheduleId,
    cron: memo?.cron as string | undefined,
    config: memo?.config as string | undefined,
    configHash: memo?.configHash as string | undefined,
    paused: state.paused,
    note: state.note || undefined,
    nextRuns: info.nextActionTimes.slice(0, 3).map((t) => t.toISOString()),
    recentRuns: info.recentActions.map((a) => ({ workflowId: a.action.workflow.workflowId, startedAt: a.takenAt.toISOString() })),
  };
}

export function registerSchedule(program: Command): void {
  const schedule = program
    .command('schedule')
    .description('training runs on a Temporal Schedule: create, list, pause, unpause, trigger, delete')
    .addHelpText('after', '\nExample:\n  drl schedule create --cron "0 3 * * *" nightly.yaml --id nightly-lang --overlap skip\n  drl schedule trigger nightly-lang');

  schedule
    .command('create <config>')
    .description('start a trainingRun with this config (YAML, validated now) on every cron tick')
    .requiredOption('--cron <expr>', 'cron expression in UTC, e.g. "0 3 * * *" (daily at 03:00)')
    .option('--id <id>', 'schedule id (default: schedule-<config file name>)')
    .option('--overlap <policy>', `when a run is due while the last still runs: ${Object.keys(OVERLAP).join(', ')}`, 'skip')
    .addOption(new Option('--task-queue <name>', 'workflow task queue').default(taskQueues.cpu).hideHelp())
    .addOption(new Option('--gpu-task-queue <name>', 'rollout/update task queue').hideHelp())
    .option('--json', 'print one JSON document on stdout')
    .addHelpText('after', '\nExample:\n  drl schedule create --cron "0 3 * * 1-5" configs/lang-en.yaml --id weekday-lang --overlap buffer-one')
    .action(async (file: string, options: CreateOptions) => {
      const overlap = overlapOf(options.overlap);
      const config = await readConfig(file);
      const scheduleId = options.id ?? `schedule-${basename(file, extname(file)).replace(/[^A-Za-z0-9._-]/g, '-')}`;
      const configHash = runConfigHash(config);
      await withClient(async (client) => {
        await client.schedule
          .create({
            scheduleId,
            spec: { cronExpressions: [options.cron] },
            action: {
              type: 'startWorkflow',
              workflowType: trainingRun,
              taskQueue: options.taskQueue,
              // The server appends the run's scheduled time, so each run has an id of its own.
              workflowId: `${scheduleId}-run`,
              args: [{ config, ...(options.gpuTaskQueue ? { gpuTaskQueue: options.gpuTaskQueue } : {}) }],
            },
            policies: { overlap },
            memo: { cron: options.cron, config: resolve(file), configHash },
          })
          .catch((err: unknown) => {
            if (err instanceof ScheduleAlreadyRunning) throw new InputError(`schedule ${scheduleId} already exists; pick another --id or delete it first`);
            // The SDK turns the server's "Invalid schedule spec" into a TypeError; the spec here is only the cron string.
            if (err instanceof TypeError) throw new InputError(`--cron "${options.cron}": ${err.message}`);
            throw err;
          });
        const description = await client.schedule.getHandle(scheduleId).describe();
        const view = viewOf(scheduleId, description.memo, description.state, description.info);
        printResult(!!options.json, { ...view, overlap: overlapName(overlap) }, () =>
          `schedule ${scheduleId}: trainingRun ${file} (config ${configHash.slice(0, 12)}) at "${options.cron}", overlap ${overlapName(overlap)}; next ${view.nextRuns[0] ?? 'never'}`,
        );
      });
    });

  schedule
    .command('list')
    .description('the schedules that start training runs')
    .option('--json', 'print one JSON document on stdout')
    .addHelpText('after', '\nExample:\n  drl schedule list --json')
    .action(async (options: { json?: boolean }) => {
      await withClient(async (client) => {
        const views: ScheduleView[] = [];
        for await (const summary of client.schedule.list()) {
          if (summary.action?.type !== 'startWorkflow' || summary.action.workflowType !== 'trainingRun') continue;
          views.push(viewOf(summary.scheduleId, summary.memo, summary.state, summary.info));
        }
        views.sort((a, b) => a.scheduleId.localeCompare(b.scheduleId));
        printResult(!!options.json, { schedules: views }, () =>
          views.length === 0
            ? 'no training-run schedules'
            : views
                .map((v) => `${v.scheduleId}  "${v.cron ?? '?'}"  ${v.paused ? 'paused' : 'active'}  next ${v.nextRuns[0] ?? '-'}  last ${v.recentRuns.at(-1)?.workflowId ?? '-'}  ${v.config ?? ''}`)
                .join('\n'),
        );
      });
    });

  for (const [verb, what] of [
    ['pause', 'stop starting runs (runs in progress go on)'],
    ['unpause', 'start runs on the cron ticks again'],
  ] as const) {
    schedule
      .command(`${verb} <scheduleId>`)
      .description(what)
      .option('--note <text>', 'why (kept on the schedule)')
      .option('--json', 'print one JSON document on stdout')
      .addHelpText('after', `\nExample:\n  drl schedule ${verb} nightly-lang --note "dataset rebuild"`)
      .action(async (scheduleId: string, options: { note?: string; json?: boolean }) => {
        await withClient(async (client) => {
          const handle = client.schedule.getHandle(scheduleId);
          await (verb === 'pause' ? handle.pause(options.note ?? 'paused with drl') : handle.unpause(options.note ?? 'unpaused with drl'));
          const { state } = await handle.describe();
          printResult(!!options.json, { scheduleId, paused: state.paused, note: state.note }, () => `schedule ${scheduleId}: ${state.paused ? 'paused' : 'active'}`);
        });
      });
  }

  schedule
    .command('trigger <scheduleId>')
    .description('start a run now; prints the workflow id it started')
    .option('--overlap <policy>', 'overlap policy for this run (default: the schedule\'s)')
    .option('--json', 'print one JSON document on stdout')
    .addHelpText('after', '\nExample:\n  drl schedule trigger nightly-lang --overlap allow-all')
    .action(async (scheduleId: string, options: { overlap?: string; json?: boolean }) => {
      const overridden = options.overlap === undefined ? undefined : overlapOf(options.overlap);
      await withClient(async (client) => {
        const handle = client.schedule.getHandle(scheduleId);
        const before = await handle.describe();
        await handle.trigger(overridden ?? before.policies.overlap);
        const outcome = await triggerOutcome(handle, before);
        printResult(!!options.json, { scheduleId, ...outcome }, () =>
          outcome.workflowId ? `started ${outcome.workflowId}` : outcome.skipped ? 'skipped: the last run still runs and the overlap policy skips' : 'triggered; no run has started yet',
        );
      });
    });

  schedule
    .command('delete <scheduleId>')
    .description('delete the schedule (the runs it started are not touched)')
    .option('--json', 'print one JSON document on stdout')
    .addHelpText('after', '\nExample:\n  drl schedule delete nightly-lang')
    .action(async (scheduleId: string, options: { json?: boolean }) => {
      await withClient(async (client) => {
        await client.schedule.getHandle(scheduleId).delete();
        printResult(!!options.json, { scheduleId, deleted: true }, () => `deleted schedule ${scheduleId}`);
      });
    });
}

/** The schedule takes a trigger asynchronously: waits a few seconds for the run it started, or for the skip. */
async function triggerOutcome(handle: ReturnType<Client['schedule']['getHandle']>, before: ScheduleDescription): Promise<{ workflowId?: string; skipped: boolean }> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const { info } = await handle.describe();
    if (info.numActionsTaken > before.info.numActionsTaken) return { workflowId: info.recentActions.at(-1)?.action.workflow.workflowId, skipped: false };
    if (info.numActionsSkippedOverlap > before.info.numActionsSkippedOverlap) return { skipped: true };
    await new Promise((r) => setTimeout(r, 200));
  }
  return { skipped: false };
}
