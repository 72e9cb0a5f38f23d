import type { Command } from 'commander';
import { InputError } from '../../core/errors';
import { openStore } from '../../store/openStore';
import { pruneCheckpoints, retained, verifyChain } from '../../training/checkpointChain';
import { parseRunConfig } from '../../training/runConfig';
import { exitCodes, logLine, printResult } from '../output';
import { readRunLedger, type RunLedger } from '../runLedger';
import { openTemporalSession } from '../temporalSession';

export function registerVerify(program: Command): void {
  program
    .command('verify <run>')
    .description("check a run's checkpoint chain: every manifest and tensor against its hash, every parent one step earlier, and the chain against the run's history")
    .option('--json', 'print one JSON document on stdout')
    .addHelpText('after', '\nExamples:\n  drl verify lang-1\n  drl verify 3f2a9c0d   (a checkpoint id or prefix: its chain only)')
    .action(async (run: string, options: { json?: boolean }) => {
      const store = openStore();
      const ledger = /^[0-9a-f]{8,64}$/.test(run) ? undefined : await withLedger(run);
      const head = ledger ? headOf(ledger) : run;
      if (!head) throw new InputError(`${run} has no checkpoint yet`);
      const links = await verifyChain(store, head);
      const problems = [...links.filter((l) => l.problem).map((l) => `${l.id.slice(0, 12)}: ${l.problem}`), ...(ledger ? historyProblems(ledger) : [])];
      printResult(!!options.json, { head, links, problems, ok: problems.length === 0 }, () =>
        [...links.map((l) => `step ${String(l.step).padStart(5)}  ${l.id}  ${l.state}${l.problem ? `: ${l.problem}` : ''}`), problems.length === 0 ? `chain of ${links.length} checkpoints verified` : `${problems.length} problem(s):\n  ${problems.join('\n  ')}`].join('\n'),
      );
      if (problems.length > 0) process.exitCode = exitCodes.failed;
    });

  program
    .command('gc <runId>')
    .description("retire a run's old checkpoints by its retention settings (checkpoints.keepLast / keepEvery), keeping pinned ones and the first")
    .option('--dry-run', 'say what would be retired; delete nothing')
    .option('--json', 'print one JSON document on stdout')
    .addHelpText('after', '\nExample:\n  drl gc lang-1 --dry-run')
    .action(async (runId: string, options: { dryRun?: boolean; json?: boolean }) => {
      const ledger = await withLedger(runId);
      const config = parseRunConfig(ledger.config, runId);
      const checkpoints = [
        ...(ledger.initialCheckpoint ? [{ id: ledger.initialCheckpoint, step: ledger.steps[0]?.step ?? 0 }] : []),
        ...ledger.steps.filter((s) => s.checkpointOut).map((s) => ({ id: s.checkpointOut!, step: s.step + 1 })),
      ];
      const pinned = ledger.controls.filter((c) => c.kind === 'checkpoint').map((c) => c.detail?.checkpoint as string).filter(Boolean);
      const keep = retained(checkpoints, config.checkpoints, pinned);
      const result = await pruneCheckpoints(openStore(), checkpoints.filter((c) => !keep.has(c.id)), !!options.dryRun);
      printResult(!!options.json, { runId, kept: [...keep], ...result, dryRun: !!options.dryRun }, () =>
        `${options.dryRun ? 'would retire' : 'retired'} ${result.retired.length} checkpoint(s), ${result.blobsDeleted} blob(s), ${(result.bytesFreed / 1e6).toFixed(1)} MB; kept ${keep.size}`,
      );
    });
}

async function withLedger(runId: string): Promise<RunLedger> {
  const session = await openTemporalSession({ embedWorkers: false, log: logLine });
  try {
    return await readRunLedger(session.client, runId);
  } finally {
    await session.close();
  }
}

function headOf(ledger: RunLedger): string | undefined {
  return [...ledger.steps].reverse().find((s) => s.checkpointOut)?.checkpointOut ?? ledger.initialCheckpoint;
}

/** The history's own account must agree with the chain: each step reads the checkpoint the previous step wrote. */
function historyProblems(ledger: RunLedger): string[] {
  const problems: string[] = [];
  ledger.steps.forEach((s, i) => {
    const previous = ledger.steps[i - 1];
    const expected = previous ? previous.checkpointOut : ledger.initialCheckpoint;
    if (expected && s.checkpointIn !== expected) problems.push(`step ${s.step} read ${s.checkpointIn.slice(0, 12)} but the step before wrote ${expected.slice(0, 12)}`);
  });
  return problems;
}
