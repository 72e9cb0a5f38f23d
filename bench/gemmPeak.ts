/** What the train step's FLOP rate is measured against: ORT's own fp32 GEMM on this machine, and the step's FLOPs. */
import { Graph, matmul } from '../engine/graph';
import { ModelConfig, parameterCount } from '../engine/model';
import { SessionCache } from '../engine/runtime';
import { median } from './benchSupport';

/** GFLOP/s of one [m, k] x [k, n] MatMul with both operands fed, as the step's weights are; median of `runs`. */
export async function gemmGflops(cache: SessionCache, m: number, k: number, n: number, runs = 10): Promise<number> {
  const g = new Graph('gemm-peak');
  g.output(matmul(g.input('a', 'float32', [m, k]), g.input('b', 'float32', [k, n])), 'c');
  const key = await cache.load(g.toOnnxBytes());
  const filled = (count: number) => Float32Array.from({ length: count }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5);
  const feeds = { a: { dtype: 'float32' as const, dims: [m, k], data: filled(m * k) }, b: { dtype: 'float32' as const, dims: [k, n], data: filled(k * n) } };
  await cache.run(key, feeds); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await cache.run(key, feeds);
    times.push(performance.now() - started);
  }
  await cache.unload(key);
  return (2 * m * k * n) / (median(times) / 1000) / 1e9;
}

/**
 * FLOPs of one train step over batch x seqLen tokens: 6 per parameter per token (forward 2, backward 4), plus
 * attention's scores and weighted values, 2 * 2 * B * T^2 * D per layer forward, three times that with backward.
 */
export function trainStepFlops(config: ModelConfig, batch: number, seqLen: number): number {
  const attention = 3 * config.nLayers * 2 * 2 * batch * seqLen * seqLen * config.dModel;
  return 6 * parameterCount(config) * batch * seqLen + attention;
}
