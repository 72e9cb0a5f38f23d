import type { Command } from 'commander';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../../core/errors';
import { datasetIdOf, resolveKgConfig } from '../../datasets/kgStages';
import { openStore } from '../../store/openStore';
import { datasetManifestKey, type DatasetManifest } from '../../activities/datasetActivities';
import { taskQueues } from '../../workers/taskQueues';
import { buildDataset } from '../../workflows/buildDataset';
import { integerFlag } from '../integerFlag';
import { logLine, printResult } from '../output';
import { openTemporalSession, requirePollers } from '../temporalSession';
import { watchDataset } from '../watchDataset';

interface BuildOptions {
  recipe: string;
  kg: string;
  questions: string;
  languages: string;
  hops: string;
  contextChars: string;
  seed: string;
  out?: string;
  json?: boolean;
  dryRun?: boolean;
}

export function registerData(program: Command): void {
  const data = program.command('data').description('build, import and inspect datasets');
  data
    .command('build')
    .description('build a dataset with the buildDataset workflow (one activity per stage, resumable)')
    .option('--recipe <recipe>', 'longtrace or contextrl', 'longtrace')
    .option('--kg <graph>', 'countries or wordnet', 'countries')
    .option('--questions <n>', 'number of questions', '100')
    .option('--languages <list>', 'comma-separated languages of the questions', 'en')
    .option('--hops <range>', 'hop range, e.g. 2-4', '2-4')
    .option('--context-chars <n>', 'target context length in characters', '4000')
    .option('--seed <n>', 'seed', '0')
    .option('--out <dir>', 'also export the dataset (records.jsonl, card.json) to this folder')
    .option('--json', 'print one JSON document on stdout')
    .option('--dry-run', 'validate and print the resolved config; start nothing')
    .addHelpText('after', '\nExample:\n  drl data build --recipe longtrace --kg countries --questions 50 --languages en,es,ja --hops 2-4 --out data/lt')
    .action(async (options: BuildOptions) => {
      const config = resolveKgConfig(requestOf(options));
      const datasetId = datasetIdOf(config);
      if (options.dryRun) return printResult(!!options.json, { datasetId, config }, () => JSON.stringify({ datasetId, config }, null, 2));
      const outDir = options.out && writableDir(options.out);

      const session = await openTemporalSession({ embedWorkers: true, log: logLine });
      try {
        await requirePollers(session, ['cpu']);
        const workflowId = `dataset-${datasetId.slice(0, 16)}`;
        const handle = await session.client.workflow
          .start(buildDataset, { taskQueue: taskQueues.cpu, workflowId, args: [config] })
          .catch((err) => {
            if (err instanceof WorkflowExecutionAlreadyStartedError) return session.client.workflow.getHandle(workflowId);
            throw err;
          });
        logLine(`buildDataset ${workflowId} (dataset ${datasetId})`);
        const result = await watchDataset<{ datasetId: string; card: Record<string, unknown> }>(handle, 'dataset');
        if (outDir) await exportDataset(datasetId, outDir);
        printResult(!!options.json, { workflowId, ...result, out: outDir }, () =>
          [`dataset ${result.datasetId}`, JSON.stringify(result.card, null, 2), outDir ? `exported to ${outDir}` : ''].join('\n'),
        );
      } finally {
        await session.close();
      }
    });
}

function requestOf(options: BuildOptions): Record<string, unknown> {
  const hops = /^(\d+)(?:-(\d+))?$/.exec(options.hops);
  if (!hops) throw new InputError(`--hops must look like 2-4 or 3, got "${options.hops}"`);
  return {
    recipe: options.recipe,
    kg: options.kg,
    questions: integerFlag('--questions', options.questions),
    languages: options.languages.split(',').map((l) => l.trim()).filter(Boolean),
    hops: { min: Number(hops[1]), max: Number(hops[2] ?? hops[1]) },
    contextChars: integerFlag('--context-chars', options.contextChars),
    seed: integerFlag('--seed', options.seed),
  };
}

/** Checked before any work starts, so an unwritable --out never costs a build. */
function writableDir(dir: string): string {
  const path = resolve(dir);
  try {
    mkdirSync(path, { recursive: true });
    accessSync(path, constants.W_OK);
  } catch (err) {
    throw new InputError(`--out ${dir}: cannot write there (${(err as Error).message})`);
  }
  return path;
}

async function exportDataset(datasetId: string, outDir: string): Promise<void> {
  const store = openStore();
  const manifest = await store.getManifest<DatasetManifest>(datasetManifestKey(datasetId));
  if (!manifest) throw new Error(`dataset ${datasetId} has no manifest in ${store.location}`);
  writeFileSync(join(outDir, 'records.jsonl'), await store.getBlob(manifest.records));
  writeFileSync(join(outDir, 'card.json'), `${JSON.stringify(manifest.card, null, 2)}\n`);
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}
