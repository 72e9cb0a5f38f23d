import type { Command } from 'commander';
import { WorkflowNotFoundError } from '@temporalio/client';
import { InputError } from '../../core/errors';
import type { ArtifactStore } from '../../store/artifactStore';
import { openStore } from '../../store/openStore';
import { readGradedProblems } from '../demoSummary';
import { logLine, printResult } from '../output';
import { chooseEvaluations, compareRuns, renderComparison, renderComparisonMarkdown, type ComparedRun, type ChosenEvaluation } from '../runComparison';
import { readRunLedger, type RunLedger } from '../runLedger';
import { openTemporalSession } from '../temporalSession';

export function registerCompare(program: Command): void {
  program
    .command('compare <runA> <runB>')
    .description('compare two training runs on the same held-out problems, per language: accuracy, B - A with a paired-bootstrap 95% interval, consistency, which wins')
    .option('--names <a,b>', 'labels for the two runs in the table (default: their workflow ids)')
    .option('--markdown', 'print the table as markdown')
    .option('--json', 'print one JSON document on stdout')
    .addHelpText('after', '\nExample:\n  drl compare run-grpo run-lang --names grpo,lang --markdown')
    .action(async (runA: string, runB: string, options: { names?: string; markdown?: boolean; json?: boolean }) => {
      if (options.json && options.markdown) throw new InputError('--json and --markdown exclude each other');
      const [labelA, labelB] = options.names === undefined ? [runA, runB] : parseNames(options.names);
      const [ledgerA, ledgerB] = await loadLedgers(runA, runB);
      const store = openStore();
      const comparison = compareRuns(await comparedRun(ledgerA, labelA, store), await comparedRun(ledgerB, labelB, store));
      printResult(!!options.json, comparison, () => (options.markdown ? renderComparisonMarkdown(comparison) : renderComparison(comparison)));
    });
}

function parseNames(names: string): [string, string] {
  const labels = names.split(',').map((s) => s.trim());
  if (labels.length !== 2 || labels.some((l) => l === '' || l.includes('|')) || labels[0] === labels[1]) {
    throw new InputError(`--names ${names}: expected two different labels separated by a comma, without '|' (e.g. --names grpo,lang)`);
  }
  return [labels[0], labels[1]];
}

/** Both ledgers over one connection (an embedded server would otherwise start twice). */
async function loadLedgers(runA: string, runB: string): Promise<[RunLedger, RunLedger]> {
  const session = await openTemporalSession({ embedWorkers: false, log: logLine });
  const read = (id: string) =>
    readRunLedger(session.client, id).catch((err) => {
      throw err instanceof WorkflowNotFoundError ? new InputError(`no training run ${id} on ${session.target.address}`) : err;
    });
  try {
    return [await read(runA), await read(runB)];
  } finally {
    await session.close();
  }
}

async function comparedRun(ledger: RunLedger, label: string, store: ArtifactStore): Promise<ComparedRun> {
  const chosen = chooseEvaluations(ledger);
  const graded = async (e: ChosenEvaluation) => ({ checkpoint: e.checkpoint, step: e.step, graded: await readGradedProblems(store, e.problems) });
  return { label, workflowId: chosen.workflowId, datasetId: chosen.datasetId, outcome: chosen.outcome, base: await graded(chosen.base), final: await graded(chosen.final) };
}
