import type { WorkflowHandle } from '@temporalio/client';
import { runStatusQuery, type RunStatus } from '../workflows/runControl';
import { ProgressDisplay } from './progressDisplay';

/** One line of what a run is doing: phase, newest reward, pause or stop. */
export function describeRunStatus(status: RunStatus): string {
  const last = status.recent[status.recent.length - 1];
  const reward = last ? ` reward ${last.meanReward.toFixed(3)}` : '';
  const state = status.status === 'running' ? '' : ` [${status.status}]`;
  return `${status.phase}${reward}${state}`;
}

/** Shows a training run's steps until it ends (or until the caller stops watching; the run goes on). */
export async function watchRun<T>(handle: WorkflowHandle, label: string): Promise<T> {
  const display = new ProgressDisplay(label);
  let finished = false;
  const result = handle.result().finally(() => (finished = true));
  while (!finished) {
    try {
      const status = await handle.query(runStatusQuery);
      display.update(status.step, Math.max(status.steps, 1), describeRunStatus(status));
    } catch {
      // A query fails while the run moves to a new execution (continue-as-new) or the server restarts; retry.
    }
    await Promise.race([result.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1000))]);
  }
  display.stop();
  return (await result) as T;
}
