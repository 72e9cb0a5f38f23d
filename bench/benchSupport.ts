/** Helpers shared by the engine benchmarks: medians, the PyTorch peer process, the thread count both sides use. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ModelConfig } from '../engine/model';

/** One thread count for ORT (DRL_THREADS) and torch.set_num_threads, so the comparison is per core. */
export const threads = Number(process.env.DRL_THREADS ?? 2);
process.env.DRL_THREADS = String(threads);

/** The peer's interpreter: a venv with torch (bench/README.md); never a dependency of the product. */
const python = process.env.DRL_TORCH_PYTHON ?? 'python3';

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** The config fields the Python model reads, taken from engine/model so the two sides cannot drift apart. */
export function peerConfig(config: ModelConfig): Record<string, number> {
  const { vocabSize, dModel, nLayers, nHeads, nKvHeads, dFf, maxSeqLen, ropeTheta, rmsNormEps } = config;
  if (config.qkvBias || !config.tiedEmbeddings) throw new Error('the PyTorch peer models tied embeddings without qkv bias only');
  return { vocabSize, dModel, nLayers, nHeads, nKvHeads, dFf, maxSeqLen, ropeTheta, rmsNormEps };
}

/** Runs bench/<script> (the committed source, next to this file's source) with one JSON argument; returns its JSON line. */
export function runPeer<T>(script: string, args: unknown): T {
  const path = join(__dirname, '..', '..', 'bench', script);
  // torch runs with its own defaults, OpenMP's active waiting included: on a quiet machine that is its fastest setting
  // (small train step 210 ms against 260 ms with OMP_WAIT_POLICY=PASSIVE, which mirrors the engine's no-spin
  // sessions), but while another process holds a core its steps can stall for seconds, so the tables give the best
  // run next to the median. Set OMP_WAIT_POLICY=PASSIVE in the environment to trade speed for steadiness.
  const done = spawnSync(python, [path, JSON.stringify(args)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (done.status !== 0) {
    throw new Error(`${python} ${script} failed (status ${done.status}); set DRL_TORCH_PYTHON to a Python with torch (bench/README.md)\n${done.stderr}`);
  }
  const lines = done.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}

export const fmt = (x: number, digits = 1): string => x.toFixed(digits);
