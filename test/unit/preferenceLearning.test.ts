import '../helpers/shareTypedArraysWithOrt';
import { countA, preferencePair } from '../helpers/preferencePairs';
import { Rng } from '../../core/rng';
import { Graph } from '../../engine/graph';
import { sessionCacheRunner } from '../../engine/infer';
import { ModelConfig, lastTokenValues, parameterSpecs, transformer, validateModelConfig } from '../../engine/model';
import { HostTensors, SessionCache } from '../../engine/runtime';
import { ByteTokenizer } from '../../engine/tokenizer';
import { PolicyState, PromptCompletion, dpoTrainLoss, fusedTrainStepGraph, rewardModelTrainLoss, sequenceBatch, sequenceLogProbs, tokenLogProbs } from '../../engine/train';

/*
 * Preference learning that has to generalise, on strings of 3 to 8 letters from {a, b}; training pairs come from one
 * seeded stream, and 200 fresh pairs are held out. One-layer byte-vocabulary model, float32, AdamW lr 3e-3.
 * (a) A Bradley-Terry reward model (score head): the string with more a's is preferred. Rows are right-padded to
 *     different lengths, so the score must be read at each row's own last token.
 * (b) DPO (beta 0.1, reference = the initial weights): after "<string>:" the chosen completion is the string's
 *     majority letter, the rejected one the other letter; the policy must come to give the majority letter the
 *     higher log-prob on held-out strings.
 * Random weights get about half of either right.
 */
const SEEDS = [1, 2, 3];
const STEPS = 80;
const PAIRS_PER_STEP = 16;
const HELD_OUT_PAIRS = 200;
const TARGET_ACCURACY = 0.9;
const LENGTH = 9;

const tokenizer = new ByteTokenizer();
const policyConfig: ModelConfig = validateModelConfig({
  vocabSize: 264, dModel: 32, nLayers: 1, nHeads: 4, nKvHeads: 2, dFf: 64, maxSeqLen: 16, ropeTheta: 10000, rmsNormEps: 1e-5, qkvBias: false, tiedEmbeddings: true,
});
const config: ModelConfig = validateModelConfig({ ...policyConfig, scalarHead: 'score' });
const ADAMW = { lr: 3e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, maxGradNorm: 1 };
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const cache = new SessionCache({ executionProvider: 'cpu', threads: 1, graphOptimization: 'all' });
const runner = sessionCacheRunner(cache);
afterAll(() => cache.release());

const pair = preferencePair;

/** Chosen rows, then rejected rows (the layout of preferencePairs.ts), bos-prefixed and right-padded. */
function rowsOf(pairs: Array<[string, string]>): HostTensors {
  const texts = [...pairs.map((p) => p[0]), ...pairs.map((p) => p[1])];
  const tokens = new BigInt64Array(texts.length * LENGTH).fill(BigInt(tokenizer.pad));
  const attentionMask = new Uint8Array(texts.length * LENGTH);
  texts.forEach((text, b) => tokenizer.encode(text, { bos: true }).forEach((id, t) => {
    tokens[b * LENGTH + t] = BigInt(id);
    attentionMask[b * LENGTH + t] = 1;
  }));
  return { tokens: { dtype: 'int64', dims: [texts.length, LENGTH], data: tokens }, attentionMask: { dtype: 'bool', dims: [texts.length, LENGTH], data: attentionMask } };
}

/** Share of pairs whose preferred string gets the higher score. */
async function rankingAccuracy(state: PolicyState, pairs: Array<[string, string]>): Promise<number> {
  const g = new Graph('rm-scores');
  const weights = Object.fromEntries(parameterSpecs(config).map((s) => [s.name, g.input(s.name, 'float32', s.shape)]));
  const tokens = g.input('tokens', 'int64', [2 * pairs.length, LENGTH]);
  const attentionMask = g.input('attentionMask', 'bool', [2 * pairs.length, LENGTH]);
  g.output(lastTokenValues(transformer(config, weights, { tokens, attentionMask }).headValues!, attentionMask), 'scores');
  const scores = (await runner.run(g.toOnnxBytes(), { ...state.weightFeeds(), ...rowsOf(pairs) })).scores.data as Float32Array;
  return pairs.filter((_, i) => scores[i] > scores[pairs.length + i]).length / pairs.length;
}

describe('a Bradley-Terry reward model learns to rank held-out preference pairs', () => {
  const stepGraph = fusedTrainStepGraph(config, rewardModelTrainLoss, 2 * PAIRS_PER_STEP, LENGTH, 'float32').toOnnxBytes();

  test.each(SEEDS.map((s) => [s]))(`seed %i: held-out ranking accuracy reaches ${TARGET_ACCURACY} within ${STEPS} steps`, async (seed) => {
    const state = PolicyState.init(config, seed);
    const heldOut = Array.from({ length: HELD_OUT_PAIRS }, ((rng) => () => pair(rng))(Rng.derive(seed, 'held-out')));
    const before = await rankingAccuracy(state, heldOut);
    const rng = Rng.derive(seed, 'train');
    const losses: number[] = [];
    for (let step = 0; step < STEPS; step++) {
      const batch = rowsOf(Array.from({ length: PAIRS_PER_STEP }, () => pair(rng)));
      const out = await state.trainStep(runner, stepGraph, batch, ADAMW);
      losses.push(out.loss.data[0] as number);
    }
    const after = await rankingAccuracy(state, heldOut);
    process.stdout.write(`rm seed ${seed}: held-out accuracy ${before.toFixed(3)} -> ${after.toFixed(3)}, loss ${mean(losses.slice(0, 10)).toFixed(3)} -> ${mean(losses.slice(-10)).toFixed(3)}\n`);
    expect(after).toBeGreaterThanOrEqual(TARGET_ACCURACY);
    expect(mean(losses.slice(-10))).toBeLessThan(mean(losses.slice(0, 10)));
  });
});

