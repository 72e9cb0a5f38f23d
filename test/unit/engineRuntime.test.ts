import { InputError } from '../../core/errors';
import { Rng } from '../../core/rng';
import { gradients } from '../../engine/autodiff';
import * as G from '../../engine/graph';
import { Graph } from '../../engine/graph';
import { Engine, HostTensors, resolveRuntimeOptions } from '../../engine/runtime';

/** Runs from the compiled tree (the worker thread needs dist/engine/runtime/engineThread.js). */
const rng = new Rng('engine-runtime-test');
const randomData = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.next() - 0.5);

/** Repeated lookups of the same rows: the scatter-add in the embedding gradient must still give the same bytes. */
function embeddingGradientGraph(): Uint8Array {
  const g = new Graph('embedding-gradient');
  const table = g.input('table', 'float32', [64, 32]);
  const ids = g.input('ids', 'int64', [8, 128]);
  const loss = G.reduceSum(G.mul(G.tanh(G.gather(table, ids)), G.gather(table, ids)), [0, 1, 2]);
  g.output(gradients(loss, [table])[0], 'grad');
  return g.toOnnxBytes();
}

function embeddingFeeds(): HostTensors {
  const ids = BigInt64Array.from({ length: 8 * 128 }, (_, i) => BigInt((i * 7) % 5));
  return { table: { dtype: 'float32', dims: [64, 32], data: randomData(64 * 32) }, ids: { dtype: 'int64', dims: [8, 128], data: ids } };
}

describe('Engine (ORT in a worker thread)', () => {
  test('runs a graph while the event loop stays free', async () => {
    const g = new Graph('chain');
    const x = g.input('x', 'float32', [256, 256]);
    let h = x;
    for (let i = 0; i < 40; i++) h = G.tanh(G.matmul(h, x));
    g.output(G.reduceSum(h, [0, 1]), 'y');
    const engine = new Engine({ threads: 1 });
    try {
      let ticks = 0;
      const timer = setInterval(() => ticks++, 1);
      const feeds: HostTensors = { x: { dtype: 'float32', dims: [256, 256], data: randomData(256 * 256) } };
      const started = Date.now();
      const out = await engine.run(g.toOnnxBytes(), feeds);
      const elapsed = Date.now() - started;
      clearInterval(timer);
      expect(out.y.dims).toEqual([]);
      expect(Number.isFinite(out.y.data[0] as number)).toBe(true);
      // Timers kept firing during the run: at least a third of the elapsed milliseconds.
      expect(ticks).toBeGreaterThan(elapsed / 3);
    } finally {
      await engine.close();
    }
  });

  test('scatter-add gradients give identical bytes run to run, at 1 and 2 threads', async () => {
    const bytes = embeddingGradientGraph();
    const feeds = embeddingFeeds();
    for (const threads of [1, 2]) {
      const engine = new Engine({ threads });
      try {
        const a = await engine.run(bytes, feeds);
        const b = await engine.run(bytes, feeds);
        expect(Buffer.from(a.grad.data.buffer).equals(Buffer.from(b.grad.data.buffer))).toBe(true);
      } finally {
        await engine.close();
      }
    }
  });

  test('an unavailable execution provider is refused by name', async () => {
    const engine = new Engine({ executionProvider: 'cuda' });
    try {
      await expect(engine.run(embeddingGradientGraph(), embeddingFeeds())).rejects.toThrow(/execution provider cuda is not available/);
      await expect(engine.run(embeddingGradientGraph(), embeddingFeeds())).rejects.toBeInstanceOf(InputError);
    } finally {
      await engine.close();
    }
  });

  test('a released graph finishes the run queued before it and loads again on its next run', async () => {
    const engine = new Engine({ threads: 1 });
    try {
      const graph = embeddingGradientGraph();
      const feeds = embeddingFeeds();
      const first = (await engine.run(graph, feeds)).grad.data;
      const inFlight = engine.run(graph, feeds);
      await engine.release(graph);
      expect((await inFlight).grad.data).toEqual(first);
      expect((await engine.run(graph, feeds)).grad.data).toEqual(first);
      await engine.release(embeddingGradientGraph()); // never loaded: nothing to do
    } finally {
      await engine.close();
    }
  });

  test('held feeds are kept on the thread for later runs until dropped', async () => {
    const engine = new Engine({ threads: 1 });
    try {
      const graph = embeddingGradientGraph();
      const { table, ids } = embeddingFeeds();
      const expected = (await engine.run(graph, { table, ids })).grad.data;
      const held = await engine.hold({ table });
      expect((await engine.run(graph, { ids }, { held })).grad.data).toEqual(expected);
      await engine.drop(held);
      await expect(engine.run(graph, { ids }, { held })).rejects.toThrow(/no held feeds \d+ \(dropped\?\)/);
      const cache = await engine.openCache({ dtype: 'float32', layers: 1, rows: 1, kvHeads: 1, headDim: 2 });
      await engine.drop(cache);
      await expect(engine.run(graph, { table, ids }, { cache })).rejects.toThrow(/no held KV cache \d+ \(dropped\?\)/);
    } finally {
      await engine.close();
    }
  });

  test('a missing feed and a run after close are clear errors', async () => {
    const engine = new Engine();
    const { table } = embeddingFeeds();
    await expect(engine.run(embeddingGradientGraph(), { table })).rejects.toThrow('runtime: missing inputs ids');
    await engine.close();
    await expect(engine.run(embeddingGradientGraph(), embeddingFeeds())).rejects.toThrow('engine: run after close');
  });

  test('thread count comes from the option, else DRL_THREADS, else 1', () => {
    expect(resolveRuntimeOptions({}, {})).toEqual({ executionProvider: 'cpu', threads: 1, graphOptimization: 'all' });
    expect(resolveRuntimeOptions({}, { DRL_THREADS: '3' }).threads).toBe(3);
    expect(resolveRuntimeOptions({ threads: 2 }, { DRL_THREADS: '3' }).threads).toBe(2);
    expect(() => resolveRuntimeOptions({}, { DRL_THREADS: 'many' })).toThrow('thread count must be a positive integer');
  });
});
