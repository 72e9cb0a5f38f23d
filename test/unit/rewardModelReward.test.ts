import '../helpers/shareTypedArraysWithOrt';
import { preferencePair } from '../helpers/preferencePairs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '../../core/rng';
import { saveCheckpoint } from '../../engine/io';
import { sessionCacheRunner } from '../../engine/infer';
import { ModelConfig, initParameters, parameterSpecs, validateModelConfig } from '../../engine/model';
import { SessionCache } from '../../engine/runtime';
import { ByteTokenizer } from '../../engine/tokenizer';
import { PolicyState, fusedTrainStepGraph, rewardModelTrainLoss, sequenceBatch } from '../../engine/train';
import { RewardModelSample, loadRewardModel, rewardModelRewards } from '../../activities/training/rewardModelGrader';
import type { ArtifactStore } from '../../store/artifactStore';
import { createFsStore } from '../../store/fsStore';
import { commitCheckpoint } from '../../training/checkpointStore';
import { parseRunConfig } from '../../training/runConfig';

/*
 * A reward model trained on synthetic preferences, stored as a checkpoint and read back by the reward: after the
 * prompt "s:", a response of 3 to 8 letters from {a, b} is preferred when it has more a's. The rm train-step graph
 * sees the rows the reward will score (bos, prompt bytes, response bytes, right-padded by sequenceBatch); the
 * reward must rank 200 held-out pairs, drawn from a stream of their own, as the preference does.
 */
const SEEDS = [1, 2];
const STEPS = 80;
const PAIRS_PER_STEP = 16;
const HELD_OUT_PAIRS = 200;
const TARGET_ACCURACY = 0.95;
const LENGTH = 12;
const PROMPT = 's:';

const tokenizer = new ByteTokenizer();
const config: ModelConfig = validateModelConfig({
  vocabSize: 264, dModel: 32, nLayers: 1, nHeads: 4, nKvHeads: 2, dFf: 64, maxSeqLen: 16, ropeTheta: 10000, rmsNormEps: 1e-5, qkvBias: false, tiedEmbeddings: true, scalarHead: 'score',
});
const ADAMW = { lr: 3e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, maxGradNorm: 1 };
const cache = new SessionCache({ executionProvider: 'cpu', threads: 1, graphOptimization: 'all' });
const runner = sessionCacheRunner(cache);
const storeDir = mkdtempSync(join(tmpdir(), 'drl-reward-model-'));
const store = createFsStore(storeDir);
afterAll(async () => {
  await cache.release();
  rmSync(storeDir, { recursive: true, force: true });
});

const pair = preferencePair;

/** Tokens and attention mask of chosen rows, then rejected rows (preferencePairs.ts), encoded as the reward encodes. */
function trainRows(pairs: Array<[string, string]>) {
  const row = (response: string) => ({ prompt: tokenizer.encode(PROMPT, { bos: true }), completion: tokenizer.encode(response) });
  const { tokens, attentionMask } = sequenceBatch([...pairs.map((p) => row(p[0])), ...pairs.map((p) => row(p[1]))], LENGTH, tokenizer.pad, 'responseMask');
  return { tokens, attentionMask };
}

async function saveModel(target: ArtifactStore, model: ModelConfig, weights: ReadonlyMap<string, Float32Array | Float64Array>, step: number): Promise<string> {
  const tensors = new Map(parameterSpecs(model).map((s) => [s.name, { shape: s.shape, data: weights.get(s.name)! }]));
  const fields = { step, parent: null, model, rng: {}, scheduler: {}, producedBy: { commit: 'test', lockfileHash: 'test', ortVersion: 'test', threads: 1 }, optimizer: null };
  return commitCheckpoint(target, await saveCheckpoint(target, fields, tensors));
}

/** Share of pairs whose preferred response the reward scores higher, through a checkpoint ref as a run config gives it. */
async function rewardAccuracy(ref: string, pairs: Array<[string, string]>): Promise<number> {
  const rm = await loadRewardModel(store, ref, runner);
  const samples: RewardModelSample[] = [...pairs.map((p) => p[0]), ...pairs.map((p) => p[1])].map((response) => ({ prompt: PROMPT, response }));
  const rewards = await rewardModelRewards(rm, samples);
  return pairs.filter((_, i) => rewards[i].score > rewards[pairs.length + i].score).length / pairs.length;
}

