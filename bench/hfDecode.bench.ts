/**
 * Greedy generation tokens/s, ours (engine/infer generate) against transformers.js `generate` on the same model,
 * both on onnxruntime-node 1.30.0 with the CPU provider and the same session settings (threads, no spinning), at
 * batch 1 and 16.
 *
 * The model is a seeded checkpoint of namedSizes' tiny and small configs, exported with `exportHuggingFace` (what
 * `drl engine export` writes); optimum (PyPI, `DRL_OPTIMUM_PYTHON`) turns that folder into the onnx/model.onnx with
 * past_key_values inputs that transformers.js loads, exactly as for a model from the Hub. Both sides get the same
 * prompts (PROMPT tokens each, no padding) and generate NEW tokens per row; eos cannot end a row early. Decode
 * tokens/s comes from the difference between generating NEW tokens and generating 1 (prefill and setup cancel out).
 * Ours runs twice per round: weights fed as graph inputs (as rollouts run) and fixedWeights (initializers, as drl
 * serve runs).
 *
 * Run: npx tsc -p . && DRL_OPTIMUM_PYTHON=/tmp/optvenv/bin/python node dist/bench/hfDecode.bench.js [rounds=5]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '../core/rng';
import { generate, InferenceModel, sessionCacheRunner, TextTokenizer } from '../engine/infer';
import { exportHuggingFace, loadCheckpoint, saveCheckpoint } from '../engine/io';
import { initParameters, NamedSize, namedSizes, parameterSpecs } from '../engine/model';
import { SessionCache } from '../engine/runtime';
import { ByteTokenizer } from '../engine/tokenizer';
import { createFsStore } from '../store/fsStore';
import { fmt, median, threads } from './benchSupport';

const rounds = Number(process.argv[2] ?? 5);
const PROMPT = 16;
const NEW = 64;
const sizes: NamedSize[] = ['tiny', 'small'];
const batches = [1, 16];
const python = process.env.DRL_OPTIMUM_PYTHON ?? 'python3';
const work = join(tmpdir(), 'drl-hfdecode');

// transformers.js is an ES module with a CommonJS build; loaded lazily so a missing devDependency names itself.
type TransformersJs = typeof import('@huggingface/transformers');

/** The checkpoint, its Hugging Face export, and optimum's ONNX export of that folder for transformers.js. */
async function prepare(size: NamedSize): Promise<{ model: Omit<InferenceModel, 'runner'>; dir: string }> {
  const config = namedSizes[size];
  const init = initParameters(config, 1);
  const store = createFsStore(join(work, 'store'));
  const manifest = await saveCheckpoint(
    store,
    { step: 0, parent: null, model: config, rng: {}, scheduler: {}, producedBy: { commit: 'bench', lockfileHash: 'bench', ortVersion: '1.30.0', threads }, optimizer: null },
    new Map(parameterSpecs(config).map((s) => [s.name, { shape: s.shape, data: Float32Array.from(init.get(s.name) as Float64Array) }])),
  );
  const checkpoint = await loadCheckpoint(store, manifest);
  const dir = join(work, `${size}-${manifest.configHash.slice(0, 12)}`);
  if (!existsSync(join(dir, 'onnx', 'model.onnx'))) {
    rmSync(dir, { recursive: true, force: true });
    await exportHuggingFace(store, checkpoint, dir);
    const onnxDir = join(dir, 'onnx');
    const done = spawnSync(python, ['-m', 'optimum.exporters.onnx', '--model', dir, '--task', 'text-generation-with-past', onnxDir], { encoding: 'utf8' });
    if (done.status !== 0) throw new Error(`optimum export failed (set DRL_OPTIMUM_PYTHON to a Python with optimum-onnx, bench/README.md):\n${done.stderr.slice(-3000)}`);
    mkdirSync(onnxDir, { recursive: true });
    if (!existsSync(join(onnxDir, 'model.onnx'))) renameSync(join(dir, 'model.onnx'), join(onnxDir, 'model.onnx'));
  }
  return { model: { config, weights: checkpoint.weights }, dir };
}

function prompts(batch: number): number[][] {
  const rng = new Rng(batch);
  return Array.from({ length: batch }, () => Array.from({ length: PROMPT }, () => Math.floor(rng.next() * 256)));
}

/** Seconds for one generate call of `tokens` new tokens per row, and the tokens. */
type Generator = (rows: number[][], tokens: number) => Promise<{ seconds: number; tokens: number[][] }>;

function ours(model: InferenceModel): Generator {
  const bytes = new ByteTokenizer();
  // eos -1: no row ends early, as min_new_tokens does on the other side.
  const tokenizer: TextTokenizer = { eos: -1, pad: bytes.pad, decode: (ids) => bytes.decode(ids) };
  return async (rows, tokens) => {
    const started = performance.now();
    const out = await generate(model, tokenizer, { prompts: rows, seed: 0, maxTokens: tokens, temperature: 0 });
    return { seconds: (performance.now() - started) / 1000, tokens: out.map((c) => c.tokens) };
  };
}

