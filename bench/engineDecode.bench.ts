/**
 * Decode through the Engine, as rollouts run it (ORT on a worker thread), against the same generate calls on the
 * calling thread (no copies, but ORT blocks the event loop there). `copied` is the Engine as it was before a
 * generate call's weights were held on its thread and its KV cache kept there: every step posts the weights and the
 * whole cache (a runner without hold or openCache, whose cache the calling thread keeps).
 * Decode tokens/s = rows x (NEW - 1) / the time from the first sampled token (right after the prefill) to the end.
 * Run: npx tsc -p . && node dist/bench/engineDecode.bench.js [rounds=3]
 */
import { generate, GraphRunner, InferenceModel, sessionCacheRunner } from '../engine/infer';
import { initParameters, modelOfSize, NamedSize } from '../engine/model';
import { Engine, Held, KvCacheBuffers, SessionCache, runWithCache } from '../engine/runtime';
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
  const decodeSeconds = async () => {
    let firstToken = 0;
    const onToken = () => (firstToken ||= performance.now());
    await generate(model, tokenizer, { prompts, seed: 1, maxTokens: NEW, temperature: 0, onToken });
    return (performance.now() - firstToken) / 1000;
  };
  await decodeSeconds(); // warm-up: graphs and sessions
  return (ROWS * (NEW - 1)) / (await decodeSeconds());
}

/** The Engine fed everything at every run: the weights, and the cache this thread keeps, copied to its thread. */
function copyingRunner(engine: Engine): GraphRunner {
  const caches = new Map<Held, KvCacheBuffers>();
  return {
    run: (graph, feeds, options) => {
      const cache = options?.cache && caches.get(options.cache);
      return cache ? runWithCache((all) => engine.run(graph, all), feeds, cache) : engine.run(graph, feeds);
    },
    openCache: async (shape) => {
      const held: Held = { kind: 'cache' };
      caches.set(held, new KvCacheBuffers(shape));
      return held;
    },
    drop: async (held) => void caches.delete(held),
  };
}

async function main(): Promise<void> {
  const engine = new Engine({ threads });
  const local = sessionCacheRunner(new SessionCache({ executionProvider: 'cpu', threads, graphOptimization: 'all' }));
  const copied = copyingRunner(engine);
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
  console.log('size  | context | Engine (weights, cache on its thread) | Engine copying every step | calling thread | Engine / copying | Engine / calling thread');
  cases.forEach(({ size, context }, i) => {
    const [e, c, l] = [median(rates.engine[i]), median(rates.copied[i]), median(rates.local[i])];
    console.log(`${size.padEnd(5)} | ${String(context).padStart(7)} | ${fmt(e).padStart(36)} | ${fmt(c).padStart(25)} | ${fmt(l).padStart(14)} | ${fmt(e / c, 2).padStart(16)} | ${fmt(e / l, 2).padStart(23)}`);
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
