import type { Command } from 'commander';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../../core/errors';
import { openStore } from '../../store/openStore';
import { parseRunConfigYaml, runConfigHash } from '../../training/runConfig';
import { taskQueues } from '../../core/taskQueues';
import { runStatusQuery } from '../../workflows/runControl';
import { trainingRun, type TrainingRunResult } from '../../workflows/trainingRun';
import { demoSummary, renderDemoSummary } from '../demoSummary';
import { logLine, logWarning, printResult } from '../output';
import { importPolicyFile } from '../policyFile';
import { renderRunReport } from '../report/runReport';
import { readRunLedger } from '../runLedger';
import { openTemporalSession, requirePollers } from '../temporalSession';
import { watchRun } from '../watchRun';

/** The repository's configs/, found from the compiled CLI (dist/cli/commands/). */
const DEFAULT_CONFIG = join(__dirname, '..', '..', '..', 'configs', 'lang-tiny.yaml');

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('the quick start: a LANG run end to end on the real Temporal server, with the results before and after RL')
    .option('--config <file>', 'the run config', DEFAULT_CONFIG)
    .option('--json', 'print one JSON document on stdout')
    .addHelpText('after', '\nExample:\n  npm run demo        (= drl demo; about 10 minutes on 2 cores)')
    .action(async (options: { config: string; json?: boolean }) => {
      let text: string;
      try {
        text = readFileSync(options.config, 'utf8');
      } catch (err) {
        throw new InputError(`--config ${options.config}: ${(err as Error).message}`);
      }
      const config = await importPolicyFile(parseRunConfigYaml(text, options.config, logWarning), openStore(), options.config);
      const workflowId = `demo-${config.method}-${runConfigHash(config).slice(0, 12)}`;
      const session = await openTemporalSession({ embedWorkers: true, ui: true, log: logLine });
      try {
        await requirePollers(session, ['cpu', 'gpu']);
        if (session.uiUrl) logLine(`Temporal Web UI: ${session.uiUrl}/namespaces/default/workflows/${workflowId}`);
        const handle = await session.client.workflow
          .start(trainingRun, { taskQueue: taskQueues.cpu, workflowId, args: [{ config }] })
          .catch((err) => {
            if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
            return session.client.workflow.getHandle(workflowId);
          });
        logLine(`training run ${workflowId}: ${config.steps} steps of ${config.method} (every step is recorded; Ctrl-C and rerun resumes)`);
        const result = await watchRun<TrainingRunResult>(handle, workflowId);

        const ledger = await readRunLedger(session.client, workflowId);
        const status = await handle.query(runStatusQuery);
        const summary = await demoSummary(ledger, status.schedule?.[config.method], openStore());
        const reportPath = resolve('.drl', 'reports', `${workflowId}.html`);
        mkdirSync(resolve('.drl', 'reports'), { recursive: true });
        writeFileSync(reportPath, renderRunReport(ledger).html);
        const where = [
          `report: ${reportPath}`,
          session.uiUrl
            ? `Temporal Web UI: ${session.uiUrl}/namespaces/default/workflows/${workflowId}${session.embedded ? ' (while this command runs; `drl dev` serves the same history from .drl/temporal.db)' : ''}`
            : '',
          `audit: drl audit ${workflowId}`,
        ].filter(Boolean);
        printResult(!!options.json, { workflowId, ...result, summary, reportPath, uiUrl: session.uiUrl }, () => [renderDemoSummary(summary), '', ...where].join('\n'));
      } finally {
        await session.close();
      }
    });
}
