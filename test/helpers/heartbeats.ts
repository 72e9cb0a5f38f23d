import type { WorkflowHandle } from '@temporalio/client';

export interface PendingHeartbeat {
  activity: string;
  attempt: number;
  details: Record<string, unknown>;
}

/** The last heartbeat details the server holds for each pending activity of a workflow. */
export async function pendingHeartbeats(handle: WorkflowHandle): Promise<PendingHeartbeat[]> {
  const description = await handle.describe();
  return (description.raw.pendingActivities ?? []).flatMap((activity) => {
    const data = activity.heartbeatDetails?.payloads?.[0]?.data;
    if (!data) return [];
    return [{
      activity: activity.activityType?.name ?? '',
      attempt: activity.attempt ?? 1,
      details: JSON.parse(Buffer.from(data).toString('utf8')) as Record<string, unknown>,
    }];
  });
}

/** Polls until `accept` holds for a pending heartbeat (an observed event, not a guessed sleep). */
export async function waitForHeartbeat(
  handle: WorkflowHandle,
  accept: (heartbeat: PendingHeartbeat) => boolean,
  timeoutMs = 60_000,
): Promise<PendingHeartbeat> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = (await pendingHeartbeats(handle)).find(accept);
    if (match) return match;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no matching heartbeat within ${timeoutMs} ms`);
}

/** A heartbeat of `activity` after its first chunk and before its last: a kill then costs a resumed chunk. */
export const betweenChunks =
  (activity: string) =>
  ({ activity: name, details }: PendingHeartbeat): boolean =>
    name === activity && (details.nextChunk as number) >= 1 && (details.nextChunk as number) < (details.chunkCount as number);