/** "<string>:" with its majority letter (chosen) and the other letter (rejected); strings with a tie are redrawn. */
function majorityPair(rng: Rng): [PromptCompletion, PromptCompletion] {
  for (;;) {
    const text = Array.from({ length: 3 + rng.int(6) }, () => (rng.next() < 0.5 ? 'a' : 'b')).join('');
    const a = countA(text);
    if (2 * a === text.length) continue;
    const prompt = tokenizer.encode(`${text}:`, { bos: true });
    const [chosen, rejected] = 2 * a > text.length ? ['a', 'b'] : ['b', 'a'];
    return [{ prompt, completion: tokenizer.encode(chosen) }, { prompt, completion: tokenizer.encode(rejected) }];
  }
}

const DPO_LENGTH = 12;

/** Chosen rows, then rejected rows, as the DPO loss reads them. */
function dpoRows(pairs: Array<[PromptCompletion, PromptCompletion]>): HostTensors {
  return sequenceBatch([...pairs.map((p) => p[0]), ...pairs.map((p) => p[1])], DPO_LENGTH, tokenizer.pad, 'responseMask');
}

/** Each row's response log-prob under `weights`. */
async function responseLogProbs(weights: HostTensors, batch: HostTensors): Promise<Float32Array> {
  const rows = batch.tokens.dims[0];
  const g = new Graph('response-log-probs');
  const w = Object.fromEntries(parameterSpecs(policyConfig).map((s) => [s.name, g.input(s.name, 'float32', s.shape)]));
  const input = (name: string, dtype: 'int64' | 'bool' | 'float32') => g.input(name, dtype, [rows, DPO_LENGTH]);
  const logits = transformer(policyConfig, w, { tokens: input('tokens', 'int64'), attentionMask: input('attentionMask', 'bool') }).logits;
  g.output(sequenceLogProbs(tokenLogProbs(logits, input('targets', 'int64')), input('responseMask', 'float32')), 'logProbs');
  return (await runner.run(g.toOnnxBytes(), { ...weights, ...batch })).logProbs.data as Float32Array;
}

async function majorityAccuracy(weights: HostTensors, pairs: Array<[PromptCompletion, PromptCompletion]>): Promise<number> {
  const logProbs = await responseLogProbs(weights, dpoRows(pairs));
  return pairs.filter((_, i) => logProbs[i] > logProbs[pairs.length + i]).length / pairs.length;
}

describe('DPO teaches a policy the preferred completion on held-out prompts', () => {
  const stepGraph = fusedTrainStepGraph(policyConfig, dpoTrainLoss, 2 * PAIRS_PER_STEP, DPO_LENGTH, 'float32').toOnnxBytes();

  test.each(SEEDS.map((s) => [s]))(`seed %i: the majority letter wins on ${TARGET_ACCURACY} of held-out prompts within ${STEPS} steps`, async (seed) => {
    const state = PolicyState.init(policyConfig, seed);
    const reference = state.weightFeeds();
    const heldOut = Array.from({ length: HELD_OUT_PAIRS }, ((rng) => () => majorityPair(rng))(Rng.derive(seed, 'dpo-held-out')));
    const before = await majorityAccuracy(reference, heldOut);
    const rng = Rng.derive(seed, 'dpo-train');
    const losses: number[] = [];
    for (let step = 0; step < STEPS; step++) {
      const batch = dpoRows(Array.from({ length: PAIRS_PER_STEP }, () => majorityPair(rng)));
      const refLogProbs = await responseLogProbs(reference, batch);
      const out = await state.trainStep(runner, stepGraph, {
        ...batch,
        refLogProbs: { dtype: 'float32', dims: [2 * PAIRS_PER_STEP], data: refLogProbs },
        dpoBeta: { dtype: 'float32', dims: [], data: Float32Array.of(0.1) },
      }, ADAMW);
      losses.push(out.loss.data[0] as number);
    }
    const after = await majorityAccuracy(state.weightFeeds(), heldOut);
    process.stdout.write(`dpo seed ${seed}: held-out accuracy ${before.toFixed(3)} -> ${after.toFixed(3)}, loss ${mean(losses.slice(0, 10)).toFixed(3)} -> ${mean(losses.slice(-10)).toFixed(3)}\n`);
    expect(after).toBeGreaterThanOrEqual(TARGET_ACCURACY);
    expect(mean(losses.slice(-10))).toBeLessThan(mean(losses.slice(0, 10)));
  });
});
