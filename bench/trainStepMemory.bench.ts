/**
 * Memory of one fused GRPO train step (policyUpdate with one micro-batch: forward, clipped loss with the k3 KL term,
 * backward, clipping, AdamW) at tiny and small, rows of 1,024 and 2,048 tokens (maxSeqLen set to the row length by
 * modelOfSize), 8 rows per micro-batch. Each case runs in a fresh child process, which reports its peak RSS (VmHWM)
 * minus its RSS just before the step (after imports, weights and rows), once the session is loaded and after the step.
 * Run: npx tsc -p . && node dist/bench/trainStepMemory.bench.js [size:length ...]   (default: all four cases)
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { sessionCacheRunner, type GraphRunner } from '../engine/infer';
import { NamedSize, modelOfSize, parameterCount } from '../engine/model';
import { SessionCache, resolveRuntimeOptions } from '../engine/runtime';
import { DEFAULT_ADAMW, POLICY_LOSS_PRESETS, PolicyState, policyUpdate, type PolicyRow } from '../engine/train';
import { fmt, threads } from './benchSupport';

const ROWS = 8;
const PROMPT_TOKENS = 64;
const CASES = ['tiny:1024', 'tiny:2048', 'small:1024', 'small:2048'];
const PAD = 258;

interface Measurement {
  size: NamedSize;
  length: number;
  parameters: number;
  /** MiB over the RSS before the step: peak once the graph is built and its session loaded, and peak after the step. */
  loadedPeak: number;
  stepPeak: number;
  baseline: number;
  seconds: number;
}

/** VmRSS and VmHWM (peak RSS) of this process, in MiB. */
function memory(): { rss: number; peak: number } {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1]);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

/** Rows that fill the whole length: a 64-token prompt and the rest completion, byte tokens, log-probs near uniform. */
function fullRows(length: number): PolicyRow[] {
  const n = length - PROMPT_TOKENS;
  return Array.from({ length: ROWS }, (_, r) => ({
    prompt: [256, ...Array.from({ length: PROMPT_TOKENS - 1 }, (_, i) => (i * 31 + r) % 256)],
    completion: Array.from({ length: n }, (_, i) => (i * 17 + r * 5) % 256),
    logProbs: new Array(n).fill(-5.5),
    refLogProbs: new Array(n).fill(-5.6),
    advantages: r % 2 ? 1 : -1,
  }));
}

async function measure(size: NamedSize, length: number): Promise<Measurement> {
  const config = modelOfSize(size, { maxSeqLen: length });
  const state = PolicyState.init(config, 1);
  const rows = fullRows(length);
  const cache = new SessionCache(resolveRuntimeOptions({ threads }));
  const inner = sessionCacheRunner(cache);
  let loaded = 0;
  // Loads the step's session before running it, to read the peak in between.
  const runner: GraphRunner = {
    async run(graph, feeds) {
      await cache.load(graph);
      loaded = memory().peak;
      return inner.run(graph, feeds);
    },
  };
  const grpo = POLICY_LOSS_PRESETS.grpo.defaults;
  const baseline = memory().rss;
  const started = performance.now();
  await policyUpdate(runner, state, rows, { loss: 'grpo', length, microBatches: 1, ...grpo, maxResponseLength: length - PROMPT_TOKENS, adamw: DEFAULT_ADAMW, padId: PAD });
  const seconds = (performance.now() - started) / 1000;
  return { size, length, parameters: parameterCount(config), baseline, loadedPeak: loaded - baseline, stepPeak: memory().peak - baseline, seconds };
}

function runChild(spec: string): Measurement {
  const done = spawnSync(process.execPath, [__filename, '--child', spec], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (done.status !== 0) throw new Error(`trainStepMemory ${spec} failed (status ${done.status}, signal ${done.signal})\n${done.stderr}`);
  const lines = done.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as Measurement;
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') {
    const [size, length] = process.argv[3].split(':');
    process.stdout.write(`${JSON.stringify(await measure(size as NamedSize, Number(length)))}\n`);
    return;
  }
  const cases = process.argv.length > 2 ? process.argv.slice(2) : CASES;
  process.stdout.write(`${new Date().toISOString()}, ${threads} ORT threads, ${ROWS} rows per micro-batch\n`);
  process.stdout.write('| size | row length | peak RSS over baseline, session loaded | peak RSS over baseline, after the step | step (build + load + run) |\n| --- | --- | --- | --- | --- |\n');
  for (const spec of cases) {
    const m = runChild(spec);
    const params = `${fmt(m.parameters / 1e6, 2)} M params`;
    process.stdout.write(`| ${m.size} (${params}) | ${m.length} | ${fmt(m.loadedPeak, 0)} MiB | ${fmt(m.stepPeak, 0)} MiB | ${fmt(m.seconds)} s (baseline RSS ${fmt(m.baseline, 0)} MiB) |\n`);
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
