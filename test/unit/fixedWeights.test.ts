import '../helpers/shareTypedArraysWithOrt';
import { FloatDType, GenerateRequest, GraphRunner, InferenceModel, generate, scoreCompletions, sessionCacheRunner } from '../../engine/infer';
import { ModelConfig, initParameters, validateModelConfig } from '../../engine/model';
import { HostTensors, RunOptions, SessionCache } from '../../engine/runtime';
import { ByteTokenizer } from '../../engine/tokenizer';

const tok = new ByteTokenizer();
const config: ModelConfig = validateModelConfig({
  vocabSize: tok.vocabSize, dModel: 32, nLayers: 2, nHeads: 4, nKvHeads: 2, dFf: 48, maxSeqLen: 64, ropeTheta: 10000, rmsNormEps: 1e-5, qkvBias: true, tiedEmbeddings: true,
});
const prompts = ['2+3=', 'The capital of France is', 'hi'].map((p) => tok.encode(p, { bos: true }));
const request: GenerateRequest = { prompts, samplesPerPrompt: 2, seed: 5, maxTokens: 10, temperature: 1 };
const cache = new SessionCache({ executionProvider: 'cpu', threads: 1, graphOptimization: 'basic' });
afterAll(() => cache.release());

function weights(dtype: FloatDType, seed: number): Map<string, Float32Array | Float64Array> {
  return new Map([...initParameters(config, seed, 0.15)].map(([name, v]) => [name, dtype === 'float32' ? Float32Array.from(v) : v]));
}

/** A runner that records which graphs it ran, with which feeds, and which it released. */
function recording(): GraphRunner & { feeds: string[][]; released: Uint8Array[]; graphs: Set<Uint8Array> } {
  const inner = sessionCacheRunner(cache);
  const self = {
    feeds: [] as string[][],
    released: [] as Uint8Array[],
    graphs: new Set<Uint8Array>(),
    run(graph: Uint8Array, feeds: HostTensors, options?: RunOptions) {
      self.feeds.push(Object.keys(feeds));
      self.graphs.add(graph);
      return inner.run(graph, feeds, options);
    },
    // No hold(): fed weights then come with every run, where this runner sees them.
    openCache: inner.openCache,
    drop: inner.drop,
    async release(graph: Uint8Array) {
      self.released.push(graph);
      await (inner.release as (g: Uint8Array) => Promise<void>)(graph);
    },
  };
  return self;
}

describe('fixed weights (baked into the graphs as initializers)', () => {
  test.each([['float32', 1e-5], ['float64', 1e-12]] as const)('sample the same tokens as fed weights, log-probs within %s tolerance, and score alike', async (dtype, tolerance) => {
    const w = weights(dtype, 3);
    const runner = recording();
    const fed: InferenceModel = { runner, config, weights: w };
    const fixed: InferenceModel = { ...fed, fixedWeights: true };
    const a = await generate(fed, tok, request);
    const b = await generate(fixed, tok, request);
    expect(b.map((c) => c.tokens)).toEqual(a.map((c) => c.tokens));
    let gap = 0;
    a.forEach((c, i) => c.logProbs.forEach((lp, j) => (gap = Math.max(gap, Math.abs(lp - b[i].logProbs[j])))));
    const items = b.map((c) => ({ prompt: prompts[c.promptIndex], completion: c.tokens }));
    const scored = await scoreCompletions(fixed, items, { padId: tok.pad });
    b.forEach((c, i) => c.logProbs.forEach((lp, j) => (gap = Math.max(gap, Math.abs(lp - scored[i][j])))));
    process.stdout.write(`fixed vs fed weights and fixed scoring, ${dtype}: max |diff| ${gap.toExponential(2)}\n`);
    expect(gap).toBeLessThan(tolerance);
    // Fed runs pass every weight; fixed runs pass none.
    const fedCalls = runner.feeds.slice(0, 10);
    const fixedCalls = runner.feeds.slice(10);
    expect(fedCalls.every((names) => names.includes('embed'))).toBe(true);
    expect(fixedCalls.length).toBeGreaterThan(0);
    expect(fixedCalls.some((names) => names.includes('embed') || names.some((n) => n.startsWith('layer')))).toBe(false);
    expect(await generate(fixed, tok, request)).toEqual(b);
  });

  test('a runner keeps the sessions of the two most recent fixed weight sets and releases older ones', async () => {
    const runner = recording();
    const sets = [weights('float32', 1), weights('float32', 2), weights('float32', 3)];
    const short: GenerateRequest = { prompts: [prompts[0]], seed: 1, maxTokens: 2, temperature: 0 };
    const graphsOf: Array<Set<Uint8Array>> = [];
    for (const w of sets) {
      runner.graphs.clear();
      await generate({ runner, config, weights: w, fixedWeights: true }, tok, short);
      graphsOf.push(new Set(runner.graphs));
    }
    expect(new Set(runner.released)).toEqual(graphsOf[0]);
    // Using the second set again keeps it; the third stays too, nothing more is released.
    await generate({ runner, config, weights: sets[1], fixedWeights: true }, tok, short);
    expect(runner.released).toHaveLength(graphsOf[0].size);
    // A released set comes back on demand, with the same tokens.
    const again = await generate({ runner, config, weights: sets[0], fixedWeights: true }, tok, short);
    const fed = await generate({ runner, config, weights: sets[0] }, tok, short);
    expect(again.map((c) => c.tokens)).toEqual(fed.map((c) => c.tokens));
    expect(new Set(runner.released.slice(graphsOf[0].size))).toEqual(graphsOf[2]);
  });
});