describe('the reward model reward over a stored checkpoint', () => {
  const stepGraph = fusedTrainStepGraph(config, rewardModelTrainLoss, 2 * PAIRS_PER_STEP, LENGTH, 'float32').toOnnxBytes();

  test.each(SEEDS.map((s) => [s]))(`seed %i: ranks held-out chosen above rejected on >= ${TARGET_ACCURACY} of pairs once trained`, async (seed) => {
    const state = PolicyState.init(config, seed);
    const initial = await saveModel(store, config, state.weights, 0);
    const rng = Rng.derive(seed, 'train');
    for (let step = 0; step < STEPS; step++) await state.trainStep(runner, stepGraph, trainRows(Array.from({ length: PAIRS_PER_STEP }, () => pair(rng))), ADAMW);
    const trained = await saveModel(store, config, state.weights, STEPS);
    const heldOut = Array.from({ length: HELD_OUT_PAIRS }, ((r) => () => pair(r))(Rng.derive(seed, 'held-out')));
    const before = await rewardAccuracy(initial.slice(0, 10), heldOut);
    const after = await rewardAccuracy(trained.slice(0, 10), heldOut);
    process.stdout.write(`reward model seed ${seed}: held-out ranking ${before.toFixed(3)} -> ${after.toFixed(3)}\n`);
    expect(before).toBeLessThan(0.8);
    expect(after).toBeGreaterThanOrEqual(TARGET_ACCURACY);
  });

  test('sigmoid normalisation maps the raw score into (0, 1) and keeps it as a component', async () => {
    const id = await saveModel(store, config, initParameters(config, 5, 0.5), 0);
    const rm = await loadRewardModel(store, id, runner);
    expect(rm.checkpoint).toBe(id);
    const samples = ['aab', 'bbbbbbbb', '', 'abababab'].map((response) => ({ prompt: PROMPT, response }));
    const raw = await rewardModelRewards(rm, samples);
    const squashed = await rewardModelRewards(rm, samples, { normalise: 'sigmoid' });
    squashed.forEach((r, i) => {
      expect(r.components).toEqual({ raw: raw[i].score });
      expect(r.score).toBe(1 / (1 + Math.exp(-raw[i].score)));
      expect(r.score).toBeGreaterThan(0);
      expect(r.score).toBeLessThan(1);
      expect(r.reason).toMatch(new RegExp(`^reward model ${id.slice(0, 12)}: sigmoid\\(r = -?\\d+\\.\\d{4}\\) = 0\\.\\d{4}$`));
    });
    expect(new Set(raw.map((r) => r.score)).size).toBe(samples.length);
    await expect(rewardModelRewards(rm, samples, { normalise: 'tanh' as never })).rejects.toThrow(/normalise must be none or sigmoid, got "tanh"/);
    await expect(rewardModelRewards(rm, [{ prompt: PROMPT, response: 'a'.repeat(14) }])).rejects.toThrow(/row 0 has 17 tokens, the model's maxSeqLen is 16/);
  });

  test('refuses a checkpoint without a score head, naming it', async () => {
    const { scalarHead: _, ...plain } = config;
    for (const [model, has] of [[plain, 'no scalar head'], [{ ...config, scalarHead: 'value' as const }, 'scalarHead "value"']] as const) {
      const id = await saveModel(store, model, initParameters(model, 1), 0);
      await expect(loadRewardModel(store, id, runner)).rejects.toThrow(`reward model: checkpoint ${id} has ${has}; a reward model needs scalarHead "score"`);
    }
  });
});

describe('the rewardModel term in a run config', () => {
  const base = { dataset: { builder: 'math' }, steps: 1 };

  test('needs reward.rewardModel, whose normalise defaults to none', () => {
    expect(() => parseRunConfig({ ...base, reward: { terms: [{ reward: 'rewardModel' }] } }, 'run.yaml')).toThrow(/run.yaml: reward.rewardModel: a rewardModel term needs reward.rewardModel \(checkpoint\)/);
    expect(() => parseRunConfig({ ...base, reward: { terms: [{ reward: 'rewardModel' }], rewardModel: { checkpoint: '0123abcd', normalise: 'tanh' } } })).toThrow(/reward.rewardModel.normalise/);
    const config = parseRunConfig({ ...base, reward: { terms: [{ reward: 'correct' }, { reward: 'rewardModel', weight: 0.5 }], rewardModel: { checkpoint: '0123abcd' } } });
    expect(config.reward.rewardModel).toEqual({ checkpoint: '0123abcd', normalise: 'none' });
  });
});
