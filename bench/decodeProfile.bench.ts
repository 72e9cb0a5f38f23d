/**
 * Why our decode slows with context: ORT's profiler on the decode graph at a short and a long context (same batch),
 * kernel time per op type. The cache is random, fed as the sampler feeds it (KvCacheBuffers, capacity in blocks).
 * Run: npx tsc -p . && node dist/bench/decodeProfile.bench.js [tiny|small|base] [batch]
 */
import { graphBytes } from '../engine/infer';
import { headDim, initParameters, NamedSize, namedSizes, parameterSpecs } from '../engine/model';
import { HostTensors, KvCacheBuffers } from '../engine/runtime';
import { fmt, median } from './benchSupport';
import { engineLikeSession, ortFeeds } from './ortProfile';

const size = (process.argv[2] ?? 'small') as NamedSize;
const batch = Number(process.argv[3] ?? 16);
const runs = 10;
const config = namedSizes[size];

function feeds(context: number): HostTensors {
  const init = initParameters(config, 1);
  const out: HostTensors = Object.fromEntries(parameterSpecs(config).map((s) => [s.name, { dtype: 'float32', dims: s.shape, data: Float32Array.from(init.get(s.name)!) }]));
  const past = context - 1;
  const [Hkv, Dh] = [config.nKvHeads, headDim(config)];
  const cache = new KvCacheBuffers({ dtype: 'float32', layers: config.nLayers, rows: batch, kvHeads: Hkv, headDim: Dh });
  const filler = (dims: number[]) => Array.from({ length: config.nLayers }, () => ({ dtype: 'float32' as const, dims, data: Float32Array.from({ length: past * batch * Hkv * Dh }, (_, i) => ((i * 37) % 101) / 1000) }));
  cache.append(past, filler([batch, Hkv, past, Dh]), filler([batch, Hkv, past, Dh]), new Uint8Array(batch * past).fill(1));
  Object.assign(out, cache.feeds());
  out.tokens = { dtype: 'int64', dims: [batch, 1], data: new BigInt64Array(batch).fill(5n) };
  out.positions = { dtype: 'int64', dims: [batch, 1], data: new BigInt64Array(batch).fill(BigInt(past)) };
  out.attentionMask = { dtype: 'bool', dims: [batch, 1], data: new Uint8Array(batch).fill(1) };
  return out;
}

async function main(): Promise<void> {
  for (const context of [64, 1024]) {
    const profiled = await engineLikeSession(graphBytes('decode', config, 'float32', batch, 1), true);
    const input = ortFeeds(profiled.session, feeds(context));
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await profiled.session.run(input);
      times.push(performance.now() - started);
    }
    const cacheMb = (2 * config.nLayers * (context - 1) * batch * config.nKvHeads * headDim(config) * 4) / 2 ** 20;
    console.log(`\n${size}, batch ${batch}, context ${context} (cache ${fmt(cacheMb)} MiB): median ${fmt(median(times), 2)} ms per decode step`);
    profiled.report(runs, 10);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
