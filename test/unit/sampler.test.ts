import '../helpers/shareTypedArraysWithOrt';
import { Completion, FloatDType, GenerateRequest, InferenceModel, generate, scoreCompletions, sessionCacheRunner } from '../../engine/infer';
import { ModelConfig, initParameters, validateModelConfig } from '../../engine/model';
import { SessionCache } from '../../engine/runtime';
import { ByteTokenizer } from '../../engine/tokenizer';

const tok = new ByteTokenizer();
const config: ModelConfig = validateModelConfig({
  vocabSize: tok.vocabSize, dModel: 32, nLayers: 2, nHeads: 4, nKvHeads: 2, dFf: 48, maxSeqLen: 64, ropeTheta: 10000, rmsNormEps: 1e-5, qkvBias: false, tiedEmbeddings: true,
});
const prompts = ['2+3=', 'The capital of France is', 'hi'].map((p) => tok.encode(p, { bos: true }));
const cache = new SessionCache({ executionProvider: 'cpu', threads: 1, graphOptimization: 'basic' });
afterAll(() => cache.release());

function model(dtype: FloatDType): InferenceModel {
  const init = initParameters(config, 3, 0.15);
  const weights = new Map([...init].map(([name, v]) => [name, dtype === 'float32' ? Float32Array.from(v) : v]));
  return { runner: sessionCacheRunner(cache), config, weights };
}

const base: GenerateRequest = { prompts, promptKeys: ['sum', 'capital', 'hi'], samplesPerPrompt: 2, seed: 42, maxTokens: 12, temperature: 1 };

async function maxScoringGap(m: InferenceModel, completions: Completion[], promptsUsed: number[][]): Promise<number> {
  const scored = await scoreCompletions(m, completions.map((c) => ({ prompt: promptsUsed[c.promptIndex], completion: c.tokens })), { padId: tok.pad, temperature: 1 });
  let gap = 0;
  completions.forEach((c, i) => c.logProbs.forEach((lp, j) => (gap = Math.max(gap, Math.abs(lp - scored[i][j])))));
  return gap;
}

describe('sampler', () => {
  test('same seed gives the same bytes; another seed gives other completions', async () => {
    const m = model('float32');
    const a = await generate(m, tok, base);
    const b = await generate(m, tok, base);
    expect(b).toEqual(a);
    expect(a).toHaveLength(6);
    const c = await generate(m, tok, { ...base, seed: 43 });
    expect(c.map((x) => x.tokens)).not.toEqual(a.map((x) => x.tokens));
  });

  test('a prompt samples the same tokens and log-probs alone as inside a padded batch', async () => {
    const m = model('float32');
    const batch = await generate(m, tok, base);
    const alone = await generate(m, tok, { ...base, prompts: [prompts[2]], promptKeys: ['hi'] });
    const inBatch = batch.filter((c) => c.promptIndex === 2);
    expect(alone.map((c) => c.tokens)).toEqual(inBatch.map((c) => c.tokens));
    let gap = 0;
    alone.forEach((c, i) => c.logProbs.forEach((lp, j) => (gap = Math.max(gap, Math.abs(lp - inBatch[i].logProbs[j])))));
    process.stdout.write(`log-probs alone vs in a padded batch, float32: max |diff| ${gap.toExponential(2)}\n`);
    expect(gap).toBeLessThan(1e-5);
  });

  test('scoring gives a prompt the same log-probs alone and inside a padded batch (float64)', async () => {
    const m = model('float64');
    const item = { prompt: prompts[2], completion: tok.encode(' there') };
    const others = [{ prompt: prompts[1], completion: tok.encode(' Paris, of course') }, item, { prompt: prompts[0], completion: tok.encode('5') }];
    const alone = await scoreCompletions(m, [item], { padId: tok.pad });
    const inBatch = await scoreCompletions(m, others, { padId: tok.pad });
    const gap = Math.max(...alone[0].map((lp, j) => Math.abs(lp - inBatch[1][j])));
    process.stdout.write(`scoring alone vs in a padded batch, float64: max |diff| ${gap.toExponential(2)}\n`);
    expect(gap).toBeLessThan(1e-12);
  });

  test.each([['float32', 1e-5], ['float64', 1e-12]] as const)('sampler log-probs equal scoring-mode log-probs of the same tokens (%s)', async (dtype, tolerance) => {
    const m = model(dtype);
    const completions = await generate(m, tok, { ...base, topK: 50, topP: 0.9 });
    const gap = await maxScoringGap(m, completions, prompts);
    process.stdout.write(`sampler vs scoring log-probs, ${dtype}: max |diff| ${gap.toExponential(2)}\n`);
    expect(gap).toBeLessThan(tolerance);
  });

  test('top-k 1 is greedy; greedy reports temperature-1 log-probs', async () => {
    const m = model('float32');
    const greedy = await generate(m, tok, { ...base, temperature: 0 });
    const topOne = await generate(m, tok, { ...base, topK: 1, seed: 7 });
    expect(topOne.map((c) => c.tokens)).toEqual(greedy.map((c) => c.tokens));
    expect(await maxScoringGap(m, greedy, prompts)).toBeLessThan(1e-5);
  });

  test('stop strings end a row and cut its text; maxTokens ends the rest', async () => {
    const m = model('float32');
    const free = await generate(m, tok, { ...base, samplesPerPrompt: 1 });
    // Stop at the bytes the first row produced at tokens 3..4: it must end there, text cut before them.
    const stop = tok.decode(free[0].tokens.slice(3, 5));
    const stopped = await generate(m, tok, { ...base, samplesPerPrompt: 1, stop: [stop] });
    expect(stopped[0].finishReason).toBe('stop');
    expect(stopped[0].tokens.length).toBeLessThanOrEqual(5);
    expect(stopped[0].text).toBe(tok.decode(free[0].tokens).slice(0, tok.decode(free[0].tokens).indexOf(stop)));
    for (const c of free) if (c.finishReason === 'length') expect(c.tokens).toHaveLength(base.maxTokens);
  });

  test('stop tokens (a chat model\'s end of turn) end a row as eos does', async () => {
    const m = model('float32');
    const free = await generate(m, tok, { ...base, samplesPerPrompt: 1 });
    const endOfTurn = free[0].tokens[3];
    const stopped = await generate(m, tok, { ...base, samplesPerPrompt: 1, stopTokens: [endOfTurn] });
    const at = free[0].tokens.indexOf(endOfTurn);
    expect(stopped[0].tokens).toEqual(free[0].tokens.slice(0, at + 1));
    expect(stopped[0].finishReason).toBe('eos');
  });

  test('requests the model cannot serve are refused', async () => {
    const m = model('float32');
    await expect(generate(m, tok, { ...base, maxTokens: 50 })).rejects.toThrow(/prompt 1 \(25 tokens\) plus maxTokens 50 exceeds maxSeqLen 64/);
    await expect(generate(m, tok, { ...base, topP: 0 })).rejects.toThrow(/topP must be in \(0, 1\]/);
  });
});
