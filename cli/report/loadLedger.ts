import { WorkflowNotFoundError } from '@temporalio/client';
import { InputError } from '../../core/errors';
import { logLine } from '../output';
import { readRunLedger, type RunLedger } from '../runLedger';
import { openTemporalSession } from '../temporalSession';

/** A run's ledger from the server the connection rules of CLI.md pick; an unknown id is bad input. */
export async function loadLedger(workflowId: string): Promise<RunLedger> {
  const session = await openTemporalSession({ embedWorkers: false, log: logLine });
  try {
    return await readRunLedger(session.client, workflowId);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new InputError(`no training run ${workflowId} on ${session.target.address}`);
    throw err;
  } finally {
    await session.close();
  }
}