async function theirs(tjs: TransformersJs, dir: string): Promise<{ run: Generator; dispose: () => Promise<unknown> }> {
  tjs.env.allowRemoteModels = false;
  tjs.env.localModelPath = work;
  const model = await tjs.AutoModelForCausalLM.from_pretrained(dir.slice(work.length + 1), {
    dtype: 'fp32',
    device: 'cpu',
    // The engine's session settings (engine/runtime/sessionCache.ts), so the two differ only above ORT.
    session_options: { intraOpNumThreads: threads, interOpNumThreads: 1, extra: { session: { intra_op: { allow_spinning: '0' } } } },
  });
  const run: Generator = async (rows, tokens) => {
    const B = rows.length;
    const ids = new tjs.Tensor('int64', BigInt64Array.from(rows.flat(), BigInt), [B, PROMPT]);
    const mask = new tjs.Tensor('int64', new BigInt64Array(B * PROMPT).fill(1n), [B, PROMPT]);
    const started = performance.now();
    const out = (await model.generate({ input_ids: ids, attention_mask: mask, max_new_tokens: tokens, min_new_tokens: tokens, do_sample: false } as never)) as InstanceType<TransformersJs['Tensor']>;
    const seconds = (performance.now() - started) / 1000;
    const all = Array.from(out.data as BigInt64Array, Number);
    const width = out.dims[1];
    return { seconds, tokens: rows.map((_, b) => all.slice(b * width + PROMPT, (b + 1) * width)) };
  };
  return { run, dispose: () => model.dispose() };
}

interface Rates {
  total: number[];
  decode: number[];
}

async function measure(gen: Generator, rows: number[][], into: Rates): Promise<number[][]> {
  const short = await gen(rows, 1);
  const long = await gen(rows, NEW);
  into.total.push((rows.length * NEW) / long.seconds);
  into.decode.push((rows.length * (NEW - 1)) / (long.seconds - short.seconds));
  return long.tokens;
}

async function main(): Promise<void> {
  const tjs = require('@huggingface/transformers') as TransformersJs;
  const cache = new SessionCache({ executionProvider: 'cpu', threads, graphOptimization: 'all' });
  const lines: string[] = [];
  const cell = (v: number, width = 10, digits?: number) => fmt(v, digits).padStart(width);
  for (const size of sizes) {
    const { model, dir } = await prepare(size);
    // Fed: weights are graph inputs every step (rollouts); fixed: initializers, as drl serve and eval run.
    const fed = ours({ ...model, runner: sessionCacheRunner(cache) });
    const fixed = ours({ ...model, runner: sessionCacheRunner(cache), fixedWeights: true });
    const peer = await theirs(tjs, dir);
    for (const batch of batches) {
      const rows = prompts(batch);
      const sides = [fed, fixed, peer.run];
      for (const side of sides) await measure(side, rows, { total: [], decode: [] }); // warm-up: sessions, first allocations
      const rates: Rates[] = sides.map(() => ({ total: [], decode: [] }));
      const agree = [0, 0];
      for (let r = 0; r < rounds; r++) {
        const out: number[][][] = [];
        for (let s = 0; s < sides.length; s++) out.push(await measure(sides[s], rows, rates[s]));
        // Same weights, same greedy rule: the continuations should match but for float near-ties.
        for (const s of [0, 1]) agree[s] = out[s].reduce((n, row, i) => n + row.filter((t, j) => t === out[2][i][j]).length, 0) / (batch * NEW);
      }
      const [a, f, b] = rates.map((x) => ({ decode: median(x.decode), total: median(x.total) }));
      const line = `${size.padEnd(5)} | ${String(batch).padStart(5)} | ${cell(a.decode)} | ${cell(f.decode)} | ${cell(b.decode)} | ${cell(a.decode / b.decode, 6, 2)} | ${cell(f.decode / b.decode, 6, 2)} | ${cell(a.total / b.total, 6, 2)} | ${cell(f.total / b.total, 6, 2)} | ${fmt(100 * agree[0], 1)}% / ${fmt(100 * agree[1], 1)}%`;
      process.stderr.write(`${line}\n${rates.map((x, s) => `  ${['fed', 'fixed', 'theirs'][s]} decode ${x.decode.map((v) => fmt(v)).join(', ')}`).join('\n')}\n`);
      lines.push(line);
    }
    await peer.dispose();
  }
  console.log(`greedy generate, fp32, CPU, ${threads} intra-op threads each, prompt ${PROMPT} + ${NEW} new tokens per row; onnxruntime-node 1.30.0 on both sides; medians of ${rounds} rounds`);
  console.log('ours fed: weights as graph inputs every step; ours fixed: fixedWeights, weights as initializers; ratios against transformers.js (tjs)');
  console.log('size  | batch | fed dec/s  | fixed dec/s | tjs dec/s | fed/tjs | fixed/tjs | e2e fed/tjs | e2e fixed/tjs | same tokens fed / fixed');
  for (const line of lines) console.log(line);
  await cache.release();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
