/**
 * Records the history of a short training run with every kind of event the workflow can produce (a dataset child,
 * evaluations, continue-as-new, pause, set, resume, checkpoint-now) into test/fixtures/histories/ as
 * <workflow id>--<n>.json, one file per execution (the replay needs the workflow id: child ids derive from it), and
 * its dataset build as <workflow id>-dataset--1.json. Run from the repository root after building:
 *   node dist/test/replay/recordHistory.js <name>
 * Existing files are never overwritten.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeActivityResources } from '../../activities';
import { findOrBuildGoBinary, temporalCli } from '../../workers/goBinary';
import { checkpointUpdate, pauseUpdate, resumeUpdate, runStatusQuery, setUpdate } from '../../workflows/runControl';
import { drlSearchAttributes } from '../../workflows/searchAttributes';
import { tempStore } from '../helpers/temporalTestKit';
import { fastRunConfig, startRun, startRunWorkers } from '../helpers/trainingRunKit';

async function main(name: string): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const cli = findOrBuildGoBinary(temporalCli, console.error);
  const env = await TestWorkflowEnvironment.createLocal({ server: { executable: { type: 'existing-path', path: cli }, searchAttributes: drlSearchAttributes } });
  const { store } = tempStore('record');
  const workers = await startRunWorkers(store, env.address);
  try {
    // `lang` in the name records a LANG run (probes, hint fractions, switches) instead of plain GRPO.
    const method = name.includes('lang')
      ? { method: 'lang', lang: { h0: 1, decay: 'linear', baseHorizon: 2, probeEvery: 2, probeProblems: 2 }, dataset: { ...fastRunConfig.dataset, languages: ['en', 'de'], maxSteps: 2 }, maxSkippedShare: 0.2 }
      : {};
    const handle = await startRun(env.client, workers, { config: { ...fastRunConfig, ...method, steps: 5, continueAsNewEvery: 3 } }, `record-${name}`);
    const sender = { sender: 'recorder@durable-rl' };
    await handle.executeUpdate(pauseUpdate, { args: [sender] });
    while ((await handle.query(runStatusQuery)).phase !== 'paused') await new Promise((r) => setTimeout(r, 100));
    await handle.executeUpdate(setUpdate, { args: [{ ...sender, key: 'lr', value: 0.002 }] });
    await handle.executeUpdate(checkpointUpdate, { args: [sender] });
    await handle.executeUpdate(resumeUpdate, { args: [sender] });
    await handle.result();
    // The continue-as-new chain, newest first: each execution names the one it continued.
    const runIds: string[] = [];
    for (let runId: string | undefined = (await handle.describe()).runId; runId; ) {
      runIds.unshift(runId);
      const history = await env.client.workflow.getHandle(handle.workflowId, runId).fetchHistory();
      runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
    }
    const executions = [
      ...runIds.map((runId, index) => ({ workflowId: handle.workflowId, runId, file: `${handle.workflowId}--${index + 1}.json` })),
      { workflowId: `${handle.workflowId}-dataset`, runId: '', file: `${handle.workflowId}-dataset--1.json` },
    ];
    for (const { workflowId, runId, file: base } of executions) {
      const file = join(process.cwd(), 'test', 'fixtures', 'histories', base);
      if (existsSync(file)) throw new Error(`${file} exists; recorded histories are append-only`);
      // The CLI writes the proto3 JSON that historyFromJSON reads (the SDK's own serializer needs its exact protobufjs).
      const json = execFileSync(cli, ['workflow', 'show', '--address', env.address, '-w', workflowId, ...(runId ? ['-r', runId] : []), '--output', 'json'], { maxBuffer: 64 << 20 });
      writeFileSync(file, json);
      console.log(`recorded ${file}`);
    }
  } finally {
    await workers.stop();
    await closeActivityResources();
    await env.teardown();
  }
}

main(process.argv[2] ?? 'trainingRun').catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
