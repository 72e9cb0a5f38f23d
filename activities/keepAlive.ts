import { Context } from '@temporalio/activity';

/**
 * Runs `work` inside an activity, heartbeating each progress it reports and the last one again every 2 s: loading a
 * policy or computing one chunk of long rows can outlast the heartbeat timeout, and the engine computes on its own
 * thread, so this loop stays free to report the worker alive. The SDK sends the first heartbeat at once and
 * throttles later ones, so the first is kept for real progress.
 */
export async function heartbeatingWhile<P, T>(initial: P, work: (report: (progress: P) => void) => Promise<T>): Promise<T> {
  const activity = Context.current();
  let progress = initial;
  const alive = setInterval(() => activity.heartbeat(progress), 2_000);
  try {
    return await work((next) => {
      progress = next;
      activity.heartbeat(progress);
    });
  } finally {
    clearInterval(alive);
  }
}
