import type { Command } from 'commander';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { hostname, userInfo } from 'node:os';
import { InputError } from '../../core/errors';
import { checkpointUpdate, pauseUpdate, resumeUpdate, setUpdate, stopUpdate, type ControlEvent } from '../../workflows/runControl';
import { logLine, printResult } from '../output';
import { openTemporalSession } from '../temporalSession';

const ACTIONS = { pause: pauseUpdate, resume: resumeUpdate, stop: stopUpdate, checkpoint: checkpointUpdate } as const;

/** Who is asking, as the run records it next to the change. */
function sender(): string {
  return `${userInfo().username}@${hostname()}`;
}

export function registerSignal(program: Command): void {
  program
    .command('signal <runId> <action> [assignment]')
    .description('steer a running training run: pause, resume, stop (after the current step), checkpoint (pin the newest), set KEY=VALUE')
    .option('--json', 'print one JSON document on stdout')
    .addHelpText('after', '\nExamples:\n  drl signal lang-1 pause\n  drl signal lang-1 set lr=5e-4\n\nChanges take effect at the next step; each is recorded with its sender and time (see drl audit).')
    .action(async (runId: string, action: string, assignment: string | undefined, options: { json?: boolean }) => {
      const request = requestOf(action, assignment);
      const session = await openTemporalSession({ embedWorkers: false, log: logLine });
      try {
        const handle = session.client.workflow.getHandle(runId);
        const event: ControlEvent = await (request.kind === 'set'
          ? handle.executeUpdate(setUpdate, { args: [{ sender: sender(), key: request.key, value: request.value }] })
          : handle.executeUpdate(ACTIONS[request.kind], { args: [{ sender: sender() }] })
        ).catch((err: unknown) => {
          // The run's validator rejected the request: bad input, named by the run itself.
          if (err instanceof WorkflowUpdateFailedError) throw new InputError(`${runId} rejected ${action}: ${err.cause?.message ?? err.message}`);
          throw err;
        });
        printResult(!!options.json, event, () => `${event.kind} recorded at ${event.at} by ${event.sender}; takes effect at step ${event.effectiveStep}${event.detail ? ` ${JSON.stringify(event.detail)}` : ''}`);
      } finally {
        await session.close();
      }
    });
}

type Request = { kind: keyof typeof ACTIONS } | { kind: 'set'; key: string; value: number };

function requestOf(action: string, assignment: string | undefined): Request {
  if (action in ACTIONS) {
    if (assignment !== undefined) throw new InputError(`${action} takes no argument, got "${assignment}"`);
    return { kind: action as keyof typeof ACTIONS };
  }
  if (action !== 'set') throw new InputError(`unknown action "${action}": pause, resume, stop, checkpoint or set KEY=VALUE`);
  const match = /^([A-Za-z]+)=(.+)$/.exec(assignment ?? '');
  if (!match) throw new InputError(`set needs KEY=VALUE (e.g. lr=5e-4), got "${assignment ?? ''}"`);
  const value = Number(match[2]);
  if (!Number.isFinite(value)) throw new InputError(`set ${match[1]}: "${match[2]}" is not a number`);
  return { kind: 'set', key: match[1], value };
}
