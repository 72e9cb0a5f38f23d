/**
 * Questions with tiered distractors per second on WordNet: the buildDataset workflow (real dev server, chunked
 * stages, store commits) against the same stage functions called in a plain loop, the script a user would write
 * without durability. Run: npm run build && node dist/bench/kgDataset.bench.js [questions]
 */
import { Client, Connection } from '@temporalio/client';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleKgDataset, chunkCountOf, computeKgChunk, kgStagesFor, resolveKgConfig, upstreamOf, type KgStage } from '../datasets/kgStages';
import { openStore } from '../store/openStore';
import { startDevEnvironment } from '../workers/devEnvironment';
import { taskQueues } from '../core/taskQueues';
import { buildDataset } from '../workflows/buildDataset';

const questions = Number(process.argv[2] ?? 200);
const request = { builder: 'kgQuestions', kg: 'wordnet', questions, languages: ['en'], hops: { min: 2, max: 6 }, contextChars: 4000, seed: 1, chunkSize: 25 };

function plainLoop(seed: number): number {
  const config = resolveKgConfig({ ...request, seed });
  const started = performance.now();
  const outputs = new Map<KgStage, Uint8Array[]>();
  for (const stage of kgStagesFor(config)) {
    const chunks: Uint8Array[] = [];
    for (let index = 0; index < chunkCountOf(config, stage); index++) {
      chunks.push(computeKgChunk({ stage, config, index, inputs: upstreamOf(stage).map((up) => outputs.get(up)![index]) }));
    }
    outputs.set(stage, chunks);
  }
  assembleKgDataset(config, [...outputs].map(([stage, chunks]) => ({ stage, chunks })));
  return performance.now() - started;
}

async function workflowRuns(seeds: number[]): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'drl-bench-'));
  const env = await startDevEnvironment({ store: openStore(join(dir, 'store')), dbFile: join(dir, 'temporal.db'), ui: false });
  const connection = await Connection.connect({ address: env.server.address });
  try {
    const client = new Client({ connection });
    const times = [];
    for (const seed of seeds) {
      const started = performance.now();
      await client.workflow.execute(buildDataset, { taskQueue: taskQueues.cpu, workflowId: `bench-${seed}`, args: [{ ...request, seed }] });
      times.push(performance.now() - started);
    }
    return times;
  } finally {
    await connection.close();
    await env.shutdown();
  }
}

async function main(): Promise<void> {
  // The first call of each side loads WordNet and builds the search index (this process for the plain loop, the
  // worker thread for the workflow), so each side runs twice and the second runs are compared.
  const plain = [plainLoop(101), plainLoop(102)];
  const durable = await workflowRuns([201, 202]);
  const rate = (ms: number) => `${(questions / (ms / 1000)).toFixed(1)} q/s`;
  console.log(`WordNet kgQuestions: ${questions} questions, 4000-char contexts, hops 2-6, chunks of 25`);
  console.log(`plain loop     first ${rate(plain[0])}, warm ${rate(plain[1])}`);
  console.log(`buildDataset   first ${rate(durable[0])}, warm ${rate(durable[1])}`);
  console.log(`durable / plain time, warm: ${(durable[1] / plain[1]).toFixed(2)}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
