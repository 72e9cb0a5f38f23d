import type { WorkflowHandle } from '@temporalio/client';
import { datasetProgressQuery } from '../workflows/buildDataset';
import { ProgressDisplay } from './progressDisplay';

/**
 * Shows a dataset build's progress until it ends: stages from the workflow's progress query, chunks within the
 * running stage from its activity's last heartbeat.
 */
export async function watchDataset<T>(handle: WorkflowHandle, label: string): Promise<T> {
  const display = new ProgressDisplay(label);
  let finished = false;
  const result = handle.result().finally(() => (finished = true));
  while (!finished) {
    try {
      const progress = await handle.query(datasetProgressQuery);
      const description = await handle.describe();
      const pending = description.raw.pendingActivities?.[0];
      const chunk = pendingChunkProgress(pending?.heartbeatDetails);
      const detail = `${progress.stage}${chunk ? ` chunk ${chunk}` : ''}${pending && (pending.attempt ?? 1) > 1 ? ` (attempt ${pending.attempt})` : ''}`;
      display.update(progress.stagesDone, Math.max(progress.stagesTotal, 1), detail);
    } catch {
      // A query can fail while the workflow moves between tasks or the server restarts; the next poll retries.
    }
    await Promise.race([result.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 500))]);
  }
  display.stop();
  return (await result) as T;
}

function pendingChunkProgress(details: unknown): string | undefined {
  const payload = (details as { payloads?: Array<{ data?: Uint8Array }> } | undefined)?.payloads?.[0]?.data;
  if (!payload) return undefined;
  try {
    const { nextChunk, chunkCount } = JSON.parse(Buffer.from(payload).toString('utf8')) as { nextChunk: number; chunkCount: number };
    return `${nextChunk}/${chunkCount}`;
  } catch {
    return undefined;
  }
}
