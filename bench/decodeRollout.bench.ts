/**
 * Fed against fixed weights (InferenceModel.fixedWeights) where weights change every step, as in rollouts: each
 * round makes a new weights map (a fresh checkpoint), then samples CALLS generate calls of ROWS rows x NEW tokens
 * with it (a rollout's chunks) on the Engine, as the rollout activity does. Fixed weights pay a graph build and
 * session per prefill/decode shape for every new map; fed weights are copied to the engine thread once per generate
 * call (held there, see GraphRunner.hold).
 * Run: npx tsc -p . && node dist/bench/decodeRollout.bench.js [rounds=5] [size=tiny] [calls=1]
 */
import { Rng } from '../core/rng';
import { generate, InferenceModel, TextTokenizer } from '../engine/infer';
import { initParameters, NamedSize, namedSizes } from '../engine/model';
import { Engine } from '../engine/runtime';
import { ByteTokenizer } from '../engine/tokenizer';
import { fmt, median, threads } from './benchSupport';

const rounds = Number(process.argv[2] ?? 5);
const size = (process.argv[3] ?? 'tiny') as NamedSize;
const CALLS = Number(process.argv[4] ?? 1);
const ROWS = 8;
const PROMPT = 16;
const NEW = 64;

async function main(): Promise<void> {
  const config = namedSizes[size];
  const engine = new Engine({ threads });
  const bytes = new ByteTokenizer();
  const tokenizer: TextTokenizer = { eos: -1, pad: bytes.pad, decode: (ids) => bytes.decode(ids) };
  const rng = new Rng('rollout-bench');
  const prompts = Array.from({ length: ROWS }, () => Array.from({ length: PROMPT }, () => Math.floor(rng.next() * 256)));
  const base = initParameters(config, 1);
  /** A new checkpoint: every weight moved a little, as one update step moves them. */
  const checkpoint = (round: number) => new Map([...base].map(([name, v]) => [name, Float32Array.from(v, (x, i) => x * (1 + 1e-3 * Math.sin(round + i)))]));
  const seconds: Record<'fed' | 'fixed', number[]> = { fed: [], fixed: [] };
  for (let round = -1; round < rounds; round++) {
    for (const mode of ['fed', 'fixed'] as const) {
      const model: InferenceModel = { runner: engine, config, weights: checkpoint(round), fixedWeights: mode === 'fixed' };
      const started = performance.now();
      for (let call = 0; call < CALLS; call++) await generate(model, tokenizer, { prompts, seed: round, maxTokens: NEW, temperature: 1 });
      // Round -1 warms up: the fed sessions, first allocations.
      if (round >= 0) seconds[mode].push((performance.now() - started) / 1000);
    }
  }
  await engine.close();
  const tokens = CALLS * ROWS * NEW;
  console.log(`${size}, ${CALLS} generate call(s) of ${ROWS} rows x ${NEW} tokens per new weights map, Engine (worker thread), ${threads} threads; medians of ${rounds} rounds`);
  for (const mode of ['fed', 'fixed'] as const) {
    const s = median(seconds[mode]);
    console.log(`${mode.padEnd(5)}: ${fmt(1000 * s)} ms per checkpoint, ${fmt(tokens / s)} tokens/s (rounds: ${seconds[mode].map((x) => fmt(1000 * x)).join(', ')} ms)`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
