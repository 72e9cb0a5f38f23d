/**
 * Decode through the Engine, as rollouts run it (ORT on a worker thread), against the same generate calls on the
 * calling thread (no copies, but ORT blocks the event loop there). `copied` is the Engine as it was before weights
 * were held on its thread and the KV cache lent to it: every step posts the weights and the whole cache.
 * Decode tokens/s = rows x (NEW - 1) / (t(NEW tokens) - t(1 token)), so the prefill cancels out.
 * Run: npx tsc -p . && node dist/bench/engineDecode.bench.js [rounds=3]
 */
import { generate, GraphRunner, InferenceModel, sessionCacheRunner } from '../engine/infer';
import { initParameters, modelOfSize, NamedSize } from '../engine/model';
import { Engine, SessionCache } from '../engine/runtime';
import { fmt, median, threads } from './benchSupport';

const rounds = Number(process.argv[2] ?? 3);
const ROWS = 16;
const NEW = 17;
const cases = (['tiny', 'small', 'base'] as NamedSize[]).flatMap((size) => [64, 1024].map((context) => ({ size, context })));
const tokenizer = { eos: -1, pad: 0, decode: (ids: readonly number[]) => ids.join(' ') };

async function decodeRate(runner: GraphRunner, size: NamedSize, context: number): Promise<number> {
  const config = modelOfSize(size);
  const model: InferenceModel = { runner, config, weights: new Map([...initParameters(config, 1)].map(([name, w]) => [name, Float32Array.from(w)])) };
  const prompts = Array.from({ length: ROWS }, (_, r) => Array.from({ length: context - NEW }, (_, i) => (i * 7 + r) % 256));
  const timed = async (maxTokens: number) => {
    const started = performance.now();
    await generate(model, tokenizer, { prompts, seed: 1, maxTokens, temperature: 0 });
    return performance.now() - started;
  };
  await timed(2); // warm-up: graphs and sessions
  const [one, all] = [await timed(1), await timed(NEW)];
  return (ROWS * (NEW - 1)) / ((all - one) / 1000);
}

async function main(): Promise<void> {
  const engine = new Engine({ threads });
  const local = sessionCacheRunner(new SessionCache({ executionProvider: 'cpu', threads, graphOptimization: 'all' }));
  // Only run(): CachedBatch then feeds the weights at every step, and the Engine copies every feed to its thread.
  const copied: GraphRunner = { run: (graph, feeds) => engine.run(graph, feeds) };
  const runners = { engine, copied, local } satisfies Record<string, GraphRunner>;
  const rates: Record<keyof typeof runners, number[][]> = { engine: [], copied: [], local: [] };
  for (const { size, context } of cases) {
    for (const [name, runner] of Object.entries(runners) as Array<[keyof typeof runners, GraphRunner]>) {
      const measured: number[] = [];
      for (let r = 0; r < rounds; r++) measured.push(await decodeRate(runner, size, context));
      rates[name].push(measured);
      process.stderr.write(`${name} ${size} ctx${context}: ${measured.map((x) => fmt(x)).join(', ')} tok/s\n`);
    }
  }
  await engine.close();
  console.log(`generate, ${ROWS} rows, greedy, fed weights, ${threads} threads; decode tokens/s, medians of ${rounds} rounds`);
  console.log('size  | context | Engine (held weights, lent cache) | Engine copying every step | calling thread | Engine / copying | Engine / calling thread');
  cases.forEach(({ size, context }, i) => {
    const [e, c, l] = [median(rates.engine[i]), median(rates.copied[i]), median(rates.local[i])];
    console.log(`${size.padEnd(5)} | ${String(context).padStart(7)} | ${fmt(e).padStart(33)} | ${fmt(c).padStart(25)} | ${fmt(l).padStart(14)} | ${fmt(e / c, 2).padStart(16)} | ${fmt(e / l, 2).padStart(23)}`);
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
